/**
 * The engine's own expression tree. Parsers (mathjs for ASCII, compute-engine
 * for LaTeX) produce it; everything else (evaluation, differentiation, matrix
 * instantiation, printing for the CAS) reads it. Keeping our own tree means
 * we judge the expression as the user wrote it, not as a CAS rewrote it.
 */
import { Rat } from './rational';

export type Expr =
  | { k: 'num'; v: Rat }
  | { k: 'sym'; name: string }
  | { k: 'add'; args: Expr[] }
  | { k: 'mul'; args: Expr[] }
  | { k: 'neg'; a: Expr }
  | { k: 'div'; a: Expr; b: Expr }
  | { k: 'pow'; a: Expr; b: Expr }
  | { k: 'fn'; name: string; args: Expr[] }
  | { k: 'mat'; rows: Expr[][] };

/** A parsed line: an expression, or an equation `lhs = rhs`. */
export type Line = { kind: 'expr'; expr: Expr } | { kind: 'equation'; lhs: Expr; rhs: Expr };

/** Functions the engine knows, with their arity. */
export const FUNCTIONS: Readonly<Record<string, number>> = {
  sqrt: 1,
  exp: 1,
  log: 1,
  sin: 1,
  cos: 1,
  tan: 1,
  atan: 1,
  abs: 1,
  transpose: 1,
  inv: 1,
  det: 1,
  trace: 1,
  identity: 1,
  diff: 2,
  factorial: 1,
  combinations: 2,
};

/** Names that are constants, not variables. */
export const CONSTANTS = new Set(['pi', 'e']);

export const num = (v: Rat | number | bigint): Expr => ({ k: 'num', v: v instanceof Rat ? v : Rat.int(v) });
export const sym = (name: string): Expr => ({ k: 'sym', name });
export const ZERO = num(0);
export const ONE = num(1);

const isNum = (e: Expr, v?: number): e is { k: 'num'; v: Rat } => e.k === 'num' && (v === undefined || e.v.eq(Rat.int(v)));

/** Builders with the light folding needed to keep instantiated matrices small. */
export function add(...terms: Expr[]): Expr {
  const out: Expr[] = [];
  let c = Rat.int(0);
  for (const t of terms.flatMap((t) => (t.k === 'add' ? t.args : [t]))) {
    if (t.k === 'num') c = c.add(t.v);
    else out.push(t);
  }
  if (!c.isZero()) out.push(num(c));
  if (out.length === 0) return ZERO;
  return out.length === 1 ? out[0]! : { k: 'add', args: out };
}

export function mul(...factors: Expr[]): Expr {
  const out: Expr[] = [];
  let c = Rat.int(1);
  for (const f of factors.flatMap((f) => (f.k === 'mul' ? f.args : [f]))) {
    if (f.k === 'num') c = c.mul(f.v);
    else out.push(f);
  }
  if (c.isZero()) return ZERO;
  if (!c.eq(Rat.int(1))) out.unshift(num(c));
  if (out.length === 0) return num(c);
  return out.length === 1 ? out[0]! : { k: 'mul', args: out };
}

export function neg(a: Expr): Expr {
  if (a.k === 'num') return num(a.v.neg());
  if (a.k === 'neg') return a.a;
  return { k: 'neg', a };
}

export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));

export function div(a: Expr, b: Expr): Expr {
  if (isNum(b, 1)) return a;
  if (isNum(a, 0) && !isNum(b, 0)) return ZERO;
  return { k: 'div', a, b };
}

export function pow(a: Expr, b: Expr): Expr {
  if (isNum(b, 1)) return a;
  return { k: 'pow', a, b };
}

export const fn = (name: string, ...args: Expr[]): Expr => ({ k: 'fn', name, args });

export function children(e: Expr): Expr[] {
  switch (e.k) {
    case 'num':
    case 'sym':
      return [];
    case 'add':
    case 'mul':
      return e.args;
    case 'neg':
      return [e.a];
    case 'div':
    case 'pow':
      return [e.a, e.b];
    case 'fn':
      return e.args;
    case 'mat':
      return e.rows.flat();
  }
}

/** The same node with `f` applied to each child (a leaf is returned as it is). */
export function mapChildren(e: Expr, f: (c: Expr) => Expr): Expr {
  switch (e.k) {
    case 'num':
    case 'sym':
      return e;
    case 'add':
      return { k: 'add', args: e.args.map(f) };
    case 'mul':
      return { k: 'mul', args: e.args.map(f) };
    case 'neg':
      return { k: 'neg', a: f(e.a) };
    case 'div':
      return { k: 'div', a: f(e.a), b: f(e.b) };
    case 'pow':
      return { k: 'pow', a: f(e.a), b: f(e.b) };
    case 'fn':
      return { k: 'fn', name: e.name, args: e.args.map(f) };
    case 'mat':
      return { k: 'mat', rows: e.rows.map((r) => r.map(f)) };
  }
}

/** Number of nodes, for the size limit. */
export function size(e: Expr): number {
  let n = 1;
  for (const c of children(e)) n += size(c);
  return n;
}

/** Free variables (constants and the bound variable of `diff` are not counted). */
export function freeSymbols(e: Expr, out = new Set<string>(), seen = new Set<Expr>()): Set<string> {
  // Instantiated matrices share subtrees (a DAG): visit each node once, or a product of
  // inverses is walked exponentially many times.
  if (seen.has(e)) return out;
  seen.add(e);
  if (e.k === 'sym') {
    if (!CONSTANTS.has(e.name)) out.add(e.name);
  } else if (e.k === 'fn' && e.name === 'identity') {
    // identity(p): p names a dimension, not a variable.
  } else {
    for (const c of children(e)) freeSymbols(c, out, seen);
  }
  return out;
}

export function hasFn(e: Expr, names: ReadonlySet<string>): boolean {
  if (e.k === 'fn' && names.has(e.name)) return true;
  return children(e).some((c) => hasFn(c, names));
}

/** Replace symbols by expressions. */
export function substitute(e: Expr, map: ReadonlyMap<string, Expr>): Expr {
  switch (e.k) {
    case 'num':
      return e;
    case 'sym':
      return map.get(e.name) ?? e;
    case 'add':
      return { k: 'add', args: e.args.map((a) => substitute(a, map)) };
    case 'mul':
      return { k: 'mul', args: e.args.map((a) => substitute(a, map)) };
    case 'neg':
      return { k: 'neg', a: substitute(e.a, map) };
    case 'div':
      return { k: 'div', a: substitute(e.a, map), b: substitute(e.b, map) };
    case 'pow':
      return { k: 'pow', a: substitute(e.a, map), b: substitute(e.b, map) };
    case 'fn':
      if (e.name === 'identity') return e;
      return { k: 'fn', name: e.name, args: e.args.map((a) => substitute(a, map)) };
    case 'mat':
      return { k: 'mat', rows: e.rows.map((r) => r.map((a) => substitute(a, map))) };
  }
}

const PREC = { add: 1, mul: 2, neg: 3, div: 2, pow: 4 } as const;

function prec(e: Expr): number {
  if (e.k === 'num') return e.v.isInt() ? (e.v.sign() < 0 ? 3 : 9) : 2;
  if (e.k === 'add' || e.k === 'mul' || e.k === 'neg' || e.k === 'div' || e.k === 'pow') return PREC[e.k];
  return 9;
}

/**
 * Print in the engine's ASCII syntax (mathjs-compatible, also read by
 * nerdamer). Parentheses are added by precedence, generously for powers.
 */
export function print(e: Expr): string {
  const wrap = (c: Expr, min: number) => (prec(c) < min ? `(${print(c)})` : print(c));
  switch (e.k) {
    case 'num':
      return e.v.toString();
    case 'sym':
      return e.name;
    case 'add':
      return e.args
        .map((a, i) => {
          if (i === 0) return wrap(a, 1);
          if (a.k === 'neg') return ` - ${wrap(a.a, 2)}`;
          if (a.k === 'num' && a.v.sign() < 0) return ` - ${num(a.v.neg()).k === 'num' ? print(num(a.v.neg())) : ''}`;
          return ` + ${wrap(a, 2)}`;
        })
        .join('');
    case 'mul':
      return e.args.map((a) => wrap(a, 2)).join('*');
    case 'neg':
      return `-${wrap(e.a, 3)}`;
    case 'div':
      return `${wrap(e.a, 2)}/${wrap(e.b, 3)}`;
    case 'pow':
      return `${wrap(e.a, 5)}^${wrap(e.b, 5)}`;
    case 'fn':
      // an indexed name with a computed index (./sums.ts): x_(i + 1), as the ASCII reader reads it
      if (e.name === 'idx' && e.args[0]?.k === 'sym') return `${e.args[0].name}_(${e.args.slice(1).map(print).join(', ')})`;
      return `${e.name}(${e.args.map(print).join(', ')})`;
    case 'mat':
      return `[${e.rows.map((r) => `[${r.map(print).join(', ')}]`).join(', ')}]`;
  }
}

export function printLine(line: Line): string {
  return line.kind === 'expr' ? print(line.expr) : `${print(line.lhs)} = ${print(line.rhs)}`;
}
