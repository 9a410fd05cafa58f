import { describe, expect, it } from 'vitest';
import { describeDeclaration, parseAssumptions } from '../../../src/verify/assume';
import { checkSync } from '../../../src/verify/index';

const ok = (body: string) => {
  const r = parseAssumptions(body);
  if (!r.ok) throw new Error(r.message);
  return r.variables;
};
const problem = (body: string) => {
  const r = parseAssumptions(body);
  if (r.ok) throw new Error(`read ${JSON.stringify(r.variables)}`);
  return r.message;
};

describe('assume: scalars, matrices and vectors', () => {
  it('reads scalar assumptions as before', () => {
    expect(ok('s > 0, x >= 0; z != 0, n integer, t is real')).toEqual([
      { name: 's', assumptions: ['real', 'positive'] },
      { name: 'x', assumptions: ['real', 'nonnegative'] },
      { name: 'z', assumptions: ['real', 'nonzero'] },
      { name: 'n', assumptions: ['real', 'integer'] },
      { name: 't', assumptions: ['real'] },
    ]);
  });

  it('reads matrix shapes with names or numbers, and structures', () => {
    expect(ok('X n×p, Y is a 3x2 matrix, Z: matrix m by k, W n * q')).toEqual([
      { name: 'X', shape: ['n', 'p'] },
      { name: 'Y', shape: [3, 2] },
      { name: 'Z', shape: ['m', 'k'] },
      { name: 'W', shape: ['n', 'q'] },
    ]);
    expect(ok('A n×n symmetric, S 3x3 positive definite, Q n x n orthogonal, X n×p, full column rank')).toEqual([
      { name: 'A', shape: ['n', 'n'], structure: 'symmetric' },
      { name: 'S', shape: [3, 3], structure: 'spd' },
      { name: 'Q', shape: ['n', 'n'], structure: 'orthogonal' },
      { name: 'X', shape: ['n', 'p'], structure: 'full-column-rank' },
    ]);
    expect(ok('y vector n, b is a vector of length 3')).toEqual([
      { name: 'y', shape: ['n', 1] },
      { name: 'b', shape: [3, 1] },
    ]);
  });

  it('says what is wrong with a declaration it cannot use', () => {
    expect(problem('A 3x2 symmetric')).toMatch(/symmetric matrix is square/);
    expect(problem('X 99x2')).toMatch(/dimension 99 is too large: at most 12/);
    expect(problem('X is matrix')).toMatch(/cannot read "X is matrix": write .*X n×p/);
    expect(problem(' , ')).toMatch(/expected assumptions/);
  });

  it('reads back what was declared', () => {
    expect(ok('A n×n symmetric, y vector 3, s > 0, t real').map(describeDeclaration)).toEqual([
      'A: n×n matrix, symmetric',
      'y: vector of length 3',
      's: real, positive',
      't: real',
    ]);
  });

  it('makes the engine treat declared names as matrices', () => {
    const verdict = (variables: ReturnType<typeof ok>) =>
      checkSync({ prev: 'transpose(X)*X', next: 'X*transpose(X)', relation: { kind: 'equal' }, variables }).status;
    // Undeclared, X is a real scalar and the two agree; declared n×p, they are not even the same shape.
    expect(verdict([])).toBe('verified');
    expect(verdict(ok('X n×p'))).toBe('refuted');
  });
});
