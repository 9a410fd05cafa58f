/**
 * One chain of lines being checked as they are typed: each line against the
 * line before it (the first against the starting lines, if any). Shared by
 * practice mode and the scratchpad. Everything from the input reaches the DOM
 * through textContent or KaTeX with trust off.
 */
import type { CheckInput, Relation, VariableDecl } from '../../src/verify/types';
import { describeDeclaration } from '../../src/verify/assume';
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
  parseAssume,
  parseDirective,
  sameIdentifiers,
  scalarMatrixHint,
  splitChains,
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
  /** Paste with blank lines: more chains after this one (scratchpad). */
  pasteChains?(chain: ChainEditor, chains: string[][]): void;
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
}

/** Debounce between a keystroke and the check. */
export const DEBOUNCE_MS = 300;

let uid = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

export class ChainEditor {
  readonly el: HTMLOListElement;
  private lines: Line[] = [];

  constructor(
    private readonly ctx: ChainContext,
    initial: readonly string[],
  ) {
    this.el = el('ol', 'pchain');
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

  /** Furthest reference step stated by any line (0: none). */
  furthest(): number {
    return Math.max(0, ...this.lines.map((l) => l.reached ?? 0));
  }

  focus(index: number | 'first' | 'last' = 'last'): void {
    const i = index === 'first' ? 0 : index === 'last' ? this.lines.length - 1 : index;
    const input = this.lines[Math.max(0, Math.min(i, this.lines.length - 1))]?.input;
    if (!input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  /** Put `texts` after line `at` (or replace an empty line at `at`). */
  insertTexts(at: number, texts: readonly string[]): void {
    let i = at;
    for (const t of texts) {
      if (this.lines.length >= MAX_LINES) break;
      const cur = this.lines[i];
      if (cur && cur.input.value === '') cur.input.value = t;
      else this.insert(++i, t);
    }
    this.relabel();
    this.scheduleFrom(at, 0);
    this.ctx.changed();
    this.focus(i);
  }

  dispose(): void {
    for (const l of this.lines) {
      clearTimeout(l.timer);
      l.controller?.abort();
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
    const line: Line = { li, input, num, preview, verdict, reach, timer: undefined, controller: undefined, key: '', status: 'empty', matches: [], reached: undefined, timing: undefined, timedFirst: false, hint: undefined };
    input.addEventListener('input', () => {
      const i = this.lines.indexOf(line);
      this.ctx.changed();
      this.dropStale(i);
      this.scheduleFrom(i, DEBOUNCE_MS);
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
    if (!/[\r\n]/.test(text)) return;
    e.preventDefault();
    const chains = splitChains(text);
    const i = this.lines.indexOf(line);
    if (this.ctx.pasteChains) {
      this.insertTexts(i, chains[0] ?? []);
      if (chains.length > 1) this.ctx.pasteChains(this, chains.slice(1));
    } else this.insertTexts(i, chains.flat());
  }

  /** Re-check line `from` and every later line whose inputs may have changed (debounced). */
  scheduleFrom(from: number, delay: number): void {
    for (let i = Math.max(0, from); i < this.lines.length; i++) {
      const line = this.lines[i]!;
      clearTimeout(line.timer);
      line.timer = setTimeout(() => void this.evaluate(line), delay);
    }
  }

  /** What a line's verdict depends on: its text, the line(s) it is checked against, the assumptions. */
  private keyAt(i: number): string {
    return JSON.stringify([this.lines[i]!.input.value, this.previousAt(i), this.variablesAt(i)]);
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
  private setVerdict(line: Line, status: LineStatus, text: string, relation?: string, provisional = false): void {
    if (line.timing !== undefined && status !== 'pending') {
      // User Timing for scripts/bench-practice.ts: the first verdict shown, and the final one.
      if (!line.timedFirst) performance.measure('derivable:line', { start: line.timing, detail: { status, provisional } });
      line.timedFirst = true;
      if (!provisional) {
        performance.measure('derivable:line-final', { start: line.timing, detail: { status } });
        line.timing = undefined;
      }
    }
    line.status = status;
    line.li.dataset['status'] = status;
    const v = line.verdict;
    v.dataset['status'] = status;
    if (provisional) v.dataset['stage'] = 'provisional';
    else delete v.dataset['stage'];
    if (relation) v.dataset['relation'] = relation;
    else delete v.dataset['relation'];
    v.replaceChildren();
    if (status === 'empty') return;
    const icon = el('span', 'pline__icon');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = STATUS_ICON[status];
    const body = el('span', 'pline__text');
    body.textContent = text;
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
   * after the previous line's step. Recomputed in order whenever any line's matches change, so
   * the answer does not depend on which check finished first.
   */
  private resolveReach(): void {
    const n = this.ctx.reference?.length ?? 0;
    let prev = 0;
    let changed = false;
    for (const line of this.lines) {
      const m = line.matches;
      const pick = m.length === 0 ? undefined : (m.find((k) => k > prev) ?? m[m.length - 1]);
      if (pick !== undefined) prev = pick;
      if (pick !== line.reached) changed = true;
      line.reached = pick;
      line.reach.hidden = pick === undefined;
      line.reach.textContent =
        pick === undefined ? '' : pick === n ? `You have reached the result: step ${n} of ${n}.` : `You have reached step ${pick} of ${n}.`;
    }
    if (changed) this.ctx.progress?.();
  }

  private async evaluate(line: Line): Promise<void> {
    const i = this.lines.indexOf(line);
    if (i < 0) return;
    const text = line.input.value;
    const variables = this.variablesAt(i);
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
    const say = (status: LineStatus, msg: string, relation?: string, provisional = false) => {
      this.setVerdict(line, status, msg, relation, provisional);
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
      this.check({ prev, next: dir.math, relation: dir.relation ?? chooseRelation(prev, dir.math), variables }, signal, { onProvisional });
    // The first check runs in its own worker alongside the preview; if the line cannot be read,
    // its answer (an error too) is dropped for the preview's, which says where.
    const first = prevs.length > 0 ? checkAgainst(prevs[0]!) : undefined;
    const pv = await this.ctx.client.preview(dir.math, signal);
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

    if (prevs.length === 0) {
      say('start', 'starting line: the lines below are checked against it');
      const found = await this.findMatches(dir.math, pv.ascii, pv.equation, variables, signal);
      if (found) this.setMatches(line, found);
      return;
    }

    for (const [k, prev] of prevs.entries()) {
      const c = await (k === 0 ? first! : checkAgainst(prev));
      if (!c) return;
      if (!best || c.result.status === 'verified') best = c;
      if (c.result.status === 'verified') break;
    }
    let shown = best!;
    let how = '';
    if (shown.result.status === 'verified' || line.verdict.dataset['stage'] === 'provisional') this.showChecked(shown, '', say);
    const matched = await this.findMatches(dir.math, pv.ascii, pv.equation, variables, signal);
    if (!matched || signal.aborted) return;
    // A step that is not an equality (a derivative, a substitution, solving for a variable) is
    // recognised by the reference step it matches, and checked with that step's relation.
    const relations = matched.flatMap((m) => (m.relation ? [m.relation] : []));
    if (shown.result.status !== 'verified' && !dir.relation) {
      search: for (const relation of relations) {
        for (const prev of prevs) {
          const c = await this.check({ prev, next: dir.math, relation, variables }, signal);
          if (!c) return;
          if (c.result.status === 'verified') {
            shown = c;
            how = `${relationWords(relation)}: `;
            break search;
          }
        }
      }
    }
    const given = matched.find((m) => m.given);
    if (shown.result.status !== 'verified' && !dir.relation && given) {
      // The reference starts afresh here too (a new definition or given fact): nothing to check
      // against the line before, and the line is not shown as verified.
      say('start', `a new starting line: it states step ${given.number}, which the reference also takes as given (${given.move.replace(/\$/g, '')})`);
    } else if (shown !== best || best.result.status !== 'verified') this.showChecked(shown, how, say);
    this.setMatches(line, matched);
  }

  private showChecked(c: Checked, how: string, say: (s: LineStatus, m: string, rel?: string) => void): void {
    const r = c.result;
    const relation = 'relation' in r ? r.relation : undefined;
    say(r.status, how + c.text, relation);
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
      const c = await this.check({ prev: s.expr, next: math, relation: chooseRelation(s.expr, math), variables }, signal, { statusOnly: true });
      if (!c) return null;
      if (isSameContent(c.result)) out.push(s);
    }
    return out;
  }
}

function relationWords(r: Relation): string {
  switch (r.kind) {
    case 'derivative':
      return `as the derivative with respect to ${r.wrt}`;
    case 'substitute':
      return `as a substitution (${Object.entries(r.bindings).map(([k, v]) => `${k} = ${v}`).join(', ')})`;
    case 'solve':
      return `as solving for ${r.for}`;
    default:
      return `as a ${r.kind} step`;
  }
}
