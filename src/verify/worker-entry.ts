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
