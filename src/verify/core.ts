/**
 * The synchronous core: one branch per relation kind. No node-only imports,
 * so it runs in a node worker_thread, a browser Web Worker, or inline.
 *
 * Order of evidence: numeric first (exact rationals or 80-digit decimals on
 * the expressions as written, so domains are the user's), then the CAS only
 * to upgrade an agreement to "symbolic". The CAS never decides a refutation.
 */
import { type Expr, type Line, CONSTANTS, children, freeSymbols, hasFn, print, sub, substitute } from './ast';
import type { Cas } from './cas/nerdamer';
import { DEFAULT_CONFIDENCE, MIN_FINITE_POINTS, resolveOptions } from './defaults';
import { type Value, ShapeError, TooLarge, derivativeOf, entries, instantiate } from './matrix';
import { Dec } from './cas/mathjs';
import { Inconclusive, Num, Undefined, compare, evaluate, fmt, withPrecision } from './numeric';
import { type LatexReader, parseLine } from './parse';
import { createRng, perturb, samplePoint } from './sampler';
import { NotDifferentiable } from './diff';
import { equationCheck, solveCheck } from './equations';
import { Normaliser } from './poly';
import { Rat } from './rational';
import { type Definition, notepadStep } from './definitions';
import { type MomentSetup, NotReadable, expandLine, hasMoments, momentSetup, momentWithoutRandom, outsideMoments } from './expectation';
import { BadBound, MIN_SIZES, SumTooLarge, expandIndexed, rangeEmpty, sizeAssignments, sizeNames } from './sums';

/** A line with sums may expand to this many times `maxNodes` at a size n (the typed line itself stays within `maxNodes`). */
export const SUM_NODES_FACTOR = 5;
/** Random points at each size n. */
export const SAMPLES_PER_SIZE = 10;
import type { CheckInput, CheckResult, Counterexample, Evidence, VariableDecl, VerifyOptions } from './types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Verdict = DistributiveOmit<CheckResult, 'ms'>;

export interface CoreHooks {
  /**
   * The CAS (nerdamer-prime's adapter: `defaultCas()` in ./cas/nerdamer). Injected, not
   * imported, so a browser worker can start without nerdamer and load it later.
   */
  cas: Cas;
  /** The LaTeX reader (`readLatex` in ./cas/latex-default), injected for the same reason. */
  readLatex: LatexReader;
  /** Called with the numeric verdict before the symbolic attempt, so a timeout can fall back to it. */
  onPartial?: (v: Verdict) => void;
}

export class Timeout extends Error {}

export interface Ctx {
  opts: VerifyOptions;
  decls: Map<string, VariableDecl>;
  deadline: number;
  cas: Cas;
  hooks: CoreHooks;
  /** Dimension names (from declared shapes and identity(p)). */
  dimNames: string[];
  matrixMode: boolean;
  /** Expressions assumed nonzero for this step (`CheckInput.conditions`). */
  conditions: Expr[];
}

/** Does the point respect the step's conditions (each one defined and nonzero there)? */
export function withinConditions(ctx: Ctx, env: Map<string, Num>): boolean {
  return ctx.conditions.every((c) => {
    const v = evalSide(c, env, new Map());
    return v instanceof Num && !(v.q ? v.q.isZero() : v.nearZero());
  });
}

const now = () => Date.now();

export function tick(ctx: Ctx): void {
  if (now() > ctx.deadline) throw new Timeout();
}

/** The core. `deadline` is an absolute Date.now() time; by default now + timeLimitMs. */
export function checkSync(input: CheckInput, deadline: number | undefined, hooks: CoreHooks): CheckResult {
  const t0 = now();
  const opts = resolveOptions(input.options);
  const dl = deadline ?? t0 + opts.timeLimitMs;
  let v: Verdict;
  try {
    v = run(input, opts, dl, hooks);
  } catch (e) {
    if (e instanceof Timeout) v = { status: 'unproven', reason: `timed out after ${opts.timeLimitMs} ms` };
    else if (e instanceof ShapeError) v = { status: 'error', message: `shape error: ${e.message}` };
    else if (e instanceof TooLarge) v = { status: 'unproven', reason: `too large to instantiate: ${e.message}` };
    else if (e instanceof NotDifferentiable) v = { status: 'unproven', reason: e.message };
    else if (e instanceof RangeError) v = { status: 'error', message: `expression too large or too deep (${e.message})` };
    else throw e;
  }
  // Last line of defence for the rule "never accept on fewer than 5 finite points": a numeric
  // verdict with less evidence is not a verdict.
  v = enoughEvidence(v);
  const notes = readerNotes(input, opts, hooks.readLatex);
  return { ...v, ms: now() - t0, ...(notes ? { notes } : {}) } as CheckResult;
}

/** The reader's notes on the new line (parsed again: bounded by the input limits, and cheap next to a check). */
function readerNotes(input: CheckInput, opts: VerifyOptions, readLatex: LatexReader): string[] | undefined {
  try {
    const step = notepadStep(input.prev ?? '', input.next, input.definitions ?? []);
    if ('error' in step) return undefined;
    const p = parseLine(step.next, readLatex, opts, step.defs.length ? { definitions: step.defs } : {});
    const notes = [...step.notes, ...(p.ok ? (p.notes ?? []) : [])];
    return notes.length ? notes : undefined;
  } catch {
    return undefined;
  }
}

function parseOrThrow(
  text: string,
  which: string,
  opts: VerifyOptions,
  readLatex: LatexReader,
  context: { definitions?: readonly Definition[] } = {},
): Line | Verdict {
  const p = parseLine(text, readLatex, opts, context);
  if (p.ok) return p.line;
  const v: Verdict = { status: 'error', message: `${which}: ${p.message}` };
  if (p.position !== undefined) (v as { position?: number }).position = p.position;
  return v;
}

const isVerdict = (x: Line | Verdict): x is Verdict => 'status' in x;

function run(given: CheckInput, opts: VerifyOptions, deadline: number, hooks: CoreHooks): Verdict {
  if (given.relation.kind === 'simulation') return simulate(given, opts, hooks.readLatex);
  // The notepad's conventions (./definitions.ts): definitions, `= …` continuations, claims about a defined function.
  const step = notepadStep(given.prev ?? '', given.next, given.definitions ?? []);
  if ('error' in step) return { status: 'error', message: step.error };
  const input: CheckInput =
    step.asExpressions && given.relation.kind === 'equation'
      ? { ...given, prev: step.prev, next: step.next, relation: { kind: 'equal' } }
      : { ...given, prev: step.prev, next: step.next };
  const rel = input.relation;
  const context = step.defs.length ? { definitions: step.defs } : {};
  const decls = new Map((input.variables ?? []).map((d) => [d.name, d]));
  const systems = [input.prev ?? '', input.next].map(systemParts);
  if (systems[0] || systems[1]) return systemCheck(input, systems[0], systems[1], decls, opts, deadline, hooks, context);
  const next = parseOrThrow(input.next, 'new line', opts, hooks.readLatex, context);
  if (isVerdict(next)) return next;
  const prevText = input.prev ?? '';
  let prev: Line | Verdict =
    prevText.trim() === '' && rel.kind === 'probability' ? next : parseOrThrow(prevText, 'previous line', opts, hooks.readLatex, context);
  if (isVerdict(prev)) return prev;
  if (step.prevRhs && prev.kind === 'equation') prev = { kind: 'expr', expr: prev.rhs };
  const conditions: Expr[] = [];
  for (const text of input.conditions ?? []) {
    const c = parseOrThrow(text, `condition ${text}`, opts, hooks.readLatex, context);
    if (isVerdict(c)) return c;
    if (c.kind !== 'expr')
      return { status: 'error', message: `condition ${text}: expected an expression assumed nonzero, not an equation` };
    conditions.push(c.expr);
  }
  const sizes = sizeNames([...lineExprs(prev), ...lineExprs(next), ...conditions]);
  if (sizes.length > 0) return bySizes(sizes, { input, decls, prev, next, conditions }, opts, deadline, hooks);
  return withMoments({ input, decls, prev, next, conditions }, opts, deadline, hooks);
}

/** `and` between equations (also \\land, \\wedge, \\text{and}), outside brackets: the parts, or undefined. */
function systemParts(text: string): string[] | undefined {
  const re = /\s+and\s+|\\land(?![a-zA-Z])|\\wedge(?![a-zA-Z])|\\(?:text|mathrm|textrm)\s*\{\s*and\s*\}/g;
  const parts: string[] = [];
  let start = 0;
  for (const m of text.matchAll(re)) {
    let depth = 0;
    for (const c of text.slice(0, m.index)) depth += '([{'.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0;
    if (depth !== 0) continue;
    parts.push(text.slice(start, m.index));
    start = m.index! + m[0].length;
  }
  parts.push(text.slice(start));
  return parts.length > 1 ? parts.map((p) => p.trim()) : undefined;
}

/**
 * Equations joined by `and` (a system): compared only with a stated solution of every unknown,
 * `x = 2 and y = 1`, which must solve each equation of the previous line (refuted with the
 * equation it fails). That it is the only solution is not shown: unproven, never ⇔.
 */
function systemCheck(
  input: CheckInput,
  prevParts: string[] | undefined,
  nextParts: string[] | undefined,
  decls: Map<string, VariableDecl>,
  opts: VerifyOptions,
  deadline: number,
  hooks: CoreHooks,
  context: { definitions?: readonly Definition[] },
): Verdict {
  const latex = (t: string) => /\\[a-zA-Z]+|[_^]\{/.test(t);
  const read = (t: string, whole: string, which: string): Line | Verdict =>
    parseOrThrow(latex(whole) && !latex(t) ? `${t}\\,` : t, which, opts, hooks.readLatex, context);
  const stated = new Map<string, Expr>();
  for (const t of nextParts ?? [input.next]) {
    const l = read(t, input.next, 'new line');
    if (isVerdict(l)) return l;
    if (l.kind !== 'equation' || l.lhs.k !== 'sym')
      return {
        status: 'error',
        message: `equations joined by "and" are compared only with a stated solution of every unknown, e.g. x = 2 and y = 1 ("${t}" is not one)`,
      };
    stated.set(l.lhs.name, l.rhs);
  }
  const equations: { text: string; line: Line }[] = [];
  for (const t of prevParts ?? [input.prev ?? '']) {
    const l = read(t, input.prev ?? '', 'previous line');
    if (isVerdict(l)) return l;
    equations.push({ text: t, line: l });
  }
  const unknowns = new Set<string>();
  for (const { line } of equations)
    for (const e of lineExprs(line)) for (const v of freeSymbols(e)) if (!decls.get(v)?.shape) unknowns.add(v);
  const missing = [...unknowns].filter((u) => !stated.has(u));
  if (missing.length)
    return {
      status: 'error',
      message: `equations joined by "and" are compared only with a stated solution of every unknown: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not given a value`,
    };
  let points = 0;
  for (const { text, line } of equations) {
    if (line.kind !== 'equation') return { status: 'error', message: `"${text}" is not an equation: "and" joins equations` };
    const lhs = substitute(line.lhs, stated);
    const rhs = substitute(line.rhs, stated);
    const v = enoughEvidence(
      decide(
        {
          input: { ...input, relation: { kind: 'equal' } },
          decls,
          prev: { kind: 'expr', expr: rhs },
          next: { kind: 'expr', expr: lhs },
          conditions: [],
        },
        opts,
        deadline,
        hooks,
      ),
    );
    const shown = [...stated].map(([k, e]) => `${k} = ${print(e)}`).join(', ');
    if (v.status === 'refuted')
      return {
        status: 'refuted',
        counterexample: {
          ...v.counterexample,
          note: `${shown} does not solve ${text.trim()}: there the left side is ${v.counterexample.left}, the right side ${v.counterexample.right}`,
        },
      };
    if (v.status !== 'verified') return v;
    points += v.evidence.points ?? 0;
  }
  const what = [...stated.keys()].join(', ');
  return {
    status: 'unproven',
    reason: `${what} as stated solve${stated.size === 1 ? 's' : ''} every equation of the previous line, but that this is the only solution is not shown`,
    ...(points ? { evidence: { points } } : {}),
  };
}

/** One step, parsed: the lines, the step's conditions and the declarations. */
interface Parsed {
  input: CheckInput;
  decls: Map<string, VariableDecl>;
  prev: Line;
  next: Line;
  conditions: Expr[];
}

/**
 * A step with sums over a symbolic range (`\sum_{i=1}^{n}`): checked at each size n = 1…8 (with
 * several size names, eight combinations), the sums expanded and the indexed names (`y_1 … y_n`)
 * given random values like any other variable. Sizes where a range written with the sizes
 * alone is empty are skipped. Verified only when every size is verified; the evidence says at
 * which sizes (never "symbolic": no size is a proof for every n). The first size that is not
 * verified decides, and its counterexample names the size.
 */
function bySizes(sizes: string[], p: Parsed, opts: VerifyOptions, deadline: number, hooks: CoreHooks): Verdict {
  const limit = opts.maxNodes * SUM_NODES_FACTOR;
  const done: { env: Map<string, number>; v: Verdict & { status: 'verified' } }[] = [];
  let tooLarge: { env: Map<string, number>; e: SumTooLarge } | undefined;
  // Eight sizes share the time limit: fewer points at each (80 in all), and no CAS attempt, since
  // a proof at one size would not be a proof for every n.
  const sizeOpts: VerifyOptions = { ...opts, samples: Math.min(opts.samples, SAMPLES_PER_SIZE), symbolicLimitMs: 0 };
  const at = (env: Map<string, number>) => [...env].map(([k, v]) => `${k} = ${v}`).join(', ');
  for (const env of sizeAssignments(sizes)) {
    if (now() > deadline) throw new Timeout();
    const all = [...lineExprs(p.prev), ...lineExprs(p.next), ...p.conditions];
    if (rangeEmpty(all, env)) continue;
    let inst: Parsed;
    try {
      const go = (e: Expr) => expandIndexed(e, env, limit);
      const line = (l: Line): Line =>
        l.kind === 'expr' ? { kind: 'expr', expr: go(l.expr) } : { kind: 'equation', lhs: go(l.lhs), rhs: go(l.rhs) };
      const prev = line(p.prev);
      const next = line(p.next);
      const conditions = p.conditions.map(go);
      inst = { input: p.input, decls: entryDecls(p.decls, [...lineExprs(prev), ...lineExprs(next)]), prev, next, conditions };
    } catch (e) {
      if (e instanceof SumTooLarge) {
        tooLarge = { env, e };
        break;
      }
      if (e instanceof BadBound) return { status: 'error', message: e.message };
      throw e;
    }
    const v = enoughEvidence(withMoments(inst, sizeOpts, deadline, hooks));
    if (v.status === 'refuted') {
      const c = v.counterexample;
      return {
        ...v,
        counterexample: {
          ...c,
          values: { ...Object.fromEntries(env), ...c.values },
          ...(c.note ? { note: `at ${at(env)}: ${c.note}` } : {}),
        },
      };
    }
    if (v.status === 'unproven') return { ...v, reason: `at ${at(env)}: ${v.reason}` };
    if (v.status === 'error') return { ...v, message: `at ${at(env)}: ${v.message}` };
    done.push({ env, v });
  }
  if (done.length < MIN_SIZES) {
    if (tooLarge)
      return {
        status: 'error',
        message: `at ${at(tooLarge.env)}, ${tooLarge.e.message} (a line with sums may expand to ${limit}): split the step or write fewer nested sums`,
      };
    return { status: 'unproven', reason: `only ${done.length} sizes could be checked; at least ${MIN_SIZES} are needed` };
  }
  const values = done.map((d) => [...d.env.values()]);
  const flat = values.flat();
  const implication = done.some((d) => d.v.relation === '⇒') ? '⇒' : done[0]!.v.relation;
  const warned = done.find((d) => d.v.warning);
  const evidence: Evidence = {
    points: done.reduce((a, d) => a + (d.v.evidence.points ?? 0), 0),
    sizes: { names: sizes, from: Math.min(...flat), to: Math.max(...flat), count: done.length },
  };
  return {
    status: 'verified',
    method: 'numeric',
    evidence,
    ...(implication ? { relation: implication } : {}),
    ...(warned?.v.warning ? { warning: { ...warned.v.warning, message: `at ${at(warned.env)}: ${warned.v.warning.message}` } } : {}),
  };
}

/**
 * A step with E, Var or Cov (./expectation.ts): each line becomes an expression in the constants
 * for each random instance of the random variables (one instance when every one has a named
 * distribution, whose moments are exact), and the two are compared as usual. Verified only when
 * every instance is; a counterexample names the distribution where the lines part.
 */
function withMoments(p: Parsed, opts: VerifyOptions, deadline: number, hooks: CoreHooks): Verdict {
  const exprs = [...lineExprs(p.prev), ...lineExprs(p.next), ...p.conditions];
  if (!exprs.some(hasMoments)) return decide(p, opts, deadline, hooks);
  let setup: MomentSetup;
  try {
    setup = momentSetup(exprs, p.decls, opts.seed, (text) => {
      const r = parseLine(text, hooks.readLatex, opts);
      if (!r.ok || r.line.kind !== 'expr')
        throw new NotReadable(`the parameter ${text} of a distribution: ${r.ok ? 'expected an expression' : r.message}`);
      return r.line.expr;
    });
  } catch (e) {
    if (e instanceof NotReadable) return { status: 'error', message: e.message };
    throw e;
  }
  for (const e of exprs) {
    const constant = momentWithoutRandom(e, setup.rvs);
    if (constant)
      return {
        status: 'error',
        message: `${constant} has no random variable in it: capital letters (X, Y, X_i) are random variables; declare other names, e.g. assume x, y independent`,
      };
    const rv = outsideMoments(e, setup.rvs);
    if (rv)
      return { status: 'error', message: `${rv} is a random variable here: a line may use it only inside E[...], Var(...) or Cov(...)` };
  }
  const decls = new Map([...p.decls].filter(([k, d]) => !setup.rvs.has(k) && !d.distribution && !d.independent));
  const done: (Verdict & { status: 'verified' })[] = [];
  for (let t = 0; t < setup.trials; t++) {
    if (now() > deadline) throw new Timeout();
    const inst = setup.instance(t);
    let q: Parsed;
    try {
      q = {
        input: p.input,
        decls,
        prev: expandLine(p.prev, inst),
        next: expandLine(p.next, inst),
        conditions: p.conditions.map(inst.expand),
      };
    } catch (e) {
      if (e instanceof NotReadable) return { status: 'error', message: e.message };
      throw e;
    }
    const v = enoughEvidence(decide(q, opts, deadline, hooks));
    const when = setup.trials > 1 ? inst.describe() : '';
    if (v.status === 'refuted' && when) {
      const c = v.counterexample;
      const at = Object.entries(c.values).map(([k, x]) => `${k} = ${x}`);
      const what = c.note ?? `the new line gives ${c.left}, the previous line gives ${c.right}`;
      return { ...v, counterexample: { ...c, note: `${at.length ? `at ${at.join(', ')}, ` : ''}${what}, when ${when}` } };
    }
    if (v.status !== 'verified') return v.status === 'unproven' && when ? { ...v, reason: `${v.reason} (when ${when})` } : v;
    done.push(v);
  }
  if (setup.trials === 1) {
    const v = done[0]!;
    return { ...v, evidence: { ...v.evidence, distributions: { count: 1, names: [...setup.rvs].sort(), named: true } } };
  }
  const implication = done.some((d) => d.relation === '⇒') ? '⇒' : done[0]!.relation;
  return {
    status: 'verified',
    method: 'numeric',
    evidence: {
      points: done.reduce((a, d) => a + (d.evidence.points ?? 0), 0),
      distributions: { count: done.length, names: [...setup.rvs].sort(), named: false },
    },
    ...(implication ? { relation: implication } : {}),
  };
}

/** Declarations of indexed names (`p_i > 0`) carried to their entries (`p_1`, `p_2`, …). */
function entryDecls(decls: Map<string, VariableDecl>, exprs: Expr[]): Map<string, VariableDecl> {
  const out = new Map(decls);
  const names = new Set<string>();
  for (const e of exprs) freeSymbols(e, names);
  for (const n of names) {
    const m = /^(.+?)_(\d+)(?:_(\d+))?$/.exec(n);
    if (!m || out.has(n)) continue;
    for (const d of decls.values()) {
      const dm = /^(.+?)_([A-Za-z]+)$/.exec(d.name);
      if (dm && dm[1] === m[1] && !d.shape) out.set(n, { ...d, name: n });
    }
  }
  return out;
}

/** The rule "never accept on fewer than 5 finite points" for a numeric verdict (equations rest on roots, constants on digits). */
function enoughEvidence(v: Verdict): Verdict {
  if (
    v.status === 'verified' &&
    v.method === 'numeric' &&
    v.evidence.digits === undefined &&
    v.evidence.roots === undefined &&
    v.evidence.sizes === undefined &&
    v.evidence.distributions === undefined &&
    (v.evidence.points ?? 0) < MIN_FINITE_POINTS
  ) {
    return {
      status: 'unproven',
      reason: `only ${v.evidence.points ?? 0} sample points could be compared; at least ${MIN_FINITE_POINTS} are needed`,
    };
  }
  return v;
}

function decide(p: Parsed, opts: VerifyOptions, deadline: number, hooks: CoreHooks): Verdict {
  const { input, decls, prev, next, conditions } = p;
  const rel = input.relation;
  const all = [...lineExprs(prev), ...lineExprs(next)];
  const dimNames = new Set<string>();
  for (const d of decls.values()) for (const s of d.shape ?? []) if (typeof s === 'string' && !/^\d+$/.test(s)) dimNames.add(s);
  for (const e of all) collectIdentityDims(e, dimNames);
  // Sizes matter only when a declared matrix or identity(p) appears; literals alone are just scalars.
  const usesMatrix = dimNames.size > 0 && all.some((e) => hasFn(e, IDENTITY) || [...freeSymbols(e)].some((s) => decls.get(s)?.shape));
  const ctx: Ctx = {
    opts,
    decls,
    deadline,
    cas: hooks.cas,
    hooks,
    dimNames: [...dimNames],
    matrixMode: usesMatrix,
    conditions,
  };
  switch (rel.kind) {
    case 'equal':
    case 'matrix':
      if (prev.kind === 'equation' || next.kind === 'equation') return equationCheck(ctx, prev, next);
      return equalCheck(ctx, () => ({ next: next.expr, prev: prev.expr }));
    case 'probability':
      return probabilityCheck(ctx, prev, next);
    case 'equation':
      return equationCheck(ctx, prev, next);
    case 'derivative': {
      if (next.kind !== 'expr' || prev.kind !== 'expr') {
        return { status: 'error', message: 'a derivative step relates two expressions, not equations' };
      }
      const wrt = rel.wrt;
      if (!freeSymbols(prev.expr).has(wrt) && !decls.has(wrt)) {
        // d/dx of an expression without x is 0; still checked, but say what was read.
      }
      return equalCheck(ctx, () => ({ next: next.expr, prev: prev.expr, derivativeWrt: wrt }));
    }
    case 'substitute': {
      const map = new Map<string, Expr>();
      for (const [name, text] of Object.entries(rel.bindings)) {
        const b = parseOrThrow(text, `binding ${name}`, opts, hooks.readLatex);
        if (isVerdict(b)) return b;
        if (b.kind !== 'expr') return { status: 'error', message: `binding ${name}: expected an expression, not an equation` };
        map.set(name, b.expr);
      }
      const sp: Line =
        prev.kind === 'expr'
          ? { kind: 'expr', expr: substitute(prev.expr, map) }
          : { kind: 'equation', lhs: substitute(prev.lhs, map), rhs: substitute(prev.rhs, map) };
      if (sp.kind === 'expr' && next.kind === 'expr') return equalCheck(ctx, () => ({ next: next.expr, prev: sp.expr }));
      if (sp.kind === 'equation' && next.kind === 'expr' && sp.lhs.k === 'sym') {
        // `v = expr` with bindings substituted, then the line states the value: compare with expr.
        return equalCheck(ctx, () => ({ next: next.expr, prev: sp.rhs }));
      }
      if (sp.kind === 'equation' && next.kind === 'equation') {
        const l = equalCheck(ctx, () => ({ next: next.lhs, prev: sp.lhs }));
        const r = l.status === 'verified' ? equalCheck(ctx, () => ({ next: next.rhs, prev: sp.rhs })) : l;
        if (l.status === 'verified' && r.status === 'verified') return weaker(l, r);
        const eq = equationCheck(ctx, sp, next);
        // The line is neither the substituted one side by side nor a provably equivalent equation.
        if (eq.status === 'unproven' && r.status === 'refuted') return r;
        return eq;
      }
      return equationCheck(ctx, sp, next);
    }
    case 'solve':
      return solveCheck(ctx, prev, next, rel.for);
    case 'simulation':
      return simulate(input, opts, hooks.readLatex);
  }
}

const IDENTITY = new Set(['identity']);

function collectIdentityDims(e: Expr, out: Set<string>): void {
  if (e.k === 'fn' && e.name === 'identity' && e.args[0]?.k === 'sym') out.add(e.args[0].name);
  for (const c of children(e)) collectIdentityDims(c, out);
}

function lineExprs(l: Line): Expr[] {
  return l.kind === 'expr' ? [l.expr] : [l.lhs, l.rhs];
}

/** Of two verified verdicts, report the weaker method (symbolic only if both are). */
function weaker(a: Verdict, b: Verdict): Verdict {
  if (a.status !== 'verified' || b.status !== 'verified') return a.status !== 'verified' ? a : b;
  const rank = { symbolic: 3, instantiated: 3, exact: 3, simulated: 1, numeric: 2 } as const;
  return rank[a.method] <= rank[b.method] ? a : b;
}

// ---------------------------------------------------------------------------
// Dimensions: small sizes for symbolic entries, other sizes for random instances.

function permutations<T>(pool: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  pool.forEach((x, i) => {
    for (const rest of permutations([...pool.slice(0, i), ...pool.slice(i + 1)], k - 1)) out.push([x, ...rest]);
  });
  return out;
}

export function dimCandidates(ctx: Ctx, pools: readonly number[][]): Map<string, number>[] {
  const names = ctx.dimNames;
  const out: Map<string, number>[] = [];
  for (const pool of pools) {
    const extended = [...pool, 7, 8, 9, 10].slice(0, Math.max(pool.length, names.length));
    for (const perm of permutations(extended, names.length).slice(0, 60)) {
      const dims = new Map(names.map((n, i) => [n, perm[i]!]));
      const size = (d: number | string) => (typeof d === 'number' ? d : /^\d+$/.test(d) ? Number(d) : dims.get(d)!);
      const ok = [...ctx.decls.values()].every((d) => {
        if (!d.shape) return true;
        const [r, c] = [size(d.shape[0]), size(d.shape[1])];
        if (d.structure === 'full-column-rank') return r >= c;
        if (d.structure && d.structure !== 'diagonal') return r === c;
        return true;
      });
      if (ok) out.push(dims);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Numeric agreement.

interface Pair {
  next: Value;
  prev: Value;
  /** Entries that must be defined for a point to count (derivative: the original function). */
  guard?: Expr[];
}

interface PairSpec {
  next: Expr;
  prev: Expr;
  derivativeWrt?: string;
}

export function buildPair(ctx: Ctx, spec: PairSpec, dims: Map<string, number>): Pair {
  const ictx = { decls: ctx.decls, dims };
  const next = instantiate(spec.next, ictx);
  const prev0 = instantiate(spec.prev, ictx);
  if (!spec.derivativeWrt) return { next, prev: prev0 };
  return { next, prev: derivativeOf(prev0, spec.derivativeWrt, ictx), guard: entries(prev0).list };
}

type Outcome =
  { kind: 'agree'; points: number; exact?: string } | { kind: 'refuted'; counterexample: Counterexample } | { kind: 'few'; points: number };

export type Side = Num | 'undefined' | 'inconclusive';

export function evalSide(e: Expr, env: Map<string, Num>, memo: Map<Expr, Num | Error>): Side {
  try {
    return evaluate(e, env, memo);
  } catch (err) {
    if (err instanceof Undefined) return 'undefined';
    if (err instanceof Inconclusive) return 'inconclusive';
    throw err;
  }
}

export const showSide = (s: Side) => (s instanceof Num ? s.display() : s === 'undefined' ? 'undefined' : 'unknown');

export function pointValues(env: Map<string, Num>, used: ReadonlySet<string>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const k of [...used].sort()) {
    const v = env.get(k);
    if (!v) continue;
    const s = v.display();
    out[k] = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(s) ? Number(s) : s;
  }
  return out;
}

type PointResult =
  | { kind: 'agree' }
  | { kind: 'skip' }
  | { kind: 'differ'; index: number; left: Side; right: Side }
  | { kind: 'domain'; index: number; left: Side; right: Side };

type Memo = Map<Expr, Num | Error>;

/**
 * Subtrees without any symbol (`log(exp(1))`, `sqrt(2)/2`): the same value at
 * every sample point. Transcendental values are cached only at exact
 * arguments, so without this `log(exp(1))` was recomputed at 80 digits at each
 * of the 40 points. Symbols, even pi and e, count as variable here: a line may
 * declare a variable of that name.
 */
function constantSubtrees(roots: readonly Expr[]): Set<Expr> {
  const out = new Set<Expr>();
  const seen = new Map<Expr, boolean>();
  const visit = (e: Expr): boolean => {
    const known = seen.get(e);
    if (known !== undefined) return known;
    let constant = e.k !== 'sym';
    if (e.k !== 'num' && e.k !== 'sym') for (const c of children(e)) if (!visit(c)) constant = false;
    seen.set(e, constant);
    if (constant && e.k !== 'num') out.add(e);
    return constant;
  };
  for (const r of roots) visit(r);
  return out;
}

/** A point's memo whose constant subtrees are shared by every point of one check. */
class PointMemo extends Map<Expr, Num | Error> {
  constructor(
    private readonly shared: Memo,
    private readonly constant: ReadonlySet<Expr>,
  ) {
    super();
  }
  override get(k: Expr): Num | Error | undefined {
    return this.constant.has(k) ? this.shared.get(k) : super.get(k);
  }
  override set(k: Expr, v: Num | Error): this {
    if (this.constant.has(k)) this.shared.set(k, v);
    else super.set(k, v);
    return this;
  }
}

interface SharedConstants {
  memo: Memo;
  constant: ReadonlySet<Expr>;
}

function comparePoint(
  ctx: Ctx,
  next: Expr[],
  prev: Expr[],
  guard: Expr[] | undefined,
  env: Map<string, Num>,
  shared?: SharedConstants,
): PointResult {
  const memo: Memo = shared ? new PointMemo(shared.memo, shared.constant) : new Map();
  if (guard) {
    for (const g of guard) if (!(evalSide(g, env, memo) instanceof Num)) return { kind: 'skip' };
  }
  let domain: PointResult | undefined;
  let unclear = false;
  for (let i = 0; i < next.length; i++) {
    const l = evalSide(next[i]!, env, memo);
    const r = evalSide(prev[i]!, env, memo);
    if (l === 'inconclusive' || r === 'inconclusive') return { kind: 'skip' };
    if (l instanceof Num && r instanceof Num) {
      const c = compare(l, r, ctx.opts.relTol, ctx.opts.absTol);
      if (c === 'different') return { kind: 'differ', index: i, left: l, right: r };
      if (c === 'unclear') unclear = true;
    } else if (l instanceof Num || r instanceof Num) {
      domain ??= { kind: 'domain', index: i, left: l, right: r };
    } else {
      unclear = true; // both undefined here: the point says nothing
    }
  }
  if (domain) return domain;
  return unclear ? { kind: 'skip' } : { kind: 'agree' };
}

function numericAgreement(ctx: Ctx, pair: Pair, count: number, seed: number): Outcome {
  const a = entries(pair.next);
  const b = entries(pair.prev);
  const symbols = new Set<string>();
  const seen = new Set<Expr>();
  for (const e of [...a.list, ...b.list, ...(pair.guard ?? [])]) freeSymbols(e, symbols, seen);
  const rng = createRng(seed);
  const shared: SharedConstants = { memo: new Map(), constant: constantSubtrees([...a.list, ...b.list, ...(pair.guard ?? [])]) };
  const keep = new Set<string>(
    [...ctx.decls.values()]
      .filter((d) => d.structure === 'orthogonal' || d.structure === 'spd')
      .flatMap((d) => [...symbols].filter((s) => s.startsWith(`${d.name}_`))),
  );
  const dims = lastDims;
  let agree = 0;
  let exact: string | undefined;
  const maxTries = count * 4 + 10;
  const special = naturalArguments([...a.list, ...b.list]);
  for (let t = 0; t < maxTries && agree < count; t++) {
    tick(ctx);
    const env = samplePoint(rng, symbols, ctx.decls, dims, special.symbols);
    // factorial(n-k), combinations(n, k): only points where every such argument is a natural
    // number (n ≥ k ≥ 0) count; elsewhere one side is undefined by definition, not by mistake.
    if (special.args.length > 0 && !naturalAt(special, env)) continue;
    if (ctx.conditions.length > 0 && !withinConditions(ctx, env)) continue;
    const r = comparePoint(ctx, a.list, b.list, pair.guard, env, shared);
    if (r.kind === 'agree') {
      agree++;
      if (symbols.size === 0) {
        const v = evalSide(a.list[0]!, env, new Map());
        if (v instanceof Num && v.q) exact = v.q.toString();
        break;
      }
      continue;
    }
    if (r.kind === 'skip') {
      if (symbols.size === 0) break;
      continue;
    }
    if (r.kind === 'domain') {
      // Positive measure, or an isolated (removable) point? Look nearby.
      let persists = 0;
      let differ: PointResult | undefined;
      for (let k = 0; k < 3; k++) {
        const near = perturb(rng, env, keep, ctx.decls);
        const q = comparePoint(ctx, a.list, b.list, pair.guard, near, shared);
        if (q.kind === 'domain') persists++;
        if (q.kind === 'differ') differ = q;
      }
      if (differ && differ.kind === 'differ') return refutedAt(pair, env, symbols, r, 'differ');
      if (persists >= 2 || symbols.size === 0) return refutedAt(pair, env, symbols, r, 'domain');
      continue;
    }
    const nice = ctx.matrixMode || special.args.length > 0 ? undefined : nicerDifference(ctx, pair, symbols, shared);
    return nice ? refutedAt(pair, nice.env, symbols, nice.r, 'differ') : refutedAt(pair, env, symbols, r, 'differ');
  }
  if (symbols.size === 0) {
    return agree > 0 ? { kind: 'agree', points: 1, ...(exact ? { exact } : {}) } : { kind: 'few', points: 0 };
  }
  return agree >= Math.max(MIN_FINITE_POINTS, Math.min(count, MIN_FINITE_POINTS))
    ? { kind: 'agree', points: agree }
    : { kind: 'few', points: agree };
}

/** Values a person would try first, in order; each symbol starts at a different place in the list. */
const NICE_VALUES: readonly Rat[] = [2, 1, 3, -1, 4, -2, 5, 6]
  .map((n) => Rat.int(n))
  .concat([Rat.of(1n, 2n), Rat.of(3n, 2n), Rat.of(-1n, 2n)]);

/**
 * Once the sampled points have shown that two scalar lines differ, look for a point a person
 * would choose (small integers, then halves) inside the declared domain and the step's
 * conditions where they differ too, so the counterexample reads "at a = 2, b = 1", not
 * "at a = 4.02e-10". At most 12 points; undefined when none of them shows the difference.
 */
function nicerDifference(
  ctx: Ctx,
  pair: Pair,
  symbols: Set<string>,
  shared: SharedConstants,
): { env: Map<string, Num>; r: PointResult } | undefined {
  const names = [...symbols].sort();
  if (names.some((n) => ctx.decls.get(n)?.shape)) return undefined;
  const a = entries(pair.next).list;
  const b = entries(pair.prev).list;
  const allowed = (n: string, v: Rat): boolean => {
    const as = ctx.decls.get(n)?.assumptions ?? [];
    if (as.includes('positive') && v.sign() <= 0) return false;
    if (as.includes('nonnegative') && v.sign() < 0) return false;
    if (as.includes('integer') && !v.isInt()) return false;
    return true;
  };
  for (let k = 0; k < 12; k++) {
    tick(ctx);
    const env = new Map<string, Num>();
    for (let j = 0; j < names.length; j++) {
      const options = NICE_VALUES.filter((v) => allowed(names[j]!, v));
      if (options.length === 0) return undefined;
      env.set(names[j]!, Num.exact(options[(k + 2 * j) % options.length]!));
    }
    if (ctx.conditions.length > 0 && !withinConditions(ctx, env)) continue;
    const r = comparePoint(ctx, a, b, pair.guard, env, shared);
    if (r.kind === 'differ') return { env, r };
  }
  return undefined;
}

interface NaturalArgs {
  /** Symbols inside an argument of factorial or combinations. */
  symbols: Set<string>;
  args: Expr[];
}

function naturalArguments(roots: readonly Expr[]): NaturalArgs {
  const out: NaturalArgs = { symbols: new Set(), args: [] };
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.k === 'fn' && (e.name === 'factorial' || e.name === 'combinations')) {
      for (const a of e.args) {
        if (freeSymbols(a).size === 0) continue;
        out.args.push(a);
        freeSymbols(a, out.symbols);
      }
      if (e.name === 'combinations' && e.args.length === 2) out.args.push(sub(e.args[0]!, e.args[1]!));
    }
    for (const c of children(e)) visit(c);
  };
  roots.forEach(visit);
  return out;
}

function naturalAt(n: NaturalArgs, env: Map<string, Num>): boolean {
  return n.args.every((a) => {
    const v = evalSide(a, env, new Map());
    return v instanceof Num && v.q !== undefined && v.q.isInt() && v.q.sign() >= 0;
  });
}

function refutedAt(pair: Pair, env: Map<string, Num>, symbols: Set<string>, r: PointResult, _why: string): Outcome {
  const { index, left, right } = r as { index: number; left: Side; right: Side };
  const shape = entries(pair.next).shape;
  const where = shape[0] * shape[1] > 1 ? `entry (${Math.floor(index / shape[1]) + 1},${(index % shape[1]) + 1}): ` : '';
  let [l, r2] = [showSide(left), showSide(right)];
  if (l === r2 && left instanceof Num && right instanceof Num) [l, r2] = [left.display(40), right.display(40)];
  return {
    kind: 'refuted',
    counterexample: {
      values: pointValues(env, symbols),
      left: where + l,
      right: where + r2,
    },
  };
}

let lastDims: Map<string, number> = new Map();

/** Sizes for the next sampled points (scalar equations: none). */
export function setSampleDims(dims: Map<string, number>): void {
  lastDims = dims;
}

// ---------------------------------------------------------------------------
// Symbolic confirmation through the CAS, on the same (instantiated) trees.

export function printCas(e: Expr, rename: Map<string, string>, memo: Map<Expr, string>, budget: { left: number }): string {
  const hit = memo.get(e);
  if (hit !== undefined) {
    budget.left -= hit.length;
    if (budget.left < 0) throw new TooLarge('expression too long for the CAS');
    return hit;
  }
  const p = (c: Expr) => `(${printCas(c, rename, memo, budget)})`;
  let s: string;
  switch (e.k) {
    case 'num':
      s = e.v.toString();
      break;
    case 'sym':
      s = CONSTANTS.has(e.name) ? e.name : (rename.get(e.name) ?? (rename.set(e.name, `v${rename.size}`), rename.get(e.name)!));
      break;
    case 'add':
      s = e.args.map(p).join('+');
      break;
    case 'mul':
      s = e.args.map(p).join('*');
      break;
    case 'neg':
      s = `-${p(e.a)}`;
      break;
    case 'div':
      s = `${p(e.a)}/${p(e.b)}`;
      break;
    case 'pow':
      // nerdamer expands numeric powers and factorials eagerly, past its TIMEOUT: (2/3)^99999 ran 9 s, factorial(5889603) did not stop.
      if (e.b.k === 'num' && (e.b.v.n > 1000n || e.b.v.n < -1000n || e.b.v.d > 1000n)) throw new TooLarge('exponent too large for the CAS');
      // The same for a constant exponent written as an expression: x^(10^13) hung a worker in expand.
      if (e.b.k !== 'num' && freeSymbols(e.b).size === 0) {
        const k = evalSide(e.b, new Map(), new Map());
        if (!(k instanceof Num) || k.x.abs().gt(1000)) throw new TooLarge('exponent too large for the CAS');
      }
      s = `${p(e.a)}^${p(e.b)}`;
      break;
    case 'fn':
      if (e.name === 'factorial' && e.args[0]!.k === 'num' && e.args[0]!.v.n > 2000n) throw new TooLarge('factorial too large for the CAS');
      if (e.name === 'factorial') s = `factorial(${printCas(e.args[0]!, rename, memo, budget)})`;
      else if (e.name === 'combinations') throw new TooLarge('combinations are checked exactly, not symbolically');
      else s = `${e.name}(${e.args.map((a) => printCas(a, rename, memo, budget)).join(',')})`;
      break;
    case 'mat':
      throw new TooLarge('matrix literal reached the CAS');
  }
  budget.left -= s.length;
  if (budget.left < 0) throw new TooLarge('expression too long for the CAS');
  memo.set(e, s);
  return s;
}

type SymbolicOutcome = 'zero' | 'nonzero' | 'timeout' | 'skipped';

function symbolicZero(ctx: Ctx, pair: Pair): SymbolicOutcome {
  const a = entries(pair.next).list;
  const b = entries(pair.prev).list;
  const started = now();
  const rename = new Map<string, string>();
  const memo = new Map<Expr, string>();
  // Cheap first: a rational-function normal form settles polynomial and rational entries
  // (and most instantiated matrices) in microseconds; the CAS only sees what is left.
  const norm = new Normaliser(Math.min(now() + ctx.opts.normalFormLimitMs, ctx.deadline - 50));
  const open: number[] = [];
  for (let i = 0; i < a.length; i++) {
    tick(ctx);
    if (norm.zeroDifference(a[i]!, b[i]!) !== 'zero') open.push(i);
  }
  if (open.length > 0 && ctx.opts.symbolicLimitMs <= 0) return 'skipped';
  for (const i of open) {
    const spent = now() - started;
    const left = Math.min(ctx.opts.symbolicLimitMs - spent, ctx.deadline - now() - 50);
    if (left <= 0) return 'timeout';
    let text: string;
    try {
      text = `${printCas(sub(a[i]!, b[i]!), rename, memo, { left: 20_000 })}`;
    } catch {
      return 'skipped';
    }
    const v = ctx.cas.isZero(text, left);
    if (v === 'timeout') return 'timeout';
    if (v !== 'zero') return v === 'failed' ? 'skipped' : 'nonzero';
  }
  if (open.length > 0 && now() - started > ctx.opts.symbolicLimitMs) return 'timeout';
  return 'zero';
}

// ---------------------------------------------------------------------------
// equal / matrix / derivative / substitute all end here.

function tryBuild(ctx: Ctx, spec: PairSpec, candidates: Map<string, number>[]): { pair: Pair; dims: Map<string, number> } {
  let lastErr: unknown;
  for (const dims of candidates) {
    try {
      return { pair: buildPair(ctx, spec, dims), dims };
    } catch (e) {
      if (e instanceof TooLarge) {
        lastErr = e;
        continue;
      }
      throw e;
    }
  }
  throw lastErr ?? new TooLarge('no sizes fit');
}

function shapeMismatch(pair: Pair): Verdict | undefined {
  const a = entries(pair.next).shape;
  const b = entries(pair.prev).shape;
  if (a[0] === b[0] && a[1] === b[1]) return undefined;
  return {
    status: 'refuted',
    counterexample: { values: {}, left: `a ${a[0]}×${a[1]} matrix`, right: `a ${b[0]}×${b[1]} matrix` },
  };
}

function mainShape(ctx: Ctx, dims: Map<string, number>): [number, number] {
  const shaped = [...ctx.decls.values()].filter((d) => d.shape);
  const size = (d: number | string) => (typeof d === 'number' ? d : /^\d+$/.test(d) ? Number(d) : (dims.get(d) ?? 0));
  const best = shaped.find((d) => size(d.shape![0]) > 1 && size(d.shape![1]) > 1) ?? shaped[0];
  if (!best) {
    const n = dims.values().next().value ?? 2;
    return [n, n];
  }
  return [size(best.shape![0]), size(best.shape![1])];
}

export function equalCheck(ctx: Ctx, specOf: () => PairSpec): Verdict {
  const spec = specOf();
  const { opts } = ctx;
  if (!ctx.matrixMode) {
    lastDims = new Map();
    const pair = buildPair(ctx, spec, lastDims);
    // Matrix literals reach here without declared shapes: a 2×2 against a scalar must not be compared entry by entry.
    const mismatch = shapeMismatch(pair);
    if (mismatch) return mismatch;
    if (!pair.guard && [...entries(pair.next).list, ...entries(pair.prev).list].every((e) => freeSymbols(e).size === 0)) {
      return constantCheck(ctx, pair);
    }
    const out = numericAgreement(ctx, pair, opts.samples, opts.seed);
    if (out.kind === 'refuted') return { status: 'refuted', counterexample: out.counterexample };
    const shifted = constantShift(ctx, pair);
    if (shifted) return shifted;
    if (out.kind === 'few') {
      return { status: 'unproven', reason: `only ${out.points} point(s) where both sides are defined; need ${MIN_FINITE_POINTS}` };
    }
    if (out.exact !== undefined) return { status: 'verified', method: 'exact', evidence: { exact: out.exact } };
    const numeric: Verdict = { status: 'verified', method: 'numeric', evidence: { points: out.points } };
    ctx.hooks.onPartial?.(numeric);
    const s = symbolicZero(ctx, pair);
    if (s === 'zero') return { status: 'verified', method: 'symbolic', evidence: { points: out.points } };
    if (s === 'timeout') return { status: 'verified', method: 'numeric', evidence: { points: out.points, fellBackFrom: 'symbolic' } };
    return numeric;
  }
  // Matrices: symbolic entries at small sizes, random numeric instances at other sizes.
  const small = tryBuild(ctx, spec, dimCandidates(ctx, [[3, 2, 4, 5]]));
  const mismatch = shapeMismatch(small.pair);
  if (mismatch) return mismatch;
  lastDims = small.dims;
  const o1 = numericAgreement(ctx, small.pair, Math.min(opts.samples, 12), opts.seed);
  if (o1.kind === 'refuted') return { status: 'refuted', counterexample: o1.counterexample };
  const bigCands = dimCandidates(ctx, [
    [6, 3, 5, 4],
    [4, 3, 5, 2],
    [3, 2, 4, 5],
  ]).filter((d) => [...d].some(([k, v]) => small.dims.get(k) !== v) || d.size === 0);
  const big = tryBuild(ctx, spec, bigCands.length > 0 ? bigCands : [small.dims]);
  lastDims = big.dims;
  const o2 = numericAgreement(ctx, big.pair, opts.matrixInstances, opts.seed + 1);
  if (o2.kind === 'refuted') return { status: 'refuted', counterexample: o2.counterexample };
  if (o1.kind === 'few' || o2.kind === 'few') {
    return { status: 'unproven', reason: `too few instances where both sides are defined (${o1.points} + ${o2.points})` };
  }
  const smallShape = mainShape(ctx, small.dims);
  const bigShape = mainShape(ctx, big.dims);
  const randomInstances = { count: o2.points, shape: bigShape } as const;
  const numeric: Verdict = { status: 'verified', method: 'numeric', evidence: { points: o1.points, randomInstances } };
  ctx.hooks.onPartial?.(numeric);
  const s = symbolicZero(ctx, small.pair);
  if (s === 'zero') {
    return { status: 'verified', method: 'instantiated', evidence: { symbolicShapes: [smallShape], randomInstances } };
  }
  if (s === 'timeout')
    return { status: 'verified', method: 'numeric', evidence: { points: o1.points, randomInstances, fellBackFrom: 'symbolic' } };
  return numeric;
}

/**
 * Sides that agreed at every point can still differ by a constant below the working precision:
 * `y + 1` against `y + 1 + exp(-200)` agree to 80 digits everywhere. When the normal form shows
 * that the difference, as written, has no variable in it, it is the same wherever both sides are
 * defined, so one point at high precision decides it (as for a step between constants):
 * refuted when the values part, unproven when they cannot be told apart. Undefined when the
 * difference has a variable in it, or no simple point is in both domains.
 */
const ZERO_DEC = new Dec(0);

function constantShift(ctx: Ctx, pair: Pair): Verdict | undefined {
  const a = entries(pair.next).list;
  const b = entries(pair.prev).list;
  const norm = new Normaliser(Math.min(now() + ctx.opts.normalFormLimitMs, ctx.deadline - 50));
  const isConstant = (e: Expr) => freeSymbols(e).size === 0;
  const shifted = a.map((x, i) => norm.constantDifference(x, b[i]!, isConstant));
  if (!shifted.includes(true)) return undefined;
  const names = [...new Set(a.concat(b).flatMap((e) => [...freeSymbols(e)]))].filter((n) => !CONSTANTS.has(n)).sort();
  // Small positive integers: inside every declarable scalar domain (positive, nonnegative, nonzero, integer).
  points: for (const start of [2, 3]) {
    const env = new Map(names.map((n, k) => [n, Num.exact(Rat.int(start + k))] as const));
    // Two precisions: agreement "within the error bounds" at one could hide a difference just
    // below them; a real difference shows at the other, or the value is lost and we say so.
    for (const digits of [200, 400]) {
      tick(ctx);
      const values = withPrecision(digits, () => {
        const memo = new Map<Expr, Num | Error>();
        return a.map((x, i) => (shifted[i] ? ([evalSide(x, env, memo), evalSide(b[i]!, env, memo)] as const) : undefined));
      });
      if (values.some((v) => v && (v[0] === 'undefined' || v[1] === 'undefined'))) continue points; // outside a domain
      const unproven: Verdict = {
        status: 'unproven',
        reason: `the lines differ by a constant that could not be told from zero at ${digits} digits`,
      };
      for (const v of values) {
        if (!v) continue;
        const [l, r] = v;
        if (!(l instanceof Num && r instanceof Num)) return unproven;
        const c = compare(l, r, 0, 0);
        if (c === 'unclear') return unproven;
        if (c === 'different') {
          const rel = l.x.minus(r.x).abs().div(Dec.max(l.x.abs(), r.x.abs()));
          const shown = Math.min(digits, Math.max(8, Math.ceil(-rel.log(10).toNumber()) + 4));
          const at: Record<string, string> = Object.fromEntries(names.map((n) => [n, env.get(n)!.q!.toString()]));
          const gap = Num.approx(l.x.minus(r.x), ZERO_DEC).display(3);
          return {
            status: 'refuted',
            counterexample: {
              values: at,
              left: l.display(shown),
              right: r.display(shown),
              note: `the two lines differ by a constant, about ${gap}, too small to see at the working precision`,
            },
          };
        }
      }
    }
    return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Constants: decided from one value, exactly or at a precision beyond the input.

/** Decimal digits in the literals of a tree: how much precision the input itself can encode. */
function literalDigits(e: Expr, seen = new Set<Expr>()): number {
  if (seen.has(e)) return 0;
  seen.add(e);
  if (e.k === 'num') return e.v.n.toString().length + e.v.d.toString().length;
  let n = 0;
  for (const c of children(e)) n += literalDigits(c, seen);
  return n;
}

/**
 * A step between constants. Both rational: exact. Otherwise one value at a
 * precision well beyond what the literals can encode (so `pi` against an
 * 80-digit rational, or `1 + exp(-200)` against `1`, differ); agreement there
 * is numeric evidence with its digit count, unless the CAS proves it.
 */
function constantCheck(ctx: Ctx, pair: Pair): Verdict {
  const a = entries(pair.next).list;
  const b = entries(pair.prev).list;
  const values = (): Array<[Side, Side]> => {
    const memo = new Map<Expr, Num | Error>();
    return a.map((x, i) => [evalSide(x, new Map(), memo), evalSide(b[i]!, new Map(), memo)]);
  };
  const here = values();
  if (here.every(([l, r]) => l instanceof Num && r instanceof Num && l.q && r.q)) {
    const i = here.findIndex(([l, r]) => !(l as Num).q!.eq((r as Num).q!));
    if (i < 0) return { status: 'verified', method: 'exact', evidence: { exact: (here[0]![0] as Num).q!.toString() } };
    const out = refutedAt(pair, new Map(), new Set(), { kind: 'differ', index: i, left: here[i]![0], right: here[i]![1] }, 'differ');
    if (out.kind === 'refuted') return { status: 'refuted', counterexample: out.counterexample };
  }
  // Beyond what the literals can encode (an 80-digit rational is not pi), capped: a 400-digit
  // atan of 1e308 already costs a quarter of a second.
  const digits = Math.min(400, 100 + a.concat(b).reduce((n, e) => n + literalDigits(e), 0));
  tick(ctx);
  const precise = withPrecision(digits, values);
  let unclear = false;
  for (let i = 0; i < precise.length; i++) {
    const [l, r] = precise[i]!;
    if (l instanceof Num && r instanceof Num) {
      const c = compare(l, r, 0, 0);
      if (c === 'different') {
        // Enough digits to show where the two values part.
        const rel = l.x.minus(r.x).abs().div(Dec.max(l.x.abs(), r.x.abs()));
        const shown = Math.min(digits, Math.max(8, Math.ceil(-rel.log(10).toNumber()) + 4));
        return { status: 'refuted', counterexample: { values: {}, left: l.display(shown), right: r.display(shown) } };
      }
      if (c !== 'equal') unclear = true;
    } else if (l === 'undefined' && r === 'undefined') {
      return { status: 'unproven', reason: 'both sides are undefined' };
    } else if (l === 'undefined' || r === 'undefined') {
      return { status: 'refuted', counterexample: { values: {}, left: showSide(l), right: showSide(r) } };
    } else unclear = true;
  }
  if (unclear) return { status: 'unproven', reason: `the two constants could not be told apart or shown equal at ${digits} digits` };
  const s = symbolicZero(ctx, pair);
  if (s === 'zero') return { status: 'verified', method: 'symbolic', evidence: { points: 1 } };
  return { status: 'verified', method: 'numeric', evidence: { points: 1, digits } };
}

// ---------------------------------------------------------------------------
// probability: exact rational arithmetic.

function probabilityCheck(ctx: Ctx, prev: Line, next: Line): Verdict {
  if (prev.kind !== 'expr' || next.kind !== 'expr') return equationCheck(ctx, prev, next);
  const vars = new Set([...freeSymbols(prev.expr), ...freeSymbols(next.expr)]);
  if (vars.size > 0) return equalCheck(ctx, () => ({ next: next.expr, prev: prev.expr }));
  const env = new Map<string, Num>();
  const memo = new Map<Expr, Num | Error>();
  const l = evalSide(next.expr, env, memo);
  const r = evalSide(prev.expr, env, memo);
  if (l instanceof Num && r instanceof Num && l.q && r.q) {
    if (l.q.eq(r.q)) return { status: 'verified', method: 'exact', evidence: { exact: l.q.toString() } };
    return { status: 'refuted', counterexample: { values: {}, left: l.q.toString(), right: r.q.toString() } };
  }
  return equalCheck(ctx, () => ({ next: next.expr, prev: prev.expr }));
}

// ---------------------------------------------------------------------------
// simulation: a seeded Monte Carlo estimate against the line's exact value.

function normalQuantile(p: number): number {
  // Acklam's rational approximation, plenty for a confidence level.
  const a = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(p, 1 - p);
  let x: number;
  if (q < 0.02425) {
    const t = Math.sqrt(-2 * Math.log(q));
    x =
      (((((c[0]! * t + c[1]!) * t + c[2]!) * t + c[3]!) * t + c[4]!) * t + c[5]!) /
      ((((d[0]! * t + d[1]!) * t + d[2]!) * t + d[3]!) * t + 1);
  } else {
    const t = q - 0.5;
    const r = t * t;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * t) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  return p < 0.5 ? -Math.abs(x) : Math.abs(x);
}

/** A simulation in progress: run it in one go (`checkSync`) or in slices between other work (`check`). */
export interface SimulationRun {
  /** Run up to `n` more trials; true when all trials are done (or a trial failed). */
  advance(n: number): boolean;
  /** The verdict, once `advance` has returned true. */
  verdict(): Verdict;
  /** Absolute Date.now() past which the run is a runaway (`simulationLimitMs`). */
  readonly deadline: number;
}

/**
 * Prepare a simulation. Its bound is the trial count (at most 10^7); the
 * wall-clock guard is `simulationLimitMs`, separate from `timeLimitMs`, so a
 * busy machine slows a simulation down but never changes its verdict.
 */
export function startSimulation(input: CheckInput, opts: VerifyOptions, readLatex: LatexReader): Verdict | SimulationRun {
  const rel = input.relation;
  if (rel.kind !== 'simulation') throw new Error('unreachable');
  const parsed = parseLine(input.next, readLatex, opts);
  if (!parsed.ok)
    return {
      status: 'error',
      message: `new line: ${parsed.message}`,
      ...(parsed.position !== undefined ? { position: parsed.position } : {}),
    };
  if (parsed.line.kind !== 'expr' || freeSymbols(parsed.line.expr).size > 0) {
    return { status: 'error', message: 'a simulated line must be a number (an exact value), without variables' };
  }
  const exactSide = evalSide(parsed.line.expr, new Map(), new Map());
  if (!(exactSide instanceof Num)) return { status: 'error', message: 'the exact value is undefined' };
  const exact = exactSide.toNumber();
  const trials = Math.floor(rel.trials);
  if (!(trials >= 100 && trials <= 10_000_000)) return { status: 'error', message: 'trials must be between 100 and 10^7' };
  const confidence = rel.confidence ?? DEFAULT_CONFIDENCE;
  if (!(confidence > 0.5 && confidence < 1)) return { status: 'error', message: 'confidence must lie between 0.5 and 1' };
  const rng = createRng(opts.seed);
  const deadline = now() + opts.simulationLimitMs;
  let sum = 0;
  let sumSq = 0;
  let binary = true;
  let i = 0;
  let failed: Verdict | undefined;
  const advance = (n: number): boolean => {
    const stop = Math.min(trials, i + n);
    for (; i < stop; i++) {
      if ((i & 4095) === 0 && now() > deadline) throw new Timeout();
      const x = rel.trial(rng);
      if (!Number.isFinite(x)) {
        failed = { status: 'error', message: `trial ${i + 1} returned ${x}` };
        return true;
      }
      if (x !== 0 && x !== 1) binary = false;
      sum += x;
      sumSq += x * x;
    }
    return i >= trials;
  };
  const verdict = (): Verdict => {
    if (failed) return failed;
    const mean = sum / trials;
    const z = normalQuantile(1 - (1 - confidence) / 2);
    let lo: number;
    let hi: number;
    if (binary) {
      // Wilson score interval: sound even when the estimate is near 0 or 1.
      const den = 1 + (z * z) / trials;
      const centre = (mean + (z * z) / (2 * trials)) / den;
      const half = (z * Math.sqrt((mean * (1 - mean)) / trials + (z * z) / (4 * trials * trials))) / den;
      [lo, hi] = [centre - half, centre + half];
    } else {
      const variance = Math.max(0, (sumSq - trials * mean * mean) / (trials - 1));
      const half = (z * Math.sqrt(variance)) / Math.sqrt(trials);
      [lo, hi] = [mean - half, mean + half];
    }
    const exactText = exactSide.display();
    const evidence: Evidence = { trials, interval: [lo, hi], confidence, exact: exactText };
    if (exact >= lo && exact <= hi) return { status: 'verified', method: 'simulated', evidence };
    return {
      status: 'refuted',
      counterexample: {
        values: { trials, confidence },
        left: exactText,
        right: `${fmt(mean)} (interval ${fmt(lo)} to ${fmt(hi)})`,
      },
    };
  };
  return { advance, verdict, deadline };
}

/** Map a simulation's runaway guard to a verdict; other errors propagate. */
export function simulationTimeout(e: unknown, opts: VerifyOptions): Verdict {
  if (e instanceof Timeout) return { status: 'unproven', reason: `simulation stopped by its ${opts.simulationLimitMs} ms guard` };
  throw e;
}

function simulate(input: CheckInput, opts: VerifyOptions, readLatex: LatexReader): Verdict {
  const run = startSimulation(input, opts, readLatex);
  if ('status' in run) return run;
  try {
    run.advance(Number.MAX_SAFE_INTEGER);
  } catch (e) {
    return simulationTimeout(e, opts);
  }
  return run.verdict();
}
