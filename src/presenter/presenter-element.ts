/**
 * <derivable-presenter>: the projected window. Every step is already in the
 * page (math rendered at build time); this only toggles `hidden`, keeps the
 * URL hash, and talks to the interviewer window over a BroadcastChannel.
 */
import {
  channelName,
  clampPosition,
  hashFor,
  isPresenterMessage,
  keyAction,
  move,
  positionFromHash,
  typedTarget,
  type KeyAction,
  type PresenterMessage,
} from './deck';

/** Keys on these keep their own meaning (Space and Enter press a focused button). */
const CONTROLS = 'a, button, input, select, textarea, summary, dialog';
/** Keys typed here belong to the field (arrows move a slider, digits are text). */
const TEXT_ENTRY = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
const TYPED_TIMEOUT_MS = 4000;

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export class DerivablePresenter extends HTMLElement {
  #steps: HTMLElement[] = [];
  #position = 0;
  #blank = false;
  #typed = '';
  #typedTimer: ReturnType<typeof setTimeout> | undefined;
  #channel: BroadcastChannel | undefined;
  #resize: ResizeObserver | undefined;
  #abort: AbortController | undefined;

  get #count(): number {
    return this.#steps.length;
  }

  #el<T extends Element = HTMLElement>(selector: string): T {
    const el = this.querySelector<T>(selector);
    if (!el) throw new Error(`<derivable-presenter>: missing ${selector}`);
    return el;
  }

  connectedCallback(): void {
    this.#steps = [...this.querySelectorAll<HTMLElement>('[data-step-id]')];
    this.#position = positionFromHash(location.hash, this.#count);
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    document.addEventListener('keydown', (e) => this.#onKey(e), { signal });
    window.addEventListener('hashchange', () => this.#goto(positionFromHash(location.hash, this.#count)), { signal });
    this.#el('[data-stage]').addEventListener('click', (e) => this.#onTap(e), { signal });
    this.#el('[data-blank]').addEventListener('click', () => this.#setBlank(false), { signal });
    this.#el('[data-action=help]').addEventListener('click', () => this.#toggleHelp(), { signal });
    this.#el('[data-action=notes]').addEventListener('click', () => this.#openNotes(), { signal });

    this.#channel = new BroadcastChannel(channelName(this.dataset.slug ?? ''));
    this.#channel.addEventListener('message', (ev) => this.#onMessage(ev.data), { signal });

    this.#resize = new ResizeObserver(() => this.#fitVisible());
    this.#resize.observe(this.#el('[data-stage]'));
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
    this.#resize?.disconnect();
    clearTimeout(this.#typedTimer);
  }

  #onMessage(data: unknown): void {
    if (!isPresenterMessage(data) || data.from === 'presenter') return;
    if (data.type === 'hello') {
      this.#post();
      return;
    }
    this.#blank = data.blank;
    this.#goto(data.position, { broadcast: false, force: true });
  }

  #post(): void {
    const msg: PresenterMessage = { type: 'state', from: 'presenter', position: this.#position, blank: this.#blank };
    this.#channel?.postMessage(msg);
  }

  #goto(position: number, opts: { broadcast?: boolean; force?: boolean } = {}): void {
    const next = clampPosition(position, this.#count);
    if (next === this.#position && !opts.force) return;
    // Glide for one step; a jump lands at once, so End on a long derivation does not crawl.
    const smooth = Math.abs(next - this.#position) === 1;
    this.#position = next;
    this.#render({ scroll: smooth ? 'smooth' : 'jump' });
    if (opts.broadcast !== false) this.#post();
  }

  #render({ scroll }: { scroll: 'smooth' | 'jump' }): void {
    const p = this.#position;
    for (const [i, step] of this.#steps.entries()) {
      const n = i + 1;
      step.hidden = n > p;
      if (n === p) step.setAttribute('aria-current', 'step');
      else step.removeAttribute('aria-current');
    }
    this.#el('[data-end]').hidden = p !== this.#count;
    this.#el('[data-position]').textContent = p === 0 ? 'Question' : `Step ${p} of ${this.#count}`;
    this.#el('[data-blank]').hidden = !this.#blank;
    const url = location.pathname + location.search + hashFor(p);
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
    this.#fitVisible();
    this.#scrollToCurrent(scroll === 'smooth' && !reducedMotion() ? 'smooth' : 'auto');
  }

  #scrollToCurrent(behavior: ScrollBehavior): void {
    const current = this.#steps[this.#position - 1];
    if (!current) {
      window.scrollTo({ top: 0, behavior });
      return;
    }
    const target = this.#position === this.#count ? this.#el('[data-end]') : current;
    // The newest step must be on screen; keep as much of the earlier work above it as fits.
    target.scrollIntoView({ block: 'nearest', behavior });
  }

  /** Shrink a formula wider than the stage until it fits: nothing is cut off on a projector. */
  #fitVisible(): void {
    for (const step of this.#steps) {
      if (step.hidden) continue;
      const box = step.querySelector<HTMLElement>('[data-fit]');
      if (!box) continue;
      box.style.fontSize = '';
      const display = box.querySelector<HTMLElement>('.katex-display') ?? box;
      const need = display.scrollWidth;
      const room = box.clientWidth;
      if (need > room + 1 && room > 0) box.style.fontSize = `${Math.max(0.4, (room / need) * 0.98).toFixed(3)}em`;
    }
  }

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
    if (e.target instanceof Element && e.target.closest(TEXT_ENTRY)) return;
    const onControl = e.target instanceof Element && e.target !== document.body && e.target.closest(CONTROLS);
    if (onControl && (e.key === ' ' || (action.kind === 'enter' && !this.#typed))) return;
    if (this.#apply(action)) e.preventDefault();
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
        const target = typedTarget(this.#typed, this.#count);
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
      default:
        return false;
    }
  }

  #showTyped(): void {
    const box = this.#el('[data-goto]');
    box.textContent = `Go to step ${this.#typed} — Enter`;
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
    this.#post();
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
    url.hash = hashFor(this.#position);
    // A named window: pressing S again brings the same interviewer view back rather than a second one.
    window.open(url.href, `derivable-notes-${this.dataset.slug}`, 'popup,width=1280,height=820');
  }

  #onTap(e: MouseEvent): void {
    if (e.button !== 0) return;
    if (e.target instanceof Element && e.target.closest(CONTROLS)) return;
    if (getSelection()?.toString()) return;
    this.#clearTyped();
    this.#goto(this.#position + (e.clientX >= window.innerWidth / 2 ? 1 : -1));
  }
}

if (!customElements.get('derivable-presenter')) customElements.define('derivable-presenter', DerivablePresenter);
