/**
 * Seeded sample points. Scalars respect their assumptions and cover both
 * signs, values near zero and large values; matrices respect their
 * structure (symmetric, spd, orthogonal, diagonal). Values are exact
 * rationals so rational expressions are compared exactly.
 */
import { Rat } from './rational';
import type { Assumption, VariableDecl } from './types';
import { variableGrid, sizeOf } from './matrix';
import { Num } from './numeric';

import { createRng, type Rng } from './random';
export { createRng, type Rng };

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

export function sampleScalar(rng: Rng, assumptions: readonly Assumption[] = []): Rat {
  const has = (a: Assumption) => assumptions.includes(a);
  const positive = has('positive');
  const nonneg = has('nonnegative');
  if (has('integer')) {
    let v = int(rng, positive ? 1 : nonneg ? 0 : -12, 12);
    if (v === 0 && (has('nonzero') || positive)) v = 1 + int(rng, 0, 5);
    return Rat.int(v);
  }
  const mode = rng();
  let mag: Rat;
  if (mode < 0.5)
    mag = Rat.of(BigInt(int(rng, 1, 300)), BigInt(int(rng, 1, 97))); // moderate
  else if (mode < 0.7)
    mag = Rat.of(BigInt(int(rng, 1, 9)), BigInt(int(rng, 50, 5000))); // near zero
  else if (mode < 0.85)
    mag = Rat.of(BigInt(int(rng, 200, 20000)), BigInt(int(rng, 1, 20))); // large
  else mag = Rat.of(BigInt(int(rng, 1, 40)), BigInt(int(rng, 1, 13)));
  if (positive || nonneg) return mag;
  return rng() < 0.5 ? mag.neg() : mag;
}

function smallEntry(rng: Rng): Rat {
  const v = Rat.of(BigInt(int(rng, -9, 9)), BigInt(int(rng, 1, 4)));
  return v.isZero() ? Rat.of(BigInt(int(rng, 1, 5)), 3n) : v;
}

type Grid = Rat[][];

function matMul(a: Grid, b: Grid): Grid {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s.add(x.mul(b[k]![j]!)), Rat.int(0))));
}

function structured(rng: Rng, r: number, c: number, structure: VariableDecl['structure']): Grid {
  const fill = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => smallEntry(rng)));
  switch (structure) {
    case 'spd': {
      const b = fill(r, r);
      const bt = b[0]!.map((_, j) => b.map((row) => row[j]!));
      return matMul(b, bt).map((row, i) => row.map((x, j) => (i === j ? x.add(Rat.int(1)) : x)));
    }
    case 'orthogonal': {
      // A product of rational Givens rotations (cos = (1-t²)/(1+t²)) is exactly orthogonal.
      let q: Grid = Array.from({ length: r }, (_, i) => Array.from({ length: r }, (_, j) => Rat.int(i === j ? 1 : 0)));
      for (let k = 0; k < 2 * r; k++) {
        const i = int(rng, 0, r - 1);
        let j = int(rng, 0, r - 1);
        if (j === i) j = (i + 1) % r;
        if (i === j) continue;
        const t = Rat.of(BigInt(int(rng, -7, 7)), BigInt(int(rng, 1, 5)));
        const den = Rat.int(1).add(t.mul(t));
        const cos = Rat.int(1).sub(t.mul(t)).div(den);
        const sin = Rat.int(2).mul(t).div(den);
        const g: Grid = Array.from({ length: r }, (_, a) => Array.from({ length: r }, (_, b) => Rat.int(a === b ? 1 : 0)));
        g[i]![i] = cos;
        g[j]![j] = cos;
        g[i]![j] = sin.neg();
        g[j]![i] = sin;
        q = matMul(q, g);
      }
      return q;
    }
    case 'symmetric': {
      const a = fill(r, r);
      return a.map((row, i) => row.map((x, j) => (j < i ? a[j]![i]! : x)));
    }
    default:
      return fill(r, c);
  }
}

/**
 * One point: values for every declared matrix entry, every declared scalar
 * and every other free symbol (as a real).
 */
export function samplePoint(
  rng: Rng,
  symbols: ReadonlySet<string>,
  decls: ReadonlyMap<string, VariableDecl>,
  dims: ReadonlyMap<string, number>,
): Map<string, Num> {
  const env = new Map<string, Num>();
  for (const d of decls.values()) {
    if (!d.shape) continue;
    let grid: ReturnType<typeof variableGrid>;
    try {
      grid = variableGrid(d, dims);
    } catch {
      continue;
    }
    const [r, c] = d.shape.map((x) => sizeOf(x, dims)) as [number, number];
    const vals = structured(rng, r, c, d.structure);
    grid.forEach((row, i) =>
      row.forEach((e, j) => {
        if (e.k === 'sym' && !env.has(e.name)) env.set(e.name, Num.exact(vals[i]![j]!));
      }),
    );
  }
  for (const s of symbols) {
    if (env.has(s)) continue;
    env.set(s, Num.exact(sampleScalar(rng, decls.get(s)?.assumptions ?? [])));
  }
  return env;
}

/** A nearby point: every scalar moved by a tiny relative amount (structured matrices kept). */
export function perturb(
  rng: Rng,
  env: ReadonlyMap<string, Num>,
  keep: ReadonlySet<string>,
  decls: ReadonlyMap<string, VariableDecl>,
): Map<string, Num> {
  const out = new Map<string, Num>();
  for (const [k, v] of env) {
    if (keep.has(k) || !v.q || decls.get(k)?.assumptions?.includes('integer')) {
      out.set(k, v);
      continue;
    }
    const scale = v.q.isZero() ? Rat.of(1n, 1000n) : v.q.abs();
    const delta = scale.mul(Rat.of(BigInt(int(rng, -999, 999) || 1), 10_000_000n));
    let nv = v.q.add(delta);
    const a = decls.get(k)?.assumptions ?? [];
    if ((a.includes('positive') || a.includes('nonnegative')) && nv.sign() <= 0) nv = v.q.add(delta.abs());
    out.set(k, Num.exact(nv));
  }
  return out;
}
