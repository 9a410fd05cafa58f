/**
 * Indexed sums and products: `sum(f, i, lo, hi)`, `prod(f, i, lo, hi)`
 * (ASCII) and `\sum_{i=lo}^{hi}`, `\prod`, `\sum_i` (LaTeX), with indexed
 * names `y_i`, `w_jk`, `x_(i+1)` in the body.
 *
 * The readers keep a sum whose bounds are not numbers as the tree node
 * `fn('sum' | 'prod', body, sym(i), lo, hi)`; an indexed name whose index is
 * computed (`x_{i+1}`) is `fn('idx', sym('x'), i + 1)`. Nothing evaluates
 * these nodes: the core (`bySizes` in ./core.ts) first gives every size name
 * (a free symbol of a bound, such as `n`) a value, n = 1…8, expands every sum
 * here into its terms, and checks the two lines at each size with random
 * data for the indexed names. That is evidence at eight sizes, not a proof
 * for every n, and the badge says so.
 *
 * Work is bounded before it is done: one term is built, and the sum is
 * refused (`SumTooLarge`) when that term times the number of terms would pass
 * the limit.
 */
import { type Expr, type Line, add, children, fn, mapChildren, mul, num, ONE, size, sym, ZERO } from './ast';

/** Tree heads the readers give symbolic sums, products and computed indexed names. */
export const SUM = 'sum';
export const PROD = 'prod';
export const IDX = 'idx';

/** The largest size n at which sums are instantiated, and the smallest that must fit the node limit. */
export const MAX_SIZE = 8;
export const MIN_SIZES = 3;

export class SumTooLarge extends Error {
  constructor(
    message: string,
    readonly nodes: number,
  ) {
    super(message);
  }
}

export class BadBound extends Error {}

const isBig = (e: Expr): e is Extract<Expr, { k: 'fn' }> & { readonly big: true } => e.k === 'fn' && (e.name === SUM || e.name === PROD);

/** Does a tree hold a sum, product or computed index that must be expanded before anything evaluates it? */
export function hasIndexed(e: Expr): boolean {
  if (e.k === 'fn' && (e.name === SUM || e.name === PROD || e.name === IDX)) return true;
  return children(e).some(hasIndexed);
}

/** Free symbols of an expression, the bound indices of sums inside it excluded. */
function freeOf(e: Expr, bound: ReadonlySet<string>, out: Set<string>): void {
  if (e.k === 'sym') {
    if (!bound.has(e.name) && e.name !== 'pi' && e.name !== 'e') out.add(e.name);
    return;
  }
  if (isBig(e)) {
    const i = (e.args[1] as { name: string }).name;
    const inner = new Set([...bound, i]);
    freeOf(e.args[0]!, inner, out);
    freeOf(e.args[2]!, bound, out);
    freeOf(e.args[3]!, bound, out);
    return;
  }
  for (const c of children(e)) freeOf(c, bound, out);
}

/**
 * Size names: the free symbols in the bounds of sums and products (`n` in `\sum_{i=1}^{n}`),
 * sorted. Empty when every bound is a number (such sums were expanded by the reader).
 */
export function sizeNames(exprs: readonly Expr[]): string[] {
  const out = new Set<string>();
  const visit = (e: Expr, bound: ReadonlySet<string>) => {
    if (isBig(e)) {
      const i = (e.args[1] as { name: string }).name;
      freeOf(e.args[2]!, bound, out);
      freeOf(e.args[3]!, bound, out);
      visit(e.args[0]!, new Set([...bound, i]));
      return;
    }
    for (const c of children(e)) visit(c, bound);
  };
  for (const e of exprs) visit(e, new Set());
  return [...out].sort();
}

export const lineExprs = (l: Line): Expr[] => (l.kind === 'expr' ? [l.expr] : [l.lhs, l.rhs]);

/** An integer value of an index or bound expression under `env`, or undefined. */
function intOf(e: Expr, env: ReadonlyMap<string, number>): number | undefined {
  switch (e.k) {
    case 'num':
      return e.v.isInt() ? Number(e.v.toString()) : undefined;
    case 'sym':
      return env.get(e.name);
    case 'neg': {
      const a = intOf(e.a, env);
      return a === undefined ? undefined : -a;
    }
    case 'add':
    case 'mul': {
      const vs = e.args.map((a) => intOf(a, env));
      if (vs.some((v) => v === undefined)) return undefined;
      return e.k === 'add' ? (vs as number[]).reduce((a, b) => a + b, 0) : (vs as number[]).reduce((a, b) => a * b, 1);
    }
    case 'div': {
      const a = intOf(e.a, env);
      const b = intOf(e.b, env);
      return a !== undefined && b !== undefined && b !== 0 && a % b === 0 ? a / b : undefined;
    }
    case 'pow': {
      const a = intOf(e.a, env);
      const b = intOf(e.b, env);
      return a !== undefined && b !== undefined && b >= 0 && b <= 8 ? a ** b : undefined;
    }
    default:
      return undefined;
  }
}

/** An index value as it goes into a name: `3`, `m1` for −1 (as the LaTeX reader writes `x_{-1}`). */
const indexPart = (k: number) => (k < 0 ? `m${-k}` : String(k));

/** The name of an indexed entry: `y_3`, `w_12` (single digits joined, as `w_{12}` reads), `w_1_10` otherwise. */
export function entryName(base: string, values: readonly number[]): string {
  const parts = values.map(indexPart);
  return `${base}_${parts.every((p) => /^\d$/.test(p)) ? parts.join('') : parts.join('_')}`;
}

/**
 * An ASCII indexed name read with the indices in scope: `t_i` with i = 3 is `t_3`, `w_jk` with
 * j = 1, k = 2 is `w_12`, `x_n` with n = 5 is `x_5`, `x_np1` (the LaTeX reader's `x_{n+1}`)
 * is `x_6`. A name whose subscript is not made of indices in scope is left as it is.
 */
function indexedSymbol(name: string, env: ReadonlyMap<string, number>): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9]*(?:_(?:bar|hat|tilde|star))?)_([A-Za-z0-9]+)$/.exec(name);
  if (!m) return undefined;
  const [, base, sub] = m as unknown as [string, string, string];
  if (env.has(sub)) return entryName(base, [env.get(sub)!]);
  const shift = /^([A-Za-z])(p|m)(\d+)$/.exec(sub);
  if (shift && env.has(shift[1]!)) return entryName(base, [env.get(shift[1]!)! + (shift[2] === 'p' ? 1 : -1) * Number(shift[3])]);
  if (sub.length > 1 && /^[A-Za-z]+$/.test(sub) && [...sub].every((c) => env.has(c)))
    return entryName(
      base,
      [...sub].map((c) => env.get(c)!),
    );
  return undefined;
}

/**
 * Expand every sum, product and indexed name of `e`, with the size names and the indices in
 * scope given by `env`. `limit` bounds the size of the result; past it `SumTooLarge` is thrown
 * before the terms are built.
 */
export function expandIndexed(e: Expr, env: ReadonlyMap<string, number>, limit: number): Expr {
  const go = (x: Expr): Expr => expandIndexed(x, env, limit);
  switch (e.k) {
    case 'num':
      return e;
    case 'sym': {
      const v = env.get(e.name);
      if (v !== undefined) return num(v);
      const n = indexedSymbol(e.name, env);
      return n ? sym(n) : e;
    }
    case 'add':
    case 'mul':
    case 'neg':
    case 'div':
    case 'pow':
    case 'mat':
      return mapChildren(e, go);
    case 'fn': {
      if (e.name === IDX) {
        const base = (e.args[0] as { name: string }).name;
        const vals = e.args.slice(1).map((a) => intOf(a, env));
        if (vals.some((v) => v === undefined))
          throw new BadBound(
            `the index of ${base}_(…) is computed from a name that is not the index of a sum around it: write a name such as ${base}_i, or put it inside sum(…, i, 1, n)`,
          );
        return sym(entryName(base, vals as number[]));
      }
      if (!isBig(e)) return mapChildren(e, go);
      const [body, index, loE, hiE] = e.args as [Expr, { k: 'sym'; name: string }, Expr, Expr];
      const what = e.name === SUM ? 'sum' : 'product';
      const lo = intOf(loE, env);
      const hi = intOf(hiE, env);
      if (lo === undefined || hi === undefined)
        throw new BadBound(`the bounds of a ${what} over ${index.name} must be whole numbers or sizes such as n, n - 1, 2n`);
      if (hi < lo) return e.name === SUM ? ZERO : ONE;
      const count = hi - lo + 1;
      const term = (k: number) => expandIndexed(body, new Map([...env, [index.name, k]]), limit);
      const first = term(lo);
      const estimate = count * size(first);
      if (estimate > limit)
        throw new SumTooLarge(`a ${what} over ${count} terms would expand to about ${estimate} nodes; the limit is ${limit}`, estimate);
      const terms = [first];
      for (let k = lo + 1; k <= hi; k++) terms.push(term(k));
      return e.name === SUM ? add(...terms) : mul(...terms);
    }
  }
}

/** Expand a sum whose bounds are numbers (the readers do this at once), within `limit` nodes. */
export function expandExplicit(head: typeof SUM | typeof PROD, body: Expr, index: string, lo: number, hi: number, limit: number): Expr {
  return expandIndexed(fn(head, body, sym(index), num(lo), num(hi)), new Map(), limit);
}

/** Is every bound of a sum written as a number (no size names)? */
export const explicitBounds = (lo: Expr, hi: Expr) => intOf(lo, new Map()) !== undefined && intOf(hi, new Map()) !== undefined;

/** Is a range written with the sizes alone (no index of an outer sum) empty at these sizes? */
export function rangeEmpty(exprs: readonly Expr[], env: ReadonlyMap<string, number>): boolean {
  const visit = (e: Expr): boolean => {
    if (isBig(e)) {
      const lo = intOf(e.args[2]!, env);
      const hi = intOf(e.args[3]!, env);
      if (lo !== undefined && hi !== undefined && hi < lo) return true;
    }
    return children(e).some(visit);
  };
  return exprs.some(visit);
}

/** Sizes at which a line with these size names is checked: n = 1…8, or, with several names, eight combinations. */
export function sizeAssignments(names: readonly string[]): Map<string, number>[] {
  const out: Map<string, number>[] = [];
  for (let k = 1; k <= MAX_SIZE; k++) out.push(new Map(names.map((n, j) => [n, ((k - 1 + 3 * j) % MAX_SIZE) + 1])));
  return out;
}
