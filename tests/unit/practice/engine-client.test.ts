import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { EngineClient, MARGIN_MS, RETRY_FACTOR, type Checked } from '../../../components/practice/engine-client';
import type { WorkerRequest, WorkerResponse } from '../../../components/practice/protocol';

/** A worker that answers previews at once and checks only when told to (or never). */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  latex = false;
  received: WorkerRequest[] = [];
  constructor() {
    FakeWorker.all.push(this);
    queueMicrotask(() => this.reply({ id: 0, kind: 'ready' }));
  }
  /** When set, the worker is busy (loading a module) and starts nothing until `unbusy()`. */
  busy = false;
  private waiting: WorkerRequest[] = [];
  postMessage(req: WorkerRequest): void {
    this.received.push(req);
    if (req.kind !== 'load') {
      if (this.busy) this.waiting.push(req);
      else this.reply({ id: req.id, kind: 'started' });
    }
    if (req.kind === 'load' && req.module === 'latex') this.latex = true;
    // A LaTeX line needs compute-engine, which this worker "loads" at once when asked.
    if (req.kind === 'preview' && req.text.startsWith('\\') && !this.latex) this.reply({ id: req.id, kind: 'needs', module: 'latex' });
    else if (req.kind === 'preview')
      this.reply({ id: req.id, kind: 'preview', preview: { ok: true, tex: req.text, latex: false, equation: false, ascii: req.text } });
    if (req.kind === 'load' && req.module === 'latex') queueMicrotask(() => this.reply({ id: 0, kind: 'loaded', module: 'latex' }));
  }
  answer(req: WorkerRequest): void {
    this.reply({
      id: req.id,
      kind: 'check',
      result: { status: 'verified', method: 'symbolic', evidence: {}, ms: 1 },
      text: 'verified symbolically',
      final: true,
    });
  }
  /** A numeric agreement the CAS was asked to prove: not final. */
  answerNumeric(req: WorkerRequest): void {
    this.reply({
      id: req.id,
      kind: 'check',
      result: { status: 'verified', method: 'numeric', evidence: { points: 40 }, ms: 1 },
      text: 'checked at 40 random points',
      final: false,
    });
  }
  checks(stage?: 'first' | 'full'): Extract<WorkerRequest, { kind: 'check' }>[] {
    return this.received.filter((r): r is Extract<WorkerRequest, { kind: 'check' }> => r.kind === 'check' && (!stage || r.stage === stage));
  }
  loads(module: string): number {
    return this.received.filter((r) => r.kind === 'load' && r.module === module).length;
  }
  unbusy(): void {
    this.busy = false;
    for (const r of this.waiting.splice(0)) this.reply({ id: r.id, kind: 'started' });
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

/** Fresh fake workers and fake timers for each test of the enclosing block. */
function withFakeTimers(): void {
  beforeEach(() => {
    FakeWorker.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());
}

describe('EngineClient', () => {
  withFakeTimers();

  test('a check past its time limit is tried once more with four times the time, then reported unproven; each stuck worker is replaced', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const first = client.check(input);
    await vi.advanceTimersByTimeAsync(LIMIT + MARGIN_MS - 1);
    const stuck = checkWorkers()[0]!;
    expect(stuck.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(stuck.terminated).toBe(true);
    expect(client.restarts).toBe(1);
    // The second try, on a fresh worker, with the longer limit.
    const retry = checkWorkers().find((w) => w !== stuck)!;
    expect(retry.checks()[0]!.limitMs).toBe(RETRY_FACTOR * LIMIT);
    await vi.advanceTimersByTimeAsync(RETRY_FACTOR * LIMIT + MARGIN_MS - 10);
    expect(retry.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    const r = await first;
    expect(r?.result.status).toBe('unproven');
    expect(r?.result.status === 'unproven' && r.result.reason).toMatch(/timed out after 4000 ms/);
    expect(retry.terminated).toBe(true);
    expect(client.restarts).toBe(2);

    const second = client.check(input);
    await vi.advanceTimersByTimeAsync(0);
    const fresh = checkWorkers().find((w) => w !== stuck && w !== retry)!;
    expect(fresh.terminated).toBe(false);
    fresh.answer(fresh.received.find((q) => q.kind === 'check')!);
    expect((await second)?.result.status).toBe('verified');
  });

  test('each lane spawns its worker with its role, so a worker warms up for its own work; a replaced one keeps it', async () => {
    const roles: string[] = [];
    const client = new EngineClient(LIMIT, (role) => {
      roles.push(role);
      return spawn();
    });
    client.warm();
    expect(roles).toEqual(['preview', 'check']);
    const pending = client.check(input);
    await vi.advanceTimersByTimeAsync(LIMIT + MARGIN_MS + 1);
    expect(roles).toEqual(['preview', 'check', 'check']);
    const retry = checkWorkers()[1]!;
    retry.answer(retry.checks()[0]!);
    await pending;
  });

  test('a check that timed out once and then answers in its second try gets that answer', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const pending = client.check(input);
    await vi.advanceTimersByTimeAsync(LIMIT + MARGIN_MS + 1);
    const retry = checkWorkers()[1]!;
    retry.answer(retry.checks()[0]!);
    expect((await pending)?.result.status).toBe('verified');
  });

  test('the time limit counts from when the worker starts the check, not while it is busy loading a module', async () => {
    const client = new EngineClient(LIMIT, spawn);
    client.warm();
    await vi.advanceTimersByTimeAsync(0);
    const w = FakeWorker.all[1]!; // the checks lane (previews warm first)
    w.busy = true;
    const pending = client.check(input);
    // Far past the limit while the worker is still loading: it is waiting, not stuck.
    await vi.advanceTimersByTimeAsync(10 * (LIMIT + MARGIN_MS));
    expect(w.terminated).toBe(false);
    expect(w.checks()).toHaveLength(1);
    w.unbusy();
    await vi.advanceTimersByTimeAsync(LIMIT + MARGIN_MS - 1);
    expect(w.terminated).toBe(false);
    w.answer(w.checks()[0]!);
    expect((await pending)?.result.status).toBe('verified');
    expect(client.restarts).toBe(0);
  });

  test('a worker that never starts a sent check is replaced after a minute, and the line says why', async () => {
    const client = new EngineClient(LIMIT, spawn);
    client.warm();
    await vi.advanceTimersByTimeAsync(0);
    const w = FakeWorker.all[1]!;
    w.busy = true;
    const pending = client.check(input);
    await vi.advanceTimersByTimeAsync(60_000);
    const r = await pending;
    expect(r?.result.status === 'unproven' && r.result.reason).toMatch(/busy for 60 s/);
    expect(w.terminated).toBe(true);
    expect(client.restarts).toBe(1);
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

describe('EngineClient: progressive verdicts', () => {
  withFakeTimers();

  test('the numeric verdict comes first; the same check runs again with the CAS once it has loaded, and its verdict is final', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const shown: Checked[] = [];
    const done = client.check(input, undefined, { onProvisional: (c) => shown.push(c) });
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    w.answerNumeric(w.checks('first')[0]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.map((c) => c.text)).toEqual(['checked at 40 random points']);
    // No full check before the worker says the CAS is there; the page asked for it.
    expect(w.loads('cas')).toBe(1);
    expect(w.checks('full')).toHaveLength(0);
    w.reply({ id: 0, kind: 'loaded', module: 'cas' });
    await vi.advanceTimersByTimeAsync(0);
    const full = w.checks('full');
    expect(full).toHaveLength(1);
    expect(full[0]!.input).toEqual(input);
    w.answer(full[0]!);
    expect((await done)?.text).toBe('verified symbolically');
    expect(shown).toHaveLength(1);
  });

  test("new lines' first checks go before earlier lines' proof upgrades", async () => {
    const client = new EngineClient(LIMIT, spawn);
    const c = client.check({ ...input, next: 'c' });
    const d = client.check({ ...input, next: 'd' });
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    w.reply({ id: 0, kind: 'loaded', module: 'cas' });
    const order = () => w.checks().map((r) => `${r.input.next}:${r.stage}`);
    w.answerNumeric(w.checks().at(-1)!); // c: a proof is wanted, but d's first check is waiting
    await vi.advanceTimersByTimeAsync(0);
    const e = client.check({ ...input, next: 'e' }); // typed while d is being checked
    w.answerNumeric(w.checks().at(-1)!);
    await vi.advanceTimersByTimeAsync(0);
    w.answer(w.checks().at(-1)!);
    await vi.advanceTimersByTimeAsync(0);
    w.answer(w.checks().at(-1)!);
    await vi.advanceTimersByTimeAsync(0);
    w.answer(w.checks().at(-1)!);
    expect(order()).toEqual(['c:first', 'd:first', 'e:first', 'c:full', 'd:full']);
    expect((await Promise.all([c, d, e])).map((x) => x?.text)).toEqual(Array(3).fill('verified symbolically'));
  });

  test('an edited line never gets the old verdict: no provisional after the edit, no upgrade sent, the answer dropped', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const edit = new AbortController();
    const shown: Checked[] = [];
    const done = client.check(input, edit.signal, { onProvisional: (c) => shown.push(c) });
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    edit.abort();
    w.answerNumeric(w.checks('first')[0]!);
    w.reply({ id: 0, kind: 'loaded', module: 'cas' });
    await vi.advanceTimersByTimeAsync(0);
    expect(await done).toBeNull();
    expect(shown).toEqual([]);
    expect(w.checks('full')).toHaveLength(0);

    // Edited while the upgrade is queued or running: the final answer is dropped too.
    const edit2 = new AbortController();
    const done2 = client.check(input, edit2.signal, { onProvisional: (c) => shown.push(c) });
    await vi.advanceTimersByTimeAsync(0);
    w.answerNumeric(w.checks('first').at(-1)!);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toHaveLength(1);
    const upgrade = w.checks('full').at(-1)!;
    edit2.abort();
    w.answer(upgrade);
    expect(await done2).toBeNull();
  });

  test('a check that needs the CAS for its evidence is sent again once it has loaded', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const shown: Checked[] = [];
    const done = client.check(input, undefined, { onProvisional: (c) => shown.push(c) });
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    w.reply({ id: w.checks('first')[0]!.id, kind: 'needs', module: 'cas' });
    await vi.advanceTimersByTimeAsync(0);
    expect(w.checks('full')).toHaveLength(0);
    w.reply({ id: 0, kind: 'loaded', module: 'cas' });
    await vi.advanceTimersByTimeAsync(0);
    w.answer(w.checks('full')[0]!);
    expect((await done)?.text).toBe('verified symbolically');
    expect(shown).toEqual([]);
  });

  test('matching a line to reference steps takes the numeric verdict and asks for no proof', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const done = client.check(input, undefined, { statusOnly: true });
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    w.reply({ id: 0, kind: 'loaded', module: 'cas' });
    w.answerNumeric(w.checks('first')[0]!);
    expect((await done)?.result).toMatchObject({ status: 'verified', method: 'numeric' });
    await vi.advanceTimersByTimeAsync(0);
    expect(w.checks('full')).toHaveLength(0);
  });

  test('when the CAS cannot load, the numeric verdict stands as the final one', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const done = client.check(input);
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    w.answerNumeric(w.checks('first')[0]!);
    w.reply({ id: 0, kind: 'load-failed', module: 'cas', message: 'network error' });
    expect((await done)?.result).toMatchObject({ status: 'verified', method: 'numeric' });
    expect(w.checks('full')).toHaveLength(0);
  });

  test('a stuck proof upgrade is stopped at the time limit; the numeric verdict stands, the next worker loads the CAS again', async () => {
    const client = new EngineClient(LIMIT, spawn);
    const done = client.check(input);
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    w.reply({ id: 0, kind: 'loaded', module: 'cas' });
    w.answerNumeric(w.checks('first')[0]!);
    await vi.advanceTimersByTimeAsync(LIMIT + MARGIN_MS + 1);
    expect(w.terminated).toBe(true);
    expect((await done)?.result).toMatchObject({ status: 'verified', method: 'numeric' });
    const next = client.check({ ...input, next: 'y' });
    await vi.advanceTimersByTimeAsync(0);
    const fresh = checkWorkers().find((x) => x !== w)!;
    fresh.answerNumeric(fresh.checks('first')[0]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(fresh.loads('cas')).toBe(1);
    fresh.reply({ id: 0, kind: 'loaded', module: 'cas' });
    await vi.advanceTimersByTimeAsync(0);
    fresh.answer(fresh.checks('full')[0]!);
    expect((await next)?.text).toBe('verified symbolically');
  });
});

test('a LaTeX line waits for the LaTeX reader, which only such a line loads', async () => {
  FakeWorker.all = [];
  const client = new EngineClient(LIMIT, spawn);
  expect(await client.preview('x^2')).toMatchObject({ ok: true });
  const w = FakeWorker.all.find((x) => x.received.some((r) => r.kind === 'preview'))!;
  expect(w.loads('latex')).toBe(0);
  expect(await client.preview('\\frac{x}{2}')).toMatchObject({ ok: true, tex: '\\frac{x}{2}' });
  expect(w.loads('latex')).toBe(1);
  expect(w.received.filter((r) => r.kind === 'preview').map((r) => (r as { text: string }).text)).toEqual([
    'x^2',
    '\\frac{x}{2}',
    '\\frac{x}{2}',
  ]);
});

test('a module that never loads ends the requests waiting for it after the load limit, with a message', async () => {
  FakeWorker.all = [];
  vi.useFakeTimers();
  try {
    const client = new EngineClient(LIMIT, spawn);
    const done = client.check(input);
    await vi.advanceTimersByTimeAsync(0);
    const w = checkWorkers()[0]!;
    w.reply({ id: w.checks('first')[0]!.id, kind: 'needs', module: 'cas' });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(w.checks('full')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await done)?.result).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/could not be loaded \(it did not load within 60 s\)/),
    });
  } finally {
    vi.useRealTimers();
  }
});
