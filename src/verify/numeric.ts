/**
 * Numeric evaluation of scalar expression trees as written. Rational
 * arithmetic is exact (bigint); everything else runs in 80-digit decimals
 * with a forward error bound, so a difference below double precision is
 * still seen and cancellation is never mistaken for disagreement.
 * Real domain: log and sqrt of negatives, division by zero, 0^-k and
 * negative^fraction are undefined.
 */
import { Dec } from './cas/mathjs';
import type { Expr } from './ast';
import { Rat } from './rational';
import { DECIMAL_DIGITS } from './defaults';

/** The expression has no real value at this point. */
export class Undefined extends Error {}
/** The point says nothing: overflow, precision lost, cost too high. */
export class Inconclusive extends Error {}

let EPS = new Dec(10).pow(-(DECIMAL_DIGITS - 3));
const ZERO_D = new Dec(0);
/** Working precision in significant digits (80 unless `withPrecision` raised it). */
let DIGITS = DECIMAL_DIGITS;
const PI_BY_DIGITS = new Map<number, Dec>();
const E_BY_DIGITS = new Map<number, Dec>();

/**
 * Run `fn` with every decimal evaluation at `digits` significant digits (error
 * bounds scale with it), then restore the default. Used to decide constant
 * identities: one value at a precision well beyond what the input's literals
 * can encode. Synchronous, so nothing else evaluates meanwhile.
 */
export function withPrecision<T>(digits: number, fn: () => T): T {
  const saved = { precision: Dec.precision, eps: EPS, digits: DIGITS };
  Dec.set({ precision: digits });
  EPS = new Dec(10).pow(-(digits - 3));
  DIGITS = digits;
  try {
    return fn();
  } finally {
    Dec.set({ precision: saved.precision });
    EPS = saved.eps;
    DIGITS = saved.digits;
  }
}
const HUGE = new Dec('1e100000');

/** A real value: exact when `q` is set, otherwise `x` with absolute error at most `err`. */
export class Num {
  private _x: Dec | undefined;
  constructor(
    readonly q: Rat | undefined,
    x: Dec | undefined,
    readonly err: Dec,
  ) {
    this._x = x;
  }
  static exact(q: Rat): Num {
    return new Num(q, undefined, ZERO_D);
  }
  static approx(x: Dec, err: Dec): Num {
    if (!x.isFinite() || x.abs().gt(HUGE)) throw new Inconclusive('overflow');
    return new Num(undefined, x, err.plus(x.abs().times(EPS)));
  }
  get x(): Dec {
    if (!this._x) this._x = new Dec(this.q!.n.toString()).div(this.q!.d.toString());
    return this._x;
  }
  /** Indistinguishable from zero within its error bound. */
  nearZero(): boolean {
    return this.q ? this.q.isZero() : this.x.abs().lte(this.err.times(4));
  }
  sign(): number {
    return this.q ? this.q.sign() : this.x.isZero() ? 0 : this.x.isNeg() ? -1 : 1;
  }
  toNumber(): number {
    return this.q ? this.q.toNumber() : this.x.toNumber();
  }
  /** Short text for counterexamples: exact fractions stay exact. */
  display(digits = 8): string {
    if (this.q && (this.q.isInt() || this.q.d < 1000n)) return this.q.toString();
    if (digits > 15) return this.x.toSignificantDigits(digits).toString();
    const n = this.q ? this.q.toNumber() : this.x.toNumber();
    // A fraction of two 400-digit integers is NaN as a double; the decimal still reads.
    // Nor is 10^(-4e10): as a double it underflows to 0, which would read as zero.
    if (!Number.isFinite(n) || (n === 0 && !this.x.isZero())) return this.x.toSignificantDigits(digits).toString();
    return fmt(n, digits);
  }
}

export function fmt(x: number, digits = 8): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(digits)));
}

const one = Num.exact(Rat.int(1));

function addN(a: Num, b: Num): Num {
  if (a.q && b.q) return Num.exact(a.q.add(b.q));
  const r = Num.approx(a.x.plus(b.x), a.err.plus(b.err));
  // A term that is clearly not zero but smaller than the sum's error bound has
  // vanished in rounding: `x + exp(-200)` would read as `x`. The point cannot
  // tell the two apart, so it says nothing (never "equal").
  for (const t of [a, b]) {
    if (!(t.q && t.q.isZero()) && !t.nearZero() && t.x.abs().lte(r.err)) throw new Inconclusive('a term below the working precision');
  }
  return r;
}
function mulN(a: Num, b: Num): Num {
  if (a.q && b.q) return Num.exact(a.q.mul(b.q));
  if ((a.q && a.q.isZero()) || (b.q && b.q.isZero())) return Num.exact(Rat.int(0));
  return Num.approx(a.x.times(b.x), a.x.abs().times(b.err).plus(b.x.abs().times(a.err)).plus(a.err.times(b.err)));
}
function divN(a: Num, b: Num): Num {
  if (b.q && b.q.isZero()) throw new Undefined('division by zero');
  if (a.q && b.q) return Num.exact(a.q.div(b.q));
  if (b.nearZero()) throw new Inconclusive('division by a value indistinguishable from zero');
  const r = a.x.div(b.x);
  const bAbs = b.x.abs().minus(b.err);
  return Num.approx(r, a.err.plus(r.abs().times(b.err)).div(bAbs));
}
function negN(a: Num): Num {
  return a.q ? Num.exact(a.q.neg()) : new Num(undefined, a.x.neg(), a.err);
}

function powN(a: Num, b: Num): Num {
  if (b.q && b.q.isInt()) {
    const k = b.q.n;
    if (k === 0n) {
      if (a.q && a.q.isZero()) throw new Undefined('0^0');
      return one;
    }
    if (a.q) {
      if (a.q.isZero() && k < 0n) throw new Undefined('division by zero');
      const absK = k < 0n ? -k : k;
      if (absK <= 4096n && a.q.bits() * Number(absK) <= 200_000) return Num.exact(a.q.powInt(k));
    }
    if (a.nearZero() && k < 0n) throw new Inconclusive('negative power of a value indistinguishable from zero');
    const kd = new Dec(k.toString());
    const r = a.x.pow(kd);
    // |d/da a^k| = |k a^(k-1)|
    const slope = a.x.isZero() ? ZERO_D : r.abs().times(kd.abs()).div(a.x.abs());
    return Num.approx(r, slope.times(a.err));
  }
  // Non-integer exponent: real only for a positive base (and 0 with a positive exponent).
  if (a.q && a.q.isZero()) {
    if (b.sign() > 0 && !b.nearZero()) return Num.exact(Rat.int(0));
    throw new Undefined('0 to a non-positive power');
  }
  if (a.nearZero()) throw new Inconclusive('power of a value indistinguishable from zero');
  if (a.sign() < 0) throw new Undefined('negative number to a non-integer power');
  // ln of an exact base is cached (x^(1/2), x^x at sample points recur across checks).
  const lnA = a.q ? decimalFn('log', a).x : a.x.ln();
  const arg = b.x.times(lnA);
  if (arg.abs().gt(200_000)) throw new Inconclusive(arg.isNeg() ? 'underflow' : 'overflow');
  const r = arg.exp();
  return Num.approx(r, r.abs().times(b.x.abs().times(a.err).div(a.x).plus(lnA.abs().times(b.err))));
}

/**
 * Transcendental values at exact rational arguments, per thread. Sample
 * points are seeded, so the same (function, argument) pairs recur across the
 * steps of a derivation and across both sides of a step; an 80-digit sin or
 * log costs 0.1-1 ms, a lookup microseconds. Values (and error bounds) are
 * the same as recomputing; Undefined/Inconclusive outcomes are not cached.
 */
const FN_CACHE = new Map<string, Num>();
const FN_CACHE_MAX = 50_000;

function decimalFn(name: string, a: Num): Num {
  if (!a.q) return decimalFnUncached(name, a);
  const key = `${name}|${DIGITS}|${a.q.n}|${a.q.d}`;
  const hit = FN_CACHE.get(key);
  if (hit) return hit;
  const v = decimalFnUncached(name, a);
  if (FN_CACHE.size >= FN_CACHE_MAX) FN_CACHE.clear();
  FN_CACHE.set(key, v);
  return v;
}

/** Forget cached transcendental values (the bench uses it to measure without the cache). */
export function clearEvaluationCache(): void {
  FN_CACHE.clear();
}

function decimalFnUncached(name: string, a: Num): Num {
  const x = a.x;
  switch (name) {
    case 'exp': {
      if (x.gt(200_000)) throw new Inconclusive('overflow');
      // exp(-10^30) is not 0: a value that underflows says nothing (0 -> exp(-10^30 x^2) must not agree).
      if (x.lt(-200_000)) throw new Inconclusive('underflow');
      const r = x.exp();
      return Num.approx(r, r.times(a.err));
    }
    case 'log':
      if (a.q ? a.q.sign() <= 0 : a.nearZero() ? true : x.isNeg()) {
        if (!a.q && a.nearZero()) throw new Inconclusive('log of a value indistinguishable from zero');
        throw new Undefined('log of a non-positive number');
      }
      return Num.approx(x.ln(), a.err.div(x.minus(a.err)));
    case 'sqrt': {
      if (a.q) {
        if (a.q.sign() < 0) throw new Undefined('square root of a negative number');
        const rn = isqrt(a.q.n);
        const rd = isqrt(a.q.d);
        if (rn * rn === a.q.n && rd * rd === a.q.d) return Num.exact(Rat.of(rn, rd));
      } else if (a.nearZero()) {
        throw new Inconclusive('square root of a value indistinguishable from zero');
      } else if (x.isNeg()) throw new Undefined('square root of a negative number');
      const r = x.sqrt();
      return Num.approx(r, r.isZero() ? a.err.sqrt() : a.err.div(r.times(2)));
    }
    case 'sin':
      return Num.approx(x.sin(), a.err);
    case 'cos':
      return Num.approx(x.cos(), a.err);
    case 'tan': {
      const c = x.cos();
      if (c.abs().lte(a.err.times(4))) throw new Inconclusive('tan near a pole');
      const r = x.tan();
      return Num.approx(r, a.err.times(r.times(r).plus(1)));
    }
    case 'atan':
      return Num.approx(x.atan(), a.err);
    default:
      throw new Inconclusive(`cannot evaluate ${name}`);
  }
}

/** floor(sqrt(n)) by Newton's iteration from above (sample points reach 10^60: a double's guess is off by far more than a few steps). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function factorial(a: Num): Num {
  if (!a.q || !a.q.isInt() || a.q.sign() < 0) throw new Undefined('factorial of a non-natural number');
  if (a.q.n > 2000n) throw new Inconclusive('factorial too large');
  let r = 1n;
  for (let i = 2n; i <= a.q.n; i++) r *= i;
  return Num.exact(Rat.of(r));
}

function combinations(n: Num, k: Num): Num {
  if (!n.q || !k.q || !n.q.isInt() || !k.q.isInt() || k.q.sign() < 0 || n.q.sign() < 0) {
    throw new Undefined('combinations(n, k) needs natural numbers');
  }
  if (k.q.n > n.q.n) return Num.exact(Rat.int(0));
  if (n.q.n > 100_000n) throw new Inconclusive('combinations too large');
  let r = 1n;
  for (let i = 0n; i < k.q.n; i++) r = (r * (n.q.n - i)) / (i + 1n);
  return Num.exact(Rat.of(r));
}

export type Env = ReadonlyMap<string, Num>;

function cached(m: Map<number, Dec>, make: () => Dec): Dec {
  let v = m.get(DIGITS);
  if (!v) m.set(DIGITS, (v = make()));
  return v;
}

const DEC_CONFIG = { precision: Dec.precision, rounding: Dec.rounding };

/**
 * decimal.js throws past its limits ("[DecimalError] Precision limit exceeded"
 * in cos of a 1,000-digit argument) and leaves its working precision raised
 * (to 18 million digits: every later evaluation in the thread hangs).
 * Restore it; the point says nothing.
 */
function fromDecimalError(err: unknown): unknown {
  if (!(err instanceof Error) || !err.message.startsWith('[DecimalError]')) return err;
  Dec.set({ ...DEC_CONFIG, precision: DIGITS });
  return new Inconclusive(err.message);
}

/**
 * Evaluate a scalar tree. `memo` is keyed by node identity: instantiated
 * matrices share subtrees, so the tree is a DAG and must not be re-walked.
 */
export function evaluate(e: Expr, env: Env, memo = new Map<Expr, Num | Error>()): Num {
  const hit = memo.get(e);
  if (hit !== undefined) {
    if (hit instanceof Error) throw hit;
    return hit;
  }
  try {
    const v = evalNode(e, env, memo);
    memo.set(e, v);
    return v;
  } catch (thrown) {
    const err = fromDecimalError(thrown);
    if (err instanceof Undefined || err instanceof Inconclusive) memo.set(e, err);
    throw err;
  }
}

function evalNode(e: Expr, env: Env, memo: Map<Expr, Num | Error>): Num {
  const ev = (c: Expr) => evaluate(c, env, memo);
  switch (e.k) {
    case 'num':
      return Num.exact(e.v);
    case 'sym': {
      const v = env.get(e.name);
      if (v) return v;
      if (e.name === 'pi')
        return Num.approx(
          cached(PI_BY_DIGITS, () => Dec.acos(-1)),
          ZERO_D,
        );
      if (e.name === 'e')
        return Num.approx(
          cached(E_BY_DIGITS, () => new Dec(1).exp()),
          ZERO_D,
        );
      throw new Inconclusive(`no value for ${e.name}`);
    }
    case 'add':
      return e.args.map(ev).reduce(addN);
    case 'mul':
      return e.args.map(ev).reduce(mulN);
    case 'neg':
      return negN(ev(e.a));
    case 'div':
      return divN(ev(e.a), ev(e.b));
    case 'pow':
      // e^b is exp(b): one (cacheable) exponential instead of ln(e) and an exp of an inexact product.
      if (e.a.k === 'sym' && e.a.name === 'e' && !env.has('e')) return decimalFn('exp', ev(e.b));
      return powN(ev(e.a), ev(e.b));
    case 'fn': {
      if (e.name === 'abs') {
        const a = ev(e.args[0]!);
        return a.q ? Num.exact(a.q.abs()) : new Num(undefined, a.x.abs(), a.err);
      }
      if (e.name === 'factorial') return factorial(ev(e.args[0]!));
      if (e.name === 'combinations') return combinations(ev(e.args[0]!), ev(e.args[1]!));
      return decimalFn(e.name, ev(e.args[0]!));
    }
    case 'mat':
      throw new Inconclusive('a matrix where a scalar was expected');
  }
}

export type Agreement = 'equal' | 'different' | 'unclear';

/**
 * Compare two values: exact values exactly; otherwise within the error
 * bounds plus the tolerances. If the error bound swamps the values the
 * point is unclear rather than a verdict.
 */
export function compare(a: Num, b: Num, relTol: number, absTol: number): Agreement {
  if (a.q && b.q) return a.q.eq(b.q) ? 'equal' : 'different';
  const diff = a.x.minus(b.x).abs();
  const scale = Dec.max(a.x.abs(), b.x.abs());
  const errs = a.err.plus(b.err);
  if (errs.gt(scale.times(1e-20).plus(1e-30))) return 'unclear';
  // The absolute tolerance is for values that may be zero computed inexactly
  // (sin(pi) is 1e-80 give or take 1e-80). A value clearly away from zero is
  // compared relatively only: x^(10^13) at x = 0.99 is about 10^(-4e10), and it
  // must not "equal" 3.8e-47 (or 0) just because both are below absTol.
  const absolute = a.nearZero() && b.nearZero() ? absTol : 0;
  if (diff.lte(errs.times(8).plus(absolute))) return 'equal';
  // Beyond the error bounds but inside the relative tolerance: the values may
  // differ by less than the tolerance (`x` against `x + exp(-200)` at a tiny x).
  // That is no agreement; the point says nothing.
  const bound = errs.times(8).plus(scale.times(relTol)).plus(absolute);
  return diff.lte(bound) ? 'unclear' : 'different';
}
