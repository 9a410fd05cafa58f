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

/** 10^k as an exact rational (k may be negative). */
const pow10 = (k: number): Rat => (k >= 0 ? Rat.of(10n ** BigInt(k)) : Rat.of(1n, 10n ** BigInt(-k)));

/**
 * An integer of either parity: mostly small, but also up to ~1e6, so a step
 * that holds only below some threshold (`abs(n - 100)` -> `100 - n`) is seen.
 */
function sampleInteger(rng: Rng, lo: number): number {
  const mode = rng();
  const hi = mode < 0.55 ? 12 : mode < 0.8 ? 1000 : 1_000_000;
  const mag = int(rng, 0, hi);
  if (lo >= 0) return Math.max(lo, mag);
  return rng() < 0.5 ? -mag : mag;
}

/**
 * One scalar. Mostly moderate values (where identities are usually checked),
 * but also magnitudes spread over a log range 1e-30 ... 1e30 of both signs, so
 * a step that holds only on part of the line (`abs(x - 10^5)` -> `10^5 - x`)
 * meets the part where it fails; and values right next to a declared boundary
 * (tiny positives, exact 0 for nonnegative).
 */
export function sampleScalar(rng: Rng, assumptions: readonly Assumption[] = []): Rat {
  const has = (a: Assumption) => assumptions.includes(a);
  const positive = has('positive');
  const nonneg = has('nonnegative');
  if (has('integer')) {
    let v = sampleInteger(rng, positive ? 1 : nonneg ? 0 : -1);
    if (v === 0 && (has('nonzero') || positive)) v = 1 + int(rng, 0, 5);
    return Rat.int(v);
  }
  const mode = rng();
  let mag: Rat;
  if (mode < 0.36)
    mag = Rat.of(BigInt(int(rng, 1, 300)), BigInt(int(rng, 1, 97))); // moderate
  else if (mode < 0.46)
    mag = Rat.of(BigInt(int(rng, 1, 9)), BigInt(int(rng, 50, 5000))); // near zero
  else if (mode < 0.54)
    mag = Rat.of(BigInt(int(rng, 200, 20000)), BigInt(int(rng, 1, 20))); // large
  else if (mode < 0.84)
    mag = Rat.of(BigInt(int(rng, 100, 999)), 100n).mul(pow10(int(rng, -30, 30))); // log range 1e-30 ... 1e30
  else if (mode < 0.9) {
    // Next to the boundary of the domain: 0 itself when it is allowed, else a tiny value.
    if (nonneg && !positive && !has('nonzero') && rng() < 0.5) return Rat.int(0);
    mag = Rat.of(BigInt(int(rng, 1, 9))).mul(pow10(-int(rng, 6, 30)));
  } else mag = Rat.of(BigInt(int(rng, 1, 40)), BigInt(int(rng, 1, 13)));
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
      // B Bᵀ + t I (t > 0) is exactly positive definite. B is sometimes scaled up and t is
      // sometimes tiny, so eigenvalues near 0 and large ones are both met, not only ≥ 1.
      const mode = rng();
      const scale = mode < 0.2 ? Rat.int(1000) : Rat.int(1);
      const t = mode < 0.2 ? Rat.int(1) : mode < 0.45 ? Rat.of(1n, 10n ** BigInt(int(rng, 3, 12))) : Rat.int(1);
      const b = fill(r, r).map((row) => row.map((x) => x.mul(scale)));
      const bt = b[0]!.map((_, j) => b.map((row) => row[j]!));
      return matMul(b, bt).map((row, i) => row.map((x, j) => (i === j ? x.add(t) : x)));
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
      // Rotations alone all have det 1: half the time flip one row, a reflection (det -1),
      // so `det(Q) = 1` is not taken for a property of every orthogonal matrix.
      if (rng() < 0.5) {
        const k = int(rng, 0, r - 1);
        q[k] = q[k]!.map((x) => x.neg());
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
  naturals?: ReadonlySet<string>,
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
    // Arguments of factorial / combinations are natural numbers: small ones, so n! stays exact.
    if (naturals?.has(s)) env.set(s, Num.exact(Rat.int(int(rng, decls.get(s)?.assumptions?.includes('positive') ? 1 : 0, 24))));
    else env.set(s, Num.exact(sampleScalar(rng, decls.get(s)?.assumptions ?? [])));
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
