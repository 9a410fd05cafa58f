/**
 * The page side of the practice worker. Two lanes, each its own worker: one
 * for previews (parsing is bounded by the input limits, so it stays fast while
 * a long check runs) and one for checks. A check past its time limit is
 * cancelled by terminating the worker and starting a fresh one; the line
 * reads "unproven: timed out". Requests for lines that have since been edited
 * are dropped before they run (AbortSignal), and their late answers ignored.
 */
import type { CheckInput, CheckResult } from '../../src/verify/types';
import type { Preview, WorkerRequest, WorkerResponse } from './protocol';

export interface Checked {
  result: CheckResult;
  /** describeResult(result), computed in the worker. */
  text: string;
}

type Payload = { kind: 'check'; input: CheckInput } | { kind: 'preview'; text: string };

interface Job {
  id: number;
  payload: Payload;
  signal: AbortSignal | undefined;
  resolve: (m: WorkerResponse | null) => void;
}

/** Makes a worker; tests pass a fake. */
export type SpawnWorker = () => Worker;

function spawnWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'derivable-check' });
}

class Lane {
  private worker: Worker | undefined;
  private queue: Job[] = [];
  private current: { job: Job; timer: ReturnType<typeof setTimeout>; started: number } | undefined;
  /** Times the worker was replaced after a timeout or crash. */
  restarts = 0;
  /** performance.now() when the first worker of this lane had loaded the engine. */
  loadedAt: number | undefined;
  private ready = false;

  constructor(
    private readonly limitMs: number,
    private readonly spawn: SpawnWorker,
  ) {}

  submit(job: Job): void {
    this.queue.push(job);
    job.signal?.addEventListener('abort', () => {
      const i = this.queue.indexOf(job);
      if (i >= 0) {
        this.queue.splice(i, 1);
        job.resolve(null);
      }
    });
    this.pump();
  }

  /** Start the worker (and the engine download) ahead of the first request. */
  warm(): void {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.spawn();
    this.ready = false;
    const loadTimer = setTimeout(() => fail('the checker did not start within 60 s'), LOAD_LIMIT_MS);
    const fail = (message: string) => {
      clearTimeout(loadTimer);
      if (this.worker !== w) return;
      w.terminate();
      this.worker = undefined;
      this.restarts++;
      const jobs = this.current ? [this.current.job, ...this.queue] : [...this.queue];
      if (this.current) clearTimeout(this.current.timer);
      this.current = undefined;
      this.queue = [];
      for (const j of jobs) j.resolve({ id: j.id, kind: 'crash', message });
    };
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      if (e.data.kind === 'ready') {
        clearTimeout(loadTimer);
        this.ready = true;
        this.loadedAt ??= performance.now();
        this.pump();
      } else this.finish(e.data.id, e.data);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      fail(`the checker failed: ${e.message || 'it could not be loaded'}`);
    };
    return (this.worker = w);
  }

  private pump(): void {
    if (this.current) return;
    let job: Job | undefined;
    while ((job = this.queue.shift()) && job.signal?.aborted) job.resolve(null);
    if (!job) return;
    const w = this.ensureWorker();
    if (!this.ready) {
      // Loading the engine is not part of a check's time: wait for the worker to say it is ready.
      this.queue.unshift(job);
      return;
    }
    const started = Date.now();
    const timer = setTimeout(() => {
      // The worker is stuck past the engine's own deadline: stop it for good.
      const reason = `timed out after ${this.limitMs} ms; the check was stopped`;
      this.finish(
        job.id,
        job.payload.kind === 'check'
          ? { id: job.id, kind: 'check', result: { status: 'unproven', reason, ms: Date.now() - started }, text: `unproven: ${reason}` }
          : { id: job.id, kind: 'preview', preview: { ok: false, message: `reading the line ${reason}` } },
        true,
      );
    }, this.limitMs + MARGIN_MS);
    this.current = { job, timer, started };
    const req: WorkerRequest =
      job.payload.kind === 'check'
        ? { id: job.id, kind: 'check', input: job.payload.input, deadline: Date.now() + this.limitMs }
        : { id: job.id, kind: 'preview', text: job.payload.text };
    w.postMessage(req);
  }

  private finish(id: number, msg: WorkerResponse, replaceWorker = false): void {
    const cur = this.current;
    if (!cur || cur.job.id !== id) return;
    clearTimeout(cur.timer);
    this.current = undefined;
    if (replaceWorker && this.worker) {
      this.worker.terminate();
      this.worker = undefined;
      this.restarts++;
    }
    cur.job.resolve(cur.job.signal?.aborted ? null : msg);
    this.pump();
  }
}

/** Extra time past DEFAULTS.timeLimitMs before the worker is terminated (the engine stops itself at the limit). */
export const MARGIN_MS = 750;
/** How long loading the worker (engine download and start) may take. */
const LOAD_LIMIT_MS = 60_000;

export class EngineClient {
  private nextId = 1;
  private readonly checks: Lane;
  private readonly previews: Lane;

  constructor(limitMs: number, spawn: SpawnWorker = spawnWorker) {
    this.checks = new Lane(limitMs, spawn);
    this.previews = new Lane(limitMs, spawn);
  }

  get restarts(): number {
    return this.checks.restarts + this.previews.restarts;
  }

  private warmed = false;

  private request(lane: Lane, payload: Payload, signal?: AbortSignal): Promise<WorkerResponse | null> {
    if (signal?.aborted) return Promise.resolve(null);
    if (!this.warmed) {
      // The first preview and the first check come a moment apart: load both workers at once.
      this.warmed = true;
      this.previews.warm();
      this.checks.warm();
    }
    return new Promise((resolve) => lane.submit({ id: this.nextId++, payload, signal, resolve }));
  }

  /** Resolves null when the request was aborted (the line changed). */
  async check(input: CheckInput, signal?: AbortSignal): Promise<Checked | null> {
    const m = await this.request(this.checks, { kind: 'check', input }, signal);
    if (!m) return null;
    if (m.kind === 'check') return { result: m.result, text: m.text };
    const message = m.kind === 'crash' ? m.message : 'unexpected answer from the checker';
    return { result: { status: 'error', message, ms: 0 }, text: `error: ${message}` };
  }

  async preview(text: string, signal?: AbortSignal): Promise<Preview | null> {
    const m = await this.request(this.previews, { kind: 'preview', text }, signal);
    if (!m) return null;
    if (m.kind === 'preview') return m.preview;
    return { ok: false, message: m.kind === 'crash' ? m.message : 'unexpected answer from the checker' };
  }
}
