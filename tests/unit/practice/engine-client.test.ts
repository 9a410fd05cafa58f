import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { EngineClient, MARGIN_MS } from '../../../components/practice/engine-client';
import type { WorkerRequest, WorkerResponse } from '../../../components/practice/protocol';

/** A worker that answers previews at once and checks only when told to (or never). */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  received: WorkerRequest[] = [];
  constructor() {
    FakeWorker.all.push(this);
    queueMicrotask(() => this.reply({ id: 0, kind: 'ready' }));
  }
  postMessage(req: WorkerRequest): void {
    this.received.push(req);
    if (req.kind === 'preview') this.reply({ id: req.id, kind: 'preview', preview: { ok: true, tex: req.text, latex: false, equation: false, ascii: req.text } });
  }
  answer(req: WorkerRequest): void {
    this.reply({ id: req.id, kind: 'check', result: { status: 'verified', method: 'symbolic', evidence: {}, ms: 1 }, text: 'verified symbolically' });
  }
  reply(m: WorkerResponse): void {
    if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<WorkerResponse>);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const LIMIT = 1000;
const spawn = () => new FakeWorker() as unknown as Worker;
const input = { prev: 'x', next: 'x', relation: { kind: 'equal' } as const };
const checkWorkers = () => FakeWorker.all.filter((w) => w.received.some((r) => r.kind === 'check'));

describe('EngineClient', () => {
  beforeEach(() => {
    FakeWorker.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  test('a check past its time limit is reported unproven, its worker terminated and replaced', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const first = client.check(input);
    await vi.advanceTimersByTimeAsync(LIMIT + MARGIN_MS - 1);
    const stuck = checkWorkers()[0]!;
    expect(stuck.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    const r = await first;
    expect(r?.result.status).toBe('unproven');
    expect(r?.result.status === 'unproven' && r.result.reason).toMatch(/timed out after 1000 ms/);
    expect(stuck.terminated).toBe(true);
    expect(client.restarts).toBe(1);

    const second = client.check(input);
    await vi.advanceTimersByTimeAsync(0);
    const fresh = checkWorkers().find((w) => w !== stuck)!;
    expect(fresh.terminated).toBe(false);
    fresh.answer(fresh.received.find((q) => q.kind === 'check')!);
    expect((await second)?.result.status).toBe('verified');
  });

  test('a request aborted while queued never runs; one aborted in flight has its answer dropped', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const a = new AbortController();
    const b = new AbortController();
    const inFlight = client.check(input, a.signal);
    const queued = client.check({ ...input, next: 'y' }, b.signal);
    await vi.advanceTimersByTimeAsync(0);
    b.abort();
    a.abort();
    const w = checkWorkers()[0]!;
    w.answer(w.received.find((q) => q.kind === 'check')!);
    expect(await inFlight).toBeNull();
    expect(await queued).toBeNull();
    expect(w.received.filter((q) => q.kind === 'check')).toHaveLength(1);
  });

  test('previews do not wait behind a slow check', async () => {
    const client = new EngineClient(LIMIT, spawn);
    void client.check(input);
    const p = client.preview('x^2');
    await vi.advanceTimersByTimeAsync(0);
    expect(await p).toEqual({ ok: true, tex: 'x^2', latex: false, equation: false, ascii: 'x^2' });
  });
});
