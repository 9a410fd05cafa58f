import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, cachedCheck, cacheStats, scaledOptions, steadyCheck } from '../../../src/derivations/check-cache';
import { DEFAULTS } from '../../../src/verify/index';
import type { CheckInput, CheckResult } from '../../../src/verify/types';

const input: CheckInput = { prev: '(x+1)^2', next: 'x^2 + 2*x + 1', relation: { kind: 'equal' } };
const verified: CheckResult = { status: 'verified', method: 'symbolic', evidence: { points: 40 }, ms: 3 };
const fellBack: CheckResult = { status: 'verified', method: 'numeric', evidence: { points: 40, fellBackFrom: 'symbolic' }, ms: 40 };
const timedOut: CheckResult = { status: 'unproven', reason: 'timed out after 4000 ms', ms: 4000 };

/** A fake engine that answers from a list and records the options it was asked with. */
function fake(answers: CheckResult[]) {
  const seen: CheckInput[] = [];
  const run = async (i: CheckInput): Promise<CheckResult> => {
    seen.push(i);
    return answers[Math.min(seen.length - 1, answers.length - 1)]!;
  };
  return { run, seen };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dv-cache-'));
  process.env['DERIVABLE_VERIFY_CACHE'] = dir;
  Object.assign(cacheStats, { hits: 0, misses: 0, retried: 0 });
});
afterEach(() => {
  delete process.env['DERIVABLE_VERIFY_CACHE'];
});

const entries = () => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.json'));

describe('the verification cache', () => {
  it('answers an unchanged check from disk, and runs a changed one', async () => {
    const engine = fake([verified]);
    expect(await cachedCheck(input, engine.run)).toEqual(verified);
    expect(await cachedCheck(input, engine.run)).toEqual(verified);
    expect(engine.seen).toHaveLength(1);
    expect(cacheStats).toMatchObject({ hits: 1, misses: 1 });
    await cachedCheck({ ...input, next: 'x^2 + 2*x + 2' }, engine.run);
    expect(engine.seen).toHaveLength(2);
  });

  it('keys on both lines, the relation, variables, options and a trial function’s source', () => {
    const k = cacheKey(input);
    expect(cacheKey({ ...input })).toBe(k);
    expect(cacheKey({ ...input, prev: '(x+2)^2' })).not.toBe(k);
    expect(cacheKey({ ...input, relation: { kind: 'derivative', wrt: 'x' } })).not.toBe(k);
    expect(cacheKey({ ...input, variables: [{ name: 'x', assumptions: ['positive'] }] })).not.toBe(k);
    expect(cacheKey({ ...input, options: { samples: 7 } })).not.toBe(k);
    // Options equal to the defaults are the same check.
    expect(cacheKey({ ...input, options: { samples: DEFAULTS.samples } })).toBe(k);
    const sim = (trial: (r: () => number) => number): CheckInput => ({
      prev: '',
      next: '1/2',
      relation: { kind: 'simulation', trial, trials: 1000 },
    });
    expect(cacheKey(sim((r) => (r() < 0.5 ? 1 : 0)))).not.toBe(cacheKey(sim((r) => (r() < 0.25 ? 1 : 0))));
  });

  it('ignores a corrupt or mismatched entry and replaces it', async () => {
    const engine = fake([verified]);
    await cachedCheck(input, engine.run);
    const [file] = entries();
    writeFileSync(join(dir, String(file)), '{"key": "not this one", "result": {"status": "verified", "ms": 0}}');
    await cachedCheck(input, engine.run);
    expect(engine.seen).toHaveLength(2);
    writeFileSync(join(dir, String(file)), '{ half an entr');
    await cachedCheck(input, engine.run);
    expect(engine.seen).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(dir, String(file)), 'utf8')).result).toEqual(verified);
  });

  it('never trusts a timed-out verdict found on disk', async () => {
    const engine = fake([verified]);
    await cachedCheck(input, engine.run);
    const [file] = entries();
    writeFileSync(join(dir, String(file)), JSON.stringify({ key: cacheKey(input), result: timedOut }));
    expect(await cachedCheck(input, engine.run)).toEqual(verified);
    expect(engine.seen).toHaveLength(2);
  });

  it('never stores a timed-out verdict', async () => {
    const engine = fake([timedOut]);
    expect((await cachedCheck(input, engine.run)).status).toBe('unproven');
    expect(entries()).toHaveLength(0);
  });

  it('can be turned off', async () => {
    process.env['DERIVABLE_VERIFY_CACHE'] = 'off';
    const engine = fake([verified]);
    await cachedCheck(input, engine.run);
    await cachedCheck(input, engine.run);
    expect(engine.seen).toHaveLength(2);
  });
});

describe('steady checks', () => {
  it('re-runs a verdict a time budget decided, with budgets 4× then 16× larger', async () => {
    const engine = fake([timedOut, fellBack, verified]);
    expect(await steadyCheck(input, engine.run)).toEqual(verified);
    expect(engine.seen.map((i) => i.options?.timeLimitMs)).toEqual([undefined, DEFAULTS.timeLimitMs * 4, DEFAULTS.timeLimitMs * 16]);
    expect(engine.seen[2]!.options?.symbolicLimitMs).toBe(DEFAULTS.symbolicLimitMs * 16);
  });

  it('re-runs when nerdamer’s own timeout escapes as an engine crash, and never caches the crash', async () => {
    const crash: CheckResult = { status: 'error', message: 'engine crashed: Error: timeout', ms: 900 };
    const engine = fake([crash, verified]);
    expect(await steadyCheck(input, engine.run)).toEqual(verified);
    const stuck = fake([crash]);
    expect((await cachedCheck(input, stuck.run)).status).toBe('error');
    expect(stuck.seen).toHaveLength(3);
    expect(entries()).toHaveLength(0);
  });

  it('takes a verdict no budget decided at once: refuted, or verified without a fallback', async () => {
    const refuted: CheckResult = { status: 'refuted', counterexample: { values: { x: 1 }, left: 1, right: 2 }, ms: 1 };
    for (const r of [verified, refuted]) {
      const engine = fake([r]);
      expect(await steadyCheck(input, engine.run)).toEqual(r);
      expect(engine.seen).toHaveLength(1);
    }
  });

  it('scales the budgets on top of the step’s own options', () => {
    expect(scaledOptions({ timeLimitMs: 100, samples: 9 }, 4)).toMatchObject({ timeLimitMs: 400, samples: 9 });
  });
});
