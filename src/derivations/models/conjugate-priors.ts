/**
 * A seeded model of the Beta-Binomial example: draw a coin bias from the
 * prior, flip the coin, keep only the runs that match the observed data, and
 * flip once more. The share of successes on that extra flip estimates the
 * posterior predictive probability, with no formula of the derivation in it.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Beta(2, 2) by the median of three uniforms (the 2nd order statistic of 3 is Beta(2, 3 + 1 - 2)). */
export function beta22(random: Random): number {
  const a = random();
  const b = random();
  const c = random();
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** The example: prior Beta(2, 2), 7 successes in 10 trials observed. */
export const EXAMPLE = { alpha: 2, beta: 2, n: 10, k: 7 } as const;

const MAX_REJECTIONS = 1_000_000;

/** Given k successes in n flips (theta from Beta(2, 2)), 1 if flip n + 1 succeeds. */
export function nextFlipGivenData(random: Random): number {
  for (let i = 0; i < MAX_REJECTIONS; i++) {
    const theta = beta22(random);
    let k = 0;
    for (let t = 0; t < EXAMPLE.n; t++) if (random() < theta) k++;
    if (k === EXAMPLE.k) return random() < theta ? 1 : 0;
  }
  throw new Error('nextFlipGivenData: the data never occurred');
}
