/**
 * <derivable-interviewer>: the interviewer's window. Shows the panels for the
 * current position, drives the projected window over the BroadcastChannel
 * and follows it, and keeps the round timer (in sessionStorage, so a reload
 * of this window does not lose the time).
 */
import {
  channelName,
  clampPosition,
  formatElapsed,
  hashFor,
  isPresenterMessage,
  keyAction,
  move,
  parseStops,
  positionFromHash,
  positionLabel,
  stopKey,
  typedTarget,
  type PresenterMessage,
  type Stop,
} from './deck';

const CONTROLS = 'a, button, input, select, textarea, summary';

/** Keys typed here belong to the field (arrows move a slider, digits are text). */
const TEXT_ENTRY = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
interface TimerState {
  /** Time counted before the current run. */
  elapsedMs: number;
  /** `Date.now()` when the current run started, or null while paused. */
  startedAt: number | null;
}

export class DerivableInterviewer extends HTMLElement {
  /** The same position list as the projected window (both are built from the module). */
  #stops: Stop[] = [];
  #position = 0;
  #blank = false;
  #typed = '';
  #timer: TimerState = { elapsedMs: 0, startedAt: null };
  #tick: ReturnType<typeof setInterval> | undefined;
  #channel: BroadcastChannel | undefined;
  #abort: AbortController | undefined;

  get #count(): number {
    return this.#stops.length;
  }

  #el<T extends Element = HTMLElement>(selector: string): T {
    const el = this.querySelector<T>(selector);
    if (!el) throw new Error(`<derivable-interviewer>: missing ${selector}`);
    return el;
  }

  get #timerKey(): string {
    return `derivable-timer:${this.dataset.slug}`;
  }

  connectedCallback(): void {
    this.#stops = parseStops(this.dataset.stops);
    this.#position = positionFromHash(location.hash, this.#stops);
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    document.addEventListener('keydown', (e) => this.#onKey(e), { signal });
    window.addEventListener('hashchange', () => this.#goto(positionFromHash(location.hash, this.#stops)), { signal });
    this.#el('[data-action=prev]').addEventListener('click', () => this.#goto(this.#position - 1), { signal });
    this.#el('[data-action=next]').addEventListener('click', () => this.#goto(this.#position + 1), { signal });
    this.#el('[data-action=blank]').addEventListener('click', () => this.#setBlank(!this.#blank), { signal });
    this.#el('[data-action=timer]').addEventListener('click', () => this.#toggleTimer(), { signal });
    this.#el('[data-action=timer-reset]').addEventListener('click', () => this.#resetTimer(), { signal });

    this.#loadTimer();
    this.#channel = new BroadcastChannel(channelName(this.dataset.slug ?? ''));
    this.#channel.addEventListener('message', (ev) => this.#onMessage(ev.data), { signal });
    this.#render();
    // The projected window answers with where the room is; until then our own hash stands.
    this.#channel.postMessage({ type: 'hello', from: 'interviewer' } satisfies PresenterMessage);
  }

  disconnectedCallback(): void {
    this.#abort?.abort();
    this.#channel?.close();
    clearInterval(this.#tick);
  }

  #onMessage(data: unknown): void {
    if (!isPresenterMessage(data) || data.from !== 'presenter' || data.type !== 'state') return;
    this.#blank = data.blank;
    this.#position = clampPosition(data.position, this.#count);
    this.#render();
  }

  #post(): void {
    const msg: PresenterMessage = { type: 'state', from: 'interviewer', position: this.#position, blank: this.#blank };
    this.#channel?.postMessage(msg);
  }

  #goto(position: number): void {
    const next = clampPosition(position, this.#count);
    if (next === this.#position) return;
    this.#position = next;
    this.#render();
    this.#post();
  }

  #setBlank(on: boolean): void {
    this.#blank = on;
    this.#render();
    this.#post();
  }

  #render(): void {
    const p = this.#position;
    const key = (q: number) => (q === 0 ? '0' : q > this.#count ? 'end' : stopKey(this.#stops[q - 1]!));
    for (const panel of this.querySelectorAll<HTMLElement>('[data-now]')) panel.hidden = panel.dataset.now !== key(p);
    for (const panel of this.querySelectorAll<HTMLElement>('[data-next]')) panel.hidden = panel.dataset.next !== key(p + 1);
    this.#el('[data-position]').textContent = positionLabel(p, this.#stops);
    this.#el<HTMLButtonElement>('[data-action=prev]').disabled = p === 0;
    this.#el<HTMLButtonElement>('[data-action=next]').disabled = p === this.#count;
    const blank = this.#el('[data-action=blank]');
    blank.setAttribute('aria-pressed', String(this.#blank));
    const url = location.pathname + location.search + hashFor(p, this.#stops);
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
  }

  #onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const action = keyAction(e);
    if (!action) return;
    if (e.target instanceof Element && e.target.closest(TEXT_ENTRY)) return;
    const onControl = e.target instanceof Element && e.target !== document.body && e.target.closest(CONTROLS);
    if (onControl && (e.key === ' ' || (action.kind === 'enter' && !this.#typed))) return;
    const to = move(this.#position, this.#count, action);
    if (to !== null) {
      this.#typed = '';
      this.#goto(to);
    } else if (action.kind === 'digit') {
      this.#typed = (this.#typed + action.digit).slice(-4);
    } else if (action.kind === 'enter' && this.#typed) {
      this.#goto(typedTarget(this.#typed, this.#stops) ?? this.#position);
      this.#typed = '';
    } else if (action.kind === 'blank') {
      this.#setBlank(!this.#blank);
    } else if (action.kind === 'cancel' && this.#typed) {
      this.#typed = '';
    } else {
      return;
    }
    e.preventDefault();
  }

  #loadTimer(): void {
    try {
      const raw = sessionStorage.getItem(this.#timerKey);
      if (raw) {
        const t = JSON.parse(raw) as Partial<TimerState>;
        if (typeof t.elapsedMs === 'number') {
          this.#timer = { elapsedMs: t.elapsedMs, startedAt: typeof t.startedAt === 'number' ? t.startedAt : null };
        }
      }
    } catch {
      // Storage blocked or garbled: start from zero.
    }
    this.#syncTimer();
  }

  #saveTimer(): void {
    try {
      sessionStorage.setItem(this.#timerKey, JSON.stringify(this.#timer));
    } catch {
      // Not kept across reloads; the timer still runs.
    }
  }

  #elapsed(): number {
    const t = this.#timer;
    return t.elapsedMs + (t.startedAt === null ? 0 : Date.now() - t.startedAt);
  }

  #toggleTimer(): void {
    const t = this.#timer;
    this.#timer = t.startedAt === null ? { ...t, startedAt: Date.now() } : { elapsedMs: this.#elapsed(), startedAt: null };
    this.#saveTimer();
    this.#syncTimer();
  }

  #resetTimer(): void {
    this.#timer = { elapsedMs: 0, startedAt: null };
    this.#saveTimer();
    this.#syncTimer();
  }

  #syncTimer(): void {
    const running = this.#timer.startedAt !== null;
    const button = this.#el('[data-action=timer]');
    button.textContent = running ? 'Pause' : this.#timer.elapsedMs > 0 ? 'Resume' : 'Start';
    const clock = this.#el('[data-clock]');
    const show = () => (clock.textContent = formatElapsed(this.#elapsed()));
    show();
    clearInterval(this.#tick);
    if (running) this.#tick = setInterval(show, 250);
  }
}

if (!customElements.get('derivable-interviewer')) customElements.define('derivable-interviewer', DerivableInterviewer);
