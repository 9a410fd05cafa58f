/**
 * Browser runner for `check()`: one module Web Worker, terminated and
 * replaced on timeout (same protocol as the node worker).
 */
import type { CheckInput, CheckResult } from './types';
import type { WorkerResponse } from './worker-entry';

let worker: Worker | undefined;
let nextId = 1;
let chain: Promise<unknown> = Promise.resolve();

function spawn(): Worker {
  return new Worker(new URL('./browser-worker-main.ts', import.meta.url), { type: 'module' });
}

export function runInBrowserWorker(input: CheckInput, limitMs: number): Promise<CheckResult> {
  const job = chain.then(
    () =>
      new Promise<CheckResult>((resolve) => {
        const w = (worker ??= spawn());
        const id = nextId++;
        const started = Date.now();
        let partial: Extract<WorkerResponse, { kind: 'partial' }>['verdict'] | undefined;
        const timer = setTimeout(() => {
          w.terminate();
          worker = undefined;
          const ms = Date.now() - started;
          resolve(
            partial && partial.status === 'verified'
              ? { ...partial, evidence: { ...partial.evidence, fellBackFrom: 'symbolic' }, ms }
              : { status: 'unproven', reason: `timed out after ${limitMs} ms`, ms },
          );
        }, limitMs + 150);
        w.onmessage = (ev: MessageEvent<WorkerResponse>) => {
          const m = ev.data;
          if (m.id !== id) return;
          if (m.kind === 'partial') partial = m.verdict;
          else {
            clearTimeout(timer);
            resolve(m.kind === 'done' ? m.result : { status: 'error', message: m.message, ms: Date.now() - started });
          }
        };
        w.postMessage({ id, input, deadline: started + limitMs });
      }),
  );
  chain = job;
  return job;
}
