/**
 * The one place where the engine's tunables live. Layered: these defaults <
 * a derivation's `options` < a step's `options` (see `resolveOptions`).
 */
import type { VerifyOptions } from './types';

export const DEFAULTS: Readonly<VerifyOptions> = Object.freeze({
  /**
   * Random points for numeric agreement. A step is only accepted when at least
   * 5 of them are finite on both sides (`MIN_FINITE_POINTS`), however many are asked for.
   */
  samples: 40,
  /** Seed of every random choice: sample points, matrix instances, simulations. */
  seed: 20240611,
  /**
   * Relative tolerance for comparing two non-rational values (evaluated with
   * 80-digit decimals and a forward error bound). Rational values are compared
   * exactly, so an offset of 1e-12 or two 30-digit integers differing by one
   * are always told apart.
   */
  relTol: 1e-40,
  /** Absolute tolerance near zero for non-rational values. */
  absTol: 1e-45,
  /** Hard wall-clock limit for one check, in ms (the worker is terminated past it). */
  timeLimitMs: 4000,
  /**
   * Budget for upgrading a numeric agreement to "symbolic" with nerdamer. Our own
   * rational-function normal form runs first and is not counted here (it proves
   * polynomial, rational and instantiated-matrix steps in microseconds); nerdamer
   * is only asked about what is left (trig, exp/log identities). Past the budget
   * the numeric evidence stands, labelled `fellBackFrom: 'symbolic'`. Small by
   * default so a check answers in tens of ms; raise it per derivation or step
   * when a symbolic badge is worth the wait (600 was the old default). 0 skips nerdamer.
   */
  symbolicLimitMs: 40,
  /**
   * Budget for our own rational normal form (the cheap symbolic proof tried before
   * nerdamer, and the degree-1/2 root finder); past it the question goes on as if
   * the normal form had said nothing. Typical steps need well under 1 ms.
   */
  normalFormLimitMs: 250,
  /**
   * Budget for nerdamer's `solve` when an equation step needs the roots of a
   * one-variable equation (polynomials of degree 1 and 2 are solved by us without
   * it). Not an upgrade but the evidence itself, so larger than `symbolicLimitMs`.
   */
  rootsLimitMs: 600,
  /**
   * Wall-clock guard for a simulation, in ms, separate from `timeLimitMs`: a
   * simulation is a bounded loop of our own code (at most 10^7 trials), so its
   * verdict must come from the trials, not from how busy the machine is. The
   * guard only stops a runaway trial function.
   */
  simulationLimitMs: 120_000,
  /** Longest accepted input line, in characters. */
  maxInputLength: 2000,
  /** Largest accepted expression, in parse-tree nodes (after matrix instantiation: 20x this). */
  maxNodes: 400,
  /** Random numeric instances per matrix identity, at sizes other than the symbolic one. */
  matrixInstances: 20,
});

/** Never accept on fewer finite agreeing points than this, whatever `samples` says. */
export const MIN_FINITE_POINTS = 5;

/** Digits of the decimal arithmetic used for non-rational values. */
export const DECIMAL_DIGITS = 80;

/** Default confidence of a simulation interval when the relation does not state one. */
export const DEFAULT_CONFIDENCE = 0.999;

/** Merge layers of partial options over the defaults; later layers win. */
export function resolveOptions(...layers: ReadonlyArray<Partial<VerifyOptions> | undefined>): VerifyOptions {
  const out: VerifyOptions = { ...DEFAULTS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer) as [keyof VerifyOptions, number | undefined][]) {
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}
