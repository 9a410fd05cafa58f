/**
 * Warm-up checks: small checks run between real ones so that the first real
 * check does not pay for lazily created functions, a first parse and the JIT.
 * Shared by the node worker (worker-entry.ts) and the practice Web Worker
 * (components/practice/worker.ts), which bring their own CAS and inputs.
 * Imports nothing but the core, so the browser worker stays without nerdamer.
 */
import { type CoreHooks, checkSync } from './core';
import type { CheckInput, VariableDecl, VerifyOptions } from './types';

/** `[prev, next]` pairs as equality checks with the given declarations and options. */
export function warmUpChecks(
  pairs: ReadonlyArray<readonly [string, string]>,
  variables: readonly VariableDecl[],
  options: Partial<VerifyOptions>,
): CheckInput[] {
  return pairs.map(([prev, next]) => ({ prev, next, relation: { kind: 'equal' }, variables, options }));
}

/**
 * Run one check per task given to `schedule`, so a real request waits for at
 * most one of them. Stops early when `busy()` says a real request came in;
 * `onDone` runs once every check has run. Best effort: a failing warm-up
 * check is ignored (a real check reports its own errors).
 */
export function warmUp(
  inputs: readonly CheckInput[],
  hooks: () => CoreHooks,
  schedule: (f: () => void) => void,
  { busy = () => false, onDone }: { busy?: () => boolean; onDone?: () => void } = {},
): void {
  let i = 0;
  const next = () => {
    if (busy()) return;
    const input = inputs[i++];
    if (!input) {
      onDone?.();
      return;
    }
    try {
      checkSync(input, undefined, hooks());
    } catch {
      // Best effort.
    }
    schedule(next);
  };
  schedule(next);
}
