/**
 * The message protocol shared by the node worker and a browser Web Worker.
 * Environment-free: the caller wires `post` to parentPort or self.
 */
import { readLatex } from './cas/latex-default';
import { defaultCas } from './cas/nerdamer';
import { checkSync, type Verdict } from './core';
import type { CheckInput, CheckResult } from './types';
import { warmUp, warmUpChecks } from './warm-up';

export type WorkerRequest = { id: number; input: CheckInput; deadline: number };
export type WorkerResponse =
  | { id: number; kind: 'partial'; verdict: Verdict }
  | { id: number; kind: 'done'; result: CheckResult }
  | { id: number; kind: 'crash'; message: string };

export function handleRequest(req: WorkerRequest, post: (m: WorkerResponse) => void): void {
  try {
    const result = checkSync(req.input, req.deadline, {
      cas: defaultCas(),
      readLatex,
      onPartial: (verdict) => post({ id: req.id, kind: 'partial', verdict }),
    });
    post({ id: req.id, kind: 'done', result });
  } catch (e) {
    post({ id: req.id, kind: 'crash', message: (e as Error)?.stack ?? String(e) });
  }
}

/**
 * Small checks that make the first real one cheaper: lazily created mathjs
 * functions, nerdamer's first parse and the JIT cost about a second on a cold
 * worker. Run one per macrotask after the worker is ready (`warmUpInIdleTime`),
 * so a real request waits for at most one of them.
 */
const WARM_UP = warmUpChecks(
  [
    ['(x+1)^2', 'x^2+2x+1'],
    ['sin(x)^2', '1-cos(x)^2'],
    ['log(exp(x)*sqrt(y))', 'x + log(y)/2'],
    ['\\frac{1}{2}\\tan(x)', 'tan(x)/2'],
    ['atan(x)', 'atan(x)'],
  ],
  [{ name: 'y', assumptions: ['positive'] }],
  { samples: 5 },
);

/** Warm up one check per macrotask until done or until `busy()` says a real request came in. */
export function warmUpInIdleTime(busy: () => boolean, schedule: (f: () => void) => void): void {
  warmUp(WARM_UP, () => ({ cas: defaultCas(), readLatex }), schedule, { busy });
}
