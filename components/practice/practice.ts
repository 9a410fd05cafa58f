/**
 * Practice mode on a derivation page: hides the reference, lets the
 * candidate write their own chain from the starting lines, keeps it in
 * localStorage, and offers a three-rung hint ladder.
 */
// defaults.ts has no imports: the page learns the time limit without loading the engine.
import { DEFAULTS } from '../../src/verify/defaults';
import { storageKey } from './boot';
import { ChainEditor } from './chain';
import { EngineClient } from './engine-client';
import { MAX_LINE_LENGTH, MAX_LINES, type PracticeData, type PracticeStep } from './logic';
import { renderMath } from './math-preview';
import { warmChecker } from './warm';

interface Saved {
  v: 1;
  active: boolean;
  lines: string[];
}

class Practice {
  private readonly data: PracticeData;
  private readonly panel: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly reference: HTMLElement | null;
  private readonly hintButton: HTMLButtonElement;
  private readonly hideButton: HTMLButtonElement | null;
  private readonly hintBox: HTMLElement;
  private readonly progressEl: HTMLElement;
  private readonly live: HTMLElement;
  private readonly dialog: HTMLDialogElement;
  private readonly linesHost: HTMLElement;
  private chain: ChainEditor | undefined;
  private client: EngineClient | undefined;
  private active = false;
  private hintLevel = 0;
  private hintFor = 0;

  constructor(private readonly root: HTMLElement) {
    const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
    this.data = JSON.parse(q<HTMLScriptElement>('[data-practice-data]').textContent ?? '{}') as PracticeData;
    this.panel = q('[data-practice-panel]');
    this.toggle = q('[data-practice-toggle]');
    this.hintButton = q('[data-practice-hint]');
    this.hintBox = q('[data-practice-hint-box]');
    this.progressEl = q('[data-practice-progress]');
    this.live = q('[data-practice-live]');
    this.dialog = q('[data-practice-dialog]');
    this.linesHost = q('[data-practice-lines]');
    this.reference = document.querySelector<HTMLElement>('article.derivation-prose');
    this.hintButton.addEventListener('click', () => this.nextHint());
    // Hiding the reference again is its own button: Hint only ever shows more.
    this.hideButton = root.querySelector<HTMLButtonElement>('[data-practice-hide-reference]');
    this.hideButton?.addEventListener('click', () => {
      this.showReference(false);
      this.live.textContent = 'The reference is hidden again.';
      this.hintButton.focus();
    });
    q<HTMLButtonElement>('[data-practice-clear]').addEventListener('click', () => this.dialog.showModal());
    // Another tab practising the same derivation wrote its lines: show them here instead of
    // overwriting them at this tab's next keystroke.
    window.addEventListener('storage', (e) => {
      if (e.key === storageKey(this.data.slug) || e.key === null) this.fromOtherTab();
    });
    this.dialog.addEventListener('close', () => {
      if (this.dialog.returnValue === 'delete') this.clear();
    });
  }

  private get steps(): readonly PracticeStep[] {
    return this.data.steps;
  }

  private load(): string[] {
    try {
      const s = JSON.parse(localStorage.getItem(storageKey(this.data.slug)) ?? 'null') as Partial<Saved> | null;
      if (s && Array.isArray(s.lines)) {
        return s.lines
          .filter((l): l is string => typeof l === 'string')
          .slice(0, MAX_LINES)
          .map((l) => l.slice(0, MAX_LINE_LENGTH));
      }
    } catch {
      // ignore unreadable storage
    }
    return [];
  }

  /** The lines as this tab last wrote or read them. */
  private synced: string | undefined;

  private save(): void {
    const lines = this.chain?.values() ?? this.load();
    const saved: Saved = { v: 1, active: this.active, lines };
    try {
      localStorage.setItem(storageKey(this.data.slug), JSON.stringify(saved));
      this.synced = JSON.stringify(lines);
    } catch {
      // storage full or disabled: the lines live for this visit only
    }
  }

  private fromOtherTab(): void {
    if (!this.chain) return;
    const theirs = this.load();
    const mine = this.chain.values();
    if (JSON.stringify(theirs) === JSON.stringify(mine)) return;
    if (this.synced === undefined || JSON.stringify(mine) === this.synced) {
      // Nothing here that the other tab has not seen: show its lines.
      this.chain.replaceAll(theirs);
      this.synced = JSON.stringify(theirs);
      this.live.textContent = 'Your lines were changed in another tab: they are shown here.';
    } else {
      // Both tabs changed the lines: keep this tab's on screen and in storage, and say so.
      this.live.textContent = 'Your lines were also changed in another tab; this tab keeps its own.';
      this.save();
    }
  }

  set(on: boolean): void {
    this.active = on;
    this.toggle.setAttribute('aria-pressed', String(on));
    this.toggle.textContent = on ? 'Back to the reference' : 'Practice this derivation';
    this.panel.hidden = !on;
    const note = this.root.querySelector<HTMLElement>('.practice-bar__note');
    if (note) note.hidden = on;
    this.showReference(!on);
    if (on && !this.chain) this.mount();
    this.save();
    if (on) this.chain!.focus('last');
  }

  private showReference(show: boolean): void {
    if (this.reference) this.reference.hidden = !show;
    if (this.hideButton) this.hideButton.hidden = !(show && this.active);
  }

  private mount(): void {
    this.client = engineClient();
    // The reader opened practice to write lines: load the engine while they read the starting lines.
    warmChecker(this.client);
    const starts = this.steps.filter((s) => s.start);
    this.chain = new ChainEditor(
      {
        client: this.client,
        baseVariables: this.data.variables,
        startExprs: starts.map((s) => s.expr),
        reference: this.steps,
        label: (_chain, i, isLast) => (isLast ? 'Your next step' : `Step ${i + 1}`),
        changed: () => this.save(),
        announce: (text) => {
          this.live.textContent = text;
        },
        progress: () => this.updateProgress(),
      },
      this.load(),
    );
    this.synced = JSON.stringify(this.chain.values());
    this.linesHost.replaceChildren(this.chain.el);
    this.updateProgress();
  }

  private clear(): void {
    this.chain?.dispose();
    this.chain = undefined;
    this.linesHost.replaceChildren();
    try {
      localStorage.removeItem(storageKey(this.data.slug));
    } catch {
      // nothing stored
    }
    this.mount();
    this.save();
    this.live.textContent = 'Your lines were deleted.';
    this.chain!.focus('first');
  }

  /**
   * The step after the one the candidate is at: where their last line that
   * reached a step (through verified lines) stands, not the furthest any line
   * ever named.
   */
  private nextStep(): PracticeStep | undefined {
    const starts = this.steps.filter((s) => s.start).length;
    const at = Math.max(starts, this.chain?.position() ?? 0);
    return this.steps.find((s) => s.number === at + 1);
  }

  private updateProgress(): void {
    const n = this.steps.length;
    const k = this.chain?.position() ?? 0;
    this.progressEl.textContent =
      k === 0
        ? `Reference: ${n} steps. Your lines have not reached one yet.`
        : k === n
          ? `You have reached the result (step ${n} of ${n}).`
          : `You are at step ${k} of ${n}.`;
    const next = this.nextStep();
    if ((next?.number ?? 0) !== this.hintFor) {
      this.hintLevel = 0;
      this.hintBox.hidden = true;
      this.hintBox.replaceChildren();
      this.hintButton.textContent = 'Hint: name the next move';
    }
  }

  private nextHint(): void {
    const next = this.nextStep();
    if (this.hintLevel >= 3) {
      // The whole reference is already shown: Hint never hides it (that is the other button).
      this.showReference(true);
      this.reference?.scrollIntoView({ block: 'start' });
      return;
    }
    this.hintLevel++;
    this.hintFor = next?.number ?? 0;
    this.hintBox.hidden = false;
    this.hintBox.replaceChildren();
    const p = document.createElement('p');
    if (!next) {
      p.textContent = 'You have reached the last step: there is no next move.';
      this.hintBox.append(p);
      this.hintLevel = 3;
    } else {
      p.textContent = `Next move (step ${next.number} of ${this.steps.length}): `;
      const move = document.createElement('span');
      // Built from the derivation module at build time (never from input).
      move.innerHTML = next.moveHtml;
      p.append(move, '.');
      this.hintBox.append(p);
      if (this.hintLevel >= 2) {
        const math = document.createElement('div');
        math.className = 'step__math';
        this.hintBox.append(math);
        void renderMath(math, next.tex);
      }
    }
    if (this.hintLevel >= 3) {
      this.showReference(true);
      this.reference?.scrollIntoView({ block: 'start' });
    }
    this.hintButton.textContent =
      this.hintLevel === 1
        ? 'Hint: show the next step'
        : this.hintLevel === 2
          ? 'Hint: show the whole reference'
          : 'Hint: go to the reference';
    this.live.textContent = next ? `Next move: ${next.move.replace(/\$/g, '')}.` : (p.textContent ?? '');
  }
}

let client: EngineClient | undefined;

/** One engine client for the page: warmed when the reader shows intent to practise, used when they do. */
function engineClient(): EngineClient {
  return (client ??= new EngineClient(DEFAULTS.timeLimitMs));
}

/** Start the engine's workers (and KaTeX) before practice opens: the reader is reaching for the button. */
export function prewarm(): void {
  warmChecker(engineClient());
}

const instances = new WeakMap<HTMLElement, Practice>();

export function setPractice(root: HTMLElement, on: boolean): void {
  let p = instances.get(root);
  if (!p) instances.set(root, (p = new Practice(root)));
  p.set(on);
}
