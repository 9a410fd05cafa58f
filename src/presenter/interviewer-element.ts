/**
 * <derivable-interviewer>: the interviewer's window. Shows the panels for the
 * current position, drives the projected window over the BroadcastChannel
 * and follows it (the projected window has the last word: it answers every
 * state with its own), and shows the round clock, kept in localStorage so
 * closing either window, or both, does not lose the time.
 */
import {
  CONTROL_ARROW_KEYS,
  TEXT_FIELD,
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
  receiveState,
  windowId,
  type DeckState,
  type PresenterMessage,
  type Stop,
} from './deck';
import { makeRoom } from '../round/room';
import { DeckRelay, relayFromHash, storeRelay, storedRelay, type RelayStatus } from './relay';
import { FRESH, StoredTimer, elapsedMs, isRunning, startOnReveal, toggleTimer } from './timer';

/** Enter on these keeps its own meaning (it presses a focused button or follows a link). */
const CONTROLS = 'a, button, input, select, textarea, summary';

export class DerivableInterviewer extends HTMLElement {
  /** The same position list as the projected window (both are built from the module). */
  #stops: Stop[] = [];
  #position = 0;
  #blank = false;
  #typed = '';
  #timer: StoredTimer | undefined;
  /** What the projected window shows: the pinned question, the badges. */
  #view = { pinned: false, badges: false };
  readonly #me = windowId();
  /** (seq, id) of the change the current state comes from; a fresh window's ('') loses every tie. */
  #seq = 0;
  #by = '';
  #tick: ReturnType<typeof setInterval> | undefined;
  #channel: BroadcastChannel | undefined;
  /** The same states through the sync server, to windows on other devices (opt-in, see relay.ts). */
  #relay: DeckRelay | undefined;
  #abort: AbortController | undefined;

  get #count(): number {
    return this.#stops.length;
  }

  #el<T extends Element = HTMLElement>(selector: string): T {
    const el = this.querySelector<T>(selector);
    if (!el) throw new Error(`<derivable-interviewer>: missing ${selector}`);
    return el;
  }

  connectedCallback(): void {
    this.#stops = parseStops(this.dataset.stops);
    const slug = this.dataset.slug ?? '';
    // Opened from a relay link on another device: remember the room, drop it from the address.
    const linked = relayFromHash(location.hash);
    if (linked) {
      storeRelay(slug, linked);
      history.replaceState(null, '', location.pathname + location.search);
    }
    this.#position = positionFromHash(location.hash, this.#stops);
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    document.addEventListener('keydown', (e) => this.#onKey(e), { signal, capture: true });
    window.addEventListener('hashchange', () => this.#goto(positionFromHash(location.hash, this.#stops)), { signal });
    this.#el('[data-action=prev]').addEventListener('click', () => this.#goto(this.#position - 1), { signal });
    this.#el('[data-action=next]').addEventListener('click', () => this.#goto(this.#position + 1), { signal });
    this.#el('[data-action=blank]').addEventListener('click', () => this.#setBlank(!this.#blank), { signal });
    this.#el('[data-action=timer]').addEventListener('click', () => this.#toggleTimer(), { signal });
    this.#el('[data-action=timer-reset]').addEventListener('click', () => this.#resetTimer(), { signal });
    this.#el('[data-action=pin]').addEventListener('click', () => this.#toggleView('pinned'), { signal });
    this.#el('[data-action=badges]').addEventListener('click', () => this.#toggleView('badges'), { signal });

    this.#timer = new StoredTimer(this.dataset.slug ?? '');
    this.#timer.watch(() => this.#syncTimer(), signal);
    this.#syncTimer();
    this.#channel = new BroadcastChannel(channelName(this.dataset.slug ?? ''));
    this.#channel.addEventListener('message', (ev) => this.#onMessage(ev.data), { signal });
    this.#render();
    // The projected window answers with where the room is; until then our own hash stands.
    this.#channel.postMessage({ type: 'hello', from: 'interviewer' } satisfies PresenterMessage);
    this.#el('[data-action=relay]').addEventListener('click', () => void this.#openRelay(), { signal });
    const room = storedRelay(slug);
    if (room) this.#joinRelay(room);
  }

  /** Make (or reuse) this deck's relay room and show its link for another device. */
  async #openRelay(): Promise<void> {
    const slug = this.dataset.slug ?? '';
    const room = storedRelay(slug) ?? (await makeRoom());
    if (!room) {
      this.#el('[data-relay-status]').textContent =
        'No sync server answered (the static site has none; npm start runs one): the deck follows the windows of this browser only.';
      return;
    }
    storeRelay(slug, room);
    this.#joinRelay(room);
  }

  #joinRelay(room: string): void {
    if (this.#relay?.room === room) return;
    this.#relay?.destroy();
    const status = this.#el('[data-relay-status]');
    const say: Record<RelayStatus, string> = {
      connecting: 'Connecting to the sync server…',
      connected: 'Connected: a device with the link follows and drives this deck.',
      offline: 'The sync server is not reachable: this browser’s windows still follow each other; other devices catch up when it is back.',
    };
    this.#relay = new DeckRelay(
      room,
      (msg) => this.#onMessage(msg),
      (s) => {
        status.textContent = say[s];
        // Newly (re)connected: say where this window is; the newest state wins on every side.
        if (s === 'connected') this.#post();
      },
    );
    const link = new URL(location.pathname, location.origin);
    link.hash = `relay=${room}`;
    this.#el<HTMLInputElement>('[data-relay-link]').value = link.href;
    this.#el('[data-relay-share]').hidden = false;
  }

  disconnectedCallback(): void {
    this.#abort?.abort();
    this.#channel?.close();
    this.#relay?.destroy();
    this.#relay = undefined;
    clearInterval(this.#tick);
  }

  /** The newest valid state wins in both windows; a refused or older one is answered (see `receiveState`). */
  #onMessage(data: unknown): void {
    if (!isPresenterMessage(data)) return;
    if (data.type === 'hello') {
      if (data.from === 'interviewer') this.#post();
      return;
    }
    const { apply, answer } = receiveState(this.#state(), data, this.#count);
    if (apply) {
      this.#position = data.position;
      this.#blank = data.blank;
      this.#view = { pinned: data.pinned, badges: data.badges };
      this.#seq = data.seq;
      this.#by = data.id;
      this.#render();
    }
    if (answer) this.#post();
  }

  #state(): DeckState {
    return { position: this.#position, blank: this.#blank, ...this.#view, seq: this.#seq, id: this.#by };
  }

  #changed(): void {
    this.#seq += 1;
    this.#by = this.#me;
    this.#post();
  }

  #post(): void {
    const msg: PresenterMessage = { type: 'state', from: 'interviewer', ...this.#state() };
    this.#channel?.postMessage(msg);
    this.#relay?.post(msg);
  }

  #goto(position: number): void {
    const next = clampPosition(position, this.#count);
    if (next === this.#position) return;
    this.#position = next;
    if (next > 0 && this.#timer) {
      const started = startOnReveal(this.#timer.get(), Date.now());
      if (started) {
        this.#timer.set(started);
        this.#syncTimer();
      }
    }
    this.#render();
    this.#changed();
  }

  #toggleView(which: 'pinned' | 'badges'): void {
    this.#view = { ...this.#view, [which]: !this.#view[which] };
    this.#render();
    this.#changed();
  }

  #setBlank(on: boolean): void {
    this.#blank = on;
    this.#render();
    this.#changed();
  }

  /**
   * The panel for a stop, made from its template the first time the stop comes up: a deck's
   * panels (math, notes, mistakes for every step) are kept inert until then, so the view lays
   * out one stop's worth of math, not the whole derivation's.
   */
  #panel(which: 'now' | 'next', stop: string): void {
    if (this.querySelector(`[data-${which}="${CSS.escape(stop)}"]`)) return;
    const template = this.querySelector<HTMLTemplateElement>(`template[data-panel-template="${CSS.escape(`${which}:${stop}`)}"]`);
    const panel = template?.content.firstElementChild?.cloneNode(true);
    if (panel instanceof HTMLElement) template!.before(panel);
  }

  #render(): void {
    const p = this.#position;
    const key = (q: number) => (q === 0 ? '0' : q > this.#count ? 'end' : stopKey(this.#stops[q - 1]!));
    this.#panel('now', key(p));
    this.#panel('next', key(p + 1));
    for (const panel of this.querySelectorAll<HTMLElement>('[data-now]')) panel.hidden = panel.dataset.now !== key(p);
    for (const panel of this.querySelectorAll<HTMLElement>('[data-next]')) panel.hidden = panel.dataset.next !== key(p + 1);
    this.#el('[data-position]').textContent = positionLabel(p, this.#stops);
    this.#el<HTMLButtonElement>('[data-action=prev]').disabled = p === 0;
    this.#el<HTMLButtonElement>('[data-action=next]').disabled = p === this.#count;
    const blank = this.#el('[data-action=blank]');
    blank.setAttribute('aria-pressed', String(this.#blank));
    this.#el('[data-action=pin]').setAttribute('aria-pressed', String(this.#view.pinned));
    this.#el('[data-action=badges]').setAttribute('aria-pressed', String(this.#view.badges));
    const url = location.pathname + location.search + hashFor(p, this.#stops);
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
  }

  #onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const action = keyAction(e);
    if (!action) return;
    // The same rule as the projected window: keys are the deck's whatever has focus, except in a text
    // field; arrows stay with a slider or select, Enter with a button or link.
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest(TEXT_FIELD)) return;
    if (CONTROL_ARROW_KEYS.has(e.key) && target?.closest('input, select')) return;
    const onControl = target !== null && target !== document.body && target.closest(CONTROLS);
    if (onControl && action.kind === 'enter' && !this.#typed) return;
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
    } else if (action.kind === 'clock') {
      this.#toggleTimer();
    } else if (action.kind === 'pin') {
      this.#toggleView('pinned');
    } else if (action.kind === 'badges') {
      this.#toggleView('badges');
    } else {
      return;
    }
    e.preventDefault();
  }

  #elapsed(): number {
    return elapsedMs(this.#timer?.get() ?? FRESH, Date.now());
  }

  #toggleTimer(): void {
    this.#timer?.set(toggleTimer(this.#timer.get(), Date.now()));
    this.#syncTimer();
  }

  #resetTimer(): void {
    this.#timer?.set(FRESH);
    this.#syncTimer();
  }

  #syncTimer(): void {
    const t = this.#timer?.get() ?? FRESH;
    const running = isRunning(t);
    const button = this.#el('[data-action=timer]');
    button.textContent = running ? 'Pause' : t.elapsedMs > 0 ? 'Resume' : 'Start';
    const clock = this.#el('[data-clock]');
    const show = () => (clock.textContent = formatElapsed(this.#elapsed()));
    show();
    clearInterval(this.#tick);
    if (running) this.#tick = setInterval(show, 250);
  }
}

if (!customElements.get('derivable-interviewer')) customElements.define('derivable-interviewer', DerivableInterviewer);
