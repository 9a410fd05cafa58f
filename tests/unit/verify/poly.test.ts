/**
 * The rational-function normal form that runs before nerdamer: it may only
 * answer "zero" for a real identity, and must say "unknown" (never "zero")
 * whenever the identity needs more than field arithmetic on opaque atoms.
 */
import { describe, expect, it } from 'vitest';
import { Normaliser } from '../../../src/verify/poly';
import { parseLine } from '../../../src/verify/index';
import { type Expr, freeSymbols } from '../../../src/verify/ast';

function expr(text: string): Expr {
  const p = parseLine(text);
  if (!p.ok || p.line.kind !== 'expr') throw new Error(`bad test input ${text}`);
  return p.line.expr;
}
const diff = (a: string, b: string) => new Normaliser().zeroDifference(expr(a), expr(b));

describe('rational normal form', () => {
  it.each([
    ['(x+1)^2', 'x^2+2x+1'],
    ['(a-b)*(a+b)', 'a^2-b^2'],
    ['1/(x-1) - 1/(x+1)', '2/(x^2-1)'],
    ['(x^2-1)/(x-1)', 'x+1'],
    ['sin(x)^2 + 2*sin(x)*cos(y) + cos(y)^2', '(sin(x)+cos(y))^2'],
    ['exp(2*x + 1) * (y+1)^2', 'exp(1 + x*2) * (y^2 + 2y + 1)'],
    ['x^-2', '1/(x*x)'],
  ])('proves %s = %s', (a, b) => expect(diff(a, b)).toBe('zero'));

  it.each([
    ['(x+1)^2', 'x^2+x+1'],
    ['exp(a+b)', 'exp(a)*exp(b)'], // true, but not by field arithmetic: left to the CAS
    ['sqrt(x)^2', 'x'], // only for x >= 0
    ['log(x^2)', '2*log(x)'], // only for x > 0
    ['abs(x)^2', 'x^2'],
    ['x^(1/2)', 'sqrt(x)'],
  ])('does not claim %s = %s from field arithmetic alone', (a, b) => expect(diff(a, b)).toBe('unknown'));

  it('finds the coefficients of a one-variable polynomial', () => {
    const c = new Normaliser().univariate(expr('3*v^2 - 2*v + 1/(cos(2))'), 'v', (a) => freeSymbols(a).has('v'));
    expect(c?.length).toBe(3);
    expect(new Normaliser().univariate(expr('sin(v) + v'), 'v', (a) => freeSymbols(a).has('v'))).toBeUndefined();
  });
});
