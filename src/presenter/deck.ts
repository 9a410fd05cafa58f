/**
 * The presenter's state, as pure functions the browser elements and the unit
 * tests share. A position is how many steps are revealed: 0 is the question
 * alone, `count` is the whole derivation.
 */

/** What a key press asks for, in both the projected and the interviewer window. */
export type KeyAction =
  | { kind: 'next' }
  | { kind: 'prev' }
  | { kind: 'first' }
  | { kind: 'last' }
  /** A digit towards "number, then Enter". */
  | { kind: 'digit'; digit: number }
  | { kind: 'enter' }
  | { kind: 'cancel' }
  | { kind: 'fullscreen' }
  | { kind: 'blank' }
  | { kind: 'help' }
  | { kind: 'notes' }
  | { kind: 'theme' };

/** Keys as documented in the help overlay; `keyAction` is the one place that reads them. */
export const KEY_HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['→  Space  PageDown', 'reveal the next step'],
  ['←  PageUp', 'hide the last step'],
  ['Home  End', 'question only / every step'],
  ['number, then Enter', 'jump to that step (0 = question)'],
  ['F', 'full screen'],
  ['B  .', 'blank the screen'],
  ['S', 'open the interviewer view'],
  ['T', 'light or dark'],
  ['?', 'these keys'],
  ['tap right / left half', 'next / back'],
];

/** Map a keydown to an action; `null` leaves the key to the browser. */
export function keyAction(e: { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
      return { kind: 'next' };
    case ' ':
    case 'Spacebar':
      return { kind: e.shiftKey ? 'prev' : 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { kind: 'prev' };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'Enter':
      return { kind: 'enter' };
    case 'Escape':
      return { kind: 'cancel' };
    case '?':
      return { kind: 'help' };
    case '.':
      return { kind: 'blank' };
  }
  if (/^[0-9]$/.test(e.key)) return { kind: 'digit', digit: Number(e.key) };
  switch (e.key.toLowerCase()) {
    case 'f':
      return { kind: 'fullscreen' };
    case 'b':
      return { kind: 'blank' };
    case 's':
      return { kind: 'notes' };
    case 't':
      return { kind: 'theme' };
  }
  return null;
}

export function clampPosition(n: number, count: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(count, Math.max(0, Math.trunc(n)));
}

/** `#3` → 3; anything else (empty, `#foo`, `#-1`) → 0; past the end → the end. */
export function positionFromHash(hash: string, count: number): number {
  const m = /^#?(\d{1,4})$/.exec(hash);
  return m ? clampPosition(Number(m[1]), count) : 0;
}

/** The hash for a position; the question alone has none, so the plain address starts at the top. */
export function hashFor(position: number): string {
  return position > 0 ? `#${position}` : '';
}

/** Where an action moves the deck; `null` when it is not a move. */
export function move(position: number, count: number, action: KeyAction): number | null {
  switch (action.kind) {
    case 'next':
      return clampPosition(position + 1, count);
    case 'prev':
      return clampPosition(position - 1, count);
    case 'first':
      return 0;
    case 'last':
      return count;
    default:
      return null;
  }
}

/** Digits typed before Enter; a jump target past the end lands on the last step. */
export function typedTarget(buffer: string, count: number): number | null {
  return /^\d+$/.test(buffer) ? clampPosition(Number(buffer), count) : null;
}

/** Elapsed round time as m:ss, or h:mm:ss past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The BroadcastChannel both windows of one derivation talk on. */
export function channelName(slug: string): string {
  return `derivable-present:${slug}`;
}

/** Messages between the projected window and the interviewer window. */
export type PresenterMessage =
  /** A window just opened and asks where the deck is. */
  | { type: 'hello'; from: 'presenter' | 'interviewer' }
  /** Where the deck is now; sent on every change and in answer to hello. */
  | { type: 'state'; from: 'presenter' | 'interviewer'; position: number; blank: boolean };

export function isPresenterMessage(x: unknown): x is PresenterMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  if (m.from !== 'presenter' && m.from !== 'interviewer') return false;
  if (m.type === 'hello') return true;
  return m.type === 'state' && typeof m.position === 'number' && typeof m.blank === 'boolean';
}
