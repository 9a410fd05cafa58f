/**
 * What the reader sees is what was checked: a step's displayed `tex` is read
 * with the engine's own LaTeX reader and proved equal to its checked `expr`
 * through the public `check()`. The build fails on a step whose display and
 * checked expression disagree (./verify.ts adds the failure).
 *
 * The documented rule for reading a display:
 * 1. Layout is dropped: `\,` `\;` `\!` `\:` `\quad` `\qquad` `\big` … `\Bigg`,
 *    `\displaystyle`, the `aligned` environment with its `&` and `\\` (in a
 *    matrix they separate entries and stay), and a
 *    trailing `,` or `.`. Nothing else is rewritten. A step with declared
 *    `conditions` shows them last, as `(\beta_2 \ne 1)`: that trailing group is
 *    not read (the engine checks the conditions themselves).
 * 2. The display is split at its top-level `=` into a chain S0 = S1 = … = Sk.
 *    Any other relation (⇒, ⇔, ≤, a second display after `\qquad`) is not
 *    read: the step does not agree.
 * 3. An expression step (`expr` without `=`): every Si with i ≥ 1 equals expr;
 *    S0 either equals expr or is a label naming it (a name, possibly with a
 *    subscript, an accent and an argument list, such as `L(\beta)`), which is
 *    not checked. With no `=`, S0 itself equals expr.
 * 4. An equation step (`lhs = rhs`): S0 equals lhs and every Si (i ≥ 1)
 *    equals rhs.
 * 5. Names: where the derivation (or the step) declares a `notation`, each
 *    name it lists is replaced, in the reading, by the expression it stands
 *    for (`lambda_Min` → `m`, `x_star` → `inv(A)*b`), in parentheses; the
 *    rest of the display is read as written. The table is data a reviewer
 *    reads once per page, not a reading chosen per step to make it agree.
 * "Equals" is a `check()` with relation `equal` and the derivation's variables,
 * verified by the engine; anything else (refuted, unproven, error) disagrees.
 *
 * Steps that cannot be read yet are listed in ./tex-allow-list.ts with a reason;
 * the build prints their count, and fails when a listed step starts agreeing
 * (so the list only shrinks).
 */
import { check, parseLine } from '../verify/index';
import { TEX_ALLOW_LIST } from './tex-allow-list';
import type { CheckResult } from '../verify/types';
import type { Derivation, Step } from './define';

export type TexAgreement = { agrees: true } | { agrees: false; reason: string };

/** Rule 1: layout-only TeX, removed before reading. */
export function stripLayout(tex: string): string {
  return (
    tex
      // `&` and `\\` are layout inside `aligned` only: in a matrix they separate entries.
      .replace(/\\begin\{aligned\}([\s\S]*?)\\end\{aligned\}/g, (_, body: string) => ` ${body.replace(/\\\\|&/g, ' ')} `)
      .replace(/\\(?:[,;!:]|(?:quad|qquad|displaystyle)(?![a-zA-Z]))/g, ' ')
      .replace(/\\(?:big|Big|bigg|Bigg)[lr]?(?![a-zA-Z])/g, '')
      .replace(/[,.]\s*$/, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Rule 2: split at top-level `=` (outside braces, brackets and parentheses). */
export function splitChain(tex: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i]!;
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === '=' && depth === 0) {
      parts.push(tex.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(tex.slice(start));
  return parts.map((p) => p.trim());
}

/** Rule 3: a label, such as `L(\beta)`, `\hat\beta_\lambda`, `\nabla_\beta L`, `J(v)`. */
const LABEL =
  /^(?:\\(?:hat|bar|tilde|nabla|mathbf)\s*)*\\?[A-Za-z]+(?:\s*(?:_|\^)\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))*\s*(?:\\?[A-Za-z]+\s*)?(?:\\left)?\s*(?:\([^()]*\))?(?:\\right\))?$/;

export function isLabel(segment: string): boolean {
  return LABEL.test(segment.trim());
}

type Notation = Readonly<Record<string, string>>;

/** Rule 5: every listed name of `ascii` (a whole identifier, not part of one) becomes `(its value)`. */
export function applyNotation(ascii: string, notation: Notation): string {
  const names = Object.keys(notation);
  if (names.length === 0) return ascii;
  return ascii.replace(/[A-Za-z][A-Za-z0-9_]*/g, (name, at: number) =>
    Object.hasOwn(notation, name) && !/[A-Za-z0-9_.]/.test(ascii[at - 1] ?? '') ? `(${notation[name]})` : name,
  );
}

/** The reading of one segment as ASCII, or why it cannot be read. */
function read(segment: string, notation: Notation): { ascii: string } | { problem: string } {
  // Force the LaTeX reader: a display like `x + 1` has no backslash but is still TeX.
  const p = parseLine(/\\|[_^]\{/.test(segment) ? segment : `${segment}\\,`);
  if (!p.ok) return { problem: p.message };
  return { ascii: applyNotation(p.ascii, notation) };
}

type Checker = (prev: string, next: string) => Promise<CheckResult>;

async function same(expr: string, segment: string, checker: Checker, notation: Notation): Promise<string | undefined> {
  const r = read(segment, notation);
  if ('problem' in r) return `cannot read \`${segment}\`: ${r.problem}`;
  const result = await checker(expr, r.ascii);
  if (result.status === 'verified') return undefined;
  const why = result.status === 'error' ? result.message : result.status === 'unproven' ? result.reason : 'refuted';
  return `\`${segment}\` (read as ${r.ascii}) is not shown equal to \`${expr}\`: ${result.status} (${why})`;
}

/** Does the step's displayed TeX say what its checked `expr` says? */
export async function texAgreement(d: Derivation, step: Step, checker?: Checker): Promise<TexAgreement> {
  const run: Checker =
    checker ??
    ((prev, next) =>
      check({ prev, next, relation: { kind: 'equal' }, variables: d.variables, options: { ...d.options, ...step.options } }));
  const notation: Notation = { ...d.notation, ...step.notation };
  let tex = stripLayout(step.tex);
  // Rule 1b: a step's declared `conditions` are shown after it as `(\beta_2 \ne 1)`; they are
  // checked as conditions (nonzero), not as the step's value, so that trailing group is not read.
  if (step.conditions?.length) tex = tex.replace(/\s*\((?:[^()]*\\ne(?![a-zA-Z])[^()]*)\)$/, '');
  for (const rel of [
    '\\Rightarrow',
    '\\Leftrightarrow',
    '\\Longleftrightarrow',
    '\\iff',
    '\\implies',
    '\\le',
    '\\ge',
    '\\ne',
    '\\approx',
    '<',
    '>',
  ]) {
    if (tex.includes(rel)) return { agrees: false, reason: `the display has the relation ${rel}, the checked line has only "="` };
  }
  const chain = splitChain(tex);
  const eq = step.expr.indexOf('=');
  if (eq < 0) {
    const [first, ...rest] = chain;
    const checks: string[] = rest.length === 0 || !isLabel(first!) ? [first!, ...rest] : rest;
    for (const s of checks) {
      const problem = await same(step.expr, s, run, notation);
      if (problem) return { agrees: false, reason: problem };
    }
    return { agrees: true };
  }
  if (chain.length < 2) return { agrees: false, reason: 'the checked line is an equation, the display has no "="' };
  const lhs = step.expr.slice(0, eq).trim();
  const rhs = step.expr.slice(eq + 1).trim();
  const left = await same(lhs, chain[0]!, run, notation);
  if (left) return { agrees: false, reason: left };
  for (const s of chain.slice(1)) {
    const problem = await same(rhs, s, run, notation);
    if (problem) return { agrees: false, reason: problem };
  }
  return { agrees: true };
}

export interface TexGateReport {
  /** Steps whose display was proved equal to the checked expression. */
  agreeing: number;
  /** Steps on the allow-list that still disagree (ids), with the reason found now. */
  allowListed: Array<{ id: string; reason: string }>;
  /** Build failures: disagreeing steps not on the list, and listed steps that now agree. */
  failures: string[];
}

/**
 * The gate over one derivation. Every step is read; a listed step whose display
 * now agrees is a failure too ("remove it from the list"), so the list cannot go stale.
 */
export async function texGate(d: Derivation, checker?: (step: Step) => Checker): Promise<TexGateReport> {
  const listed = TEX_ALLOW_LIST[d.slug] ?? {};
  for (const id of Object.keys(listed)) {
    if (!d.steps.some((s) => s.id === id))
      throw new Error(`tex allow-list: \`${d.slug}\` has no step \`${id}\`; remove it from src/derivations/tex-allow-list.ts`);
  }
  const results = await Promise.all(d.steps.map(async (s) => ({ s, a: await texAgreement(d, s, checker?.(s)) })));
  const out: TexGateReport = { agreeing: 0, allowListed: [], failures: [] };
  for (const { s, a } of results) {
    const onList = s.id in listed;
    if (a.agrees) {
      out.agreeing++;
      if (onList)
        out.failures.push(
          `${d.slug} › step ${s.id}: its display now agrees with its checked expression; remove it from src/derivations/tex-allow-list.ts`,
        );
    } else if (onList) out.allowListed.push({ id: s.id, reason: a.reason });
    else
      out.failures.push(
        `${d.slug} › step (${s.number}) ${s.id}: the displayed TeX does not say what was checked\n    tex:  ${s.tex}\n    expr: ${s.expr}\n    ${a.reason}`,
      );
  }
  return out;
}
