/**
 * Seeded models of stochastic gradient descent for the optimisation pages'
 * simulation steps (and plots). Every random choice goes through the
 * `random` passed in, so a seeded generator makes every run reproducible.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Zero-mean noise of variance s^2: uniform on [-s√3, s√3] (the derivation needs only the mean and the variance). */
export function uniformNoise(random: Random, s: number): number {
  return s * Math.sqrt(3) * (2 * random() - 1);
}

export interface NoisyQuadratic {
  /** Curvature λ of f(w) = ½λw². */
  lam: number;
  /** Constant step size η. */
  eta: number;
  /** Standard deviation s of the gradient noise. */
  s: number;
  /** Steps to run from w₀ = 0; enough for (1 − ηλ)^(2·steps) to be negligible. */
  steps: number;
}

/**
 * One run of SGD with a constant step on f(w) = ½λw² with noisy gradients
 * λw + ξ (ξ independent, mean 0, variance s²), started at the minimum:
 * returns w² after `steps` steps, whose mean is the variance of the iterate.
 */
export function sgdSquaredIterate(random: Random, q: NoisyQuadratic): number {
  let w = 0;
  for (let k = 0; k < q.steps; k++) w -= q.eta * (q.lam * w + uniformNoise(random, q.s));
  return w * w;
}
