/**
 * Numbers from a derivation's own steps. A plot that needs "the ML estimate"
 * compiles the step that derives it, so the formula lives in the module only.
 *
 * The step's expression is compiled to plain JavaScript at build time
 * (`compile-js.ts`; `#compiled-steps` picks the generated table in the browser
 * and the same generator in Node), so a plot ships no expression parser; the
 * verification engine keeps its own arbitrary-precision mathjs.
 */
import { compiledFor, compiledForSlug } from '#compiled-steps';
import type { Derivation } from './define';
import { compileKey, EvaluateError, Mat, R, splitEquation, type Compiled, type Scope, type Value } from './js-runtime';

export { EvaluateError, splitEquation, type Scope, type Value };
/** A matrix value: what a compiled step takes and returns for the module's matrix and vector variables. */
export type Matrix = Mat;
export type Evaluator = (scope: Scope) => Value;

/** Which side of an equation to evaluate. */
export type Side = 'lhs' | 'rhs';

function lookup(d: Derivation, key: string, where: string): Exclude<Compiled, { unsupported: string }> {
  const f = compiledFor(d)[key];
  if (!f) throw new EvaluateError(`${where}: no compiled expression \`${key}\``);
  if (typeof f !== 'function') throw new EvaluateError(`${where}: ${f.unsupported}`);
  return f;
}

function wrap(compiled: (s: Scope) => Value, where: string): Evaluator {
  return (scope) => {
    try {
      return compiled(scope);
    } catch (e) {
      throw new EvaluateError(`${where}: ${(e as Error).message}; scope: ${Object.keys(scope).join(', ')}`);
    }
  };
}

/**
 * Compile a step's `expr`. For an equation the right-hand side is evaluated
 * (`v = ...` solved lines give v), unless `side` asks for the left.
 */
export function compileStep(d: Derivation, stepId: string, side: Side = 'rhs'): Evaluator {
  const step = d.step(stepId);
  const where = `derivation \`${d.slug}\`, step \`${stepId}\``;
  const eq = splitEquation(step.expr);
  if (!eq && side === 'lhs') throw new EvaluateError(`${where}: has no "=", so no left-hand side`);
  return wrap(lookup(d, compileKey(stepId, eq ? side : 'expr'), where), where);
}

/** The residual lhs - rhs of an equation step: zero where the equation holds. */
export function compileResidual(d: Derivation, stepId: string): (scope: Scope) => number {
  const step = d.step(stepId);
  const where = `derivation \`${d.slug}\`, step \`${stepId}\``;
  if (!splitEquation(step.expr)) throw new EvaluateError(`${where}: is not an equation`);
  const lhs = wrap(lookup(d, compileKey(stepId, 'lhs'), where), where);
  const rhs = wrap(lookup(d, compileKey(stepId, 'rhs'), where), where);
  return (scope) => toNumber(lhs(scope)) - toNumber(rhs(scope));
}

/**
 * Compile one binding of a `substitute` step: e.g. the `fk` that a worked case
 * of Newton's method puts into the general update is that case's f(x_k).
 */
export function compileBinding(d: Derivation, stepId: string, name: string): Evaluator {
  const step = d.step(stepId);
  const where = `derivation \`${d.slug}\`, step \`${stepId}\`, binding \`${name}\``;
  const j = step.justification;
  if (j.kind !== 'substitute') throw new EvaluateError(`${where}: the step is a \`${j.kind}\` step, not a substitution`);
  if (j.bindings[name] === undefined) {
    throw new EvaluateError(`${where}: no such binding; bindings: ${Object.keys(j.bindings).join(', ')}`);
  }
  return wrap(lookup(d, compileKey(stepId, { binding: name }), where), where);
}

/** A number from a result: a scalar, or the single entry of a 1 x 1 matrix. */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  const [r, c] = v.size();
  if (r * c !== 1) throw new EvaluateError(`expected a scalar, got a ${r} x ${c} matrix`);
  return v.data[0]![0]!;
}

/** The entries of a matrix result as nested arrays. */
export function toArray(v: Value): number[][] {
  if (typeof v === 'number') return [[v]];
  return v.toArray();
}

/** A column vector (n x 1) from numbers. */
export function column(values: readonly number[]): Matrix {
  return new Mat(values.map((x) => [x]));
}

/** A matrix from rows. */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  return new Mat(rows.map((r) => [...r]));
}

/** Matrix helpers for plots that move data through a step's linear map. */
export const linalg = {
  multiply: (a: Matrix, b: Matrix): Matrix => R.mul(a, b) as Matrix,
  inv: (a: Matrix): Matrix => R.inv(a) as Matrix,
  transpose: (a: Matrix): Matrix => R.transpose(a) as Matrix,
};

/**
 * Compile one expression of a module named by its slug, without importing the module: for a plot
 * on another page that needs a step or two of it, so that page does not ship the module's prose.
 * `part` says which expression (`rhs` of an equation, or `expr`); an unknown one throws.
 */
export function compileStepOf(slug: string, stepId: string, part: 'rhs' | 'lhs' | 'expr'): Evaluator {
  const where = `derivation \`${slug}\`, step \`${stepId}\``;
  const f = compiledForSlug(slug)[compileKey(stepId, part)];
  if (!f) throw new EvaluateError(`${where}: no compiled expression \`${part}\``);
  if (typeof f !== 'function') throw new EvaluateError(`${where}: ${f.unsupported}`);
  return wrap(f, where);
}
