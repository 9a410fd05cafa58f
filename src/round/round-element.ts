/**
 * <derivable-round>: the /round/ page. Renders the plan, runs the clocks,
 * keeps the scorecards, exports them. State is saved to localStorage on every
 * change and read back on load; another tab's change is picked up through the
 * `storage` event, so two tabs do not overwrite each other's work silently.
 */
import { TEXT_FIELD } from '../presenter/deck';
import { elapsedMs, isRunning } from '../presenter/timer';
import {
  CRITERIA,
  ROUND_MINUTES,
  STORAGE_KEY,
  addQuestion,
  card,
  clampMinutes,
  emptyRound,
  formatClock,
  goTo,
  moveQuestion,
  parseRound,
  plannedMinutes,
  questionElapsed,
  removeQuestion,
  toJson,
  toMarkdown,
  toggleRound,
  type RoundQuestion,
  type RoundState,
} from './round';

export class DerivableRound extends HTMLElement {
  #questions = new Map<string, RoundQuestion>();
  #state: RoundState = emptyRound();
  #tick: ReturnType<typeof setInterval> | undefined;
  #abort: AbortController | undefined;

  #el<T extends Element = HTMLElement>(selector: string): T {
    const el = this.querySelector<T>(selector);
    if (!el) throw new Error(`<derivable-round>: missing ${selector}`);
    return el;
  }

  connectedCallback(): void {
    const list = JSON.parse(this.dataset.questions ?? '[]') as RoundQuestion[];
    this.#questions = new Map(list.map((q) => [q.slug, q]));
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    // Scorecards made before a disconnect lost their listeners with it: they are made again.
    for (const article of this.querySelectorAll('[data-card]')) article.remove();
    this.#load();

    for (const b of this.querySelectorAll<HTMLButtonElement>('[data-add]')) {
      b.addEventListener('click', () => this.#change(() => addQuestion(this.#state, b.dataset.add!)), { signal });
    }
    this.#el('[data-plan]').addEventListener('click', (e) => this.#onPlanClick(e), { signal });
    this.#el('[data-plan]').addEventListener('change', (e) => this.#onPlanChange(e), { signal });
    this.#el('[data-action=round]').addEventListener('click', () => this.#change(() => toggleRound(this.#state, Date.now())), { signal });
    this.#el('[data-action=prev]').addEventListener('click', () => this.#step(-1), { signal });
    this.#el('[data-action=next]').addEventListener('click', () => this.#step(1), { signal });
    this.#el('[data-action=print]').addEventListener('click', () => this.#print(), { signal });
    this.#el('[data-action=new]').addEventListener('click', () => this.#el<HTMLDialogElement>('[data-new-dialog]').showModal(), { signal });
    this.#el<HTMLDialogElement>('[data-new-dialog]').addEventListener(
      'close',
      (e) => {
        if ((e.target as HTMLDialogElement).returnValue === 'delete') this.#change(() => (this.#state = emptyRound()));
      },
      { signal },
    );
    for (const b of this.querySelectorAll<HTMLButtonElement>('[data-export]')) {
      b.addEventListener('click', () => this.#export(b.dataset.export === 'json' ? 'json' : 'md'), { signal });
    }
    this.#el<HTMLInputElement>('[data-candidate]').addEventListener(
      'input',
      (e) => this.#save(() => (this.#state.candidate = (e.target as HTMLInputElement).value)),
      { signal },
    );
    this.#el<HTMLTextAreaElement>('[data-summary]').addEventListener(
      'input',
      (e) => this.#save(() => (this.#state.summary = (e.target as HTMLTextAreaElement).value)),
      { signal },
    );
    document.addEventListener('keydown', (e) => this.#onKey(e), { signal });
    window.addEventListener(
      'storage',
      (e) => {
        if (e.key !== STORAGE_KEY) return;
        this.#load();
        this.#renderAll();
        this.#say('This round was changed in another tab; showing its latest state.');
      },
      { signal },
    );
    this.#renderAll();
    this.#tick = setInterval(() => this.#renderClocks(), 250);
  }

  disconnectedCallback(): void {
    this.#abort?.abort();
    clearInterval(this.#tick);
  }

  #load(): void {
    let raw: string | null = null;
    try {
      raw = localStorage.getItem(STORAGE_KEY);
    } catch {
      this.#say('This browser does not let the page keep the round: export it before closing the tab.');
    }
    this.#state = parseRound(raw, new Set(this.#questions.keys()));
  }

  #persist(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#state));
    } catch {
      this.#say('The round could not be saved in this browser (storage full or blocked): export it before closing the tab.');
    }
  }

  /** A change to the state that needs the page redrawn. */
  #change(fn: () => void): void {
    fn();
    this.#persist();
    this.#renderAll();
  }

  /** A change typed into a field: saved, nothing redrawn (the field already shows it). */
  #save(fn: () => void): void {
    fn();
    this.#persist();
  }

  #say(text: string): void {
    const m = this.#el('[data-message]');
    m.textContent = text;
    m.hidden = false;
  }

  #step(by: -1 | 1): void {
    this.#change(() => goTo(this.#state, this.#state.current + by, Date.now()));
  }

  #onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest(TEXT_FIELD) || target?.closest('dialog[open]')) return;
    if (!this.#state.plan.length) return;
    switch (e.key.toLowerCase()) {
      case 'n':
        this.#step(1);
        break;
      case 'p':
        this.#step(-1);
        break;
      case 'c':
        this.#change(() => toggleRound(this.#state, Date.now()));
        break;
      case 'd':
        this.#el<HTMLAnchorElement>('[data-action=present]').click();
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  #onPlanClick(e: Event): void {
    const b = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-op]') : null;
    if (!b) return;
    const slug = b.closest<HTMLElement>('[data-slug]')!.dataset.slug!;
    const op = b.dataset.op;
    this.#change(() => {
      if (op === 'up') moveQuestion(this.#state, slug, -1);
      else if (op === 'down') moveQuestion(this.#state, slug, 1);
      else if (op === 'remove') removeQuestion(this.#state, slug);
      else if (op === 'go')
        goTo(
          this.#state,
          this.#state.plan.findIndex((p) => p.slug === slug),
          Date.now(),
        );
    });
  }

  #onPlanChange(e: Event): void {
    const input = e.target instanceof HTMLInputElement && e.target.matches('[data-minutes]') ? e.target : null;
    if (!input) return;
    const slug = input.closest<HTMLElement>('[data-slug]')!.dataset.slug!;
    this.#change(() => {
      const p = this.#state.plan.find((x) => x.slug === slug);
      if (p) p.minutes = clampMinutes(input.value);
    });
  }

  /**
   * The scorecard of `slug`, made from its template the first time it is needed and kept (hidden
   * when another question is current). Every input on it is saved as it changes.
   */
  #card(slug: string): HTMLElement | null {
    const made = this.querySelector<HTMLElement>(`[data-card="${CSS.escape(slug)}"]`);
    if (made) return made;
    const template = this.querySelector<HTMLTemplateElement>(`template[data-card-template="${CSS.escape(slug)}"]`);
    const article = template?.content.firstElementChild?.cloneNode(true);
    if (!(article instanceof HTMLElement)) return null;
    const options = this.#abort ? { signal: this.#abort.signal } : {};
    article.addEventListener('input', (e) => this.#onCardInput(slug, article, e), options);
    article.addEventListener('change', (e) => this.#onCardInput(slug, article, e), options);
    template!.before(article);
    return article;
  }

  #onCardInput(slug: string, article: HTMLElement, e: Event): void {
    const t = e.target;
    this.#save(() => {
      const c = card(this.#state, slug);
      if (t instanceof HTMLTextAreaElement && t.matches('[data-notes]')) c.notes = t.value;
      else if (t instanceof HTMLInputElement && t.type === 'radio' && t.checked) {
        const key = t.closest<HTMLElement>('[data-criterion]')!.dataset.criterion as (typeof CRITERIA)[number]['key'];
        c.scores[key] = Number(t.value);
      } else if (t instanceof HTMLInputElement && t.type === 'checkbox') {
        c.followUps = [...article.querySelectorAll<HTMLInputElement>('[data-followups] input:checked')].map((i) => Number(i.value));
        c.mistakes = [...article.querySelectorAll<HTMLInputElement>('[data-mistakes] input:checked')].map((i) => i.value);
      }
    });
  }

  #renderAll(): void {
    const s = this.#state;
    // Plan rows.
    const list = this.#el('[data-plan]');
    list.replaceChildren(
      ...s.plan.map((p, i) => {
        const q = this.#questions.get(p.slug)!;
        const li = document.createElement('li');
        li.className = 'r-plan__row';
        li.dataset.slug = p.slug;
        if (i === s.current) li.setAttribute('aria-current', 'step');
        const name = document.createElement('button');
        name.type = 'button';
        name.className = 'r-plan__name';
        name.dataset.op = 'go';
        name.textContent = q.title;
        const label = document.createElement('label');
        label.className = 'r-plan__minutes';
        const minutes = document.createElement('input');
        minutes.type = 'number';
        minutes.min = '1';
        minutes.max = String(ROUND_MINUTES);
        minutes.value = String(p.minutes);
        minutes.dataset.minutes = '';
        label.append(minutes, ' min');
        minutes.setAttribute('aria-label', `Minutes for ${q.title}`);
        const ops = (['up', 'down', 'remove'] as const).map((op) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'button button--small';
          b.dataset.op = op;
          b.textContent = op === 'up' ? '↑' : op === 'down' ? '↓' : 'Remove';
          b.setAttribute('aria-label', `${op === 'up' ? 'Move up' : op === 'down' ? 'Move down' : 'Remove'}: ${q.title}`);
          b.disabled = (op === 'up' && i === 0) || (op === 'down' && i === s.plan.length - 1);
          return b;
        });
        li.append(name, label, ...ops);
        return li;
      }),
    );
    const total = plannedMinutes(s);
    this.#el('[data-total]').textContent = s.plan.length
      ? `${s.plan.length} question${s.plan.length > 1 ? 's' : ''}, ${total} of ${ROUND_MINUTES} minutes planned${total > ROUND_MINUTES ? ' — over the hour' : ''}.`
      : 'No question planned yet: add one below.';
    for (const li of this.querySelectorAll<HTMLElement>('[data-pick]')) {
      const planned = s.plan.some((p) => p.slug === li.dataset.pick);
      li.querySelector<HTMLButtonElement>('[data-add]')!.disabled = planned;
    }
    // Run: the current question's scorecard, filled from the state.
    this.#el('[data-run]').hidden = s.plan.length === 0;
    const current = s.plan[s.current];
    if (current) this.#card(current.slug);
    for (const article of this.querySelectorAll<HTMLElement>('[data-card]')) {
      const slug = article.dataset.card!;
      article.hidden = slug !== current?.slug;
      const c = s.cards[slug];
      for (const { key } of CRITERIA) {
        for (const r of article.querySelectorAll<HTMLInputElement>(`[data-criterion=${key}] input`))
          r.checked = Number(r.value) === c?.scores[key];
      }
      for (const i of article.querySelectorAll<HTMLInputElement>('[data-followups] input'))
        i.checked = c?.followUps.includes(Number(i.value)) ?? false;
      for (const i of article.querySelectorAll<HTMLInputElement>('[data-mistakes] input'))
        i.checked = c?.mistakes.includes(i.value) ?? false;
      const notes = article.querySelector<HTMLTextAreaElement>('[data-notes]')!;
      if (notes.value !== (c?.notes ?? '')) notes.value = c?.notes ?? '';
    }
    this.#el('[data-position]').textContent = current ? `Question ${s.current + 1} of ${s.plan.length}` : '';
    this.#el<HTMLButtonElement>('[data-action=prev]').disabled = s.current === 0;
    this.#el<HTMLButtonElement>('[data-action=next]').disabled = s.current >= s.plan.length - 1;
    const present = this.#el<HTMLAnchorElement>('[data-action=present]');
    if (current) {
      const link = this.querySelector<HTMLAnchorElement>(`[data-card="${current.slug}"] .r-card__links a`)!;
      present.href = link.href;
      present.target = link.target;
    }
    this.#el('[data-action=round]').textContent = isRunning(s.round)
      ? 'Pause round'
      : elapsedMs(s.round, Date.now()) > 0
        ? 'Resume round'
        : 'Start round';
    const cand = this.#el<HTMLInputElement>('[data-candidate]');
    if (cand.value !== s.candidate) cand.value = s.candidate;
    const sum = this.#el<HTMLTextAreaElement>('[data-summary]');
    if (sum.value !== s.summary) sum.value = s.summary;
    this.#renderClocks();
  }

  #renderClocks(): void {
    const s = this.#state;
    const now = Date.now();
    const round = elapsedMs(s.round, now);
    this.#el('[data-round-clock]').textContent = formatClock(round);
    const left = ROUND_MINUTES * 60_000 - round;
    this.#el('[data-round-left]').textContent =
      left >= 0 ? `of ${ROUND_MINUTES}:00 — ${formatClock(left)} left` : `${formatClock(-left)} over the hour`;
    const current = s.plan[s.current];
    if (!current) return;
    const q = questionElapsed(s, current.slug, now);
    this.#el('[data-question-clock]').textContent = formatClock(q);
    const qLeft = current.minutes * 60_000 - q;
    const of = this.#el('[data-question-left]');
    of.textContent = qLeft >= 0 ? `of ${current.minutes}:00 — ${formatClock(qLeft)} left` : `${formatClock(-qLeft)} over budget`;
    of.toggleAttribute('data-over', qLeft < 0);
  }

  #export(kind: 'md' | 'json'): void {
    const now = Date.now();
    const text = kind === 'md' ? toMarkdown(this.#state, this.#questions, now) : toJson(this.#state, this.#questions, now);
    const out = this.#el<HTMLTextAreaElement>('[data-export-out]');
    out.value = text;
    this.#el('[data-export-box]').hidden = false;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: kind === 'md' ? 'text/markdown' : 'application/json' }));
    a.download = `theory-round-${new Date(now).toISOString().slice(0, 10)}.${kind === 'md' ? 'md' : 'json'}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  /** Print the whole round: every question's scorecard, not only the one on screen. */
  #print(): void {
    const box = this.#el('[data-print]');
    const pre = document.createElement('pre');
    pre.textContent = toMarkdown(this.#state, this.#questions, Date.now());
    box.replaceChildren(pre);
    window.print();
  }
}

if (!customElements.get('derivable-round')) customElements.define('derivable-round', DerivableRound);
