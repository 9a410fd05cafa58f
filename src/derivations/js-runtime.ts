/**
 * What a step compiled to JavaScript (`compile-js.ts`) calls at run time: the
 * few operations the step syntax has, on plain numbers and small dense
 * matrices, with mathjs's meaning for each (`*` of two matrices is the matrix
 * product, `/` by a matrix multiplies by its inverse, a negative base to a
 * fractional power is NaN as with mathjs's `predictable: true`). This is the
 * only numeric code a plot ships: no expression parser reaches the browser.
 */

/** A dense matrix, row-major. A column vector is n x 1. */
export class Mat {
  constructor(readonly data: readonly (readonly number[])[]) {}
  /** [rows, columns], as mathjs's `size()`. */
  size(): [number, number] {
    return [this.data.length, this.data[0]?.length ?? 0];
  }
  toArray(): number[][] {
    return this.data.map((r) => [...r]);
  }
}

export type Value = number | Mat;
export type Scope = Readonly<Record<string, Value>>;

export class EvaluateError extends Error {
  override name = 'EvaluateError';
}

const isMat = (v: Value): v is Mat => v instanceof Mat;
const map = (a: Mat, f: (x: number) => number) => new Mat(a.data.map((r) => r.map(f)));

/** Elementwise on two matrices, broadcasting a dimension of size 1 as mathjs does (2 x 81 minus 2 x 1). */
function zip(a: Mat, b: Mat, f: (x: number, y: number) => number, op: string): Mat {
  const [r, c] = a.size();
  const [r2, c2] = b.size();
  const fits = (m: number, n: number) => m === n || m === 1 || n === 1;
  if (!fits(r, r2) || !fits(c, c2)) throw new EvaluateError(`${op}: sizes ${r} x ${c} and ${r2} x ${c2} do not broadcast`);
  const rows = Math.max(r, r2);
  const cols = Math.max(c, c2);
  return new Mat(
    Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => f(a.data[r === 1 ? 0 : i]![c === 1 ? 0 : j]!, b.data[r2 === 1 ? 0 : i]![c2 === 1 ? 0 : j]!)),
    ),
  );
}

/** Elementwise with scalar broadcasting (mathjs `add`, `subtract`). */
function elementwise(a: Value, b: Value, f: (x: number, y: number) => number, op: string): Value {
  if (!isMat(a) && !isMat(b)) return f(a, b);
  if (isMat(a) && isMat(b)) return zip(a, b, f, op);
  return isMat(a) ? map(a, (x) => f(x, b as number)) : map(b as Mat, (y) => f(a, y));
}

function product(a: Mat, b: Mat): Mat {
  const [r, n] = a.size();
  const [n2, c] = b.size();
  if (n !== n2) throw new EvaluateError(`multiply: ${r} x ${n} times ${n2} x ${c}`);
  return new Mat(
    Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => a.data[i]!.reduce((s, x, k) => s + x * b.data[k]![j]!, 0))),
  );
}

function square(a: Mat, op: string): number {
  const [r, c] = a.size();
  if (r !== c) throw new EvaluateError(`${op}: matrix must be square, is ${r} x ${c}`);
  return r;
}

/** Gauss-Jordan with partial pivoting on [A | I]. */
function inverse(a: Mat): Mat {
  const n = square(a, 'inv');
  const m = a.data.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(m[i]![col]!) > Math.abs(m[p]![col]!)) p = i;
    if (m[p]![col] === 0) throw new EvaluateError('Cannot calculate inverse, determinant is zero');
    [m[col], m[p]] = [m[p]!, m[col]!];
    const pivot = m[col]![col]!;
    m[col] = m[col]!.map((x) => x / pivot);
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = m[i]![col]!;
      if (f !== 0) m[i] = m[i]!.map((x, j) => x - f * m[col]![j]!);
    }
  }
  return new Mat(m.map((row) => row.slice(n)));
}

/** Determinant by elimination with partial pivoting. */
function determinant(a: Mat): number {
  const n = square(a, 'det');
  const m = a.toArray();
  let det = 1;
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(m[i]![col]!) > Math.abs(m[p]![col]!)) p = i;
    if (m[p]![col] === 0) return 0;
    if (p !== col) {
      [m[col], m[p]] = [m[p]!, m[col]!];
      det = -det;
    }
    det *= m[col]![col]!;
    for (let i = col + 1; i < n; i++) {
      const f = m[i]![col]! / m[col]![col]!;
      m[i] = m[i]!.map((x, j) => x - f * m[col]![j]!);
    }
  }
  return det;
}

const scalarOnly =
  (name: string, f: (x: number) => number) =>
  (x: Value): number => {
    if (isMat(x)) throw new EvaluateError(`${name}: expects a number, got a ${x.size().join(' x ')} matrix`);
    return f(x);
  };

function multiply(a: Value, b: Value): Value {
  if (isMat(a) && isMat(b)) return product(a, b);
  return elementwise(a, b, (x, y) => x * y, 'multiply');
}

/** The operations generated code calls, under short names to keep the shipped code small. */
export const R = {
  /** A variable of the scope, or a constant when the scope does not bind the name. */
  v(s: Scope, name: string, constant?: number): Value {
    const x = s[name];
    if (x !== undefined) return x;
    if (constant !== undefined) return constant;
    throw new EvaluateError(`Undefined symbol ${name}`);
  },
  add: (a: Value, b: Value) => elementwise(a, b, (x, y) => x + y, 'add'),
  sub: (a: Value, b: Value) => elementwise(a, b, (x, y) => x - y, 'subtract'),
  mul: multiply,
  div(a: Value, b: Value): Value {
    if (isMat(b)) return multiply(a, inverse(b));
    return elementwise(a, b, (x, y) => x / y, 'divide');
  },
  pow(a: Value, b: Value): Value {
    if (isMat(b)) throw new EvaluateError('pow: the exponent must be a number');
    if (!isMat(a)) return Math.pow(a, b);
    const n = square(a, 'pow');
    if (!Number.isInteger(b) || b < 0) throw new EvaluateError('pow: a matrix power needs a whole exponent');
    let out = new Mat(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))));
    for (let k = 0; k < b; k++) out = product(out, a);
    return out;
  },
  neg: (a: Value): Value => (isMat(a) ? map(a, (x) => -x) : -a),
  transpose: (a: Value): Value => (isMat(a) ? new Mat(a.data[0]?.map((_, j) => a.data.map((r) => r[j]!)) ?? []) : a),
  inv: (a: Value): Value => (isMat(a) ? inverse(a) : 1 / a),
  det: (a: Value): number => (isMat(a) ? determinant(a) : a),
  identity(n: Value, m?: Value): Mat {
    if (isMat(n) || (m !== undefined && isMat(m))) throw new EvaluateError('identity: expects sizes');
    const cols = m ?? n;
    return new Mat(Array.from({ length: n }, (_, i) => Array.from({ length: cols }, (_, j) => (i === j ? 1 : 0))));
  },
  abs: (a: Value): Value => (isMat(a) ? map(a, Math.abs) : Math.abs(a)),
  sqrt: scalarOnly('sqrt', Math.sqrt),
  exp: scalarOnly('exp', Math.exp),
  log: (x: Value, base?: Value): number =>
    base === undefined ? scalarOnly('log', Math.log)(x) : scalarOnly('log', Math.log)(x) / scalarOnly('log', Math.log)(base),
  sin: scalarOnly('sin', Math.sin),
  cos: scalarOnly('cos', Math.cos),
  tan: scalarOnly('tan', Math.tan),
  /** A matrix literal; each row's entries must be numbers. */
  mat(rows: Value[][]): Mat {
    return new Mat(
      rows.map((r) =>
        r.map((x) => {
          if (isMat(x)) throw new EvaluateError('a matrix literal holds numbers only');
          return x;
        }),
      ),
    );
  },
};

export type Runtime = typeof R;
/** A step's expression compiled to JavaScript, or why it could not be. */
export type Compiled = ((s: Scope) => Value) | { unsupported: string };
/** Every compiled expression of one derivation, keyed as `compileKey` says. */
export type CompiledTable = Readonly<Record<string, Compiled>>;

/** The key of a step's side (`rhs`, `lhs`, or `expr` for a step with no `=`) or of a binding. */
export function compileKey(stepId: string, part: 'rhs' | 'lhs' | 'expr' | { binding: string }): string {
  return typeof part === 'string' ? `${stepId}|${part}` : `${stepId}|binding|${part.binding}`;
}

/** Split at the single top-level `=` (the same rule the engine's parser uses). */
export function splitEquation(expr: string): { lhs: string; rhs: string } | undefined {
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '=' && depth === 0) return { lhs: expr.slice(0, i), rhs: expr.slice(i + 1) };
  }
  return undefined;
}
