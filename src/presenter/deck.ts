/**
 * The presenter's state, as pure functions the browser elements and the unit
 * tests share. The deck is the question followed by its stops: every step,
 * and a plot slide wherever the module places one (`slides`, after a step).
 * A position is how many stops are revealed: 0 is the question alone,
 * `stops.length` is the whole derivation.
 *
 * Plot slides are part of the deck by default, not opt-in: each sits where
 * the page places its plot, which is never among the first few steps, and a
 * single position list means both windows, the URL hash and "number, then
 * Enter" cannot disagree about where the room is. Hashes and typed numbers
 * name steps by their equation number (`#12` is step 12 whatever slides come
 * before it); a slide's hash is `#plot:<name>`.
 */

/** One stop of the deck after the question. */
export type Stop =
  | { kind: 'step'; /** 1-based equation number. */ number: number }
  | { kind: 'slide'; /** Plot name (registry key). */ plot: string; /** Number of the step it follows. */ after: number };

/** A deck of `count` steps and no slides. */
export function stepStops(count: number): Stop[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'step', number: i + 1 }));
}

/** A stop's name in the URL hash and in the DOM (`data-now`, `data-next`). */
export function stopKey(stop: Stop): string {
  return stop.kind === 'step' ? String(stop.number) : `plot:${stop.plot}`;
}

/** What the position shows, for the position readout of both windows. */
export function positionLabel(position: number, stops: readonly Stop[]): string {
  const stop = stops[position - 1];
  if (!stop) return 'Question';
  if (stop.kind === 'slide') return `Plot after step ${stop.after}`;
  const steps = stops.filter((s) => s.kind === 'step').length;
  return `Step ${stop.number} of ${steps}`;
}

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
  | { kind: 'theme' }
  /** Start or pause the round clock. */
  | { kind: 'clock' }
  /** Keep the question on screen above the steps. */
  | { kind: 'pin' }
  /** Show or hide the engine's verdict under each step. */
  | { kind: 'badges' };

/** Keys as documented in the help overlay; `keyAction` is the one place that reads them. */
export const KEY_HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['→  Space  PageDown', 'reveal the next step'],
  ['←  PageUp', 'hide the last step'],
  ['Home  End', 'question only / every step'],
  ['number, then Enter', 'jump to that step (0 = question)'],
  ['F', 'full screen'],
  ['B  .', 'blank the screen'],
  ['S', 'open the interviewer view'],
  ['C', 'start or pause the round clock'],
  ['Q', 'pin the question on screen'],
  ['V', 'show or hide how each step was checked'],
  ['T', 'light or dark'],
  ['?', 'these keys'],
  ['tap right / left half', 'next / back'],
];

/** Map a keydown to an action; `null` leaves the key to the browser. */
export function keyAction(e: {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}): KeyAction | null {
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
    case 'c':
      return { kind: 'clock' };
    case 'q':
      return { kind: 'pin' };
    case 'v':
      return { kind: 'badges' };
  }
  return null;
}

export function clampPosition(n: number, count: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(count, Math.max(0, Math.trunc(n)));
}

/** The position at which step `n` is the newest; 0 is the question, past the last step is the end. */
export function positionOfStep(n: number, stops: readonly Stop[]): number {
  if (!Number.isFinite(n) || n <= 0) return 0;
  const i = stops.findIndex((s) => s.kind === 'step' && s.number === Math.trunc(n));
  return i >= 0 ? i + 1 : stops.length;
}

/** `#3` → where step 3 is newest; `#plot:<name>` → that slide; anything else (empty, `#foo`, `#-1`) → 0. */
export function positionFromHash(hash: string, stops: readonly Stop[]): number {
  const h = hash.replace(/^#/, '');
  if (/^\d{1,4}$/.test(h)) return positionOfStep(Number(h), stops);
  let key = h;
  try {
    key = decodeURIComponent(h);
  } catch {
    // A malformed escape is simply not a stop.
  }
  return stops.findIndex((s) => stopKey(s) === key) + 1;
}

/** The hash for a position; the question alone has none, so the plain address starts at the top. */
export function hashFor(position: number, stops: readonly Stop[]): string {
  const stop = stops[position - 1];
  return position > 0 && stop ? `#${stopKey(stop)}` : '';
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

/** Digits typed before Enter name a step; a number past the end lands at the end. */
export function typedTarget(buffer: string, stops: readonly Stop[]): number | null {
  return /^\d+$/.test(buffer) ? positionOfStep(Number(buffer), stops) : null;
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
  | ({ type: 'state'; from: 'presenter' | 'interviewer' } & DeckState);

/**
 * What both windows must agree on. `seq` counts changes (a window's own change is one more than
 * the newest it has seen) and `id` names the window that made it; the newest (seq, then id) wins
 * in every window, so two windows moving at the same moment still end in the same place.
 */
export interface DeckState {
  position: number;
  blank: boolean;
  /** The question kept on screen (Q). */
  pinned: boolean;
  /** Verdict badges shown under the steps (V). */
  badges: boolean;
  seq: number;
  id: string;
}

/** Whether state `a` is newer than `b`. */
export function isNewer(a: Pick<DeckState, 'seq' | 'id'>, b: Pick<DeckState, 'seq' | 'id'>): boolean {
  return a.seq > b.seq || (a.seq === b.seq && a.id > b.id);
}

/**
 * What a window does with a state from another window: apply it when it is valid for this deck
 * and newer than its own; answer with its own state when it refused it or holds a newer one (so
 * the sender, and any other window, comes back to the same place). Equal states need nothing.
 */
export function receiveState(own: DeckState, msg: DeckState, count: number): { apply: boolean; answer: boolean } {
  if (!validPosition(msg.position, count)) return { apply: false, answer: true };
  if (isNewer(msg, own)) return { apply: true, answer: false };
  if (msg.seq === own.seq && msg.id === own.id) return { apply: false, answer: false };
  return { apply: false, answer: true };
}

/** A random id for this window. */
export function windowId(): string {
  return Math.random().toString(36).slice(2, 10);
}

export function isPresenterMessage(x: unknown): x is PresenterMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  if (m.from !== 'presenter' && m.from !== 'interviewer') return false;
  if (m.type === 'hello') return true;
  // A position is a whole number of revealed stops; the receiver also checks it against its deck (`validPosition`).
  return (
    m.type === 'state' &&
    Number.isInteger(m.position) &&
    (m.position as number) >= 0 &&
    typeof m.blank === 'boolean' &&
    typeof m.pinned === 'boolean' &&
    typeof m.badges === 'boolean' &&
    Number.isSafeInteger(m.seq) &&
    (m.seq as number) >= 0 &&
    typeof m.id === 'string' &&
    m.id.length <= 64
  );
}

/** Whether a position received from the other window names a place in this deck (no clamping: a bad one is refused). */
export function validPosition(position: number, count: number): boolean {
  return Number.isInteger(position) && position >= 0 && position <= count;
}

/** Keys that move within a focused slider, radio group, select or plot control; those keep them. */
export const CONTROL_ARROW_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/**
 * Fields that take typed text: every key typed there is the field's. A slider, checkbox, radio or
 * button is not one: a clicker's PageDown or Space on it still moves the deck.
 */
export const TEXT_FIELD =
  'textarea, [contenteditable=""], [contenteditable="true"], input:not([type=range], [type=checkbox], [type=radio], [type=button], [type=submit], [type=reset], [type=color])';

/** Read the `data-stops` JSON both presenter elements carry; anything malformed is an error, not a silent empty deck. */
export function parseStops(json: string | undefined): Stop[] {
  const raw: unknown = JSON.parse(json ?? '[]');
  if (!Array.isArray(raw)) throw new Error('data-stops: not an array');
  return raw.map((x: unknown, i): Stop => {
    const s = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
    if (s.kind === 'step' && typeof s.number === 'number') return { kind: 'step', number: s.number };
    if (s.kind === 'slide' && typeof s.plot === 'string' && typeof s.after === 'number')
      return { kind: 'slide', plot: s.plot, after: s.after };
    throw new Error(`data-stops[${i}]: not a stop: ${JSON.stringify(x)}`);
  });
}
