import { describe, expect, it } from 'vitest';
import leastSquares from '../../../src/derivations/least-squares';
import newton from '../../../src/derivations/newton-method';
import {
  column,
  compileBinding,
  compileResidual,
  compileStep,
  matrix,
  splitEquation,
  toArray,
  toNumber,
  compileStepOf,
} from '../../../src/derivations/evaluate';
import pca from '../../../src/derivations/pca-decorrelation';

describe('evaluate: numbers from a derivation step', () => {
  it('evaluates the right-hand side of a solved line', () => {
    const X = matrix([
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    const y = column([1, 3, 5]);
    const beta = toArray(compileStep(leastSquares, 'solution')({ X, y }));
    expect(beta[0]![0]).toBeCloseTo(1, 12);
    expect(beta[1]![0]).toBeCloseTo(2, 12);
  });
  it('splits only at a top-level =', () => {
    expect(splitEquation('[[b], [w]] = [[1], [2]]')).toEqual({ lhs: '[[b], [w]] ', rhs: ' [[1], [2]]' });
    expect(splitEquation('det([[a, b], [b, c]])')).toBeUndefined();
  });
  it('compiles substitution bindings and equation residuals', () => {
    expect(toNumber(compileBinding(newton, 'cycle-map', 'fk')({ xk: 1 }))).toBe(1);
    expect(compileResidual(pca, 'char-poly')({ a: 2, b: 0, c: 3, t: 2 })).toBeCloseTo(0, 12);
  });
  it('says which step and binding is wrong', () => {
    expect(() => compileStep(leastSquares, 'nope')).toThrow(/unknown step id `nope`/);
    expect(() => compileBinding(newton, 'tangent-line', 'fk')).toThrow(/not a substitution/);
    expect(() => compileBinding(newton, 'cycle-map', 'zz')).toThrow(/bindings: fk, dk/);
  });
});

describe('compileStepOf', () => {
  it('gives the same function by slug as from the module, and names what is missing', () => {
    const scope = { a: 3, b: 0.6, c: 1 };
    expect(toNumber(compileStepOf('pca-decorrelation', 'eig-plus', 'rhs')(scope))).toBe(toNumber(compileStep(pca, 'eig-plus')(scope)));
    expect(() => compileStepOf('pca-decorrelation', 'eig-plus', 'expr')).toThrow(/step `eig-plus`: no compiled expression `expr`/);
    expect(() => compileStepOf('no-such-page', 'x', 'rhs')).toThrow(/no-such-page/);
  });
});
