/**
 * One chain of lines being checked as they are typed: each line against the
 * line before it (the first against the starting lines, if any). Shared by
 * practice mode and the scratchpad. Everything from the input reaches the DOM
 * through textContent or KaTeX with trust off.
 */
import type { CheckInput, Counterexample, Relation, VariableDecl } from '../../src/verify/types';
import { mutants, slipWords } from '../../src/derivations/mutants';
import { describeDeclaration } from '../../src/verify/assume';
import { readDefinition, startsAnew } from '../../src/verify/definitions';
import type { CheckOptions, Checked, EngineClient } from './engine-client';
import {
  MAX_LINE_LENGTH,
  MAX_LINES,
  STATUS_ICON,
  chooseRelation,
  isAssumeLine,
  isCommentLine,
  isEquation,
  isSameContent,
  looksUnfinished,
  parseAssume,
  parseDirective,
  sameIdentifiers,
  scalarMatrixHint,
  splitChains,
  counterexampleSentence,
  describeCut,
  type Cut,
  type LineStatus,
  type PracticeStep,
} from './logic';
import { renderMath } from './math-preview';

export interface ChainContext {
  client: EngineClient;
  baseVariables: readonly VariableDecl[];
  /** What the first line is checked against (practice: the starting steps). Empty: the first line is a start. */
  startExprs: readonly string[];
  /** The reference steps, to tell the candidate how far along they are. */
  reference?: readonly PracticeStep[];
  /** Accessible name of the input of line `index`. */
  label(chain: ChainEditor, index: number, isLast: boolean): string;
  changed(): void;
  announce(text: string): void;
  /** A line's furthest reference step changed. */
  progress?(): void;
  /** Arrow keys past the first/last line: move to a neighbouring chain. */
  navigateOut?(chain: ChainEditor, dir: -1 | 1): boolean;
  /** Paste with blank lines: more chains after this one (scratchpad); returns how many were added. */
  pasteChains?(chain: ChainEditor, chains: string[][]): number;
  /** Say something the user must see (not only hear): what a paste left out. Default: announce. */
  notice?(text: string): void;
  /**
   * Check a line only once it comes near the viewport (scratchpad: a link can hold 4,000 lines;
   * checking them all at once would hold the page for seconds).
   */
  lazy?: boolean;
}

interface Line {
  li: HTMLLIElement;
  input: HTMLInputElement;
  num: HTMLSpanElement;
  preview: HTMLDivElement;
  verdict: HTMLParagraphElement;
  reach: HTMLParagraphElement;
  timer: ReturnType<typeof setTimeout> | undefined;
  controller: AbortController | undefined;
  key: string;
  status: LineStatus;
  /** Numbers of the reference steps this line states (ascending); several when steps are equivalent. */
  matches: number[];
  /** The one of `matches` shown: the first after the previous line's, so progress reads in order. */
  reached: number | undefined;
  /** performance.now() when the current check started, until its final verdict. */
  timing: number | undefined;
  /** The first verdict (perhaps provisional) of the current check has been timed. */
  timedFirst: boolean;
  /** Shown under the verdict of a checked line: see scalarMatrixHint. */
  hint: string | undefined;
  /** Lazy chains: the line has come near the viewport, so it is checked (always true otherwise). */
  seen: boolean;
}

/** Debounce between a keystroke and the check. */
export const DEBOUNCE_MS = 300;
/**
 * A short line is cheap to check, and an answer that comes while typing is
 * replaced at the next keystroke: it waits only this long.
 */
export const SHORT_DEBOUNCE_MS = 60;
export const SHORT_LINE = 24;

/** Most mutants of the expected step compared with a refuted line. */
const MAX_SLIP_CHECKS = 12;

export const debounceFor = (text: string) => (text.length <= SHORT_LINE && !looksUnfinished(text) ? SHORT_DEBOUNCE_MS : DEBOUNCE_MS);

let uid = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

export class ChainEditor {
  readonly el: HTMLOListElement;
  private lines: Line[] = [];
  private readonly observer: IntersectionObserver | undefined;

  constructor(
    private readonly ctx: ChainContext,
    initial: readonly string[],
  ) {
    this.el = el('ol', 'pchain');
    if (ctx.lazy && typeof IntersectionObserver === 'function') {
      // About two screens above and below are checked ahead of the reader; the rest waits.
      this.observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '1200px 0px' });
    }
    for (const text of initial.length ? initial : ['']) this.insert(this.lines.length, text);
    this.relabel();
    this.scheduleFrom(0, 0);
  }

  values(): string[] {
    return this.lines.map((l) => l.input.value);
  }

  get length(): number {
    return this.lines.length;
  }

  /** Furthest reference step stated by any line (0: none); only lines reached through verified lines count. */
  furthest(): number {
    return Math.max(0, ...this.lines.map((l) => l.reached ?? 0));
  }

  /** Where the candidate is: the step the last line that reached one reached (0: none yet). */
  position(): number {
    for (let k = this.lines.length - 1; k >= 0; k--) {
      const r = this.lines[k]!.reached;
      if (r !== undefined) return r;
    }
    return 0;
  }

  /** The reference step the chain stands at just before line `i`: the starting steps' last one before any line reached one. */
  private positionBefore(i: number): number {
    for (let k = i - 1; k >= 0; k--) {
      const r = this.lines[k]!.reached;
      if (r !== undefined) return r;
    }
    return this.startCount();
  }

  private startCount(): number {
    return (this.ctx.reference ?? []).filter((s) => s.start).length;
  }

  /** The next reference steps after line `i - 1`'s position (the one expected, and the one after). */
  private expectedAt(i: number): PracticeStep[] {
    const at = this.positionBefore(i);
    return (this.ctx.reference ?? []).filter((s) => !s.start && s.number > at && s.number <= at + 2);
  }

  focus(index: number | 'first' | 'last' = 'last'): void {
    const i = index === 'first' ? 0 : index === 'last' ? this.lines.length - 1 : index;
    const input = this.lines[Math.max(0, Math.min(i, this.lines.length - 1))]?.input;
    if (!input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  /** Put `texts` after line `at` (or replace an empty line at `at`). */
  insertTexts(at: number, texts: readonly string[]): number {
    let i = at;
    let left = texts.length;
    for (const t of texts) {
      if (this.lines.length >= MAX_LINES && !(this.lines[i]?.input.value === '')) break;
      left--;
      const cur = this.lines[i];
      if (cur && cur.input.value === '') cur.input.value = t;
      else this.insert(++i, t);
    }
    this.relabel();
    this.scheduleFrom(at, 0);
    this.ctx.changed();
    this.focus(i);
    return left;
  }

  dispose(): void {
    this.observer?.disconnect();
    for (const l of this.lines) {
      clearTimeout(l.timer);
      l.controller?.abort();
    }
  }

  /**
   * Show `texts` (another tab's lines): lines whose text changed are replaced
   * and checked again, the others keep their verdicts.
   */
  replaceAll(texts: readonly string[]): void {
    const want = texts.length ? texts.slice(0, MAX_LINES) : [''];
    let first = -1;
    want.forEach((t, i) => {
      const cur = this.lines[i];
      if (!cur) this.insert(i, t);
      else if (cur.input.value !== t) cur.input.value = t;
      else return;
      if (first < 0) first = i;
    });
    while (this.lines.length > want.length) {
      const [line] = this.lines.splice(want.length, 1);
      clearTimeout(line!.timer);
      line!.controller?.abort();
      this.observer?.unobserve(line!.li);
      line!.li.remove();
      if (first < 0) first = want.length;
    }
    if (first < 0) return;
    this.relabel();
    this.dropStale(first);
    this.scheduleFrom(first, 0);
    this.resolveReach();
  }

  /**
   * Lines edited elsewhere (the round's shared notepad): insert, remove or
   * rewrite lines by position, in order, without calling `changed` (the edit
   * did not come from this page). The line being typed in keeps its caret
   * where the user is, shifted past text inserted before it.
   */
  applyEdits(edits: readonly LineEdit[]): void {
    let first = Number.POSITIVE_INFINITY;
    for (const e of edits) {
      first = Math.min(first, e.at);
      if (e.op === 'insert') this.insert(Math.min(e.at, this.lines.length), e.text);
      else if (e.op === 'remove') {
        const [line] = this.lines.splice(e.at, 1);
        if (!line) continue;
        const hadFocus = document.activeElement === line.input;
        clearTimeout(line.timer);
        line.controller?.abort();
        this.observer?.unobserve(line.li);
        line.li.remove();
        if (hadFocus) queueMicrotask(() => this.focus(Math.max(0, e.at - 1)));
      } else {
        const line = this.lines[e.at];
        if (line && line.input.value !== e.text) setKeepingCaret(line.input, e.text);
      }
    }
    if (this.lines.length === 0) this.insert(0, '');
    if (!Number.isFinite(first)) return;
    first = Math.min(first, this.lines.length - 1);
    this.relabel();
    this.dropStale(first);
    this.scheduleFrom(first, 0);
    this.resolveReach();
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      const line = this.lines.find((l) => l.li === e.target);
      this.observer?.unobserve(e.target);
      if (!line || line.seen) continue;
      line.seen = true;
      clearTimeout(line.timer);
      line.timer = setTimeout(() => void this.evaluate(line), 0);
    }
  }

  private insert(at: number, text: string): Line {
    const id = `pl-${++uid}`;
    const li = el('li', 'pline');
    const row = el('div', 'pline__row');
    const num = el('span', 'pline__num');
    num.setAttribute('aria-hidden', 'true');
    const input = el('input', 'pline__input');
    input.type = 'text';
    input.id = id;
    input.value = text;
    input.maxLength = MAX_LINE_LENGTH;
    input.spellcheck = false;
    input.autocomplete = 'off';
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('autocorrect', 'off');
    input.setAttribute('aria-describedby', `${id}-verdict`);
    const preview = el('div', 'pline__preview');
    preview.setAttribute('aria-hidden', 'true');
    const verdict = el('p', 'pline__verdict');
    verdict.id = `${id}-verdict`;
    const reach = el('p', 'pline__reach');
    reach.hidden = true;
    row.append(num, input);
    li.append(row, preview, verdict, reach);
    const line: Line = {
      li,
      input,
      num,
      preview,
      verdict,
      reach,
      timer: undefined,
      controller: undefined,
      key: '',
      status: 'empty',
      matches: [],
      reached: undefined,
      timing: undefined,
      timedFirst: false,
      hint: undefined,
      seen: !this.observer,
    };
    this.observer?.observe(li);
    input.addEventListener('input', () => {
      line.seen = true;
      const i = this.lines.indexOf(line);
      this.ctx.changed();
      this.dropStale(i);
      this.scheduleFrom(i, debounceFor(input.value));
    });
    input.addEventListener('keydown', (e) => this.onKey(line, e));
    input.addEventListener('paste', (e) => this.onPaste(line, e));
    this.el.insertBefore(li, this.lines[at]?.li ?? null);
    this.lines.splice(at, 0, line);
    return line;
  }

  private remove(i: number): void {
    const [line] = this.lines.splice(i, 1);
    if (!line) return;
    clearTimeout(line.timer);
    line.controller?.abort();
    this.observer?.unobserve(line.li);
    line.li.remove();
    this.relabel();
    this.scheduleFrom(i, 0);
    this.ctx.changed();
    this.resolveReach();
  }

  relabel(): void {
    this.lines.forEach((l, i) => {
      l.num.textContent = String(i + 1);
      l.input.setAttribute('aria-label', this.ctx.label(this, i, i === this.lines.length - 1));
    });
  }

  private onKey(line: Line, e: KeyboardEvent): void {
    if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    const i = this.lines.indexOf(line);
    if (e.key === 'Enter') {
      e.preventDefault();
      const next = this.lines[i + 1];
      if (next && next.input.value === '') this.focus(i + 1);
      else if (this.lines.length < MAX_LINES) {
        this.insert(i + 1, '');
        this.relabel();
        this.ctx.changed();
        this.focus(i + 1);
      }
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const dir = e.key === 'ArrowUp' ? -1 : 1;
      e.preventDefault();
      if (this.lines[i + dir]) this.focus(i + dir);
      else this.ctx.navigateOut?.(this, dir);
    } else if (e.key === 'Backspace' && line.input.value === '' && this.lines.length > 1) {
      e.preventDefault();
      this.remove(i);
      this.focus(Math.max(0, i - 1));
    }
  }

  private onPaste(line: Line, e: ClipboardEvent): void {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!/[\r\n]/.test(text)) {
      if (text.length > MAX_LINE_LENGTH - line.input.value.length + (line.input.selectionEnd ?? 0) - (line.input.selectionStart ?? 0)) {
        // The input's maxLength cuts the paste: say so.
        this.notice(`The pasted text was cut: a line holds at most ${MAX_LINE_LENGTH} characters.`);
      }
      return;
    }
    e.preventDefault();
    const cut: Cut = { lines: 0, shortened: 0, chains: 0 };
    // Split without the chain limit: what does not fit is counted below, where it is left out.
    const chains = splitChains(text, cut, Number.MAX_SAFE_INTEGER);
    const i = this.lines.indexOf(line);
    let leftOut = 0;
    if (this.ctx.pasteChains) {
      leftOut += this.insertTexts(i, chains[0] ?? []);
      if (chains.length > 1) {
        const added = this.ctx.pasteChains(this, chains.slice(1));
        cut.chains += chains.length - 1 - added;
      }
    } else leftOut += this.insertTexts(i, chains.flat());
    cut.lines += leftOut;
    const said = describeCut(cut, 'The pasted text');
    if (said) this.notice(said);
  }

  private notice(text: string): void {
    (this.ctx.notice ?? this.ctx.announce)(text);
  }

  /** Re-check line `from` and every later line whose inputs may have changed (debounced). */
  scheduleFrom(from: number, delay: number): void {
    for (let i = Math.max(0, from); i < this.lines.length; i++) {
      const line = this.lines[i]!;
      clearTimeout(line.timer);
      if (!line.seen) {
        // Checked when it scrolls near the viewport (onVisible).
        if (line.input.value.trim() !== '' && line.status !== 'waiting')
          this.setVerdict(line, 'waiting', 'checked when it scrolls into view');
        continue;
      }
      line.timer = setTimeout(() => void this.evaluate(line), delay);
    }
  }

  /** What a line's verdict depends on: its text, the line(s) it is checked against, the assumptions. */
  private keyAt(i: number): string {
    return JSON.stringify([this.lines[i]!.input.value, this.previousAt(i), this.variablesAt(i), this.definitionsAt(i)]);
  }

  /**
   * At once, not after the typing debounce: every line from `from` on whose
   * verdict no longer describes its inputs stops showing it, and the answers
   * still coming for the old inputs (a proof being looked for, say) are dropped.
   */
  private dropStale(from: number): void {
    for (let i = Math.max(0, from); i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (line.key === '' || this.keyAt(i) === line.key) continue;
      line.controller?.abort();
      line.controller = undefined;
      line.key = '';
      if (line.input.value.trim() === '') this.setVerdict(line, 'empty', '');
      else this.setVerdict(line, 'pending', 'checking…');
    }
  }

  /** Assumptions in force at line `i`: the page's variables, then `assume` lines above it. */
  private variablesAt(i: number): VariableDecl[] {
    const byName = new Map(this.ctx.baseVariables.map((v) => [v.name, v]));
    for (let k = 0; k < i; k++) {
      const t = this.lines[k]!.input.value;
      if (!isAssumeLine(t)) continue;
      const a = parseAssume(t);
      if (a.ok) for (const v of a.variables) byName.set(v.name, { ...byName.get(v.name), ...v });
    }
    return [...byName.values()];
  }

  /** Functions defined on the lines above `i` (`L(w) = …`), which line `i` may use. */
  private definitionsAt(i: number): string[] {
    const out: string[] = [];
    for (let k = 0; k < i; k++) {
      const t = parseDirective(this.lines[k]!.input.value).math;
      if (readDefinition(t)) out.push(t);
    }
    return out;
  }

  /** The math the line at `i` is checked against. */
  private previousAt(i: number): readonly string[] {
    for (let k = i - 1; k >= 0; k--) {
      const t = this.lines[k]!.input.value;
      if (t.trim() === '' || isAssumeLine(t) || isCommentLine(t)) continue;
      return [parseDirective(t).math];
    }
    return this.ctx.startExprs;
  }

  /**
   * `provisional`: numeric evidence while a symbolic proof is still being looked
   * for; the final verdict of the same check replaces it.
   */
  private setVerdict(line: Line, status: LineStatus, text: string, relation?: string, provisional = false, warning?: string): void {
    if (line.timing !== undefined && status !== 'pending') {
      // User Timing for scripts/bench-practice.ts: the first verdict shown, and the final one.
      if (!line.timedFirst) performance.measure('derivable:line', { start: line.timing, detail: { status, provisional } });
      line.timedFirst = true;
      if (!provisional) {
        performance.measure('derivable:line-final', { start: line.timing, detail: { status } });
        line.timing = undefined;
      }
    }
    const was = line.status;
    line.status = status;
    line.li.dataset['status'] = status;
    if (was !== status && this.ctx.reference) queueMicrotask(() => this.resolveReach());
    const v = line.verdict;
    v.dataset['status'] = status;
    if (provisional) v.dataset['stage'] = 'provisional';
    else delete v.dataset['stage'];
    if (relation) v.dataset['relation'] = relation;
    else delete v.dataset['relation'];
    // A ⇒ step that gains a solution: verified, but shown as a warning (never a plain ✓).
    for (const node of [line.li, v]) {
      if (warning) node.dataset['warning'] = warning;
      else delete node.dataset['warning'];
    }
    v.replaceChildren();
    if (status === 'empty') return;
    const icon = el('span', 'pline__icon');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = warning ? '⚠' : STATUS_ICON[status];
    const body = el('span', 'pline__text');
    // The icon already shows the warning sign that opens the engine's text.
    body.textContent = warning ? text.replace(/^⚠ /, '') : text;
    if (line.hint && (status === 'verified' || status === 'refuted' || status === 'unproven')) {
      const note = el('span', 'pline__note');
      note.textContent = line.hint;
      body.append(note);
    }
    v.append(icon, body);
  }

  private setMatches(line: Line, steps: readonly PracticeStep[]): void {
    line.matches = steps.map((x) => x.number).sort((a, b) => a - b);
    this.resolveReach();
  }

  /**
   * Which matched step each line shows. Equivalent steps (the same estimate reached twice, an
   * equation and its solved form) make a line match several; the candidate is at the first one
   * after the previous line's step. Only a chain of verified lines reaches a step: after a line
   * that is refuted, unproven or not yet checked, no later line counts (until it is fixed). A
   * line that states a later step than the next one says it jumped, and which steps it skipped.
   * Recomputed in order whenever any line's matches or verdict change, so the answer does not
   * depend on which check finished first.
   */
  private resolveReach(): void {
    const n = this.ctx.reference?.length ?? 0;
    let prev = this.startCount();
    let sound = true;
    let changed = false;
    for (const line of this.lines) {
      const text = line.input.value;
      const math = text.trim() !== '' && !isAssumeLine(text) && !isCommentLine(text);
      const ok = line.status === 'verified' || line.status === 'start';
      const m = line.matches;
      const pick = !sound || !ok || m.length === 0 ? undefined : (m.find((k) => k > prev) ?? m[m.length - 1]);
      if (math && !ok) sound = false;
      const from = prev;
      if (pick !== undefined) prev = pick;
      if (pick !== line.reached) changed = true;
      line.reached = pick;
      line.reach.hidden = pick === undefined;
      let said = '';
      delete line.reach.dataset['skipped'];
      if (pick !== undefined) {
        said = pick === n ? `You have reached the result: step ${n} of ${n}.` : `You have reached step ${pick} of ${n}.`;
        // A step the reference takes as given starts afresh: reaching it skips nothing.
        const fresh = this.ctx.reference?.find((st) => st.number === pick)?.given;
        if (pick > from + 1 && !fresh) {
          const skipped = pick === from + 2 ? `step ${from + 1} is` : `steps ${from + 1}–${pick - 1} are`;
          said += ` You jumped to step ${pick}; ${skipped} not shown.`;
          line.reach.dataset['skipped'] = `${from + 1}-${pick - 1}`;
        }
      }
      line.reach.textContent = said;
    }
    if (changed) this.ctx.progress?.();
  }

  /**
   * A refuted line next to the expected step's typical slips: when the engine
   * finds the line equivalent to one (and not to the step itself), name it.
   */
  private async nameSlip(
    line: Line,
    i: number,
    math: string,
    ascii: string,
    equation: boolean,
    variables: VariableDecl[],
    signal: AbortSignal,
  ): Promise<void> {
    // The step expected next only, and a bounded number of checks: they share the worker with the next line.
    for (const step of this.expectedAt(i).slice(0, 1)) {
      for (const m of mutants(step.expr, this.ctx.baseVariables).slice(0, MAX_SLIP_CHECKS)) {
        if (isEquation(m.expr) !== equation || !sameIdentifiers(m.expr, ascii)) continue;
        const c = await this.check({ prev: m.expr, next: math, relation: chooseRelation(m.expr, math), variables }, signal, {
          statusOnly: true,
        });
        if (!c || signal.aborted) return;
        if (!isSameContent(c.result)) continue;
        // The line is not the step itself (a refutation for another reason, e.g. a wrong line before it).
        const same = await this.check({ prev: step.expr, next: math, relation: chooseRelation(step.expr, math), variables }, signal, {
          statusOnly: true,
        });
        if (!same || signal.aborted) return;
        if (isSameContent(same.result)) return;
        this.addNote(line, 'pline__slip', `Looks like ${slipWords(m)}: your line is step ${step.number} with that slip.`, {
          slip: m.kind,
          step: String(step.number),
        });
        this.ctx.announce(`Looks like ${slipWords(m)} (step ${step.number}).`);
        return;
      }
    }
  }

  /**
   * A refutation whose counterexample puts a variable at or below 0: when the
   * line follows once those variables are assumed positive, say which `assume`
   * line would make it follow.
   */
  private async suggestAssume(line: Line, c: Counterexample, input: CheckInput, signal: AbortSignal): Promise<void> {
    const vars = input.variables ?? [];
    const names = Object.entries(c.values).flatMap(([name, v]) => {
      const x = numberOf(v);
      const decl = vars.find((d) => d.name === name);
      if (x === undefined || x > 0 || decl?.shape || decl?.assumptions?.includes('positive')) return [];
      return [name];
    });
    if (names.length === 0) return;
    const byName = new Map(vars.map((v) => [v.name, v]));
    for (const nm of names)
      byName.set(nm, { ...byName.get(nm), name: nm, assumptions: [...(byName.get(nm)?.assumptions ?? []), 'positive'] });
    const r = await this.check({ ...input, variables: [...byName.values()] }, signal, { statusOnly: true });
    if (!r || signal.aborted || r.result.status !== 'verified') return;
    const assume = `assume ${names.map((nm) => `${nm} > 0`).join(', ')}`;
    this.addNote(
      line,
      'pline__assume',
      `It follows when ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} positive: add the line “${assume}” above it.`,
      { assume },
    );
  }

  /** A sentence under the verdict, kept until the verdict changes. */
  private addNote(line: Line, cls: string, text: string, data: Record<string, string>): void {
    const body = line.verdict.querySelector('.pline__text');
    if (!body) return;
    const note = el('span', `pline__note ${cls}`);
    note.textContent = text;
    for (const [k, v] of Object.entries(data)) note.dataset[k] = v;
    body.append(note);
  }

  private async evaluate(line: Line): Promise<void> {
    const i = this.lines.indexOf(line);
    if (i < 0) return;
    const text = line.input.value;
    const variables = this.variablesAt(i);
    const definitions = this.definitionsAt(i);
    const prevs = this.previousAt(i);
    const key = this.keyAt(i);
    if (key === line.key) return;
    line.key = key;
    line.hint = undefined;
    line.controller?.abort();
    const ac = new AbortController();
    line.controller = ac;
    const signal = ac.signal;
    signal.addEventListener('abort', () => (line.timing = undefined));
    const say = (status: LineStatus, msg: string, relation?: string, provisional = false, warning?: string) => {
      this.setVerdict(line, status, msg, relation, provisional, warning);
      if (status !== 'pending') this.ctx.announce(`${this.ctx.label(this, i, false)}: ${msg}`);
    };

    if (text.trim() === '') {
      line.preview.replaceChildren();
      this.setVerdict(line, 'empty', '');
      this.setMatches(line, []);
      return;
    }
    if (isCommentLine(text)) {
      line.preview.replaceChildren();
      this.setVerdict(line, 'start', 'comment');
      this.setMatches(line, []);
      return;
    }
    if (isAssumeLine(text)) {
      line.preview.textContent = '';
      this.setMatches(line, []);
      const a = parseAssume(text);
      if (a.ok) {
        const what = a.variables.map(describeDeclaration).join('; ');
        say('assume', `assuming ${what} for the lines below`);
      } else say('error', a.message);
      return;
    }

    // User Timing entries for scripts/bench-practice.ts (cheap, and visible in DevTools).
    line.timing = performance.now();
    line.timedFirst = false;
    const dir = parseDirective(text);
    line.hint = scalarMatrixHint(dir.math, variables);
    this.setVerdict(line, 'pending', 'checking…');
    let best: Checked | null = null;
    // The numeric verdict at once, while the worker looks for a proof (never for an edited line:
    // the client drops answers to aborted requests, and `signal` is this edit's).
    const onProvisional = (p: Checked) => {
      if (signal.aborted || best?.result.status === 'verified' || p.result.status !== 'verified') return;
      say('verified', `${p.text} · looking for a symbolic proof…`, p.result.relation, true);
    };
    const checkAgainst = (prev: string) =>
      this.check({ prev, next: dir.math, relation: dir.relation ?? chooseRelation(prev, dir.math), variables, definitions }, signal, {
        onProvisional,
      });
    // The first check runs in its own worker alongside the preview; if the line cannot be read,
    // its answer (an error too) is dropped for the preview's, which says where.
    // A definition, or a lone derivative of a defined function, starts anew: nothing to check it against.
    const anew = prevs.length > 0 && startsAnew(dir.math, definitions);
    const first = prevs.length > 0 && !anew ? checkAgainst(prevs[0]!) : undefined;
    const pvAnswer = this.ctx.client.preview(dir.math, signal, definitions);
    // A step that is not an equality (a derivative, a substitution, solving for a variable) is
    // recognised by its relation: first that of the step expected next, then, once the line is
    // matched to reference steps, theirs. The expected relation's check is sent with the first one
    // (the worker runs it next, without a round trip through the page); it is withdrawn when the
    // line is verified as written.
    const expected =
      prevs.length > 0 && !anew && !dir.relation
        ? this.expectedAt(i).flatMap((s) =>
            s.relation && s.relation.kind !== 'equal' && s.relation.kind !== 'equation' ? [s.relation] : [],
          )
        : [];
    const early = new AbortController();
    signal.addEventListener('abort', () => early.abort());
    const sent = new Map<string, Promise<Checked | null>>(
      expected.map((relation) => [
        JSON.stringify(relation),
        this.check({ prev: prevs[0]!, next: dir.math, relation, variables }, early.signal),
      ]),
    );
    const tried = new Set<string>();
    // The refutation under the expected step's relation: a wrong derivative is compared with the derivative.
    let expectedRefuted: { c: Checked; relation: Relation } | undefined;
    let shown: Checked | undefined;
    let how = '';
    const tryRelations = async (relations: readonly Relation[], isExpected = false): Promise<boolean> => {
      for (const relation of relations) {
        const k = JSON.stringify(relation);
        if (tried.has(k)) continue;
        tried.add(k);
        for (const [n, prev] of prevs.entries()) {
          const pre = n === 0 ? sent.get(k) : undefined;
          const c = (pre && (await pre)) ?? (await this.check({ prev, next: dir.math, relation, variables }, signal));
          if (!c || signal.aborted) return false;
          if (c.result.status === 'verified') {
            shown = c;
            how = `${relationWords(relation)}: `;
            return true;
          }
          // Only a derivative: a substitution's counterexample would list names the substitution removed.
          if (isExpected && !expectedRefuted && c.result.status === 'refuted' && relation.kind === 'derivative')
            expectedRefuted = { c, relation };
        }
      }
      return true;
    };

    if (prevs.length > 0 && !anew) {
      for (const [k, prev] of prevs.entries()) {
        const c = await (k === 0 ? first! : checkAgainst(prev));
        if (!c) return;
        if (!best || c.result.status === 'verified') best = c;
        if (c.result.status === 'verified') break;
      }
      shown = best!;
      // Verified as written: shown at once, before the preview (a line the engine checked was read).
      if (shown.result.status === 'verified' || line.verdict.dataset['stage'] === 'provisional') {
        early.abort();
        this.showChecked(shown, '', say);
      } else if (shown.result.status !== 'error') {
        if (!(await tryRelations(expected, true)) || signal.aborted) return;
        if ((shown as Checked).result.status === 'verified') this.showChecked(shown, how, say);
      }
    }
    const pv = await pvAnswer;
    if (!pv || signal.aborted) return;
    if (!pv.ok) {
      line.preview.replaceChildren();
      this.setMatches(line, []);
      const pos = pv.position !== undefined ? pv.position + dir.offset : undefined;
      const message = pos !== undefined ? pv.message.replace(/^column \d+/, `column ${pos}`) : pv.message;
      say('error', `cannot read this line: ${message}`);
      return;
    }
    const lead = dir.relation?.kind === 'derivative' ? String.raw`\frac{d}{d\,${dir.relation.wrt}}\colon\ ` : '';
    void renderMath(line.preview, lead + pv.tex);

    if (!shown || !best || anew) {
      say(
        'start',
        prevs.length === 0
          ? 'starting line: the lines below are checked against it'
          : readDefinition(dir.math)
            ? `starting line: defines ${readDefinition(dir.math)!.name}; the lines below are checked against its right side`
            : 'starting line: a derivative of a function defined above; the lines below are checked against it',
      );
      const found = await this.findMatches(dir.math, pv.ascii, pv.equation, variables, signal);
      if (found) this.setMatches(line, found);
      return;
    }
    // The line reads, but the check as written ended in an error: the expected relation may hold.
    if ((shown as Checked).result.status === 'error') {
      if (!(await tryRelations(expected, true)) || signal.aborted) return;
      if ((shown as Checked).result.status === 'verified') this.showChecked(shown, how, say);
    }
    const matched = await this.findMatches(dir.math, pv.ascii, pv.equation, variables, signal);
    if (!matched || signal.aborted) return;
    const relations = matched.flatMap((m) => (m.relation ? [m.relation] : []));
    if (shown.result.status !== 'verified' && !dir.relation) {
      if (!(await tryRelations(relations)) || signal.aborted) return;
    }
    const given = matched.find((m) => m.given);
    if (shown.result.status !== 'verified' && !given && expectedRefuted) {
      const { c, relation } = expectedRefuted;
      shown = c;
      how = `${relationWords(relation)}: `;
      this.showChecked(shown, how, say, relation);
    } else if (shown.result.status !== 'verified' && !dir.relation && given) {
      // The reference starts afresh here too (a new definition or given fact): nothing to check
      // against the line before, and the line is not shown as verified.
      say(
        'start',
        `a new starting line: it states step ${given.number}, which the reference also takes as given (${given.move.replace(/\$/g, '')})`,
      );
    } else if (shown !== best || best.result.status !== 'verified') this.showChecked(shown, how, say, dir.relation);
    this.setMatches(line, matched);
    if (shown.result.status === 'refuted' && !given) {
      const input: CheckInput = {
        prev: prevs[0]!,
        next: dir.math,
        relation: dir.relation ?? chooseRelation(prevs[0]!, dir.math),
        variables,
      };
      const cx = shown.result.counterexample;
      if (this.ctx.reference) await this.nameSlip(line, i, dir.math, pv.ascii, pv.equation, variables, signal);
      if (!signal.aborted) await this.suggestAssume(line, cx, input, signal);
    }
  }

  private showChecked(
    c: Checked,
    how: string,
    say: (s: LineStatus, m: string, rel?: string, provisional?: boolean, warning?: string) => void,
    checkedAs?: Relation,
  ): void {
    const r = c.result;
    const relation = 'relation' in r ? r.relation : undefined;
    // A counterexample in a sentence, every variable listed, saying what was compared.
    const before =
      checkedAs?.kind === 'derivative'
        ? `the derivative of the line before with respect to ${checkedAs.wrt} gives`
        : checkedAs?.kind === 'substitute'
          ? 'the line before, substituted, gives'
          : 'the line before gives';
    const text =
      r.status === 'refuted'
        ? `${relation ? `${relation} ` : ''}refuted: ${counterexampleSentence(r.counterexample, 'your line', before.replace(/ gives$/, ''))}`
        : c.text;
    say(r.status, how + text, relation, false, r.status === 'verified' ? r.warning?.kind : undefined);
  }

  private check(input: CheckInput, signal: AbortSignal, options?: CheckOptions): Promise<Checked | null> {
    return this.ctx.client.check(input, signal, options);
  }

  /** The reference steps this line states (same expression, or an equivalent equation); null if aborted. */
  private async findMatches(
    math: string,
    ascii: string,
    equation: boolean,
    variables: VariableDecl[],
    signal: AbortSignal,
  ): Promise<PracticeStep[] | null> {
    const out: PracticeStep[] = [];
    for (const s of this.ctx.reference ?? []) {
      if (s.start || isEquation(s.expr) !== equation || !sameIdentifiers(s.expr, ascii)) continue;
      // Only the status and the relation count here, and the CAS changes neither: no need to wait for a proof.
      const c = await this.check({ prev: s.expr, next: math, relation: chooseRelation(s.expr, math), variables }, signal, {
        statusOnly: true,
      });
      if (!c) return null;
      if (isSameContent(c.result)) out.push(s);
    }
    return out;
  }
}

/** An edit to a chain made elsewhere: see ChainEditor.applyEdits. */
export type LineEdit = { op: 'insert'; at: number; text: string } | { op: 'remove'; at: number } | { op: 'set'; at: number; text: string };

/**
 * Replace an input's text; when it has focus, its selection moves with the
 * text around it: before the changed span it stays, after it it shifts.
 */
function setKeepingCaret(input: HTMLInputElement, text: string): void {
  const old = input.value;
  const focused = input.ownerDocument.activeElement === input;
  const start = input.selectionStart ?? old.length;
  const end = input.selectionEnd ?? old.length;
  input.value = text;
  if (!focused) return;
  let p = 0;
  while (p < old.length && p < text.length && old[p] === text[p]) p++;
  let s = 0;
  while (s < old.length - p && s < text.length - p && old[old.length - 1 - s] === text[text.length - 1 - s]) s++;
  const map = (x: number) => (x <= p ? x : x >= old.length - s ? x + text.length - old.length : text.length - s);
  input.setSelectionRange(map(start), map(end));
}

/** A counterexample's value as a number: 2, -1.5, "-3/2". */
function numberOf(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const m = /^\s*([-−]?\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?\s*$/.exec(v);
  if (!m) return undefined;
  const x = Number(m[1]!.replace('−', '-')) / (m[2] ? Number(m[2]) : 1);
  return Number.isFinite(x) ? x : undefined;
}

function relationWords(r: Relation): string {
  switch (r.kind) {
    case 'derivative':
      return `as the derivative with respect to ${r.wrt}`;
    case 'substitute':
      return `as a substitution (${Object.entries(r.bindings)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ')})`;
    case 'solve':
      return `as solving for ${r.for}`;
    default:
      return `as a ${r.kind} step`;
  }
}
