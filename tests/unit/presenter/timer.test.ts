import { describe, expect, it } from 'vitest';
import { FRESH, elapsedMs, isRunning, parseTimer, startOnReveal, toggleTimer } from '../../../src/presenter/timer';

describe('the presenter round clock', () => {
  it('counts only while running and keeps what it counted across a pause', () => {
    let t = toggleTimer(FRESH, 1_000);
    expect(isRunning(t)).toBe(true);
    expect(elapsedMs(t, 61_000)).toBe(60_000);
    t = toggleTimer(t, 61_000);
    expect(isRunning(t)).toBe(false);
    expect(elapsedMs(t, 999_000)).toBe(60_000);
    t = toggleTimer(t, 100_000);
    expect(elapsedMs(t, 105_000)).toBe(65_000);
  });
  it('starts on the first reveal only when it was never started', () => {
    expect(startOnReveal(FRESH, 5)).toEqual({ elapsedMs: 0, startedAt: 5 });
    expect(startOnReveal({ elapsedMs: 3000, startedAt: null }, 5)).toBeNull();
    expect(startOnReveal({ elapsedMs: 0, startedAt: 2 }, 5)).toBeNull();
  });
  it('reads a stored clock and treats anything garbled as a fresh one', () => {
    expect(parseTimer(JSON.stringify({ elapsedMs: 10, startedAt: 4 }))).toEqual({ elapsedMs: 10, startedAt: 4 });
    expect(parseTimer(JSON.stringify({ elapsedMs: 10, startedAt: 'x' }))).toEqual({ elapsedMs: 10, startedAt: null });
    for (const raw of [null, '', '{', 'null', '{"elapsedMs":-1}', '{"elapsedMs":"5"}', '[]']) expect(parseTimer(raw)).toEqual(FRESH);
  });
});
