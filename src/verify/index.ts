/**
 * Public entry of the verification engine. Everything else in src/verify is
 * internal. Pure TypeScript: runs at build time (node), in tests and in a
 * browser Web Worker (use `checkSync` there; `check`, with its worker pool, is node's).
 */
import { readLatex } from './cas/latex-default';
import { defaultCas } from './cas/nerdamer';
import { checkSync as coreCheckSync, simulationTimeout, startSimulation, type Verdict } from './core';
import { resolveOptions } from './defaults';
import { type ParseLimits, type ParseResult, parseLine as parseWith } from './parse';
import type { CheckInput, CheckResult, VerifyOptions } from './types';

export type * from './types';
export { DEFAULTS, resolveOptions, MIN_FINITE_POINTS } from './defaults';
export { describeResult } from './describe';
export type { ParseResult } from './parse';

/** Parse one line of math (LaTeX or ASCII). Errors name the position (1-based column) and what was expected. */
export function parseLine(text: string, limits?: ParseLimits): ParseResult {
  return parseWith(text, readLatex, limits);
}

/**
 * The sync core, for use inside a worker. `deadline` is an absolute
 * `Date.now()` time (default: now + timeLimitMs); it is honoured between
 * steps, and the CAS gets its own budget, but only `check` can stop a
 * computation that never yields.
 */
export function checkSync(input: CheckInput, deadline?: number): CheckResult {
  return coreCheckSync(input, deadline, { cas: defaultCas(), readLatex });
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/**
 * One check with a hard time limit: runs in a pool of workers (one per core)
 * where a worker past its limit is terminated and replaced; call it
 * concurrently to use every core. Simulations carry a JS function that cannot
 * cross a worker boundary, so they run here, in slices (bounded by their trial
 * count and `simulationLimitMs`, not by `timeLimitMs`).
 */
export async function check(input: CheckInput): Promise<CheckResult> {
  const opts = resolveOptions(input.options);
  if (input.relation.kind === 'simulation') {
    // One simulation at a time on this thread (they would only share it), so each `ms` is its own.
    const run = simulations.then(() => simulateInSlices(input, opts));
    simulations = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
  if (!isNode)
    // The site's pages check in their own Web Worker (components/practice/worker.ts, with `checkSync`).
    throw new Error('check() runs in node; in a browser, call checkSync inside a Web Worker (see components/practice/worker.ts)');
  const { runInNodeWorker } = await import('./node-worker');
  return runInNodeWorker(input, opts.timeLimitMs);
}

let simulations: Promise<void> = Promise.resolve();

const yieldToEventLoop = () =>
  new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * A simulation in the calling thread, in slices of about 10 ms, so that
 * checks running concurrently in workers keep being dispatched (and their
 * time limits measured) while it runs. Same trials, same seed, same verdict
 * as `checkSync`.
 */
async function simulateInSlices(input: CheckInput, opts: VerifyOptions): Promise<CheckResult> {
  const t0 = Date.now();
  const run = startSimulation(input, opts, readLatex);
  let v: Verdict;
  if ('status' in run) v = run;
  else {
    try {
      let slice = 1024;
      for (;;) {
        const s = Date.now();
        if (run.advance(slice)) break;
        // Aim for ~10 ms per slice whatever a trial costs.
        const spent = Date.now() - s;
        slice = spent < 5 ? slice * 2 : spent > 20 ? Math.max(256, slice >> 1) : slice;
        await yieldToEventLoop();
      }
      v = run.verdict();
    } catch (e) {
      v = simulationTimeout(e, opts);
    }
  }
  return { ...v, ms: Date.now() - t0 } as CheckResult;
}

/** Stop the engine's workers (node). Idle workers do not keep a process alive. */
export async function shutdown(): Promise<void> {
  if (!isNode) return;
  const { closeNodeWorkers } = await import('./node-worker');
  await closeNodeWorkers();
}
