/**
 * Plausible wrong steps made from right ones, at the text level so they read
 * like a candidate's slip: a flipped sign, a factor of 2 dropped or added, an
 * exponent changed, two symbols of the same kind swapped.
 */
import type { VariableDecl } from '../../../src/verify/types';

export interface Mutant {
  kind: 'sign' | 'factor-2' | 'exponent' | 'swap';
  expr: string;
}

const FUNCS = new Set([
  'sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'atan', 'abs', 'transpose', 'inv', 'det', 'trace', 'identity', 'diff',
  'factorial', 'combinations', 'pi', 'e',
]);

/** Split `lhs = rhs` so mutations touch the right-hand side only. */
function split(expr: string): [string, string] {
  const i = expr.indexOf('=');
  return i < 0 ? ['', expr] : [expr.slice(0, i + 1) + ' ', expr.slice(i + 1).trim()];
}

function flipSign(rhs: string): string | null {
  // The first binary + or -: preceded by an operand character.
  for (let i = 1; i < rhs.length; i++) {
    const c = rhs[i];
    if (c !== '+' && c !== '-') continue;
    const before = rhs.slice(0, i).trimEnd();
    const last = before[before.length - 1];
    if (!last || '(*/^,=+-['.includes(last)) continue;
    return rhs.slice(0, i) + (c === '+' ? '-' : '+') + rhs.slice(i + 1);
  }
  return null;
}

function factorTwo(rhs: string): string {
  const m = /(^|[^\w.^])2\*/.exec(rhs);
  if (m) return rhs.slice(0, m.index + m[1]!.length) + rhs.slice(m.index + m[0].length);
  return `2*(${rhs})`;
}

function changeExponent(rhs: string): string | null {
  const m = /\^\(?(\d+)/.exec(rhs);
  if (!m) return null;
  const at = m.index + m[0].length - m[1]!.length;
  return rhs.slice(0, at) + String(Number(m[1]) + 1) + rhs.slice(at + m[1]!.length);
}

function swapSymbols(rhs: string, vars: readonly VariableDecl[]): string | null {
  // Dimension names (the p in identity(p)) are sizes, not values: never swap them.
  const dims = new Set(vars.flatMap((v) => (v.shape ?? []).filter((x): x is string => typeof x === 'string')));
  const names = [...new Set(rhs.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].filter((n) => !FUNCS.has(n) && !dims.has(n));
  const shapeOf = (n: string) => JSON.stringify(vars.find((v) => v.name === n)?.shape ?? null);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i]!;
      const b = names[j]!;
      if (shapeOf(a) !== shapeOf(b)) continue;
      const re = new RegExp(`\\b(${a}|${b})\\b`, 'g');
      return rhs.replace(re, (n) => (n === a ? b : a));
    }
  }
  return null;
}

export function mutants(expr: string, vars: readonly VariableDecl[]): Mutant[] {
  const [lhs, rhs] = split(expr);
  const out: Mutant[] = [];
  const push = (kind: Mutant['kind'], r: string | null) => {
    if (r !== null && r !== rhs) out.push({ kind, expr: lhs + r });
  };
  push('sign', flipSign(rhs));
  push('factor-2', factorTwo(rhs));
  push('exponent', changeExponent(rhs));
  push('swap', swapSymbols(rhs, vars));
  return out;
}
