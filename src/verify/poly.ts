/**
 * A cheap symbolic proof before the CAS: the difference of two sides as a
 * rational function `N / D` (sparse multivariate polynomials with exact
 * rational coefficients). Anything that is not +, −, ×, ÷ or an integer
 * power (sqrt, exp, log, sin, a symbolic exponent...) becomes an opaque atom,
 * keyed by its function name and the normal forms of its arguments.
 *
 * Why this is a proof: treating atoms as independent indeterminates only
 * forgets relations between them, so `N ≡ 0` as a polynomial means the two
 * sides agree wherever both are defined (every denominator multiplied into D
 * is nonzero there). Domains are the numeric stage's business, which runs
 * first. `N ≢ 0` proves nothing (exp(a+b) vs exp(a)·exp(b)), so the caller
 * then asks the CAS. Bounded: more than `MAX_TERMS` terms gives up.
 */
import type { Expr } from './ast';
import { Rat } from './rational';

/** A monomial as sorted (atom index, exponent) pairs, with its key. */
interface Term {
  mono: number[];
  c: Rat;
}
type Poly = Map<string, Term>;
interface RatFn {
  n: Poly;
  d: Poly;
}

class GiveUp extends Error {}

const MAX_TERMS = 4000;
const MAX_POWER = 16;

const ONE_R = Rat.int(1);
const monoKey = (m: number[]) => m.join(',');

function constPoly(c: Rat): Poly {
  return c.isZero() ? new Map() : new Map([['', { mono: [], c }]]);
}

function addInto(p: Poly, mono: number[], c: Rat, key = monoKey(mono)): void {
  const t = p.get(key);
  if (!t) {
    if (!c.isZero()) p.set(key, { mono, c });
    return;
  }
  const s = t.c.add(c);
  if (s.isZero()) p.delete(key);
  else p.set(key, { mono, c: s });
}

function polyAdd(a: Poly, b: Poly, sign = 1): Poly {
  const out: Poly = new Map(a);
  for (const [k, t] of b) addInto(out, t.mono, sign < 0 ? t.c.neg() : t.c, k);
  if (out.size > MAX_TERMS) throw new GiveUp();
  return out;
}

function monoMul(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      out.push(a[i]!, a[i + 1]!);
      i += 2;
    } else if (i >= a.length || b[j]! < a[i]!) {
      out.push(b[j]!, b[j + 1]!);
      j += 2;
    } else {
      out.push(a[i]!, a[i + 1]! + b[j + 1]!);
      i += 2;
      j += 2;
    }
  }
  return out;
}

/** Absolute Date.now() past which the current normaliser gives up (one check at a time per thread). */
let giveUpAt = Infinity;

function polyMul(a: Poly, b: Poly): Poly {
  if (a.size * b.size > MAX_TERMS * 8 || Date.now() > giveUpAt) throw new GiveUp();
  const out: Poly = new Map();
  for (const x of a.values()) for (const y of b.values()) addInto(out, monoMul(x.mono, y.mono), x.c.mul(y.c));
  if (out.size > MAX_TERMS) throw new GiveUp();
  return out;
}

function samePoly(a: Poly, b: Poly): boolean {
  if (a.size !== b.size) return false;
  for (const [k, t] of a) {
    const u = b.get(k);
    if (!u || !u.c.eq(t.c)) return false;
  }
  return true;
}

const isOne = (p: Poly) => p.size === 1 && p.get('')?.c.eq(ONE_R) === true;

function rAdd(a: RatFn, b: RatFn, sign = 1): RatFn {
  if (samePoly(a.d, b.d)) return { n: polyAdd(a.n, b.n, sign), d: a.d };
  return { n: polyAdd(polyMul(a.n, b.d), polyMul(b.n, a.d), sign), d: polyMul(a.d, b.d) };
}

function rMul(a: RatFn, b: RatFn): RatFn {
  return { n: polyMul(a.n, b.n), d: isOne(a.d) ? b.d : isOne(b.d) ? a.d : polyMul(a.d, b.d) };
}

function rInv(a: RatFn): RatFn {
  if (a.n.size === 0) throw new GiveUp(); // division by zero: leave it to the numeric stage
  return { n: a.d, d: a.n };
}

function rPow(a: RatFn, k: number): RatFn {
  let base = k < 0 ? rInv(a) : a;
  let e = Math.abs(k);
  let out: RatFn = { n: constPoly(ONE_R), d: constPoly(ONE_R) };
  while (e > 0) {
    if (e & 1) out = rMul(out, base);
    e >>= 1;
    if (e > 0) base = rMul(base, base);
  }
  return out;
}

function polyText(p: Poly): string {
  return [...p.keys()]
    .sort()
    .map((k) => `${p.get(k)!.c.toString()}:${k}`)
    .join(';');
}

/** One normaliser per check: atoms get stable indices, shared subtrees are converted once. */
export class Normaliser {
  /** `deadline`: absolute Date.now() time after which every question is answered "unknown". */
  constructor(private readonly deadline = Infinity) {}

  private guarded<T>(f: () => T, fallback: T): T {
    const outer = giveUpAt;
    giveUpAt = Math.min(outer, this.deadline);
    try {
      if (Date.now() > giveUpAt) return fallback;
      return f();
    } catch (err) {
      if (err instanceof GiveUp || err instanceof RangeError) return fallback;
      throw err;
    } finally {
      giveUpAt = outer;
    }
  }

  private atoms = new Map<string, number>();
  /** The expression each atom stands for, by index. */
  private atomExprs: Expr[] = [];
  private memo = new Map<Expr, RatFn>();

  private atom(key: string, e: Expr): RatFn {
    let i = this.atoms.get(key);
    if (i === undefined) {
      i = this.atoms.size;
      this.atoms.set(key, i);
      this.atomExprs.push(e);
    }
    return { n: new Map([[monoKey([i, 1]), { mono: [i, 1], c: ONE_R }]]), d: constPoly(ONE_R) };
  }

  private keyOf(e: Expr): string {
    const r = this.of(e);
    return `${polyText(r.n)}|${polyText(r.d)}`;
  }

  of(e: Expr): RatFn {
    const hit = this.memo.get(e);
    if (hit) return hit;
    const r = this.build(e);
    this.memo.set(e, r);
    return r;
  }

  private build(e: Expr): RatFn {
    switch (e.k) {
      case 'num':
        return { n: constPoly(e.v), d: constPoly(ONE_R) };
      case 'sym':
        return this.atom(`sym:${e.name}`, e);
      case 'add':
        return e.args.map((a) => this.of(a)).reduce((x, y) => rAdd(x, y));
      case 'mul':
        return e.args.map((a) => this.of(a)).reduce(rMul);
      case 'neg': {
        const a = this.of(e.a);
        return { n: polyAdd(new Map(), a.n, -1), d: a.d };
      }
      case 'div':
        return rMul(this.of(e.a), rInv(this.of(e.b)));
      case 'pow':
        if (e.b.k === 'num' && e.b.v.isInt() && e.b.v.abs().toNumber() <= MAX_POWER) {
          const k = Number(e.b.v.n);
          if (k === 0) throw new GiveUp(); // 0^0 questions belong to the numeric stage
          return rPow(this.of(e.a), k);
        }
        return this.atom(`pow(${this.keyOf(e.a)},${this.keyOf(e.b)})`, e);
      case 'fn':
        return this.atom(`${e.name}(${e.args.map((a) => this.keyOf(a)).join(',')})`, e);
      case 'mat':
        throw new GiveUp();
    }
  }

  /** `a - b` is identically zero as a rational function: 'zero'; otherwise 'unknown'. */
  zeroDifference(a: Expr, b: Expr): 'zero' | 'unknown' {
    return this.guarded(() => (rAdd(this.of(a), this.of(b), -1).n.size === 0 ? 'zero' : 'unknown'), 'unknown');
  }

  /**
   * Whether `a - b` is, as written, a nonzero-looking constant: its normal form uses only atoms
   * for which `isConstant` holds (no variable inside), e.g. `(y + 1 + exp(-200)) - (y + 1)`
   * is `exp(-200)`. Such a difference is the same at every point where both sides are defined,
   * so it can be decided at one point at high precision instead of being lost in rounding.
   */
  constantDifference(a: Expr, b: Expr, isConstant: (atom: Expr) => boolean): boolean {
    return this.guarded(() => {
      const r = rAdd(this.of(a), this.of(b), -1);
      if (r.n.size === 0) return false;
      for (const p of [r.n, r.d]) {
        for (const t of p.values()) {
          for (let i = 0; i < t.mono.length; i += 2) if (!isConstant(this.atomExprs[t.mono[i]!]!)) return false;
        }
      }
      return true;
    }, false);
  }

  /**
   * The numerator of `e` as a polynomial in the symbol `v`, coefficients low to
   * high, each an expression in the other atoms (which must not contain `v`:
   * the caller has fixed every other variable, so they are constants such as
   * cos(3/2)). Undefined when `v` also appears inside an atom. Used to find
   * the roots of a one-variable equation without the CAS.
   */
  univariate(e: Expr, v: string, containsV: (atom: Expr) => boolean): Expr[] | undefined {
    return this.guarded(() => this.univariateUnguarded(e, v, containsV), undefined);
  }

  private univariateUnguarded(e: Expr, v: string, containsV: (atom: Expr) => boolean): Expr[] | undefined {
    {
      const r = this.of(e);
      const idx = this.atoms.get(`sym:${v}`);
      for (let i = 0; i < this.atomExprs.length; i++) {
        if (i !== idx && containsV(this.atomExprs[i]!)) return undefined;
      }
      const byDegree: Term[][] = [];
      for (const t of r.n.values()) {
        let k = 0;
        const rest: number[] = [];
        for (let j = 0; j < t.mono.length; j += 2) {
          if (t.mono[j] === idx) k = t.mono[j + 1]!;
          else rest.push(t.mono[j]!, t.mono[j + 1]!);
        }
        (byDegree[k] ??= []).push({ mono: rest, c: t.c });
      }
      const toExpr = (terms: Term[] | undefined): Expr => {
        const parts: Expr[] = (terms ?? []).map((t) => {
          const factors: Expr[] = [{ k: 'num', v: t.c }];
          for (let j = 0; j < t.mono.length; j += 2) {
            const a = this.atomExprs[t.mono[j]!]!;
            factors.push(t.mono[j + 1] === 1 ? a : { k: 'pow', a, b: { k: 'num', v: Rat.int(t.mono[j + 1]!) } });
          }
          return factors.length === 1 ? factors[0]! : { k: 'mul', args: factors };
        });
        if (parts.length === 0) return { k: 'num', v: Rat.int(0) };
        return parts.length === 1 ? parts[0]! : { k: 'add', args: parts };
      };
      return Array.from({ length: byDegree.length }, (_, k) => toExpr(byDegree[k]));
    }
  }
}
