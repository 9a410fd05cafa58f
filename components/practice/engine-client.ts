/**
 * The page side of the practice worker. Two lanes, each its own worker (one
 * script, downloaded once): one for previews (parsing is bounded by the input
 * limits, so it stays fast while a long check runs) and one for checks. A
 * check past its time limit (counted from when the worker starts it) is
 * cancelled by terminating the worker and starting a fresh one, then tried
 * once more with four times the limit; only then does the line read
 * "unproven: timed out". Requests for
 * lines that have since been edited are dropped before they run
 * (AbortSignal), and their late answers ignored.
 *
 * Progressive verdicts: the worker starts without the CAS and the LaTeX
 * reader (worker.ts); a request that needs one is held back until the worker
 * has loaded it. A check is first run without the CAS; when the engine wanted the CAS only to turn
 * a numeric agreement into a proof, the caller gets that numeric verdict at
 * once (`onProvisional`) and the final one after the same check has run again
 * with the CAS. Those upgrades wait behind every new line's first check, so a
 * slow proof never delays the next verdict.
 */
import type { CheckInput, CheckResult } from '../../src/verify/types';
import type { Module, Preview, Stage, WorkerRequest, WorkerResponse } from './protocol';

export interface Checked {
  result: CheckResult;
  /** describeResult(result), computed in the worker. */
  text: string;
}

export interface CheckOptions {
  /**
   * Called with the numeric verdict when a proof is still being looked for
   * (never when the request was aborted, never after the final verdict).
   */
  onProvisional?: (c: Checked) => void;
  /**
   * Only the status and relation matter (matching a line to reference steps):
   * a provisional verdict is enough, since the CAS never changes either.
   */
  statusOnly?: boolean;
}

type Payload = { kind: 'check'; input: CheckInput; stage: Stage } | { kind: 'preview'; text: string; definitions?: string[] };

/** Dispatch order: new lines first, then requests that had to wait for a module, then proof upgrades. */
const Priority = { First: 0, Waited: 1, Upgrade: 2 } as const;
type Priority = (typeof Priority)[keyof typeof Priority];

interface Job {
  id: number;
  payload: Payload;
  priority: Priority;
  /** Modules the worker must have loaded before the job is sent. */
  requires: readonly Module[];
  signal: AbortSignal | undefined;
  resolve: (m: WorkerResponse | null) => void;
  /** This job's time limit when it is not the lane's (a second try after a timeout). */
  limitMs?: number | undefined;
}

/** Which lane a worker serves: it warms up for that work while it waits for the first request. */
export type Role = 'check' | 'preview';

/** Makes a worker; tests pass a fake. */
export type SpawnWorker = (role: Role) => Worker;

function spawnWorker(role: Role): Worker {
  // The name tells the worker its role (worker.ts reads self.name).
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `derivable-${role}` });
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
  /** The current worker's modules: not asked for, loading, loaded, or failed to load (with the message). */
  private modules: Record<Module, 'none' | 'loading' | 'ready' | { failed: string }> = { cas: 'none', latex: 'none' };

  constructor(
    private readonly limitMs: number,
    private readonly spawn: SpawnWorker,
    private readonly role: Role,
  ) {}

  submit(job: Job): void {
    // Stable: after every job of the same or a higher priority.
    let at = this.queue.length;
    while (at > 0 && this.queue[at - 1]!.priority > job.priority) at--;
    this.queue.splice(at, 0, job);
    job.signal?.addEventListener('abort', () => {
      const i = this.queue.indexOf(job);
      if (i >= 0) {
        this.queue.splice(i, 1);
        job.resolve(null);
      }
    });
    for (const m of job.requires) this.load(m);
    this.pump();
  }

  /** Start the worker (and the engine download) ahead of the first request. */
  warm(): void {
    this.ensureWorker();
  }

  /** Ask the worker to load a module in the background (once per worker). */
  load(module: Module): void {
    if (this.modules[module] !== 'none') return;
    const w = this.ensureWorker();
    this.modules[module] = 'loading';
    // Before the worker is ready, sent when it is (see onmessage).
    if (this.ready) w.postMessage({ id: 0, kind: 'load', module } satisfies WorkerRequest);
    setTimeout(() => {
      if (this.worker !== w || this.modules[module] !== 'loading') return;
      this.modules[module] = { failed: `it did not load within ${LOAD_LIMIT_MS / 1000} s` };
      this.pump();
    }, LOAD_LIMIT_MS);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.spawn(this.role);
    this.ready = false;
    this.modules = { cas: 'none', latex: 'none' };
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
      if (this.worker !== w) return;
      const m = e.data;
      if (m.kind === 'ready') {
        clearTimeout(loadTimer);
        this.ready = true;
        this.loadedAt ??= performance.now();
        for (const [module, state] of Object.entries(this.modules) as [Module, unknown][]) {
          if (state === 'loading') w.postMessage({ id: 0, kind: 'load', module } satisfies WorkerRequest);
        }
        this.pump();
      } else if (m.kind === 'loaded') {
        this.modules[m.module] = 'ready';
        this.pump();
      } else if (m.kind === 'load-failed') {
        this.modules[m.module] = { failed: m.message };
        this.pump();
      } else if (m.kind === 'started') this.onStarted(m.id);
      else this.finish(m.id, m);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      fail(`the checker failed: ${e.message || 'it could not be loaded'}`);
    };
    return (this.worker = w);
  }

  private missing(job: Job): Module[] {
    return job.requires.filter((m) => this.modules[m] !== 'ready');
  }

  private pump(): void {
    if (this.current) return;
    for (let i = 0; i < this.queue.length;) {
      const j = this.queue[i]!;
      if (j.signal?.aborted) {
        this.queue.splice(i, 1);
        j.resolve(null);
      } else i++;
    }
    if (this.queue.length === 0) return;
    const w = this.ensureWorker();
    // Loading the engine is not part of a check's time: wait for the worker to say it is ready.
    if (!this.ready) return;
    for (const j of [...this.queue]) {
      const failed = j.requires.map((m) => this.modules[m]).find((state) => typeof state === 'object');
      if (failed) {
        // A module that cannot load: the job ends here (a check's first verdict, if any, stands).
        this.queue.splice(this.queue.indexOf(j), 1);
        j.resolve({ id: j.id, kind: 'crash', message: `part of the checker could not be loaded (${failed.failed})` });
      }
      // A replaced worker loads them again.
      for (const m of j.requires) this.load(m);
    }
    // Jobs wait for their modules; the others go first.
    const job = this.queue.find((q) => this.missing(q).length === 0);
    if (!job) return;
    this.queue.splice(this.queue.indexOf(job), 1);
    this.current = {
      job,
      timer: this.stopAfter(job, START_LIMIT_MS, 'the checker was busy for 60 s and did not start it'),
      started: Date.now(),
    };
    const req: WorkerRequest =
      job.payload.kind === 'check'
        ? { id: job.id, kind: 'check', input: job.payload.input, limitMs: job.limitMs ?? this.limitMs, stage: job.payload.stage }
        : job.payload.definitions
          ? { id: job.id, kind: 'preview', text: job.payload.text, definitions: job.payload.definitions }
          : { id: job.id, kind: 'preview', text: job.payload.text };
    w.postMessage(req);
  }

  /**
   * The worker took the current job off its queue: from now on it has the engine's time limit
   * (the time it spent loading a module or warming up before this is not the check's).
   */
  private onStarted(id: number): void {
    const cur = this.current;
    if (!cur || cur.job.id !== id) return;
    clearTimeout(cur.timer);
    cur.started = Date.now();
    const limit = cur.job.limitMs ?? this.limitMs;
    cur.timer = this.stopAfter(cur.job, limit + MARGIN_MS, `timed out after ${limit} ms; the check was stopped`);
  }

  /** After `ms`, answer the job as stopped and replace the worker (it is stuck). */
  private stopAfter(job: Job, ms: number, reason: string): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      const started = this.current?.started ?? Date.now();
      this.finish(
        job.id,
        job.priority === Priority.Upgrade
          ? { id: job.id, kind: 'crash', message: `the symbolic check ${reason}` }
          : job.payload.kind === 'check'
            ? {
                id: job.id,
                kind: 'check',
                result: { status: 'unproven', reason, ms: Date.now() - started },
                text: `unproven: ${reason}`,
                final: true,
              }
            : { id: job.id, kind: 'preview', preview: { ok: false, message: `reading the line ${reason}` } },
        true,
      );
    }, ms);
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

/** A check that timed out is tried once more with this many times the limit. */
export const RETRY_FACTOR = 4;
/** Extra time past DEFAULTS.timeLimitMs before the worker is terminated (the engine stops itself at the limit). */
export const MARGIN_MS = 750;
/**
 * How long a sent request may wait for the worker to start it (it finishes loading or warming up
 * a module first) before the worker is taken to be stuck and replaced.
 */
const START_LIMIT_MS = 60_000;
/** How long loading the worker (engine download and start) may take. */
const LOAD_LIMIT_MS = 60_000;

export class EngineClient {
  private nextId = 1;
  private readonly checks: Lane;
  private readonly previews: Lane;

  constructor(
    private readonly limitMs: number,
    spawn: SpawnWorker = spawnWorker,
  ) {
    this.checks = new Lane(limitMs, spawn, 'check');
    this.previews = new Lane(limitMs, spawn, 'preview');
  }

  get restarts(): number {
    return this.checks.restarts + this.previews.restarts;
  }

  private warmed = false;

  /**
   * Start both workers (one script, so one download) before the first line is
   * typed: the scratchpad at once, practice mode when it opens.
   */
  warm(): void {
    if (this.warmed) return;
    this.warmed = true;
    this.previews.warm();
    this.checks.warm();
  }

  /**
   * One request, sent again each time the worker answers that it `needs` a
   * module (then only once the module has loaded; a check needing the CAS at
   * stage `full`). `requires` collects them, for a later request of the same line.
   */
  private async request(
    lane: Lane,
    payload: Payload,
    priority: Priority,
    requires: Module[],
    signal?: AbortSignal,
  ): Promise<WorkerResponse | null> {
    this.warm();
    let limitMs: number | undefined;
    for (;;) {
      if (signal?.aborted) return null;
      const m = await new Promise<WorkerResponse | null>((resolve) =>
        lane.submit({ id: this.nextId++, payload, priority, requires: [...requires], signal, resolve, limitMs }),
      );
      // A busy device (a phone, a machine running other work) can push a check past its limit: one
      // more try with four times the time before the line says "timed out".
      if (m?.kind === 'check' && m.result.status === 'unproven' && /^timed out/.test(m.result.reason) && limitMs === undefined) {
        limitMs = this.limitMs * RETRY_FACTOR;
        continue;
      }
      if (m?.kind !== 'needs' || requires.includes(m.module)) return m;
      requires.push(m.module);
      if (m.module === 'cas' && payload.kind === 'check') payload = { ...payload, stage: 'full' };
      if (priority === Priority.First) priority = Priority.Waited;
    }
  }

  /** The final verdict; null when the request was aborted (the line changed). */
  async check(input: CheckInput, signal?: AbortSignal, options: CheckOptions = {}): Promise<Checked | null> {
    const requires: Module[] = [];
    let m = await this.request(this.checks, { kind: 'check', input, stage: 'first' }, Priority.First, requires, signal);
    if (!m) return null;
    // After the first verdict, load the CAS in the background for the upgrades to come.
    this.checks.load('cas');
    let provisional: Checked | undefined;
    if (m.kind === 'check' && !m.final) {
      provisional = { result: m.result, text: m.text };
      if (options.statusOnly) return provisional;
      options.onProvisional?.(provisional);
      m = await this.request(this.checks, { kind: 'check', input, stage: 'full' }, Priority.Upgrade, [...requires, 'cas'], signal);
      if (!m) return null;
    }
    if (m.kind === 'check') return { result: m.result, text: m.text };
    const message = m.kind === 'crash' ? m.message : 'unexpected answer from the checker';
    // The numeric evidence stands when only the proof failed.
    if (provisional) return provisional;
    return { result: { status: 'error', message, ms: 0 }, text: `error: ${message}` };
  }

  async preview(text: string, signal?: AbortSignal, definitions: string[] = []): Promise<Preview | null> {
    const req = definitions.length ? { kind: 'preview' as const, text, definitions } : { kind: 'preview' as const, text };
    const m = await this.request(this.previews, req, Priority.First, [], signal);
    if (!m) return null;
    if (m.kind === 'preview') return m.preview;
    return { ok: false, message: m.kind === 'crash' ? m.message : 'unexpected answer from the checker' };
  }
}
