/**
 * Public entry of the verification engine. Everything else in src/verify is
 * internal. Pure TypeScript: runs at build time (node), in tests and in a
 * browser Web Worker (use `checkSync` there, or `check` which spawns one).
 */
import { checkSync as coreCheckSync } from './core';
import { resolveOptions } from './defaults';
import type { CheckInput, CheckResult } from './types';

export type * from './types';
export { DEFAULTS, resolveOptions, MIN_FINITE_POINTS } from './defaults';
export { describeResult } from './describe';
export { parseLine, type ParseResult } from './parse';

/**
 * The sync core, for use inside a worker. `deadline` is an absolute
 * `Date.now()` time (default: now + timeLimitMs); it is honoured between
 * steps, and the CAS gets its own budget, but only `check` can stop a
 * computation that never yields.
 */
export function checkSync(input: CheckInput, deadline?: number): CheckResult {
  return coreCheckSync(input, deadline);
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/**
 * One check with a hard time limit: runs in a worker that is terminated and
 * replaced on timeout. Simulations carry a JS function that cannot cross a
 * worker boundary, so they run here (they are bounded loops with a deadline).
 */
export async function check(input: CheckInput): Promise<CheckResult> {
  const opts = resolveOptions(input.options);
  if (input.relation.kind === 'simulation') return coreCheckSync(input);
  if (isNode) {
    const { runInNodeWorker } = await import('./node-worker');
    return runInNodeWorker(input, opts.timeLimitMs);
  }
  const { runInBrowserWorker } = await import('./browser-worker');
  return runInBrowserWorker(input, opts.timeLimitMs);
}

/** Stop the engine's workers (node). Idle workers do not keep a process alive. */
export async function shutdown(): Promise<void> {
  if (!isNode) return;
  const { closeNodeWorkers } = await import('./node-worker');
  await closeNodeWorkers();
}
