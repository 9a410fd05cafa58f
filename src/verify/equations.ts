/**
 * Equation steps: what a line of the form `lhs = rhs` may say about the one
 * before it. The semantics, with S₁ and S₂ the real solution sets of the
 * previous and the new line (each equation read as written: a point where a
 * side is undefined, or that breaks a variable's assumptions, solves nothing):
 *
 * - S₁ ⊄ S₂: a solution was lost. The step does not follow: refuted, with the
 *   lost solution as the counterexample ("x = −2 solves the previous line but
 *   not the new one"), including cases lost by dividing by something that
 *   may be zero ("a = 0").
 * - S₁ ⊊ S₂: a valid implication that gains solutions: verified ⇒, with a
 *   `warning` naming the extraneous solution.
 * - S₁ = S₂: ⇔, but only when both sets are known completely (a rearrangement
 *   by a nonzero constant, or roots in a variable found exactly: a numerator of
 *   degree ≤ 2). A periodic or otherwise unknown set is never ⇔: with the
 *   solutions found all kept it is ⇒; a stated solution whose uniqueness is
 *   unknown is unproven.
 *
 * Solutions are looked for in every variable in turn, the others at random
 * values: exactly for numerators of degree ≤ 2 (our normal form), else by
 * scanning for sign changes (a bracket certified at 80 digits on both ends)
 * and, failing that, nerdamer's `solve`. Zeros of the new line's denominators
 * are probed as well: there the new line is undefined, so any solution of the
 * previous line there is lost.
 */
import { type Expr, type Line, ZERO, children, freeSymbols, mul, num, sub, substitute } from './ast';
import {
  type Ctx,
  type Verdict,
  Timeout,
  buildPair,
  dimCandidates,
  equalCheck,
  evalSide,
  pointValues,
  printCas,
  setSampleDims,
  tick,
  withinConditions,
} from './core';
import { entries } from './matrix';
import { Num } from './numeric';
import { parseLine } from './parse';
import { Normaliser } from './poly';
import { Rat } from './rational';
import { createRng, samplePoint } from './sampler';
import type { Counterexample, EquationWarning, VariableDecl } from './types';

interface Eq {
  lhs: Expr;
  rhs: Expr;
}

const asEquation = (l: Line): Eq => (l.kind === 'equation' ? l : { lhs: l.expr, rhs: ZERO });
const now = () => Date.now();

export function equationCheck(ctx: Ctx, prev: Line, next: Line): Verdict {
  const p = asEquation(prev);
  const n = asEquation(next);
  const fp = sub(p.lhs, p.rhs);
  const fn = sub(n.lhs, n.rhs);
  if (ctx.matrixMode) return matrixEquation(ctx, prev, p, n, fp, fn);
  const vars = [...new Set([...freeSymbols(fp), ...freeSymbols(fn)])];
  if (vars.length === 0) return constantEquations(fp, fn);

  // A rearrangement: residuals equal up to a nonzero constant factor (same set, wherever both are defined).
  let rearranged: Verdict | undefined;
  for (const c of proportionalityCandidates(ctx, fp, fn)) {
    const v = equalCheck(ctx, () => ({ next: fn, prev: mul(c, fp) }));
    if (v.status === 'verified') {
      rearranged = v;
      break;
    }
  }
  // A stated solution `v = expr`: it must solve the previous line.
  const unknown = explicitUnknown(n, fp);
  let stated: Verdict | undefined;
  if (!rearranged && unknown?.kind === 'sym') {
    stated = statedSolution(ctx, p, unknown.name, n.rhs);
    if (stated.status === 'refuted' || stated.status === 'error') return stated;
  }
  const cmp = compareSolutions(ctx, fp, fn, vars, n);
  if (cmp.lost) return lostVerdict(cmp.lost, vars);
  if (cmp.gained) return gainedVerdict(cmp.gained, vars, cmp.checked);
  if (rearranged?.status === 'verified') return { ...rearranged, relation: '⇔' };
  if (cmp.completeIn > 0 && (stated?.status === 'verified' || cmp.checked > 0 || cmp.bothEmpty)) {
    const base = stated?.status === 'verified' ? stated : undefined;
    if (base && base.status === 'verified') return { ...base, relation: '⇔' };
    return { status: 'verified', method: 'numeric', relation: '⇔', evidence: { roots: cmp.checked } };
  }
  if (stated?.status === 'verified') {
    return {
      status: 'unproven',
      reason: `${unknown?.kind === 'sym' ? unknown.name : 'the stated value'} = … solves the previous line, but it could not be shown to be its only solution`,
    };
  }
  if (stated) return stated;
  if (cmp.checked > 0) {
    // Every solution of the previous line that was found solves the new one; the sets are not known completely.
    return { status: 'verified', method: 'numeric', relation: '⇒', evidence: { roots: cmp.checked } };
  }
  return { status: 'unproven', reason: 'could not find the solutions of either equation to compare them' };
}

/** `solve`: the line must read `v = expr`; then the same semantics as any equation step. */
export function solveCheck(ctx: Ctx, prev: Line, next: Line, v: string): Verdict {
  const p = asEquation(prev);
  let solution: Expr | undefined;
  if (next.kind === 'equation') {
    if (next.lhs.k === 'sym' && next.lhs.name === v) solution = next.rhs;
    else if (next.rhs.k === 'sym' && next.rhs.name === v) solution = next.lhs;
  }
  if (!solution) return { status: 'error', message: `a solve step must read "${v} = ..."` };
  if (freeSymbols(solution).has(v))
    return { status: 'refuted', counterexample: { values: {}, left: `${v} still appears on the right`, right: 'a solution' } };
  if (ctx.matrixMode || ctx.decls.get(v)?.shape) {
    const sat = statedSolution(ctx, p, v, solution);
    return sat.status === 'verified' && sat.method === 'exact' ? { ...sat, evidence: {} } : sat;
  }
  return equationCheck(ctx, prev, { kind: 'equation', lhs: { k: 'sym', name: v }, rhs: solution });
}

function statedSolution(ctx: Ctx, p: Eq, v: string, solution: Expr): Verdict {
  const map = new Map([[v, solution]]);
  const lhs = substitute(p.lhs, map);
  const rhs = substitute(p.rhs, map);
  const checked = equalCheck(ctx, () => ({ next: lhs, prev: rhs }));
  // "exact arithmetic: 0" would describe the residual, not the step.
  return checked.status === 'verified' && checked.method === 'exact' ? { ...checked, evidence: {} } : checked;
}

// ---------------------------------------------------------------------------

function constantEquations(fp: Expr, fn: Expr): Verdict {
  const a = isRootOf(fp, new Map());
  const b = isRootOf(fn, new Map());
  if (a === 'unclear' || b === 'unclear') return { status: 'unproven', reason: 'constant equations whose truth could not be decided' };
  if (a === b) return { status: 'verified', method: 'exact', relation: '⇔', evidence: {} };
  if (a === 'yes') {
    return {
      status: 'refuted',
      counterexample: { values: {}, left: 'false', right: 'true', note: 'the previous line is true and the new line is false' },
    };
  }
  const warning: EquationWarning = {
    kind: 'extraneous-solution',
    values: {},
    message: 'the previous line has no solution (it is false); the new line holds everywhere',
  };
  return { status: 'verified', method: 'exact', relation: '⇒', evidence: {}, warning };
}

function matrixEquation(ctx: Ctx, prev: Line, p: Eq, n: Eq, fp: Expr, fn: Expr): Verdict {
  for (const c of proportionalityCandidates(ctx, fp, fn)) {
    const v = equalCheck(ctx, () => ({ next: fn, prev: mul(c, fp) }));
    if (v.status === 'verified') return { ...v, relation: '⇔' } as Verdict;
  }
  const unknown = explicitUnknown(n, fp);
  if (unknown?.kind === 'sym') {
    const v = solveCheck(ctx, prev, { kind: 'equation', lhs: n.lhs, rhs: n.rhs }, unknown.name);
    if (v.status !== 'unproven') return v;
  } else if (unknown) {
    const lhs = substituteVector(p.lhs, unknown.names, n.rhs);
    const rhs = substituteVector(p.rhs, unknown.names, n.rhs);
    if (lhs && rhs) {
      const sat = equalCheck(ctx, () => ({ next: lhs, prev: rhs }));
      if (sat.status !== 'unproven') return sat;
    }
  }
  return {
    status: 'unproven',
    reason: 'for matrix equations only rearrangements (residuals equal up to a constant) and stated solutions are decided',
  };
}

type Unknown = { kind: 'sym'; name: string } | { kind: 'vector'; names: string[] };

/** `v = expr` with v free in the cited equation and absent from expr; or `[[a], [b]] = expr`. */
function explicitUnknown(n: Eq, fp: Expr): Unknown | undefined {
  const inPrev = freeSymbols(fp);
  const rhsSyms = freeSymbols(n.rhs);
  if (n.lhs.k === 'sym' && inPrev.has(n.lhs.name) && !rhsSyms.has(n.lhs.name)) return { kind: 'sym', name: n.lhs.name };
  if (n.lhs.k === 'mat' && n.lhs.rows.every((r) => r.length === 1 && r[0]!.k === 'sym')) {
    const names = n.lhs.rows.map((r) => (r[0] as { name: string }).name);
    if (names.every((x) => inPrev.has(x) && !rhsSyms.has(x)) && new Set(names).size === names.length) return { kind: 'vector', names };
  }
  return undefined;
}

/** Substitute the entries of a vector-valued `rhs` (a literal, or a literal divided by a scalar) for the unknowns. */
function substituteVector(e: Expr, names: string[], rhs: Expr): Expr | undefined {
  let vec: Expr[] | undefined;
  if (rhs.k === 'mat' && rhs.rows.length === names.length) vec = rhs.rows.map((r) => r[0]!);
  else if (rhs.k === 'div' && rhs.a.k === 'mat' && rhs.a.rows.length === names.length) {
    const d = rhs.b;
    vec = rhs.a.rows.map((r) => ({ k: 'div', a: r[0]!, b: d }) as Expr);
  } else if (rhs.k === 'mul' && rhs.args.length === 2) {
    const [c, m] = [rhs.args[0]!, rhs.args[1]!];
    if (m.k === 'mat' && m.rows.length === names.length) vec = m.rows.map((r) => mul(c, r[0]!));
  }
  if (!vec) return undefined;
  return substitute(e, new Map(names.map((x, i) => [x, vec![i]!])));
}

function proportionalityCandidates(ctx: Ctx, fp: Expr, fn: Expr): Expr[] {
  const out: Expr[] = [{ k: 'num', v: Rat.int(1) }];
  let a: Expr[];
  let b: Expr[];
  let dims: Map<string, number>;
  try {
    dims = ctx.matrixMode ? (dimCandidates(ctx, [[3, 2, 4, 5]])[0] ?? new Map<string, number>()) : new Map<string, number>();
    const pair = buildPair(ctx, { next: fn, prev: fp }, dims);
    setSampleDims(dims);
    a = entries(pair.prev).list;
    b = entries(pair.next).list;
  } catch {
    return out;
  }
  if (a.length !== b.length) return out;
  const symbols = new Set<string>();
  const seen = new Set<Expr>();
  for (const e of [...a, ...b]) freeSymbols(e, symbols, seen);
  const rng = createRng(ctx.opts.seed + 7);
  for (let t = 0; t < 20; t++) {
    tick(ctx);
    const env = samplePoint(rng, symbols, ctx.decls, dims);
    const memo = new Map<Expr, Num | Error>();
    for (let i = 0; i < a.length; i++) {
      const x = evalSide(a[i]!, env, memo);
      const y = evalSide(b[i]!, env, memo);
      if (x instanceof Num && y instanceof Num && x.q && y.q && !x.q.isZero() && !y.q.isZero()) {
        const r = y.q.div(x.q);
        if (!r.eq(Rat.int(1))) out.push(num(r));
        return out;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Solutions in one variable at a time.

/** Is the point a solution of `f = 0` (f = lhs - rhs as written: undefined is no)? */
export function isRootOf(f: Expr, env: Map<string, Num>): 'yes' | 'no' | 'unclear' {
  const v = evalSide(f, env, new Map());
  if (v === 'undefined') return 'no';
  if (v === 'inconclusive') return 'unclear';
  if (v.q) return v.q.isZero() ? 'yes' : 'no';
  const a = v.x.abs();
  if (a.lte(v.err.times(16).plus(1e-25))) return 'yes';
  if (a.gt(1e-12)) return 'no';
  return 'unclear';
}

export function satisfiesAssumptions(decl: VariableDecl | undefined, v: Num): boolean {
  const a = decl?.assumptions ?? [];
  const s = v.sign();
  if (a.includes('positive') && s <= 0) return false;
  if (a.includes('nonnegative') && s < 0) return false;
  if (a.includes('nonzero') && s === 0) return false;
  if (a.includes('integer') && !(v.q && v.q.isInt())) return false;
  return true;
}

/** A point that solves one line and not the other. `approx` names a variable known only within a bracket. */
interface Witness {
  env: Map<string, Num>;
  approx?: { name: string; text: string };
}

interface Comparison {
  checked: number;
  /** Variables in which both root sets were found completely at every base point. */
  completeIn: number;
  /** Both lines have no solution at all in a completely known variable. */
  bothEmpty: boolean;
  lost?: Witness;
  gained?: Witness;
}

interface Roots {
  /** Exact (or 80-digit) candidates; each is re-checked in both lines as written. */
  values: Num[];
  /** Certified brackets [lo, hi]: the line's residual changes sign inside. */
  brackets: Array<[Rat, Rat]>;
  /** Every candidate root found: the real roots of a numerator of degree ≤ 2. */
  complete: boolean;
  /** The residual's numerator is identically zero in the variable: every (defined) value solves it. */
  all: boolean;
}

function fixOthers(f: Expr, v: string, env: Map<string, Num>): Expr {
  const map = new Map<string, Expr>();
  for (const [k, val] of env) if (k !== v && val.q) map.set(k, { k: 'num', v: val.q });
  return substitute(f, map);
}

function rootsIn(ctx: Ctx, f: Expr, v: string, env: Map<string, Num>): Roots {
  const fixed = fixOthers(f, v, env);
  const poly = polynomialRoots(fixed, v, Math.min(now() + ctx.opts.normalFormLimitMs, ctx.deadline - 50));
  if (poly) return { values: poly.roots, brackets: [], complete: true, all: poly.all };
  const brackets = scanBrackets(fixed, v, ctx.decls.get(v));
  const values: Num[] = [];
  if (brackets.length === 0) values.push(...(casRoots(ctx, fixed, v) ?? []));
  return { values, brackets, complete: false, all: false };
}

function compareSolutions(ctx: Ctx, fp: Expr, fn: Expr, vars: string[], n: Eq): Comparison {
  setSampleDims(new Map());
  const rng = createRng(ctx.opts.seed + 11);
  const out: Comparison = { checked: 0, completeIn: 0, bothEmpty: true };
  const all = new Set(vars);
  const classify = (env: Map<string, Num>, approx?: Witness['approx']) => {
    if (!withinConditions(ctx, env)) return;
    const inP = isRootOf(fp, env);
    const inN = isRootOf(fn, env);
    if (inP === 'unclear' || inN === 'unclear') return;
    if (inP === 'yes' && inN === 'yes') out.checked++;
    else if (inP === 'yes') out.lost ??= { env, ...(approx ? { approx } : {}) };
    else if (inN === 'yes') out.gained ??= { env, ...(approx ? { approx } : {}) };
  };
  for (const v of vars) {
    let complete = true;
    let empty = true;
    for (let k = 0; k < 3; k++) {
      tick(ctx);
      const base = samplePoint(rng, all, ctx.decls, new Map());
      const rp = rootsIn(ctx, fp, v, base);
      const rn = rootsIn(ctx, fn, v, base);
      complete &&= rp.complete && rn.complete;
      for (const r of [...rp.values, ...rn.values]) {
        if (!satisfiesAssumptions(ctx.decls.get(v), r)) continue;
        empty = false;
        classify(new Map(base).set(v, r));
      }
      for (const [which, roots, other] of [
        ['prev', rp, fn],
        ['next', rn, fp],
      ] as const) {
        for (const [lo, hi] of roots.brackets) {
          empty = false;
          // An integer inside the bracket is tried exactly first (x = 168, not x ≈ 168).
          const whole = Rat.int(Math.round(lo.add(hi).div(Rat.int(2)).toNumber()));
          if (Math.abs(whole.toNumber()) < 1e15 && lo.sub(whole).sign() <= 0 && hi.sub(whole).sign() >= 0) {
            const before = [out.checked, out.lost, out.gained];
            classify(new Map(base).set(v, Num.exact(whole)));
            if (out.checked !== before[0] || out.lost !== before[1] || out.gained !== before[2]) continue;
          }
          const w = classifyBracket(fixOthers(other, v, base), v, lo, hi);
          const mid = lo.add(hi).div(Rat.int(2));
          const env = new Map(base).set(v, Num.exact(mid));
          if (!withinConditions(ctx, env)) continue;
          const approx = { name: v, text: `≈ ${Num.exact(mid).display(10)}` };
          if (w === 'both') out.checked++;
          else if (w === 'neither' && which === 'prev') out.lost ??= { env, approx };
          else if (w === 'neither' && which === 'next') out.gained ??= { env, approx };
        }
      }
      // Identically solved in v (every value) on one side only: pick a value where the other fails.
      if (rp.all !== rn.all) {
        empty = false;
        for (const t of [3, -2, 1 / 7, 10, -0.5]) {
          const env = new Map(base).set(v, Num.exact(ratOf(t)));
          if (!satisfiesAssumptions(ctx.decls.get(v), env.get(v)!)) continue;
          classify(env);
          if (out.lost || out.gained) break;
        }
      }
      if (out.lost) return out;
    }
    if (complete) out.completeIn++;
    if (!(complete && empty)) out.bothEmpty = false;
  }
  if (!out.lost) probeDenominators(ctx, fp, fn, vars, n, rng, out);
  if (out.completeIn === 0) out.bothEmpty = false;
  return out;
}

/** Denominators of the new line: where one vanishes the new line is undefined, so a solution of the previous line there is lost. */
function probeDenominators(ctx: Ctx, fp: Expr, fn: Expr, vars: string[], n: Eq, rng: () => number, out: Comparison): void {
  const dens: Expr[] = [];
  const visit = (e: Expr) => {
    if (e.k === 'div' && freeSymbols(e.b).size > 0) dens.push(e.b);
    for (const c of children(e)) visit(c);
  };
  visit(n.lhs);
  visit(n.rhs);
  const all = new Set(vars);
  for (const d of dens.slice(0, 4)) {
    for (const u of freeSymbols(d)) {
      for (let k = 0; k < 2; k++) {
        tick(ctx);
        const base = samplePoint(rng, all, ctx.decls, new Map());
        const zs = polynomialRoots(fixOthers(d, u, base), u, Math.min(now() + ctx.opts.normalFormLimitMs, ctx.deadline - 50));
        for (const z of zs?.roots ?? []) {
          if (!satisfiesAssumptions(ctx.decls.get(u), z)) continue;
          const at = new Map(base).set(u, z);
          // Is there a solution of the previous line with u there? Look along each other variable.
          for (const w of vars) {
            if (w === u) continue;
            const rs = polynomialRoots(fixOthers(fp, w, at), w, Math.min(now() + ctx.opts.normalFormLimitMs, ctx.deadline - 50));
            const cands = rs?.all ? [at.get(w)!] : (rs?.roots ?? []);
            for (const r of cands) {
              if (!satisfiesAssumptions(ctx.decls.get(w), r)) continue;
              const env = new Map(at).set(w, r);
              if (withinConditions(ctx, env) && isRootOf(fp, env) === 'yes' && isRootOf(fn, env) === 'no') {
                out.lost = { env };
                return;
              }
            }
          }
        }
      }
    }
  }
}

/**
 * All real roots of the numerator when it is a polynomial of degree ≤ 2 in
 * `v` (everything else fixed, so coefficients are numbers such as 3/2 or
 * cos(4/7)): no CAS needed. Callers re-check each root against the equation
 * as written (denominators, assumptions). Undefined when unsure.
 */
export function polynomialRoots(f: Expr, v: string, deadline: number): { roots: Num[]; all: boolean } | undefined {
  const c = new Normaliser(deadline).univariate(f, v, (a) => freeSymbols(a).has(v));
  if (!c) return undefined;
  const val = (e: Expr) => evalSide(e, new Map(), new Map());
  const zero = (e: Expr) => {
    const x = val(e);
    return x instanceof Num && x.q?.isZero() === true;
  };
  while (c.length > 0 && zero(c[c.length - 1]!)) c.pop();
  const nonzero = (e: Expr) => {
    const x = val(e);
    return x instanceof Num && !x.nearZero();
  };
  if (c.length === 0) return { roots: [], all: true };
  if (c.length === 1) return nonzero(c[0]!) ? { roots: [], all: false } : undefined;
  if (c.length === 2) {
    if (!nonzero(c[1]!)) return undefined;
    const r = val({ k: 'div', a: { k: 'neg', a: c[0]! }, b: c[1]! });
    return r instanceof Num ? { roots: [r], all: false } : undefined;
  }
  if (c.length !== 3 || !nonzero(c[2]!)) return undefined;
  const [c0, c1, c2] = c as [Expr, Expr, Expr];
  const discE = sub(mul(c1, c1), mul(num(4), c2, c0));
  const disc = val(discE);
  if (!(disc instanceof Num)) return undefined;
  if (disc.q?.isZero()) {
    const r = val({ k: 'div', a: { k: 'neg', a: c1 }, b: mul(num(2), c2) });
    return r instanceof Num ? { roots: [r], all: false } : undefined;
  }
  if (disc.nearZero()) return undefined; // a double root or two close ones
  if (disc.sign() < 0) return { roots: [], all: false };
  const sq: Expr = { k: 'fn', name: 'sqrt', args: [discE] };
  const out: Num[] = [];
  for (const top of [{ k: 'add', args: [{ k: 'neg', a: c1 }, sq] } as Expr, sub({ k: 'neg', a: c1 }, sq)]) {
    const r = val({ k: 'div', a: top, b: mul(num(2), c2) });
    if (!(r instanceof Num)) return undefined;
    out.push(r);
  }
  return { roots: out, all: false };
}

function casRoots(ctx: Ctx, fixed: Expr, v: string): Num[] | undefined {
  const rename = new Map<string, string>([[v, 'x']]);
  let text: string;
  try {
    text = printCas(fixed, rename, new Map(), { left: 5000 });
  } catch {
    return undefined;
  }
  if (rename.size > 1) return undefined;
  const left = Math.min(ctx.opts.rootsLimitMs, ctx.deadline - now() - 50);
  if (left <= 0) throw new Timeout();
  const roots = ctx.cas.solve(text, 'x', left);
  if (!roots) return undefined;
  const out: Num[] = [];
  for (const r of roots) {
    const parsed = parseLine(r.replace(/\bx\b/g, '_x_'), ctx.hooks.readLatex, { maxInputLength: 5000, maxNodes: 5000 });
    if (!parsed.ok || parsed.line.kind !== 'expr') continue; // complex or unreadable: not a real root
    if (freeSymbols(parsed.line.expr).size > 0) continue;
    const val = evalSide(parsed.line.expr, new Map(), new Map());
    if (val instanceof Num) out.push(val);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Sign changes: roots of equations the normal form cannot solve (sin(x) = 0, x = log 2, |x|).

/** A double rounded to an exact rational (17 significant digits). */
function ratOf(x: number): Rat {
  const [m, e] = x.toExponential(16).split('e') as [string, string];
  const neg = m.startsWith('-');
  const digits = BigInt(m.replace(/[-.]/g, ''));
  const exp = Number(e) - 16;
  const mag = exp >= 0 ? Rat.of(digits * 10n ** BigInt(exp)) : Rat.of(digits, 10n ** BigInt(-exp));
  return neg ? mag.neg() : mag;
}

/** Double-precision value of a one-variable tree (NaN where undefined): only to find brackets. */
function evalDouble(e: Expr, v: string, x: number): number {
  const ev = (c: Expr) => evalDouble(c, v, x);
  switch (e.k) {
    case 'num':
      return e.v.toNumber();
    case 'sym':
      return e.name === v ? x : e.name === 'pi' ? Math.PI : e.name === 'e' ? Math.E : NaN;
    case 'add':
      return e.args.reduce((s, a) => s + ev(a), 0);
    case 'mul':
      return e.args.reduce((s, a) => s * ev(a), 1);
    case 'neg':
      return -ev(e.a);
    case 'div': {
      const d = ev(e.b);
      return d === 0 ? NaN : ev(e.a) / d;
    }
    case 'pow': {
      const a = ev(e.a);
      const b = ev(e.b);
      if (a < 0 && !Number.isInteger(b)) return NaN;
      return a ** b;
    }
    case 'fn': {
      const a = ev(e.args[0]!);
      switch (e.name) {
        case 'sqrt':
          return a < 0 ? NaN : Math.sqrt(a);
        case 'log':
          return a <= 0 ? NaN : Math.log(a);
        case 'exp':
          return Math.exp(a);
        case 'sin':
          return Math.sin(a);
        case 'cos':
          return Math.cos(a);
        case 'tan':
          return Math.tan(a);
        case 'atan':
          return Math.atan(a);
        case 'abs':
          return Math.abs(a);
        default:
          return NaN;
      }
    }
    case 'mat':
      return NaN;
  }
}

let GRID: number[] | undefined;

/** Where to look for sign changes: a fine linear grid near 0 and a log grid out to 1e8, both signs. */
function grid(): number[] {
  if (GRID) return GRID;
  const pts = new Set<number>();
  for (let i = -200; i <= 200; i++) pts.add(i / 10 + 0.0123);
  for (let k = -24; k <= 32; k++) {
    pts.add(10 ** (k / 4) * 1.0071);
    pts.add(-(10 ** (k / 4)) * 1.0071);
  }
  return (GRID = [...pts].sort((a, b) => a - b));
}

const MAX_BRACKETS = 8;

/** Brackets [lo, hi] where `f` (one variable) changes sign, certified at 80 digits on both ends. */
function scanBrackets(f: Expr, v: string, decl: VariableDecl | undefined): Array<[Rat, Rat]> {
  const a = decl?.assumptions ?? [];
  if (a.includes('integer') || freeSymbols(f).size !== 1) return [];
  const xs = grid().filter((x) => !((a.includes('positive') || a.includes('nonnegative')) && x <= 0));
  const out: Array<[Rat, Rat]> = [];
  let px = NaN;
  let pf = NaN;
  for (const x of xs) {
    const fx = evalDouble(f, v, x);
    if (Number.isFinite(fx) && Number.isFinite(pf) && Math.sign(fx) * Math.sign(pf) < 0) {
      const b = bisect(f, v, px, x, pf);
      if (b) out.push(b);
      if (out.length >= MAX_BRACKETS * 4) break;
    }
    px = x;
    pf = fx;
  }
  // The solution nearest 0 is the one a reader recognises (π before 91566430.28).
  return out.sort((p, q) => Math.abs(p[0].toNumber()) - Math.abs(q[0].toNumber())).slice(0, MAX_BRACKETS);
}

function bisect(f: Expr, v: string, lo: number, hi: number, flo: number): [Rat, Rat] | undefined {
  const scale = Math.max(Math.abs(flo), Math.abs(evalDouble(f, v, hi)), 1e-300);
  for (let i = 0; i < 200 && hi - lo > 4e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    const fm = evalDouble(f, v, mid);
    if (!Number.isFinite(fm)) return undefined;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  // A pole also changes sign: a root is where the residual became small, not large.
  const fl = evalDouble(f, v, lo);
  const fh = evalDouble(f, v, hi);
  if (!(Math.abs(fl) <= 1e-6 * scale && Math.abs(fh) <= 1e-6 * scale)) return undefined;
  const [ql, qh] = [ratOf(lo), ratOf(hi)];
  const sl = evalSide(f, new Map([[v, Num.exact(ql)]]), new Map());
  const sh = evalSide(f, new Map([[v, Num.exact(qh)]]), new Map());
  if (!(sl instanceof Num && sh instanceof Num) || sl.nearZero() || sh.nearZero() || sl.sign() === sh.sign()) return undefined;
  return [ql, qh];
}

/** Does the other line's residual vanish inside the bracket too ('both'), or clearly not ('neither')? */
function classifyBracket(g: Expr, v: string, lo: Rat, hi: Rat): 'both' | 'neither' | 'unclear' {
  const at = (q: Rat) => evalSide(g, new Map([[v, Num.exact(q)]]), new Map());
  const mid = lo.add(hi).div(Rat.int(2));
  const vals = [at(lo), at(mid), at(hi)];
  if (vals.some((x) => x === 'inconclusive')) return 'unclear';
  if (vals.every((x) => x === 'undefined')) return 'neither';
  if (!vals.every((x) => x instanceof Num)) return 'unclear';
  const nums = vals as Num[];
  const mags = nums.map((x) => Math.abs(x.toNumber()));
  if (nums.some((x) => x.nearZero()) || Math.min(...mags) < 1e-9) return 'both';
  if (nums.every((x) => x.sign() === nums[0]!.sign()) && Math.min(...mags) > 1e-6) return 'neither';
  return 'unclear';
}

// ---------------------------------------------------------------------------

function witnessText(w: Witness, vars: string[]): { values: Record<string, number | string>; text: string } {
  const values = pointValues(w.env, new Set(vars));
  if (w.approx) values[w.approx.name] = w.approx.text;
  const text = Object.entries(values)
    .map(([k, v]) => (typeof v === 'string' && v.startsWith('≈') ? `${k} ${v}` : `${k} = ${v}`))
    .join(', ');
  return { values, text };
}

function lostVerdict(w: Witness, vars: string[]): Verdict {
  const { values, text } = witnessText(w, vars);
  return {
    status: 'refuted',
    counterexample: {
      values,
      left: 'not a solution',
      right: 'a solution',
      note: `${text} solves the previous line but not the new one: a solution was lost`,
    } satisfies Counterexample,
  };
}

function gainedVerdict(w: Witness, vars: string[], checked: number): Verdict {
  const { values, text } = witnessText(w, vars);
  return {
    status: 'verified',
    method: 'numeric',
    relation: '⇒',
    evidence: { roots: checked },
    warning: {
      kind: 'extraneous-solution',
      values,
      message: `${text} solves the new line but not the previous one (an extraneous solution)`,
    },
  };
}
