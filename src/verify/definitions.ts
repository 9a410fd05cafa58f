/**
 * Named functions on a notepad: a line `L(w) = …` (or `f(x, y) = …`) defines L for the lines
 * after it. Later lines may use it as written by candidates:
 *
 *   L(w), L(2)                                  the body with the arguments put in
 *   \frac{\partial L}{\partial w}, \frac{dL}{dw}, \frac{\partial}{\partial w} L(w),
 *   \nabla_w L, L'(w), d/dw L(w), dL/dw          the derivative of the body
 *
 * Each use is replaced, before the line is read, by a placeholder name that both readers
 * accept (`Xi_900`, `\Xi_{900}`), and after reading by the expression it stands for. So the
 * checker sees `diff(body, w)`, exactly what the notation means.
 */
import { type Expr, fn, substitute, sym } from './ast';
import { differentiate } from './diff';
import { hasIndexed } from './sums';

export class DefinitionProblem extends Error {}

export interface Definition {
  name: string;
  params: string[];
  /** The right side as typed (ASCII or LaTeX). */
  body: string;
}

const NAME = '[A-Za-z](?:_[A-Za-z0-9]+)?';
const DEFINITION = new RegExp(
  `^\\s*(${NAME})\\s*(?:\\\\left\\s*)?\\(\\s*([A-Za-z][A-Za-z0-9_]*(?:\\s*,\\s*[A-Za-z][A-Za-z0-9_]*)*)\\s*(?:\\\\right\\s*)?\\)\\s*=(?!=)(.+)$`,
  's',
);
/** Names that are functions or operators of their own, never defined on a notepad. */
const RESERVED = new Set(['E', 'P', 'd']);

/** `L(w) = body` as a definition, or undefined when the line is not one. */
export function readDefinition(text: string): Definition | undefined {
  const m = DEFINITION.exec(text);
  if (!m || RESERVED.has(m[1]!)) return undefined;
  const body = m[3]!.trim();
  if (!body || /^\s*=/.test(body) || topEquals(body) > 0) return undefined;
  return { name: m[1]!, params: m[2]!.split(',').map((p) => p.trim()), body };
}

/** A use of a defined function in a line: a call, or a derivative of one. */
export interface Use {
  def: Definition;
  /** Argument texts (the parameters themselves when none were written). */
  args: string[];
  /** Set for a derivative: with respect to this name. */
  wrt?: string;
}

/** The readers' test for LaTeX (./parse.ts `looksLikeLatex`). */
const LATEX = /\\[a-zA-Z]+|\\[,;!|]|[_^]\{/;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text inside the bracket that opens at `open` (`(` or `\left(`), and the index after its close. */
function bracketed(text: string, open: number): { inner: string; end: number } | undefined {
  let i = open;
  if (text.startsWith('\\left', i)) i += 5;
  while (text[i] === ' ') i++;
  if (text[i] !== '(') return undefined;
  let depth = 0;
  for (let k = i; k < text.length; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')' && --depth === 0) {
      let inner = text.slice(i + 1, k);
      inner = inner.replace(/\\right\s*$/, '');
      return { inner, end: k + 1 };
    }
  }
  return undefined;
}

function splitArgs(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(inner.slice(start).trim());
  return out;
}

/** The first placeholder index; placeholders are `Xi_900`, `Xi_901`, … */
const BASE = 900;
export const placeholder = (k: number, latex: boolean) => (latex ? `\\Xi_{${BASE + k}}` : `Xi_${BASE + k}`);
export const placeholderName = (k: number) => `Xi_${BASE + k}`;

/**
 * Replace every use of a defined function in `text` by a placeholder. Returns the new text and
 * the uses, in placeholder order (none when the line uses no definition).
 */
export function markUses(text: string, defs: readonly Definition[], latex: boolean): { text: string; uses: Use[] } {
  const uses: Use[] = [];
  let t = text;
  for (const def of defs) {
    const N = esc(def.name);
    const V = '([A-Za-z][A-Za-z0-9_]*)';
    const one = def.params.length === 1 ? def.params[0]! : undefined;
    // derivatives whose function is written without arguments
    const bare: RegExp[] = [
      new RegExp(
        `\\\\frac\\s*\\{\\s*(?:\\\\partial|d)\\s*${N}\\s*\\}\\s*\\{\\s*(?:\\\\partial|d)\\s*${V}\\s*\\}(?!\\s*(?:\\\\left\\s*)?\\()`,
        'g',
      ),
      new RegExp(`\\\\nabla\\s*_\\s*\\{?\\s*${V}\\s*\\}?\\s*${N}(?![A-Za-z0-9_'(]|\\s*(?:\\\\left\\s*)?\\()`, 'g'),
      new RegExp(`(?<![A-Za-z\\\\])d${N}\\s*/\\s*d${V}(?![A-Za-z0-9_])`, 'g'),
    ];
    for (const re of bare)
      t = t.replace(re, (_m, v: string) => {
        uses.push({ def, args: [...def.params], wrt: v });
        return ` ${placeholder(uses.length - 1, latex)} `;
      });
    if (one)
      t = t.replace(new RegExp(`\\\\nabla\\s*${N}(?![A-Za-z0-9_'(]|\\s*(?:\\\\left\\s*)?\\()`, 'g'), () => {
        uses.push({ def, args: [one], wrt: one });
        return ` ${placeholder(uses.length - 1, latex)} `;
      });
    // uses with arguments, possibly after a derivative operator or with a prime
    const head = new RegExp(
      `(\\\\frac\\s*\\{\\s*(?:\\\\partial|d)\\s*\\}\\s*\\{\\s*(?:\\\\partial|d)\\s*${V}\\s*\\}\\s*|\\\\nabla\\s*_\\s*\\{?\\s*${V}\\s*\\}?\\s*|(?<![A-Za-z\\\\])d\\s*/\\s*d${V}\\s*)?(?<![A-Za-z0-9_\\\\])${N}\\s*(')?\\s*(?=\\\\left\\s*\\(|\\()`,
    );
    for (let guard = 0; guard < 50; guard++) {
      const m = head.exec(t);
      if (!m) break;
      const b = bracketed(t, m.index + m[0].length);
      if (!b) break;
      const args = splitArgs(b.inner);
      const wrt = m[2] ?? m[3] ?? m[4] ?? (m[5] ? one : undefined);
      if (m[5] && !one) break;
      if (args.length !== def.params.length) break;
      uses.push(wrt ? { def, args, wrt } : { def, args });
      t = `${t.slice(0, m.index)} ${placeholder(uses.length - 1, latex)} ${t.slice(b.end)}`;
    }
  }
  return { text: t, uses };
}

/**
 * The expression a use stands for: the body with the parameters replaced by the arguments, or
 * the derivative of the body. For `L'(a)` with an argument other than the parameter, the body
 * is differentiated in the parameter and then evaluated at the argument.
 */
export function useExpr(use: Use, body: Expr, args: Expr[]): Expr {
  const params = use.def.params;
  const put = (e: Expr) => substitute(e, new Map(params.map((p, i) => [p, args[i]!])));
  if (!use.wrt) return put(body);
  const i = params.indexOf(use.wrt);
  if (i >= 0 && !(args[i]!.k === 'sym' && args[i]!.name === use.wrt)) {
    // differentiate in the parameter, then put the arguments in
    if (hasIndexed(body))
      throw new DefinitionProblem(
        `${use.def.name}'(…) at an argument other than ${use.wrt} is not read for a body with sums: write ${use.def.name}'(${use.wrt})`,
      );
    return put(differentiate(body, use.wrt));
  }
  return fn('diff', put(body), sym(use.wrt));
}

/** Does this text use a defined function (so that `lhs = rhs` with it on the left is a claim to check, not an equation)? */
export function usesDefinition(text: string, defs: readonly Definition[]): boolean {
  return markUses(text, defs, true).uses.length > 0;
}

/** Positions of the `=` outside brackets and braces (not `==`, `<=`, `>=`, `!=`). */
function topEqualsAt(text: string): number[] {
  let depth = 0;
  const cuts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '=' && depth === 0 && !'<>!='.includes(text[i - 1] ?? '') && text[i + 1] !== '=') cuts.push(i);
  }
  return cuts;
}
const topEquals = (text: string) => topEqualsAt(text).length;

/** `lhs = rhs` split at a single top-level `=`, or undefined. */
export function splitTopEquals(text: string): [string, string] | undefined {
  const cuts = topEqualsAt(text);
  return cuts.length === 1 ? [text.slice(0, cuts[0]), text.slice(cuts[0]! + 1)] : undefined;
}

/**
 * One step of a notepad as the engine reads it, with the notepad's own conventions:
 * - `L(w) = body` on the previous line defines L, and the chain goes on from its body;
 *   on the new line it names the previous expression, and its body is what is checked;
 * - a new line `= B` continues the previous one: B is checked against the previous line's
 *   right side (or the previous expression);
 * - `\frac{\partial L}{\partial w} = B`, with a defined function on the left, is a claim
 *   checked on its own (left against right), not an equation to solve.
 */
export interface NotepadStep {
  prev: string;
  next: string;
  defs: Definition[];
  /** The previous line is an equation whose right side is what the new line goes on from. */
  prevRhs: boolean;
  /** The lines are compared as expressions (a notepad convention applied), not as equations. */
  asExpressions: boolean;
  notes: string[];
}

export function notepadStep(prevText: string, nextText: string, definitions: readonly string[]): NotepadStep | { error: string } {
  const defs: Definition[] = [];
  for (const t of definitions) {
    const d = readDefinition(t);
    if (!d) return { error: `definition ${t}: expected a line such as f(x) = x^2` };
    defs.push(d);
  }
  const notes: string[] = [];
  // a previous continuation `= A` is the expression A
  let prev = prevText.replace(/^\s*=(?!=)/, '');
  let next = nextText;
  let prevRhs = false;
  let asExpressions = false;
  const prevDef = readDefinition(prev);
  if (prevDef) {
    defs.push(prevDef);
    prev = prevDef.body;
    asExpressions = true;
  } else if (defs.length) {
    const sides = splitTopEquals(prev);
    if (sides && usesDefinition(sides[0], defs)) prevRhs = true;
  }
  const nextDef = readDefinition(next);
  if (/^\s*=(?!=)/.test(next)) {
    next = next.replace(/^\s*=/, '');
    if (splitTopEquals(prev)) prevRhs = true;
    asExpressions = true;
  } else if (nextDef && !defs.some((d) => d.name === nextDef.name)) {
    notes.push(
      `read ${nextDef.name}(${nextDef.params.join(', ')}) = … as the definition of ${nextDef.name}: its right side is checked against the line before`,
    );
    next = nextDef.body;
    asExpressions = true;
  } else if (defs.length) {
    const sides = splitTopEquals(next);
    if (sides && usesDefinition(sides[0], defs)) {
      notes.push(
        `read a line with ${defs.map((d) => d.name).join(', ')} on the left as a claim checked left against right, not an equation to solve`,
      );
      // each side read as the whole line is (a LaTeX side without a backslash is still LaTeX)
      const latex = LATEX.test(next);
      [prev, next] = sides.map((x) => (latex && !LATEX.test(x) ? `${x}\\,` : x)) as [string, string];
      prevRhs = false;
      asExpressions = true;
    }
  }
  return { prev, next, defs, prevRhs, asExpressions, notes };
}

/**
 * A definition line, or a line that is only a derivative of a defined function
 * (`\frac{\partial L}{\partial w}`, `L'(w)`): on a notepad it starts a new computation (the
 * lines below are checked against it); it does not follow from the line before.
 */
export function startsAnew(text: string, definitions: readonly string[]): boolean {
  // a definition starts a new computation on a notepad (the engine alone, given one, checks its right side)
  if (readDefinition(text) && !/^\s*=/.test(text)) return true;
  const defs = definitions.map(readDefinition).filter((d) => d !== undefined);
  if (!defs.length) return false;
  const m = markUses(text, defs, true);
  return m.uses.length === 1 && m.uses[0]!.wrt !== undefined && m.text.trim() === placeholder(0, true);
}
