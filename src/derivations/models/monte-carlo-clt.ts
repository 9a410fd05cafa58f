/**
 * Seeded Monte Carlo models: the hit-or-miss estimate of pi (one point in the
 * unit square per sample), and the coverage of the CLT interval built from
 * it. The derivation's simulation steps check the exact mean and variance
 * against them; the plots reuse them.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** One point in the unit square: 1 if it lands in the quarter disc x^2 + y^2 <= 1. */
export function hit(random: Random): number {
  const x = random();
  const y = random();
  return x * x + y * y <= 1 ? 1 : 0;
}

/** One sample of the estimator 4 H: its mean is the quantity the estimator targets. */
export const fourHit = (random: Random): number => 4 * hit(random);

/** The squared deviation (4 H - pi)^2 of one sample: its mean is Var(4 H). */
export const squaredDeviation = (random: Random): number => (4 * hit(random) - Math.PI) ** 2;

/**
 * One experiment of n samples: estimate pi and the standard deviation from
 * the samples alone, and score 1 if pi lies in estimate +- z s / sqrt(n).
 */
export function intervalCovers(n: number, z: number): (random: Random) => number {
  return (random) => {
    let hits = 0;
    for (let i = 0; i < n; i++) hits += hit(random);
    const p = hits / n;
    const estimate = 4 * p;
    // Sample standard deviation of the 0/4 values (with the n - 1 divisor).
    const s = Math.sqrt((16 * p * (1 - p) * n) / (n - 1));
    return Math.abs(estimate - Math.PI) <= (z * s) / Math.sqrt(n) ? 1 : 0;
  };
}

/** An Exponential(1) draw (mean 1, variance 1, skewness 2), by inversion. */
export function exponential(random: Random): number {
  return -Math.log(1 - random());
}
