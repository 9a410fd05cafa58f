/**
 * Matrix expressions are reduced to scalar trees: symbolic dimensions get
 * concrete sizes, each matrix variable becomes a grid of entry symbols
 * (X_1_1, ...), and products, transposes, determinants (cofactors) and
 * inverses (adjugate / determinant) are built entry by entry. We do this
 * ourselves because CAS determinants with composite entries are wrong
 * (ENGINES.md).
 */
import { type Expr, ONE, ZERO, add, div, fn, mul, neg, pow, sub, sym } from './ast';
import { differentiate } from './diff';
import type { VariableDecl } from './types';

export class ShapeError extends Error {}
/** The instantiated size exceeds what cofactor expansion can do. */
export class TooLarge extends Error {}

export type Value = { kind: 'scalar'; e: Expr } | { kind: 'matrix'; rows: number; cols: number; a: Expr[][] };

export const MAX_COFACTOR = 4;

export function entryName(decl: VariableDecl, i: number, j: number, cols: number): string {
  if (cols === 1) return `${decl.name}_${i + 1}`;
  return `${decl.name}_${i + 1}_${j + 1}`;
}

export function sizeOf(dim: number | string, dims: ReadonlyMap<string, number>): number {
  if (typeof dim === 'number') return dim;
  if (/^\d+$/.test(dim)) return Number(dim);
  const v = dims.get(dim);
  if (v === undefined) throw new ShapeError(`dimension "${dim}" has no size`);
  return v;
}

/** The grid of entry expressions of a declared matrix variable. */
export function variableGrid(decl: VariableDecl, dims: ReadonlyMap<string, number>): Expr[][] {
  const [r, c] = decl.shape!.map((d) => sizeOf(d, dims)) as [number, number];
  const sym2 = decl.structure === 'symmetric' || decl.structure === 'spd';
  const grid: Expr[][] = [];
  for (let i = 0; i < r; i++) {
    const row: Expr[] = [];
    for (let j = 0; j < c; j++) {
      if (decl.structure === 'diagonal' && i !== j) row.push(ZERO);
      else if (sym2 && i > j) row.push(sym(entryName(decl, j, i, c)));
      else row.push(sym(entryName(decl, i, j, c)));
    }
    grid.push(row);
  }
  return grid;
}

const scalar = (e: Expr): Value => ({ kind: 'scalar', e });
const matrix = (a: Expr[][]): Value => ({ kind: 'matrix', rows: a.length, cols: a[0]!.length, a });
const shapeText = (v: Value) => (v.kind === 'scalar' ? 'a scalar' : `${v.rows}×${v.cols}`);

/** A 1×1 matrix is a scalar. */
function asScalar(v: Value, what: string): Expr {
  if (v.kind === 'scalar') return v.e;
  if (v.rows === 1 && v.cols === 1) return v.a[0]![0]!;
  throw new ShapeError(`${what} needs a scalar, got a ${shapeText(v)} matrix`);
}

function map(v: Value, f: (e: Expr) => Expr): Value {
  return v.kind === 'scalar' ? scalar(f(v.e)) : matrix(v.a.map((r) => r.map(f)));
}

function addV(a: Value, b: Value): Value {
  if (a.kind === 'matrix' && b.kind === 'matrix' && !(a.rows === 1 && a.cols === 1 && b.rows === 1 && b.cols === 1)) {
    if (a.rows !== b.rows || a.cols !== b.cols) throw new ShapeError(`cannot add ${shapeText(a)} and ${shapeText(b)}`);
    return matrix(a.a.map((r, i) => r.map((x, j) => add(x, b.a[i]![j]!))));
  }
  return scalar(add(asScalar(a, 'adding a scalar'), asScalar(b, 'adding a scalar')));
}

function mulV(a: Value, b: Value): Value {
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    if (a.cols === b.rows) {
      const out: Expr[][] = [];
      for (let i = 0; i < a.rows; i++) {
        const row: Expr[] = [];
        for (let j = 0; j < b.cols; j++) {
          row.push(add(...a.a[i]!.map((x, k) => mul(x, b.a[k]![j]!))));
        }
        out.push(row);
      }
      return matrix(out);
    }
    if (a.rows === 1 && a.cols === 1) return map(b, (x) => mul(a.a[0]![0]!, x));
    if (b.rows === 1 && b.cols === 1) return map(a, (x) => mul(x, b.a[0]![0]!));
    throw new ShapeError(`cannot multiply ${shapeText(a)} by ${shapeText(b)}`);
  }
  if (a.kind === 'scalar') return map(b, (x) => mul(a.e, x));
  return map(a, (x) => mul(x, (b as { e: Expr }).e));
}

function square(v: Value, what: string): Expr[][] {
  if (v.kind === 'scalar') return [[v.e]];
  if (v.rows !== v.cols) throw new ShapeError(`${what} needs a square matrix, got ${shapeText(v)}`);
  return v.a;
}

export function det(a: Expr[][]): Expr {
  const n = a.length;
  if (n > MAX_COFACTOR) throw new TooLarge(`determinant of a ${n}×${n} matrix (limit ${MAX_COFACTOR}×${MAX_COFACTOR})`);
  if (n === 1) return a[0]![0]!;
  if (n === 2) return sub(mul(a[0]![0]!, a[1]![1]!), mul(a[0]![1]!, a[1]![0]!));
  const terms: Expr[] = [];
  for (let j = 0; j < n; j++) {
    const m = minor(a, 0, j);
    const t = mul(a[0]![j]!, det(m));
    terms.push(j % 2 === 0 ? t : neg(t));
  }
  return add(...terms);
}

function minor(a: Expr[][], i: number, j: number): Expr[][] {
  return a.filter((_, r) => r !== i).map((row) => row.filter((_, c) => c !== j));
}

function inverse(a: Expr[][]): Expr[][] {
  const n = a.length;
  if (n > MAX_COFACTOR) throw new TooLarge(`inverse of a ${n}×${n} matrix (limit ${MAX_COFACTOR}×${MAX_COFACTOR})`);
  const d = det(a);
  if (n === 1) return [[div(ONE, d)]];
  const out: Expr[][] = [];
  for (let i = 0; i < n; i++) {
    const row: Expr[] = [];
    for (let j = 0; j < n; j++) {
      const c = det(minor(a, j, i));
      row.push(div((i + j) % 2 === 0 ? c : neg(c), d));
    }
    out.push(row);
  }
  return out;
}

export interface InstantiateContext {
  decls: ReadonlyMap<string, VariableDecl>;
  dims: ReadonlyMap<string, number>;
}

/** Reduce an expression to a scalar tree or a grid of scalar trees at the given sizes. */
export function instantiate(e: Expr, ctx: InstantiateContext): Value {
  const go = (c: Expr) => instantiate(c, ctx);
  switch (e.k) {
    case 'num':
      return scalar(e);
    case 'sym': {
      const d = ctx.decls.get(e.name);
      if (d?.shape) return matrix(variableGrid(d, ctx.dims));
      return scalar(e);
    }
    case 'add':
      return e.args.map(go).reduce(addV);
    case 'mul':
      return e.args.map(go).reduce(mulV);
    case 'neg':
      return map(go(e.a), neg);
    case 'div': {
      const b = asScalar(go(e.b), 'dividing');
      return map(go(e.a), (x) => div(x, b));
    }
    case 'pow': {
      const a = go(e.a);
      const b = asScalar(go(e.b), 'an exponent');
      if (a.kind === 'matrix' && !(a.rows === 1 && a.cols === 1)) {
        if (b.k !== 'num' || !b.v.isInt() || b.v.sign() <= 0 || b.v.n > 8n) {
          throw new ShapeError('a matrix power needs a small positive integer exponent');
        }
        square(a, 'a matrix power');
        let r: Value = a;
        for (let i = 1n; i < b.v.n; i++) r = mulV(r, a);
        return r;
      }
      return scalar(pow(asScalar(a, 'a power'), b));
    }
    case 'mat': {
      const rows = e.rows.map((r) => r.map((x) => asScalar(go(x), 'a matrix entry')));
      return matrix(rows);
    }
    case 'fn': {
      switch (e.name) {
        case 'transpose': {
          const a = go(e.args[0]!);
          if (a.kind === 'scalar') return a;
          return matrix(Array.from({ length: a.cols }, (_, j) => a.a.map((r) => r[j]!)));
        }
        case 'inv': {
          const a = go(e.args[0]!);
          if (a.kind === 'scalar') return scalar(div(ONE, a.e));
          return matrix(inverse(square(a, 'inv')));
        }
        case 'det':
          return scalar(det(square(go(e.args[0]!), 'det')));
        case 'trace':
          return scalar(add(...square(go(e.args[0]!), 'trace').map((r, i) => r[i]!)));
        case 'identity': {
          const p = e.args[0]!;
          const n = p.k === 'num' ? Number(p.v.n) : p.k === 'sym' ? sizeOf(p.name, ctx.dims) : NaN;
          if (!Number.isInteger(n) || n < 1 || n > 12) throw new ShapeError('identity(p): expected a dimension name or a small number');
          return matrix(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? ONE : ZERO))));
        }
        case 'diff': {
          const f = go(e.args[0]!);
          const x = (e.args[1] as { name: string }).name;
          return derivativeOf(f, x, ctx);
        }
        default: {
          const args = e.args.map((a) => asScalar(go(a), `${e.name}(...)`));
          return scalar(fn(e.name, ...args));
        }
      }
    }
  }
}

/** d f / d x: entry-wise for a scalar x; the gradient (shape of x) for a matrix x. */
export function derivativeOf(f: Value, x: string, ctx: InstantiateContext): Value {
  const decl = ctx.decls.get(x);
  if (decl?.shape && f.kind === 'matrix' && f.cols === 1 && !(f.rows === 1)) {
    // Jacobian of a column vector with respect to a column vector (the Hessian of a gradient).
    const xs = variableGrid(decl, ctx.dims).flat();
    if (variableGrid(decl, ctx.dims)[0]!.length !== 1) throw new ShapeError(`the derivative of a vector with respect to the matrix ${x}`);
    return matrix(f.a.map((row) => xs.map((xe) => (xe.k === 'sym' ? differentiate(row[0]!, xe.name) : ZERO))));
  }
  if (decl?.shape) {
    const fs = asScalar(f, `the gradient with respect to ${x}`);
    const grid = variableGrid(decl, ctx.dims);
    const memo = new Map<string, Expr>();
    return matrix(
      grid.map((row) =>
        row.map((entry) => {
          if (entry.k !== 'sym') return ZERO;
          const hit = memo.get(entry.name);
          if (hit) return hit;
          const d = differentiate(fs, entry.name);
          memo.set(entry.name, d);
          return d;
        }),
      ),
    );
  }
  return map(f, (e) => differentiate(e, x));
}

/** Entries of a value in row order, with its shape ([1, 1] for a scalar). */
export function entries(v: Value): { shape: [number, number]; list: Expr[] } {
  if (v.kind === 'scalar') return { shape: [1, 1], list: [v.e] };
  return { shape: [v.rows, v.cols], list: v.a.flat() };
}
