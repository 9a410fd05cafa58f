/**
 * Expectation, variance and covariance: `E(g)`, `Var(g)`, `Cov(g, h)` (read from `E[X]`,
 * `\mathbb{E}[X]`, `Var(X)`, `\operatorname{Cov}(X, Y)`), over random variables.
 *
 * Which names are random: those declared with a distribution (`assume X ~ N(mu, s^2)`) or as
 * independent (`X, Y independent`, `X_i iid`), and capital names (`X`, `Y_2`) inside E, Var or
 * Cov (the reader says so in a note). Other names are constants.
 *
 * How a step is decided (`withMoments` in ./core.ts): each line becomes an ordinary expression
 * in the constants, then the two are compared as usual.
 * - Var(g) is E(g²) − E(g)², Cov(g, h) is E(gh) − E(g)E(h).
 * - Random variables with no distribution and not declared independent share one random
 *   finite joint distribution (3 atoms, exact rationals): E(g) is the weighted sum of g over the
 *   atoms, for any g. Independent ones each get a random finite marginal (the same one for the
 *   entries of an `iid` name), used through their exact moments.
 * - A named distribution is used through its moments (up to the 4th), so E of a polynomial in
 *   such variables is exact; E of anything else (exp(X) for a normal X) is not read.
 * - With any variable of the first two kinds, the step is checked on 6 random distributions;
 *   a counterexample names the distribution. That is evidence, not a proof for every
 *   distribution, and the badge says so.
 */
import { type Expr, type Line, add, children, div, mapChildren, mul, neg, num, pow, print, sub, substitute } from './ast';
import { Rat } from './rational';
import { createRng, type Rng } from './random';
import type { Family, VariableDecl } from './types';

/** E(X), Var(X), Cov(X, Y) as the readers keep them, with their arity. */
export const MOMENTS: Readonly<Record<string, number>> = { E: 1, Var: 1, Cov: 2 };

/** Random finite distributions tried for a step with undeclared or independent random variables. */
export const DISTRIBUTION_TRIALS = 6;
/** Highest moment known for a named family. */
const MAX_MOMENT = 4;
/** Largest expansion of a polynomial in random variables, in terms. */
const MAX_TERMS = 600;

/** A line that cannot be read as written (said to the user as an error). */
export class NotReadable extends Error {}

const isMoment = (e: Expr): e is Extract<Expr, { k: 'fn' }> => e.k === 'fn' && MOMENTS[e.name] !== undefined;

export function hasMoments(e: Expr): boolean {
  return isMoment(e) || children(e).some(hasMoments);
}

/** Is this name random by the capital-letter rule (X, Y_2, X_bar)? */
export const capitalName = (n: string) => /^[A-Z](?:_[A-Za-z0-9_]+)?$/.test(n);

/** Random variables of these lines: declared ones, and capital names inside E, Var, Cov (not declared matrices). */
export function randomVariables(exprs: readonly Expr[], decls: ReadonlyMap<string, VariableDecl>): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr, inside: boolean) => {
    if (e.k === 'sym') {
      const d = declOf(e.name, decls);
      if (d?.distribution || d?.independent || (inside && capitalName(e.name) && !d?.shape)) out.add(e.name);
    }
    const now = inside || isMoment(e);
    for (const c of children(e)) visit(c, now);
  };
  for (const e of exprs) visit(e, false);
  return out;
}

/** The declaration of a random variable: its own, or its indexed name's (`X_3` from `X_i`). */
function declOf(name: string, decls: ReadonlyMap<string, VariableDecl>): VariableDecl | undefined {
  const own = decls.get(name);
  if (own) return own;
  const m = /^(.+?)_\d+(?:_\d+)?$/.exec(name);
  if (!m) return undefined;
  for (const d of decls.values()) if (new RegExp(`^${m[1]}_[A-Za-z]+$`).test(d.name)) return d;
  return undefined;
}

/** One random finite distribution: values and probabilities, exact. */
interface Atoms {
  values: Rat[][];
  probs: Rat[];
}

const VALUES = [-2, -1, 0, 1, 2, 3, 4].map((k) => Rat.int(k)).concat([Rat.of(1n, 2n), Rat.of(-3n, 2n), Rat.of(5n, 2n)]);

function randomAtoms(rng: Rng, dims: number, count: number): Atoms {
  // Distinct values in each coordinate (a variable that is constant, variance 0, hides slips).
  const columns = Array.from({ length: dims }, () => {
    const pool = [...VALUES];
    return Array.from({ length: count }, () => pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  });
  const values = Array.from({ length: count }, (_, a) => columns.map((c) => c[a]!));
  const weights = Array.from({ length: count }, () => 1 + Math.floor(rng() * 6));
  const total = weights.reduce((a, b) => a + b, 0);
  return { values, probs: weights.map((w) => Rat.of(BigInt(w), BigInt(total))) };
}

/** How one random variable is instantiated in a trial. */
type Model =
  | { kind: 'joint'; index: number }
  | { kind: 'marginal'; atoms: Atoms }
  | { kind: 'named'; family: Family; params: Expr[]; independent: boolean };

export interface Instance {
  /** Replace moments in a line by expressions in the constants. */
  expand(e: Expr): Expr;
  /** For a counterexample: the distributions of this trial, in words. */
  describe(): string;
}

export interface MomentSetup {
  rvs: Set<string>;
  /** Trials to run (1 when every random variable has a named distribution). */
  trials: number;
  instance(trial: number): Instance;
}

/**
 * The instantiation of the random variables for a step. `readParam` reads a distribution's
 * parameter as the line reader does.
 */
export function momentSetup(
  exprs: readonly Expr[],
  decls: ReadonlyMap<string, VariableDecl>,
  seed: number,
  readParam: (text: string) => Expr,
): MomentSetup {
  const rvs = randomVariables(exprs, decls);
  const named = new Map<string, { family: Family; params: Expr[]; independent: boolean }>();
  const joint: string[] = [];
  const indep: string[] = [];
  for (const v of [...rvs].sort()) {
    const d = declOf(v, decls);
    if (d?.distribution)
      named.set(v, { family: d.distribution.family, params: d.distribution.params.map(readParam), independent: !!d.independent });
    else if (d?.independent) indep.push(v);
    else joint.push(v);
  }
  const trials = joint.length + indep.length > 0 ? DISTRIBUTION_TRIALS : 1;
  return {
    rvs,
    trials,
    instance(trial: number): Instance {
      const rng = createRng((seed ^ 0x9e3779b9) + 7919 * trial);
      const models = new Map<string, Model>();
      const jointAtoms = joint.length ? randomAtoms(rng, joint.length, 3) : undefined;
      joint.forEach((v, i) => models.set(v, { kind: 'joint', index: i }));
      const byBase = new Map<string, Atoms>();
      for (const v of indep) {
        // entries of an iid name (X_1, X_2, …) share one marginal
        const base = /_\d+(?:_\d+)?$/.test(v) ? v.replace(/_\d+(?:_\d+)?$/, '_i') : v;
        let atoms = byBase.get(base);
        if (!atoms) byBase.set(base, (atoms = randomAtoms(rng, 1, 3)));
        models.set(v, { kind: 'marginal', atoms });
      }
      for (const [v, m] of named) models.set(v, { kind: 'named', ...m });
      return {
        expand: (e) => expandMoments(e, models, jointAtoms, joint),
        describe: () => describeTrial(joint, jointAtoms, byBase),
      };
    },
  };
}

function describeTrial(joint: string[], atoms: Atoms | undefined, marginals: Map<string, Atoms>): string {
  const parts: string[] = [];
  if (atoms) {
    const vals = atoms.values.map((v) => (joint.length === 1 ? v[0]!.toString() : `(${v.map((x) => x.toString()).join(', ')})`));
    parts.push(
      `${joint.length === 1 ? joint[0] : `(${joint.join(', ')})`} = ${vals.join(', ')} with probabilities ${atoms.probs.map((p) => p.toString()).join(', ')}`,
    );
  }
  for (const [name, a] of marginals)
    parts.push(
      `${/_i$/.test(name) ? `each ${name}` : name} = ${a.values.map((v) => v[0]!.toString()).join(', ')} with probabilities ${a.probs.map((p) => p.toString()).join(', ')}, independent`,
    );
  return parts.join('; ');
}

/** Replace every E, Var, Cov in `e` (innermost first) by an expression in the constants. */
function expandMoments(e: Expr, models: Map<string, Model>, joint: Atoms | undefined, jointNames: string[]): Expr {
  const go = (x: Expr) => expandMoments(x, models, joint, jointNames);
  if (!(e.k === 'fn' && MOMENTS[e.name] !== undefined)) return mapChildren(e, go);
  const args = (e as Extract<Expr, { k: 'fn' }>).args.map(go);
  const name = (e as Extract<Expr, { k: 'fn' }>).name;
  const E = (g: Expr) => expectation(g, models, joint, jointNames);
  if (name === 'E') return E(args[0]!);
  if (name === 'Var') return sub(E(pow(args[0]!, num(2))), pow(E(args[0]!), num(2)));
  return sub(E(mul(args[0]!, args[1]!)), mul(E(args[0]!), E(args[1]!)));
}

const usesAny = (e: Expr, names: ReadonlySet<string> | Map<string, unknown>): boolean =>
  (e.k === 'sym' && names.has(e.name)) || children(e).some((c) => usesAny(c, names));

function expectation(g: Expr, models: Map<string, Model>, joint: Atoms | undefined, jointNames: string[]): Expr {
  if (!usesAny(g, models)) return g;
  const present = [...models.keys()].filter((v) => usesAny(g, new Set([v])));
  const lone = present.filter((v) => {
    const m = models.get(v)!;
    return m.kind === 'named' && !m.independent;
  });
  if (lone.length && present.length > 1)
    throw new NotReadable(
      `the joint distribution of ${present.join(', ')} is not known: declare them independent (assume ${present.join(', ')} independent) or leave out the distribution`,
    );
  const usedJoint = jointNames.filter((v) => present.includes(v));
  const terms: Expr[] = [];
  const atoms =
    usedJoint.length && joint ? joint.values.map((vals, a) => ({ vals, p: joint.probs[a]! })) : [{ vals: [] as Rat[], p: Rat.int(1) }];
  for (const { vals, p } of atoms) {
    const map = new Map<string, Expr>();
    if (usedJoint.length) jointNames.forEach((v, i) => map.set(v, num(vals[i]!)));
    const h = map.size ? substitute(g, map) : g;
    const others = new Set(present.filter((v) => !usedJoint.includes(v)));
    terms.push(mul(num(p), others.size ? polyExpectation(h, others, models) : h));
  }
  return add(...terms);
}

type Term = { coef: Expr; mono: Map<string, number> };

/** E of a polynomial in independent random variables: expanded, each monomial a product of moments. */
function polyExpectation(h: Expr, rvs: ReadonlySet<string>, models: Map<string, Model>): Expr {
  const terms = polyOf(h, rvs);
  return add(
    ...terms.map((t) => {
      const factors: Expr[] = [t.coef];
      for (const [v, k] of t.mono) factors.push(moment(v, k, models.get(v)!));
      return mul(...factors);
    }),
  );
}

function polyOf(e: Expr, rvs: ReadonlySet<string>): Term[] {
  if (!usesAny(e, rvs)) return [{ coef: e, mono: new Map() }];
  switch (e.k) {
    case 'sym':
      return [{ coef: num(1), mono: new Map([[e.name, 1]]) }];
    case 'add':
      return e.args.flatMap((a) => polyOf(a, rvs));
    case 'neg':
      return polyOf(e.a, rvs).map((t) => ({ ...t, coef: neg(t.coef) }));
    case 'mul':
      return e.args.map((a) => polyOf(a, rvs)).reduce(times);
    case 'div':
      if (usesAny(e.b, rvs))
        throw new NotReadable(
          'E[...] with a random variable in a denominator is not read: only polynomials in independent or named random variables',
        );
      return polyOf(e.a, rvs).map((t) => ({ ...t, coef: div(t.coef, e.b) }));
    case 'pow': {
      const k = e.b.k === 'num' && e.b.v.isInt() ? Number(e.b.v.toString()) : -1;
      if (usesAny(e.b, rvs) || k < 0 || k > 2 * MAX_MOMENT)
        throw new NotReadable(
          'E[...] of a random variable to a power other than 0…8 is not read: only polynomials in independent or named random variables',
        );
      let out: Term[] = [{ coef: num(1), mono: new Map() }];
      const base = polyOf(e.a, rvs);
      for (let i = 0; i < k; i++) out = times(out, base);
      return out;
    }
    default:
      throw new NotReadable(
        'E[...] of a function (exp, log, …) of an independent or named random variable is not read: only polynomials (moments up to the 4th are known)',
      );
  }
}

function times(a: Term[], b: Term[]): Term[] {
  if (a.length * b.length > MAX_TERMS) throw new NotReadable(`E[...] expands to more than ${MAX_TERMS} terms: split the step`);
  const out: Term[] = [];
  for (const x of a)
    for (const y of b) {
      const mono = new Map(x.mono);
      for (const [v, k] of y.mono) mono.set(v, (mono.get(v) ?? 0) + k);
      out.push({ coef: mul(x.coef, y.coef), mono });
    }
  return out;
}

/** E[X^k] for one random variable. */
function moment(v: string, k: number, m: Model): Expr {
  if (k === 0) return num(1);
  if (m.kind === 'marginal') {
    let s = Rat.int(0);
    m.atoms.values.forEach((vals, i) => {
      let p = m.atoms.probs[i]!;
      for (let j = 0; j < k; j++) p = p.mul(vals[0]!);
      s = s.add(p);
    });
    return num(s);
  }
  if (m.kind === 'joint') throw new Error('joint variables are substituted before moments');
  if (k > MAX_MOMENT) throw new NotReadable(`E[${v}^${k}]: only moments up to the ${MAX_MOMENT}th of a named distribution are known`);
  return familyMoment(m.family, m.params, k);
}

const n = (k: number) => num(k);

/** Raw moments of the named families, as expressions in their parameters. */
function familyMoment(family: Family, p: Expr[], k: number): Expr {
  const [a, b] = p as [Expr, Expr];
  // from factorial moments f_j: m1 = f1, m2 = f2 + f1, m3 = f3 + 3 f2 + f1, m4 = f4 + 6 f3 + 7 f2 + f1
  const fromFactorial = (f: (j: number) => Expr) => {
    const S = [[1], [1, 1], [1, 3, 1], [1, 7, 6, 1]][k - 1]!;
    return add(...S.map((c, j) => mul(n(c), f(j + 1))));
  };
  switch (family) {
    case 'normal': {
      const mu = a;
      const v = b;
      return [
        mu,
        add(pow(mu, n(2)), v),
        add(pow(mu, n(3)), mul(n(3), mu, v)),
        add(pow(mu, n(4)), mul(n(6), pow(mu, n(2)), v), mul(n(3), pow(v, n(2)))),
      ][k - 1]!;
    }
    case 'bernoulli':
      return a;
    case 'binomial':
      return fromFactorial((j) => {
        const falling: Expr[] = [];
        for (let r = 0; r < j; r++) falling.push(sub(a, n(r)));
        return mul(...falling, pow(b, n(j)));
      });
    case 'poisson':
      return fromFactorial((j) => pow(a, n(j)));
    case 'uniform': {
      // (b^{k+1} − a^{k+1}) / ((k+1)(b − a)) = (Σ_j a^j b^{k−j}) / (k+1), defined at a = b too
      const terms: Expr[] = [];
      for (let j = 0; j <= k; j++) terms.push(mul(pow(a, n(j)), pow(b, n(k - j))));
      return div(add(...terms), n(k + 1));
    }
    case 'beta': {
      const f: Expr[] = [];
      for (let r = 0; r < k; r++) f.push(div(add(a, n(r)), add(a, b, n(r))));
      return mul(...f);
    }
  }
}

/** Lines with the moments replaced, or the random variable left outside E, Var, Cov. */
export function expandLine(l: Line, inst: Instance): Line {
  return l.kind === 'expr'
    ? { kind: 'expr', expr: inst.expand(l.expr) }
    : { kind: 'equation', lhs: inst.expand(l.lhs), rhs: inst.expand(l.rhs) };
}

/** A random variable used outside E, Var and Cov (then the line is itself random), or undefined. */
export function outsideMoments(e: Expr, rvs: ReadonlySet<string>): string | undefined {
  if (isMoment(e)) return undefined;
  if (e.k === 'sym') return rvs.has(e.name) ? e.name : undefined;
  for (const c of children(e)) {
    const r = outsideMoments(c, rvs);
    if (r) return r;
  }
  return undefined;
}

/** Capital names inside E, Var, Cov as written (`X`, `X_i`): read as random variables, said in a note. */
export function momentNames(exprs: readonly Expr[]): string[] {
  return [...randomVariables(exprs, new Map())].sort();
}

/**
 * An E, Var or Cov whose argument holds no random variable (`Cov(x, y)` with lowercase names,
 * which are constants): read literally it would be a constant's moment (Cov(x, y) = 0), almost
 * surely not what was meant; the text of the first one, or undefined.
 */
export function momentWithoutRandom(e: Expr, rvs: ReadonlySet<string>): string | undefined {
  if (isMoment(e) && !e.args.some((a) => usesAny(a, rvs))) return `${e.name}(${e.args.map(print).join(', ')})`;
  for (const c of children(e)) {
    const r = momentWithoutRandom(c, rvs);
    if (r) return r;
  }
  return undefined;
}
