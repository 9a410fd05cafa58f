/**
 * <derivable-presenter>: the projected window. Every stop is already in the
 * page (math rendered at build time, plot slides as lazy <dv-plot> islands
 * that load when first revealed); this only toggles `hidden`, keeps the URL
 * hash, and talks to the interviewer window over a BroadcastChannel.
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
  typedTarget,
  receiveState,
  windowId,
  type DeckState,
  type KeyAction,
  type PresenterMessage,
  type Stop,
} from './deck';
import { DeckRelay, relayKey, storedRelay } from './relay';
import { StoredTimer, elapsedMs, isRunning, startOnReveal, toggleTimer } from './timer';

/** Enter on these keeps its own meaning (it presses a focused button or follows a link). */
const CONTROLS = 'a, button, input, select, textarea, summary, dialog';
/** Arrows on these move the control (a slider, a radio group, a select), not the deck. */
const ARROW_CONTROLS = 'input, select';
/** What the room sees may be changed with Q and V; kept for the next time this browser presents. */
const VIEW_KEY = 'derivable-present-view';
/** A plot's interactive part: its clicks and keys are the plot's, not the deck's. */
const PLOT = 'dv-plot';
const TYPED_TIMEOUT_MS = 4000;

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Nothing projected is smaller than this (a 720p projector seen from the back of a room). */
const MIN_PROJECTED_PX = 20;

/**
 * Shrink a plot's KaTeX readout until its widest line fits its column (a side column on a slide is
 * narrow), but never below 20px: a readout still too wide then scrolls sideways rather than shrink.
 */
function fitReadout(readout: HTMLElement): void {
  readout.style.fontSize = '';
  const room = readout.clientWidth;
  let need = 0;
  let px = 0;
  for (const d of readout.querySelectorAll<HTMLElement>('.katex-display > .katex')) {
    need = Math.max(need, d.scrollWidth);
    px = Math.max(px, parseFloat(getComputedStyle(d).fontSize));
  }
  const floor = px > 0 ? MIN_PROJECTED_PX / px : 0.45;
  if (need > room + 1 && room > 0) readout.style.fontSize = `${Math.max(floor, (room / need) * 0.98).toFixed(3)}em`;
}

export class DerivablePresenter extends HTMLElement {
  #stops: Stop[] = [];
  /** One element per stop, in deck order: a step or a plot slide. */
  #items: HTMLElement[] = [];
  /** Whether focus was inside a plot when the current click began (see #onTap). */
  #plotHadFocus = false;
  #position = 0;
  #blank = false;
  #typed = '';
  #typedTimer: ReturnType<typeof setTimeout> | undefined;
  #channel: BroadcastChannel | undefined;
  /** The interviewer's relay to other devices, when it opened one (relay.ts). */
  #relay: DeckRelay | undefined;
  #resize: ResizeObserver | undefined;
  /** Watches plot readouts, which the islands rewrite on every change, to shrink them to fit. */
  #readouts: MutationObserver | undefined;
  #abort: AbortController | undefined;
  #timer: StoredTimer | undefined;
  #pinned = false;
  #badges = false;
  /** This window's id, and the (seq, id) of the change the current state comes from (see `DeckState`). */
  readonly #me = windowId();
  #seq = 0;
  #by = this.#me;

  get #count(): number {
    return this.#stops.length;
  }

  #el<T extends Element = HTMLElement>(selector: string): T {
    const el = this.querySelector<T>(selector);
    if (!el) throw new Error(`<derivable-presenter>: missing ${selector}`);
    return el;
  }

  connectedCallback(): void {
    this.#stops = parseStops(this.dataset.stops);
    this.#items = [...this.querySelectorAll<HTMLElement>('[data-stop]')];
    if (this.#items.length !== this.#stops.length) {
      throw new Error(`<derivable-presenter>: ${this.#items.length} stop elements for ${this.#stops.length} stops`);
    }
    this.#position = positionFromHash(location.hash, this.#stops);
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    // Capture: the deck sees a clicker's PageDown before a focused slider can take it.
    document.addEventListener('keydown', (e) => this.#onKey(e), { signal, capture: true });
    this.#timer = new StoredTimer(this.dataset.slug ?? '');
    this.#loadView();
    window.addEventListener('hashchange', () => this.#goto(positionFromHash(location.hash, this.#stops)), { signal });
    const stage = this.#el('[data-stage]');
    stage.addEventListener('pointerdown', () => (this.#plotHadFocus = Boolean(document.activeElement?.closest(PLOT))), {
      capture: true,
      signal,
    });
    stage.addEventListener('click', (e) => this.#onTap(e), { signal });
    this.#el('[data-blank]').addEventListener('click', () => this.#setBlank(false), { signal });
    this.#el('[data-action=help]').addEventListener('click', () => this.#toggleHelp(), { signal });
    this.#el('[data-action=notes]').addEventListener('click', () => this.#openNotes(), { signal });
    this.#el('[data-action=pin]').addEventListener('click', () => this.#apply({ kind: 'pin' }), { signal });

    this.#channel = new BroadcastChannel(channelName(this.dataset.slug ?? ''));
    this.#channel.addEventListener('message', (ev) => this.#onMessage(ev.data), { signal });
    // The interviewer window of this browser opened a relay for another device: follow it too.
    this.#followRelay();
    window.addEventListener('storage', (e) => e.key === relayKey(this.dataset.slug ?? '') && this.#followRelay(), { signal });

    this.#resize = new ResizeObserver(() => this.#fitVisible());
    this.#resize.observe(this.#el('[data-stage]'));
    this.#readouts = new MutationObserver((records) => {
      for (const r of records) {
        const readout = r.target instanceof Element ? r.target.closest<HTMLElement>('[data-readout]') : null;
        if (readout) fitReadout(readout);
      }
    });
    for (const readout of this.querySelectorAll<HTMLElement>('.p-slide [data-readout]')) {
      this.#readouts.observe(readout, { childList: true, subtree: true });
    }
    // KaTeX fonts change widths and heights once loaded: fit again and keep the newest step in view.
    void document.fonts?.ready.then(() => {
      this.#fitVisible();
      this.#scrollToCurrent('auto');
    });

    this.#render({ scroll: 'jump' });
    // An interviewer window that is already open follows a reload of this one.
    this.#post();
  }

  disconnectedCallback(): void {
    this.#abort?.abort();
    this.#channel?.close();
    this.#relay?.destroy();
    this.#relay = undefined;
    this.#resize?.disconnect();
    this.#readouts?.disconnect();
    clearTimeout(this.#typedTimer);
  }

  /**
   * Both windows apply the newest valid state they hear of (see `receiveState`) and answer a
   * refused or older one with their own, so neither a stale nor a malformed message can leave the
   * projected and the interviewer window in different places.
   */
  #onMessage(data: unknown): void {
    if (!isPresenterMessage(data)) return;
    if (data.type === 'hello') {
      this.#post();
      return;
    }
    const { apply, answer } = receiveState(this.#state(), data, this.#count);
    if (apply) {
      this.#blank = data.blank;
      this.#pinned = data.pinned;
      this.#badges = data.badges;
      this.#seq = data.seq;
      this.#by = data.id;
      this.#saveView();
      this.#goto(data.position, { broadcast: false, force: true });
    }
    if (answer) this.#post();
  }

  #state(): DeckState {
    return { position: this.#position, blank: this.#blank, pinned: this.#pinned, badges: this.#badges, seq: this.#seq, id: this.#by };
  }

  /** A change made here: newer than anything seen so far, told to the other window. */
  #changed(): void {
    this.#seq += 1;
    this.#by = this.#me;
    this.#post();
  }

  #post(): void {
    const msg: PresenterMessage = { type: 'state', from: 'presenter', ...this.#state() };
    this.#channel?.postMessage(msg);
    this.#relay?.post(msg);
  }

  #followRelay(): void {
    const room = storedRelay(this.dataset.slug ?? '');
    if (this.#relay?.room === room) return;
    this.#relay?.destroy();
    this.#relay = room
      ? new DeckRelay(
          room,
          (msg) => this.#onMessage(msg),
          (s) => s === 'connected' && this.#post(),
        )
      : undefined;
  }

  #loadView(): void {
    try {
      const v = JSON.parse(localStorage.getItem(VIEW_KEY) ?? '{}') as { pinned?: unknown; badges?: unknown };
      this.#pinned = v.pinned === true;
      this.#badges = v.badges === true;
    } catch {
      // Nothing kept: question unpinned, no badges.
    }
  }

  #saveView(): void {
    try {
      localStorage.setItem(VIEW_KEY, JSON.stringify({ pinned: this.#pinned, badges: this.#badges }));
    } catch {
      // Not kept for next time.
    }
  }

  #goto(position: number, opts: { broadcast?: boolean; force?: boolean } = {}): void {
    const next = clampPosition(position, this.#count);
    if (next === this.#position && !opts.force) return;
    // Glide for one step; a jump lands at once, so End on a long derivation does not crawl.
    const smooth = Math.abs(next - this.#position) === 1;
    this.#position = next;
    if (next > 0) this.#startClockOnReveal();
    this.#render({ scroll: smooth ? 'smooth' : 'jump' });
    if (opts.broadcast !== false) this.#changed();
  }

  #render({ scroll }: { scroll: 'smooth' | 'jump' }): void {
    const p = this.#position;
    for (const [i, item] of this.#items.entries()) {
      const n = i + 1;
      item.hidden = n > p;
      if (n === p) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    }
    // Focus left inside a slide that is now hidden would swallow the next keys.
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused !== document.body && focused.closest('[data-stop][hidden]')) focused.blur();
    this.#el('[data-end]').hidden = p !== this.#count;
    this.#el('[data-position]').textContent = positionLabel(p, this.#stops);
    this.#el('[data-blank]').hidden = !this.#blank;
    this.toggleAttribute('data-pinned', this.#pinned);
    this.toggleAttribute('data-on-slide', Boolean(this.#items[p - 1]?.dataset.slidePlot));
    this.toggleAttribute('data-badges', this.#badges);
    this.#el('[data-action=pin]').setAttribute('aria-pressed', String(this.#pinned));
    const url = location.pathname + location.search + hashFor(p, this.#stops);
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
    this.#fitVisible();
    this.#scrollToCurrent(scroll === 'smooth' && !reducedMotion() ? 'smooth' : 'auto');
  }

  #scrollToCurrent(behavior: ScrollBehavior): void {
    const current = this.#items[this.#position - 1];
    if (!current) {
      window.scrollTo({ top: 0, behavior });
      return;
    }
    // A plot slide fills the screen: show all of it, from its top.
    if (current.dataset.slidePlot) {
      current.scrollIntoView({ block: 'start', behavior });
      return;
    }
    const target = this.#position === this.#count ? this.#el('[data-end]') : current;
    // The newest step must be on screen; keep as much of the earlier work above it as fits.
    target.scrollIntoView({ block: 'nearest', behavior });
  }

  /** What covers the top of the stage (the bar, and the question when pinned), so a revealed step scrolls clear of it. */
  #measureTop(): void {
    const bar = this.#el('.p-bar').offsetHeight;
    const pinned = this.hasAttribute('data-pinned') && !this.hasAttribute('data-on-slide');
    const question = pinned ? this.#el('.p-question').offsetHeight : 0;
    this.style.setProperty('--p-bar-real', `${bar}px`);
    this.style.setProperty('--p-top', `${bar + question}px`);
  }

  /** Shrink a formula wider than the stage until it fits: nothing is cut off on a projector. */
  #fitVisible(): void {
    this.#measureTop();
    for (const step of this.#items) {
      if (step.hidden) continue;
      if (step.dataset.slidePlot) {
        const readout = step.querySelector<HTMLElement>('[data-readout]');
        if (readout) fitReadout(readout);
        continue;
      }
      const box = step.querySelector<HTMLElement>('[data-fit]');
      if (!box) continue;
      box.style.fontSize = '';
      const display = box.querySelector<HTMLElement>('.katex-display') ?? box;
      const need = display.scrollWidth;
      const room = box.clientWidth;
      if (need > room + 1 && room > 0) box.style.fontSize = `${Math.max(0.4, (room / need) * 0.98).toFixed(3)}em`;
    }
  }

  /**
   * The deck's keys work whatever has focus, except in a field that takes text: a clicker's PageDown
   * or Space moves the deck even when a button, a slider or a plot has focus (the button is not
   * pressed, the slider does not move). What stays with a focused control: arrows, Home and End on a
   * slider, radio group, select or anything inside a plot (a dragged point), and Enter on a button
   * or link (unless a step number is being typed). Escape inside a plot gives the arrows back.
   */
  #onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const action = keyAction(e);
    if (!action) return;
    const help = this.#el<HTMLDialogElement>('[data-help]');
    if (help.open) {
      if (action.kind === 'help') {
        e.preventDefault();
        help.close();
      }
      return;
    }
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest(TEXT_FIELD)) return;
    const inPlot = Boolean(target?.closest(PLOT));
    // Escape on a plot's control (a slider, a door, a draggable point) gives the keys back to the deck.
    if (action.kind === 'cancel' && inPlot && target instanceof HTMLElement) {
      target.blur();
      e.preventDefault();
      return;
    }
    if (CONTROL_ARROW_KEYS.has(e.key) && (inPlot || target?.closest(ARROW_CONTROLS))) return;
    const onControl = target !== null && target !== document.body && target.closest(CONTROLS);
    if (onControl && action.kind === 'enter' && !this.#typed) return;
    if (this.#apply(action)) {
      e.preventDefault();
      // A focused plot control must not also act on the key (a slider's PageDown, a door's Space).
      if (inPlot) e.stopPropagation();
    }
  }

  /** Returns whether the action was used. */
  #apply(action: KeyAction): boolean {
    const to = move(this.#position, this.#count, action);
    if (to !== null) {
      this.#clearTyped();
      // The first press after a blank brings the screen back without moving on.
      if (this.#blank) this.#setBlank(false);
      else this.#goto(to);
      return true;
    }
    switch (action.kind) {
      case 'digit':
        this.#typed = (this.#typed + action.digit).slice(-4);
        this.#showTyped();
        return true;
      case 'enter': {
        const target = typedTarget(this.#typed, this.#stops);
        this.#clearTyped();
        this.#goto(target ?? this.#position + 1);
        return true;
      }
      case 'cancel':
        if (this.#typed) this.#clearTyped();
        else if (this.#blank) this.#setBlank(false);
        else return false;
        return true;
      case 'fullscreen':
        this.#toggleFullscreen();
        return true;
      case 'blank':
        this.#setBlank(!this.#blank);
        return true;
      case 'help':
        this.#toggleHelp();
        return true;
      case 'notes':
        this.#openNotes();
        return true;
      case 'theme':
        document.querySelector<HTMLElement>('[data-theme-toggle]')?.click();
        return true;
      case 'clock':
        this.#toggleClock();
        return true;
      case 'pin':
        this.#pinned = !this.#pinned;
        this.#afterViewChange();
        return true;
      case 'badges':
        this.#badges = !this.#badges;
        this.#afterViewChange();
        return true;
      default:
        return false;
    }
  }

  #afterViewChange(): void {
    this.#saveView();
    this.#render({ scroll: 'jump' });
    this.#changed();
  }

  #startClockOnReveal(): void {
    const t = this.#timer;
    if (!t) return;
    const started = startOnReveal(t.get(), Date.now());
    if (started) t.set(started);
  }

  /** C starts or pauses the round clock (shown in the interviewer window); a short note says which. */
  #toggleClock(): void {
    const t = this.#timer;
    if (!t) return;
    const now = Date.now();
    const next = toggleTimer(t.get(), now);
    t.set(next);
    this.#flash(`Round clock ${isRunning(next) ? 'running' : 'paused'} — ${formatElapsed(elapsedMs(next, now))}`);
  }

  #showTyped(): void {
    this.#flash(`Go to step ${this.#typed} — Enter`);
  }

  /** A short note in the corner (typed step number, clock), gone after a few seconds. */
  #flash(text: string): void {
    const box = this.#el('[data-goto]');
    box.textContent = text;
    box.hidden = false;
    clearTimeout(this.#typedTimer);
    this.#typedTimer = setTimeout(() => this.#clearTyped(), TYPED_TIMEOUT_MS);
  }

  #clearTyped(): void {
    this.#typed = '';
    clearTimeout(this.#typedTimer);
    this.#el('[data-goto]').hidden = true;
  }

  #setBlank(on: boolean): void {
    if (on === this.#blank) return;
    this.#blank = on;
    this.#el('[data-blank]').hidden = !on;
    this.#changed();
  }

  #toggleHelp(): void {
    const help = this.#el<HTMLDialogElement>('[data-help]');
    if (help.open) help.close();
    else help.showModal();
  }

  #toggleFullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => {});
  }

  #openNotes(): void {
    const url = new URL(this.dataset.notesHref ?? '', location.href);
    url.hash = hashFor(this.#position, this.#stops);
    // A named window: pressing S again brings the same interviewer view back rather than a second one.
    window.open(url.href, `derivable-notes-${this.dataset.slug}`, 'popup,width=1280,height=820');
  }

  #onTap(e: MouseEvent): void {
    if (e.button !== 0) return;
    if (e.target instanceof Element && e.target.closest(`${CONTROLS}, ${PLOT}`)) return;
    // The first click outside a plot whose control had focus only gives the keys back (the browser
    // has already moved focus away from the control); the next click moves the deck.
    if (this.#plotHadFocus) {
      this.#plotHadFocus = false;
      if (document.activeElement instanceof HTMLElement && document.activeElement.closest(PLOT)) document.activeElement.blur();
      return;
    }
    if (getSelection()?.toString()) return;
    this.#clearTyped();
    this.#goto(this.#position + (e.clientX >= window.innerWidth / 2 ? 1 : -1));
  }
}

if (!customElements.get('derivable-presenter')) customElements.define('derivable-presenter', DerivablePresenter);
