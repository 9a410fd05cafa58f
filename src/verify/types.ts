/**
 * Public types of the verification engine. Everything that says "verified"
 * in Derivable speaks these types: the build gate, `npm run check`, the
 * practice worker and the tests.
 *
 * The engine never answers with a boolean. A check ends in one of four
 * states: verified (and how), refuted (with a counterexample), unproven
 * (with a reason) or error (input that does not parse).
 */

/** What may be assumed about a scalar variable. Several can combine. */
export type Assumption = 'real' | 'positive' | 'nonnegative' | 'nonzero' | 'integer';

/**
 * A declared variable. Scalars are real unless said otherwise. A matrix has a
 * shape whose dimensions are numbers or symbolic names (`['n', 'p']`); the
 * engine instantiates symbolic dimensions at concrete sizes.
 */
export interface VariableDecl {
  name: string;
  assumptions?: readonly Assumption[];
  /** Present for matrices and vectors (a column vector is `['n', 1]`). */
  shape?: readonly [number | string, number | string];
  /** Matrix property the sampler must respect (e.g. a covariance). */
  structure?: 'symmetric' | 'spd' | 'orthogonal' | 'diagonal' | 'full-column-rank';
  /**
   * A random variable with a named distribution (`X ~ N(mu, s^2)`): E, Var and Cov use the
   * family's moments, with the parameters as written (ASCII or LaTeX expressions).
   */
  distribution?: { family: Family; params: readonly string[] };
  /**
   * A random variable independent of every other one so marked (`X, Y independent`, `X_i iid`:
   * the entries X_1, X_2, … are independent and, for `iid`, identically distributed).
   */
  independent?: boolean;
}

/** Distributions known by name (moments up to the fourth). */
export type Family = 'normal' | 'bernoulli' | 'binomial' | 'uniform' | 'beta' | 'poisson';

/**
 * How a line follows from the one it cites. One branch per kind.
 * Expressions are ASCII in mathjs syntax (`x^2`, `sqrt(x)`, `exp`, `log` is
 * natural log, `transpose(X)`, `inv(A)`, `*` is matrix product), or LaTeX.
 */
export type Relation =
  /** Same value wherever both sides are defined (up to removable points). */
  | { kind: 'equal' }
  /** Two equations with the same real solution set (or a stated implication). */
  | { kind: 'equation' }
  /** The line is the derivative of the cited expression with respect to `wrt`. */
  | { kind: 'derivative'; wrt: string }
  /** The line is the cited one with `bindings` substituted (name -> expression). */
  | { kind: 'substitute'; bindings: Readonly<Record<string, string>> }
  /** The line `v = expr` solves the cited equation for `v`. */
  | { kind: 'solve'; for: string }
  /** A matrix identity, checked by instantiation at concrete shapes. */
  | { kind: 'matrix' }
  /** Exact rational arithmetic on probabilities. */
  | { kind: 'probability' }
  /**
   * A seeded simulation agrees with the line's exact value: the engine runs
   * `trials` independent trials of `trial(random)` (each returns a number,
   * usually 0 or 1), and checks that the exact value lies inside the
   * `confidence` interval of the sample mean.
   */
  | {
      kind: 'simulation';
      trial: (random: () => number) => number;
      trials: number;
      confidence?: number;
    };

export type RelationKind = Relation['kind'];

/**
 * Direction of an equation step: ⇔ same solutions, ⇒ the new line follows (it may gain
 * solutions; then the result carries a `warning`). A step that loses solutions is refuted;
 * ⇐ is no longer given to a verified step (kept in the type for stored results).
 */
export type Implication = '⇔' | '⇒' | '⇐';

export type Method = 'symbolic' | 'numeric' | 'exact' | 'instantiated' | 'simulated';

/** What the engine did to reach a verdict; enough to write an honest badge. */
export interface Evidence {
  /** Number of random points at which both sides agreed (numeric). */
  points?: number;
  /** Shapes instantiated with symbolic entries, e.g. [[3, 2]]. */
  symbolicShapes?: ReadonlyArray<readonly [number, number]>;
  /** Random numeric instances and their shapes, e.g. 20 at [6, 3]. */
  randomInstances?: { count: number; shape: readonly [number, number] };
  /** Simulation: trials, the interval found and the exact value it contains. */
  trials?: number;
  interval?: readonly [number, number];
  confidence?: number;
  exact?: string;
  /** Equations: solutions (found in one variable, the others at random values) that solve both lines. */
  roots?: number;
  /** A constant identity: the one value agreed to this many significant digits. */
  digits?: number;
  /**
   * Sums over a symbolic range: the size names (`n`) were given `count` values from `from` to `to`
   * (n = 1…8) and the step was checked at each, with random values for the indexed names.
   */
  sizes?: { names: readonly string[]; from: number; to: number; count: number };
  /**
   * E, Var, Cov: the random variables, and on how many random finite distributions the step was
   * checked (`named`: every one has a named distribution, used through its exact moments; count 1).
   */
  distributions?: { count: number; names: readonly string[]; named: boolean };
  /** Set when symbolic checking timed out and numeric evidence was used. */
  fellBackFrom?: 'symbolic';
}

export interface Counterexample {
  /** The variable values at which the sides differ. */
  values: Readonly<Record<string, number | string>>;
  /** Value of the new line there, and of the line it is checked against. */
  left: number | string;
  right: number | string;
  /** A sentence for people when values alone do not say it ("x = −2 solves the previous line but not the new one: …"). */
  note?: string;
}

/**
 * Attached to a verified ⇒ equation step that gains solutions: the step
 * follows, but the new line has a solution the previous one does not.
 */
export interface EquationWarning {
  kind: 'extraneous-solution';
  /** The extraneous solution (a value may read "≈ 0.69314718" when known within a bracket). */
  values: Readonly<Record<string, number | string>>;
  /** The sentence to show, e.g. "x ≈ 0.69314718 solves the new line but not the previous one (an extraneous solution)". */
  message: string;
}

/**
 * `notes`: the reader's notes on the new line where it could mean something else (which reading
 * was taken and how to write the other), e.g. `^T` read as a transpose.
 */
export type CheckResult = CheckVerdict & { notes?: string[] };

export type CheckVerdict =
  | {
      status: 'verified';
      method: Method;
      relation?: Implication;
      evidence: Evidence;
      /** Present on a ⇒ equation step that gains a solution: shown as a warning, never as a plain ✓. */
      warning?: EquationWarning;
      ms: number;
    }
  | {
      status: 'refuted';
      counterexample: Counterexample;
      relation?: Implication;
      ms: number;
    }
  | { status: 'unproven'; reason: string; evidence?: Evidence; ms: number }
  | { status: 'error'; message: string; position?: number; ms: number };

export type Status = CheckResult['status'];

/** Tunables; one documented object in `defaults.ts`, layered default < derivation < step. */
export interface VerifyOptions {
  /** Random points for numeric agreement. Never fewer than 5 finite points count. */
  samples: number;
  /** Seed for every random choice (points, instances, simulations). */
  seed: number;
  /** Relative tolerance for numeric agreement. */
  relTol: number;
  /** Absolute tolerance near zero. */
  absTol: number;
  /** Hard wall-clock limit for one check, in ms. */
  timeLimitMs: number;
  /** Budget for the nerdamer attempt before falling back to numeric evidence (0 = skip it). */
  symbolicLimitMs: number;
  /** Budget for our own rational normal form (before nerdamer), in ms. */
  normalFormLimitMs: number;
  /** Budget for nerdamer's `solve` when comparing the roots of equations, in ms. */
  rootsLimitMs: number;
  /** Wall-clock guard for a simulation (its trial count is the real bound), in ms. */
  simulationLimitMs: number;
  /** Longest accepted input line, in characters. */
  maxInputLength: number;
  /** Largest accepted expression, in parse-tree nodes. */
  maxNodes: number;
  /** Random numeric matrix instances per matrix identity. */
  matrixInstances: number;
}

/** One check: is `next` justified from `prev` by `relation`? */
export interface CheckInput {
  prev: string;
  next: string;
  relation: Relation;
  variables?: readonly VariableDecl[];
  /**
   * Expressions the step assumes nonzero, e.g. `a - c` for a ≠ c (a division the step makes).
   * Points and solutions where one vanishes are outside the step's claim: not sampled, and a
   * solution lost there is not a lost solution. Say so where the step is shown.
   */
  conditions?: readonly string[];
  /**
   * Functions defined on earlier lines of the notepad, as typed (`L(w) = sum((y_i - w*x_i)^2, i, 1, n)`):
   * the step may use them (`L(2)`, `\frac{\partial L}{\partial w}`, `L'(w)`, `\nabla_w L`).
   * A definition on the previous line itself needs no entry here.
   */
  definitions?: readonly string[];
  options?: Partial<VerifyOptions>;
}
