/**
 * Symbolic differentiation of scalar trees as written (no rewriting first,
 * so the derivative keeps the original's domain as far as the rules allow).
 */
import { type Expr, ONE, ZERO, add, children, div, fn, mul, neg, num, pow, sub } from './ast';

export class NotDifferentiable extends Error {}

export function differentiate(e: Expr, x: string, memo = new Map<Expr, Expr>(), dep = new Map<Expr, boolean>()): Expr {
  const hit = memo.get(e);
  if (hit) return hit;
  const r = rule(e, x, memo, dep);
  memo.set(e, r);
  return r;
}

function dependsOn(e: Expr, x: string, dep: Map<Expr, boolean>): boolean {
  const hit = dep.get(e);
  if (hit !== undefined) return hit;
  const r = e.k === 'sym' ? e.name === x : children(e).some((c) => dependsOn(c, x, dep));
  dep.set(e, r);
  return r;
}

function rule(e: Expr, x: string, memo: Map<Expr, Expr>, dep: Map<Expr, boolean>): Expr {
  const d = (c: Expr) => differentiate(c, x, memo, dep);
  const has = (c: Expr) => dependsOn(c, x, dep);
  switch (e.k) {
    case 'num':
      return ZERO;
    case 'sym':
      return e.name === x ? ONE : ZERO;
    case 'add':
      return add(...e.args.map(d));
    case 'neg':
      return neg(d(e.a));
    case 'mul': {
      const terms: Expr[] = [];
      e.args.forEach((f, i) => {
        if (!has(f)) return;
        terms.push(mul(...e.args.map((g, j) => (j === i ? d(f) : g))));
      });
      return add(...terms);
    }
    case 'div': {
      if (!has(e.b)) return div(d(e.a), e.b);
      return div(sub(mul(d(e.a), e.b), mul(e.a, d(e.b))), pow(e.b, num(2)));
    }
    case 'pow': {
      const [a, b] = [e.a, e.b];
      if (!has(b)) return mul(b, pow(a, sub(b, ONE)), d(a));
      if (!has(a)) return mul(e, fn('log', a), d(b));
      return mul(e, add(mul(d(b), fn('log', a)), div(mul(b, d(a)), a)));
    }
    case 'fn': {
      const a = e.args[0]!;
      const da = d(a);
      switch (e.name) {
        case 'sqrt':
          return div(da, mul(num(2), e));
        case 'exp':
          return mul(e, da);
        case 'log':
          return div(da, a);
        case 'sin':
          return mul(fn('cos', a), da);
        case 'cos':
          return neg(mul(fn('sin', a), da));
        case 'tan':
          return div(da, pow(fn('cos', a), num(2)));
        case 'atan':
          return div(da, add(ONE, pow(a, num(2))));
        case 'abs':
          return mul(div(e, a), da);
        default:
          throw new NotDifferentiable(`cannot differentiate ${e.name}(...) here`);
      }
    }
    case 'mat':
      throw new NotDifferentiable('cannot differentiate a matrix literal as a scalar');
  }
}
