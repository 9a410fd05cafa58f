/**
 * Tiny numeric utilities for plots: a seeded generator, a Gaussian sampler,
 * grids and a bisection root finder. No derivation math lives here; formulas
 * come from the derivation modules through `src/derivations/evaluate.ts`.
 */

import { createRng, type Rng } from '../verify/random';

/** A source of uniform numbers in [0, 1). */
export type Random = Rng;

/** The engine's seeded generator: the same seed gives the same plot. */
export const createRandom: (seed: number) => Random = createRng;

/** Standard normal draws (Box-Muller, both outputs used). */
export function createGaussian(random: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** `count` evenly spaced numbers from `from` to `to`, both included. */
export function linspace(from: number, to: number, count: number): number[] {
  if (count < 2) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** A root of f in [lo, hi] by bisection; f(lo) and f(hi) must differ in sign. */
export function bisect(f: (x: number) => number, lo: number, hi: number, iterations = 80): number {
  let flo = f(lo);
  if (flo === 0) return lo;
  if (Math.sign(flo) === Math.sign(f(hi))) throw new Error(`bisect: f has the same sign at ${lo} and ${hi}`);
  for (let i = 0; i < iterations; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Numbers rounded to `digits` significant digits, deep, for stable snapshots and labels. */
export function round<T>(value: T, digits = 6): T {
  if (typeof value === 'number') return (Number.isFinite(value) ? Number(value.toPrecision(digits)) : value) as T;
  if (Array.isArray(value)) return value.map((v) => round(v, digits)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v, digits)])) as T;
  }
  return value;
}

/** Trapezoid normalisation so a sampled curve integrates to 1 over its grid. */
export function normalise(xs: readonly number[], ys: readonly number[]): number[] {
  let area = 0;
  for (let i = 1; i < xs.length; i++) area += ((ys[i]! + ys[i - 1]!) / 2) * (xs[i]! - xs[i - 1]!);
  return area > 0 ? ys.map((y) => y / area) : ys.map(() => 0);
}

/**
 * Normal-approximation band for a running proportion around its exact value p:
 * p ± z sqrt(p (1 - p) / k) after k trials (a statistics utility, not part of any derivation).
 */
export function proportionBand(p: number, k: number, z = 1.96): [number, number] {
  const h = z * Math.sqrt((p * (1 - p)) / Math.max(k, 1));
  return [Math.max(0, p - h), Math.min(1, p + h)];
}
