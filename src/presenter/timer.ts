/**
 * The round clock of one derivation's presenter, shared by the projected and
 * the interviewer window through localStorage: either window can be closed and
 * reopened (or both, or the browser reloaded) without losing the time, and a
 * change in one reaches the other through the `storage` event.
 */
export interface TimerState {
  /** Time counted before the current run. */
  elapsedMs: number;
  /** `Date.now()` when the current run started, or null while paused. */
  startedAt: number | null;
}

export const FRESH: TimerState = { elapsedMs: 0, startedAt: null };

export function timerKey(slug: string): string {
  return `derivable-timer:${slug}`;
}

/** Read a stored clock; anything garbled is a fresh one. */
export function parseTimer(raw: string | null): TimerState {
  if (!raw) return FRESH;
  try {
    const t = JSON.parse(raw) as Partial<TimerState> | null;
    if (!t || typeof t.elapsedMs !== 'number' || !Number.isFinite(t.elapsedMs) || t.elapsedMs < 0) return FRESH;
    const startedAt = typeof t.startedAt === 'number' && Number.isFinite(t.startedAt) ? t.startedAt : null;
    return { elapsedMs: t.elapsedMs, startedAt };
  } catch {
    return FRESH;
  }
}

export function elapsedMs(t: TimerState, now: number): number {
  return t.elapsedMs + (t.startedAt === null ? 0 : Math.max(0, now - t.startedAt));
}

export function isRunning(t: TimerState): boolean {
  return t.startedAt !== null;
}

/** Start a paused clock, pause a running one. */
export function toggleTimer(t: TimerState, now: number): TimerState {
  return t.startedAt === null ? { ...t, startedAt: now } : { elapsedMs: elapsedMs(t, now), startedAt: null };
}

/** The first reveal starts a clock that was never started; one paused on purpose stays paused. */
export function startOnReveal(t: TimerState, now: number): TimerState | null {
  return t.startedAt === null && t.elapsedMs === 0 ? { elapsedMs: 0, startedAt: now } : null;
}

/** The clock in localStorage (shared by every window of the browser), falling back to memory. */
export class StoredTimer {
  #memory: TimerState = FRESH;
  readonly key: string;

  constructor(slug: string) {
    this.key = timerKey(slug);
  }

  get(): TimerState {
    try {
      return parseTimer(localStorage.getItem(this.key));
    } catch {
      return this.#memory;
    }
  }

  set(t: TimerState): void {
    this.#memory = t;
    try {
      localStorage.setItem(this.key, JSON.stringify(t));
    } catch {
      // Storage blocked: the clock still runs in this window.
    }
  }

  /** Call `fn` whenever another window changes the clock. */
  watch(fn: () => void, signal: AbortSignal): void {
    window.addEventListener('storage', (e) => e.key === this.key && fn(), { signal });
  }
}
