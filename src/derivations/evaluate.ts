/**
 * Numbers from a derivation's own steps. A plot that needs "the ML estimate"
 * compiles the step that derives it, so the formula lives in the module only.
 *
 * This uses a small mathjs instance (plain numbers, only the functions the
 * step syntax needs) so it can ship to the browser inside a plot island; the
 * verification engine keeps its own arbitrary-precision instance.
 */
import {
  create,
  compileDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  transposeDependencies,
  invDependencies,
  detDependencies,
  identityDependencies,
  matrixDependencies,
  sqrtDependencies,
  expDependencies,
  logDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  absDependencies,
  piDependencies,
  eDependencies,
  type EvalFunction,
  type FactoryFunctionMap,
  type Matrix,
} from 'mathjs';
import type { Derivation } from './define';

// mathjs types each dependency map as possibly undefined; they are all defined.
const DEPENDENCIES = {
  compileDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  transposeDependencies,
  invDependencies,
  detDependencies,
  identityDependencies,
  matrixDependencies,
  sqrtDependencies,
  expDependencies,
  logDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  absDependencies,
  piDependencies,
  eDependencies,
} as unknown as FactoryFunctionMap;

const math = create(
  DEPENDENCIES,
  // A negative base with a fractional power is NaN, not a complex number: plots want reals.
  { predictable: true },
);

/** What a scope may bind: numbers, and matrices for the module's matrix and vector variables. */
export type Value = number | Matrix;
export type Scope = Readonly<Record<string, Value>>;
export type Evaluator = (scope: Scope) => Value;

/** Which side of an equation to evaluate. */
export type Side = 'lhs' | 'rhs';

export class EvaluateError extends Error {
  override name = 'EvaluateError';
}

/** Split at the single top-level `=` (the same rule the engine's parser uses). */
export function splitEquation(expr: string): { lhs: string; rhs: string } | undefined {
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '=' && depth === 0) return { lhs: expr.slice(0, i), rhs: expr.slice(i + 1) };
  }
  return undefined;
}

const cache = new Map<string, EvalFunction>();

function compileText(text: string, where: string): EvalFunction {
  let compiled = cache.get(text);
  if (!compiled) {
    try {
      compiled = math.compile(text);
    } catch (e) {
      throw new EvaluateError(`${where}: cannot compile ${JSON.stringify(text)}: ${(e as Error).message}`);
    }
    cache.set(text, compiled);
  }
  return compiled;
}

function wrap(compiled: EvalFunction, where: string): Evaluator {
  return (scope) => {
    try {
      return compiled.evaluate({ ...scope }) as Value;
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
  const text = eq ? eq[side] : step.expr;
  if (!eq && side === 'lhs') throw new EvaluateError(`${where}: has no "=", so no left-hand side`);
  return wrap(compileText(text, where), where);
}

/** The residual lhs - rhs of an equation step: zero where the equation holds. */
export function compileResidual(d: Derivation, stepId: string): (scope: Scope) => number {
  const step = d.step(stepId);
  const where = `derivation \`${d.slug}\`, step \`${stepId}\``;
  const eq = splitEquation(step.expr);
  if (!eq) throw new EvaluateError(`${where}: is not an equation`);
  const lhs = wrap(compileText(eq.lhs, where), where);
  const rhs = wrap(compileText(eq.rhs, where), where);
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
  const text = j.bindings[name];
  if (text === undefined) {
    throw new EvaluateError(`${where}: no such binding; bindings: ${Object.keys(j.bindings).join(', ')}`);
  }
  return wrap(compileText(text, where), where);
}

/** A number from a result: a scalar, or the single entry of a 1 x 1 matrix. */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  const size = v.size();
  const count = size.reduce((a, b) => a * b, 1);
  if (count !== 1) throw new EvaluateError(`expected a scalar, got a ${size.join(' x ')} matrix`);
  let x: unknown = v.toArray();
  while (Array.isArray(x)) x = x[0];
  return x as number;
}

/** The entries of a matrix result as nested arrays. */
export function toArray(v: Value): number[][] {
  if (typeof v === 'number') return [[v]];
  const a = v.toArray() as unknown as number[] | number[][];
  return Array.isArray(a[0]) ? (a as number[][]) : (a as number[]).map((x) => [x]);
}

/** A column vector (n x 1) from numbers. */
export function column(values: readonly number[]): Matrix {
  return math.matrix(values.map((x) => [x]));
}

/** A matrix from rows. */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  return math.matrix(rows.map((r) => [...r]));
}

/** Matrix helpers for plots that move data through a step's linear map. */
export const linalg = {
  multiply: (a: Matrix, b: Matrix): Matrix => math.multiply(a, b) as Matrix,
  inv: (a: Matrix): Matrix => math.inv(a),
  transpose: (a: Matrix): Matrix => math.transpose(a),
};
