import { describe, expect, it } from 'vitest';
import {
  clampPosition,
  formatElapsed,
  hashFor,
  isPresenterMessage,
  keyAction,
  move,
  parseStops,
  positionFromHash,
  positionLabel,
  receiveState,
  stepStops,
  typedTarget,
  type Stop,
} from '../../../src/presenter/deck';

describe('keyAction', () => {
  it.each([
    ['ArrowRight', 'next'],
    ['PageDown', 'next'],
    [' ', 'next'],
    ['ArrowLeft', 'prev'],
    ['PageUp', 'prev'],
    ['Home', 'first'],
    ['End', 'last'],
    ['Enter', 'enter'],
    ['Escape', 'cancel'],
    ['f', 'fullscreen'],
    ['F', 'fullscreen'],
    ['b', 'blank'],
    ['.', 'blank'],
    ['s', 'notes'],
    ['?', 'help'],
    ['t', 'theme'],
  ])('%j → %s', (key, kind) => {
    expect(keyAction({ key })?.kind).toBe(kind);
  });

  it('reads digits for "number, then Enter"', () => {
    expect(keyAction({ key: '7' })).toEqual({ kind: 'digit', digit: 7 });
  });

  it('Shift+Space goes back, as in slide software', () => {
    expect(keyAction({ key: ' ', shiftKey: true })?.kind).toBe('prev');
  });

  it('leaves browser shortcuts and unknown keys alone', () => {
    expect(keyAction({ key: 'f', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'ArrowRight', altKey: true })).toBeNull();
    expect(keyAction({ key: 'x' })).toBeNull();
    expect(keyAction({ key: 'Tab' })).toBeNull();
  });
});

describe('positions', () => {
  it('moves within 0..count', () => {
    expect(move(0, 5, { kind: 'prev' })).toBe(0);
    expect(move(0, 5, { kind: 'next' })).toBe(1);
    expect(move(5, 5, { kind: 'next' })).toBe(5);
    expect(move(3, 5, { kind: 'first' })).toBe(0);
    expect(move(3, 5, { kind: 'last' })).toBe(5);
    expect(move(3, 5, { kind: 'blank' })).toBeNull();
  });

  it('round-trips through the URL hash', () => {
    const twelve = stepStops(12);
    for (let p = 0; p <= 12; p++) expect(positionFromHash(hashFor(p, twelve), twelve)).toBe(p);
    expect(hashFor(0, twelve)).toBe('');
    expect(positionFromHash('#3', twelve)).toBe(3);
    expect(positionFromHash('#99', twelve)).toBe(12);
    expect(positionFromHash('#step-evidence', twelve)).toBe(0);
    expect(positionFromHash('#-2', twelve)).toBe(0);
    expect(positionFromHash('', twelve)).toBe(0);
  });

  it('jumps to a typed number, clamped', () => {
    const nineteen = stepStops(19);
    expect(typedTarget('4', nineteen)).toBe(4);
    expect(typedTarget('0', nineteen)).toBe(0);
    expect(typedTarget('40', nineteen)).toBe(19);
    expect(typedTarget('', nineteen)).toBeNull();
    expect(clampPosition(Number.NaN, 5)).toBe(0);
  });
});

describe('a deck with plot slides', () => {
  // Steps 1–4, a plot after step 2, another at the very end.
  const stops: Stop[] = [
    { kind: 'step', number: 1 },
    { kind: 'step', number: 2 },
    { kind: 'slide', plot: 'toy-plot', after: 2 },
    { kind: 'step', number: 3 },
    { kind: 'step', number: 4 },
    { kind: 'slide', plot: 'toy-end', after: 4 },
  ];

  it('names steps by number and slides by plot in the hash, and reads them back', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((p) => hashFor(p, stops))).toEqual(['', '#1', '#2', '#plot:toy-plot', '#3', '#4', '#plot:toy-end']);
    for (let p = 0; p <= stops.length; p++) expect(positionFromHash(hashFor(p, stops), stops)).toBe(p);
    expect(positionFromHash('#plot%3Atoy-plot', stops)).toBe(3);
    expect(positionFromHash('#plot:unknown', stops)).toBe(0);
    expect(positionFromHash('#%E0%A4%A', stops)).toBe(0);
    // Past the last step is the end of the deck, trailing slide included.
    expect(positionFromHash('#9', stops)).toBe(6);
  });

  it('a typed number is a step number, not a position', () => {
    expect(typedTarget('3', stops)).toBe(4);
    expect(typedTarget('2', stops)).toBe(2);
    expect(typedTarget('0', stops)).toBe(0);
    expect(typedTarget('99', stops)).toBe(6);
  });

  it('labels positions for both windows', () => {
    expect(positionLabel(0, stops)).toBe('Question');
    expect(positionLabel(2, stops)).toBe('Step 2 of 4');
    expect(positionLabel(3, stops)).toBe('Plot after step 2');
    expect(positionLabel(4, stops)).toBe('Step 3 of 4');
  });

  it('a slide is one more position: → from step 2 shows the plot, ← hides it', () => {
    expect(move(2, stops.length, { kind: 'next' })).toBe(3);
    expect(stops[3 - 1]).toEqual({ kind: 'slide', plot: 'toy-plot', after: 2 });
    expect(move(3, stops.length, { kind: 'prev' })).toBe(2);
    expect(move(0, stops.length, { kind: 'last' })).toBe(6);
  });

  it('reads the stops the page serialises, and refuses malformed ones', () => {
    expect(parseStops(JSON.stringify(stops))).toEqual(stops);
    expect(parseStops(undefined)).toEqual([]);
    expect(() => parseStops('{}')).toThrow(/not an array/);
    expect(() => parseStops('[{"kind":"slide","plot":"x"}]')).toThrow(/data-stops\[0\]: not a stop/);
  });
});

describe('formatElapsed', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [61_000, '1:01'],
    [59 * 60_000 + 59_999, '59:59'],
    [3_600_000 + 5_000, '1:00:05'],
    [-5, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('isPresenterMessage', () => {
  it('accepts the two message kinds and rejects anything else on the channel', () => {
    expect(isPresenterMessage({ type: 'hello', from: 'interviewer' })).toBe(true);
    const state = { type: 'state', from: 'presenter', position: 2, blank: false, pinned: false, badges: true, seq: 3, id: 'abc' };
    expect(isPresenterMessage(state)).toBe(true);
    expect(isPresenterMessage({ ...state, position: '2' })).toBe(false);
    expect(isPresenterMessage({ ...state, position: 2.5 })).toBe(false);
    expect(isPresenterMessage({ ...state, position: -1 })).toBe(false);
    expect(isPresenterMessage({ ...state, position: Number.NaN })).toBe(false);
    expect(isPresenterMessage({ ...state, seq: -1 })).toBe(false);
    expect(isPresenterMessage({ ...state, pinned: undefined })).toBe(false);
    expect(isPresenterMessage({ ...state, from: 'someone' })).toBe(false);
    expect(isPresenterMessage({ type: 'state', from: 'presenter', position: 2, blank: false })).toBe(false);
    expect(isPresenterMessage(null)).toBe(false);
    expect(isPresenterMessage('state')).toBe(false);
  });
});

describe('receiveState: the two windows cannot end in different places', () => {
  const base = { position: 3, blank: false, pinned: false, badges: false, seq: 5, id: 'm' };
  it('applies a newer valid state and does not answer it', () => {
    expect(receiveState(base, { ...base, position: 4, seq: 6, id: 'a' }, 10)).toEqual({ apply: true, answer: false });
    // Same seq: the id breaks the tie the same way in every window.
    expect(receiveState(base, { ...base, position: 4, id: 'z' }, 10)).toEqual({ apply: true, answer: false });
    expect(receiveState(base, { ...base, position: 4, id: 'a' }, 10)).toEqual({ apply: false, answer: true });
  });
  it('refuses a position outside the deck, however new, and answers with its own', () => {
    for (const position of [11, 999, 2.5, -1]) {
      expect(receiveState(base, { ...base, position, seq: 99 }, 10)).toEqual({ apply: false, answer: true });
    }
  });
  it('answers an older state with its own and ignores its own echo', () => {
    expect(receiveState(base, { ...base, position: 1, seq: 2 }, 10)).toEqual({ apply: false, answer: true });
    expect(receiveState(base, { ...base }, 10)).toEqual({ apply: false, answer: false });
  });
  it('converges: any order of delivery between two windows ends with the newest state in both', () => {
    // Two windows move at the same moment; each then hears the other.
    let a = { ...base, position: 5, seq: 6, id: 'a' };
    let b = { ...base, position: 2, seq: 6, id: 'b' };
    const ra = receiveState(a, b, 10);
    if (ra.apply) a = { ...b };
    const rb = receiveState(b, a, 10);
    if (rb.apply) b = { ...a };
    expect(a).toEqual(b);
    expect(a.position).toBe(2);
  });
});
