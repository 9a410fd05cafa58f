/**
 * The message protocol shared by the node worker and a browser Web Worker.
 * Environment-free: the caller wires `post` to parentPort or self.
 */
import { checkSync, type Verdict } from './core';
import type { CheckInput, CheckResult } from './types';

export type WorkerRequest = { id: number; input: CheckInput; deadline: number };
export type WorkerResponse =
  | { id: number; kind: 'partial'; verdict: Verdict }
  | { id: number; kind: 'done'; result: CheckResult }
  | { id: number; kind: 'crash'; message: string };

export function handleRequest(req: WorkerRequest, post: (m: WorkerResponse) => void): void {
  try {
    const result = checkSync(req.input, req.deadline, {
      onPartial: (verdict) => post({ id: req.id, kind: 'partial', verdict }),
    });
    post({ id: req.id, kind: 'done', result });
  } catch (e) {
    post({ id: req.id, kind: 'crash', message: (e as Error)?.stack ?? String(e) });
  }
}

/**
 * Run a few small checks so that the first real one does not pay for lazily
 * created mathjs functions, nerdamer's first parse and the JIT (about a second
 * on a cold worker). The node pool calls it before it reports the worker ready,
 * so this time never counts against a check's time limit.
 */
export function warmUp(): void {
  const lines: Array<[string, string]> = [
    ['(x+1)^2', 'x^2+2x+1'],
    ['sin(x)^2', '1-cos(x)^2'],
    ['log(exp(x)*sqrt(y))', 'x + log(y)/2'],
    ['\\frac{1}{2}\\tan(x)', 'tan(x)/2'],
    ['atan(x)', 'atan(x)'],
  ];
  for (const [prev, next] of lines) {
    try {
      checkSync({ prev, next, relation: { kind: 'equal' }, variables: [{ name: 'y', assumptions: ['positive'] }], options: { samples: 5 } });
    } catch {
      // Warming up is best effort; a real check reports its own errors.
    }
  }
}
