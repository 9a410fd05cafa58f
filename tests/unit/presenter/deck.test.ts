import { describe, expect, it } from 'vitest';
import {
  clampPosition,
  formatElapsed,
  hashFor,
  isPresenterMessage,
  keyAction,
  move,
  positionFromHash,
  typedTarget,
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
    for (let p = 0; p <= 12; p++) expect(positionFromHash(hashFor(p), 12)).toBe(p);
    expect(hashFor(0)).toBe('');
    expect(positionFromHash('#3', 12)).toBe(3);
    expect(positionFromHash('#99', 12)).toBe(12);
    expect(positionFromHash('#step-evidence', 12)).toBe(0);
    expect(positionFromHash('#-2', 12)).toBe(0);
    expect(positionFromHash('', 12)).toBe(0);
  });

  it('jumps to a typed number, clamped', () => {
    expect(typedTarget('4', 19)).toBe(4);
    expect(typedTarget('0', 19)).toBe(0);
    expect(typedTarget('40', 19)).toBe(19);
    expect(typedTarget('', 19)).toBeNull();
    expect(clampPosition(Number.NaN, 5)).toBe(0);
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
    expect(isPresenterMessage({ type: 'state', from: 'presenter', position: 2, blank: false })).toBe(true);
    expect(isPresenterMessage({ type: 'state', from: 'presenter', position: '2', blank: false })).toBe(false);
    expect(isPresenterMessage({ type: 'state', from: 'someone', position: 2, blank: false })).toBe(false);
    expect(isPresenterMessage(null)).toBe(false);
    expect(isPresenterMessage('state')).toBe(false);
  });
});
