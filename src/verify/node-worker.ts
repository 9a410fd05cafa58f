/**
 * Node runner for `check()`: a small pool of worker_threads running the sync
 * core. A check past its time limit gets its worker terminated and replaced,
 * so nothing can hang the caller. Node-only; the core never imports this.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import type { Verdict } from './core';
import type { CheckInput, CheckResult } from './types';
import type { WorkerResponse } from './worker-entry';

interface Job {
  id: number;
  input: CheckInput;
  limitMs: number;
  resolve: (r: CheckResult) => void;
  started?: number;
  partial?: Verdict;
  timer?: ReturnType<typeof setTimeout>;
}

/** Time for terminating a worker and reporting, on top of the check's own limit. */
const GRACE_MS = 150;

function workerSource(): URL {
  const here = import.meta.url;
  const main = new URL(`./node-worker-main${here.endsWith('.ts') ? '.ts' : '.js'}`, here);
  if (!here.endsWith('.ts')) return main;
  // Running from TypeScript sources (tsx, vitest): register tsx inside the worker first.
  const tsxApi = pathToFileURL(createRequire(fileURLToPath(here)).resolve('tsx/esm/api')).href;
  const code = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(main.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

class Slot {
  worker!: Worker;
  job: Job | undefined;
  ready: Promise<void> = Promise.resolve();
  constructor(private readonly pool: Pool) {
    this.spawn();
  }
  spawn(): void {
    const w = new Worker(workerSource());
    this.worker = w;
    this.ready = new Promise((resolve) => {
      const onReady = (m: { id: number }) => {
        if (m.id === -1) {
          w.off('message', onReady);
          resolve();
        }
      };
      w.on('message', onReady);
    });
    w.on('message', (m: WorkerResponse) => this.onMessage(m));
    w.on('error', (e: Error) => this.finish({ status: 'error', message: `engine worker failed: ${e.message}`, ms: 0 }, true));
    w.unref();
  }
  onMessage(m: WorkerResponse): void {
    const job = this.job;
    if (!job || m.id !== job.id) return;
    if (m.kind === 'partial') job.partial = m.verdict;
    else if (m.kind === 'done') this.finish(m.result, false);
    // A crash can leave library state behind (nerdamer's TIMEOUT clock kept every later call in the
    // same worker throwing): the crashed worker is replaced, never reused.
    else this.finish({ status: 'error', message: `engine crashed: ${m.message}`, ms: Date.now() - (job.started ?? Date.now()) }, true);
  }
  async run(job: Job): Promise<void> {
    this.job = job;
    this.worker.ref();
    await this.ready;
    if (this.job !== job) return;
    job.started = Date.now();
    // When the timer fires, let already-delivered messages run first (setImmediate comes after
    // the poll phase): a busy main thread must not turn a finished check into a timeout.
    job.timer = setTimeout(() => setImmediate(() => this.timeout(job)), job.limitMs + GRACE_MS);
    this.worker.postMessage({ id: job.id, input: job.input, deadline: job.started + job.limitMs });
  }
  timeout(job: Job): void {
    if (this.job !== job) return;
    const ms = Date.now() - job.started!;
    const p = job.partial;
    const result: CheckResult =
      p && p.status === 'verified'
        ? { ...p, evidence: { ...p.evidence, fellBackFrom: 'symbolic' }, ms }
        : { status: 'unproven', reason: `timed out after ${job.limitMs} ms`, ms };
    this.finish(result, true);
  }
  finish(result: CheckResult, replace: boolean): void {
    const job = this.job;
    this.job = undefined;
    if (job?.timer) clearTimeout(job.timer);
    if (replace) {
      void this.worker.terminate();
      this.spawn();
    }
    this.worker.unref();
    job?.resolve(result);
    this.pool.drain();
  }
}

class Pool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  constructor(private readonly size: number) {}
  submit(input: CheckInput, limitMs: number): Promise<CheckResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, input, limitMs, resolve });
      this.drain();
    });
  }
  drain(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) {
        slot = new Slot(this);
        this.slots.push(slot);
      }
      if (!slot) return;
      void slot.run(this.queue.shift()!);
    }
  }
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}

let pool: Pool | undefined;

export function runInNodeWorker(input: CheckInput, limitMs: number): Promise<CheckResult> {
  pool ??= new Pool(Math.max(1, Math.min(4, availableParallelism())));
  return pool.submit(input, limitMs);
}

/** Terminate the workers (tests, CLI). Idle workers never keep the process alive anyway. */
export async function closeNodeWorkers(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.close();
}
