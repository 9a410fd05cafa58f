/**
 * Plausible wrong steps made from right ones, at the text level so they read
 * like a candidate's slip: a flipped sign, a factor of 2 dropped or added, a
 * missing ½, an exponent changed, two symbols of the same kind swapped, a
 * dropped term, a product in the wrong order, a ratio upside down.
 *
 * Two readers: the mutation test (tests/unit/derivations) checks that the
 * engine refutes them, and practice mode names a candidate's slip when their
 * refuted line is equivalent to one of the expected step's mutants (the
 * engine decides that equivalence; a mutant is only a candidate).
 */
import type { VariableDecl } from '../verify/types';

export type MutantKind = 'sign' | 'factor-2' | 'half' | 'exponent' | 'swap' | 'dropped-term' | 'transposed-product' | 'inverted-ratio';

export interface Mutant {
  kind: MutantKind;
  expr: string;
  /** What changed, for the words shown to a candidate (e.g. the two swapped names). */
  detail?: string;
}

/** Every kind, in the order practice mode tries them (the most specific slips first). */
export const MUTANT_KINDS: readonly MutantKind[] = [
  'sign',
  'factor-2',
  'half',
  'exponent',
  'swap',
  'transposed-product',
  'inverted-ratio',
  'dropped-term',
];

const FUNCS = new Set([
  'sqrt',
  'exp',
  'log',
  'sin',
  'cos',
  'tan',
  'atan',
  'abs',
  'transpose',
  'inv',
  'det',
  'trace',
  'identity',
  'diff',
  'factorial',
  'combinations',
  'pi',
  'e',
]);

/** Split `lhs = rhs` so mutations touch the right-hand side only. */
function split(expr: string): [string, string] {
  const i = expr.indexOf('=');
  return i < 0 ? ['', expr] : [expr.slice(0, i + 1) + ' ', expr.slice(i + 1).trim()];
}

/** Is the `+`/`-` at `i` binary (after an operand), not a sign? */
function isBinary(s: string, i: number): boolean {
  const before = s.slice(0, i).trimEnd();
  const last = before[before.length - 1];
  return !!last && !'(*/^,=+-['.includes(last);
}

function flipSign(rhs: string): string | null {
  // The first binary + or -: preceded by an operand character.
  for (let i = 1; i < rhs.length; i++) {
    const c = rhs[i];
    if (c !== '+' && c !== '-') continue;
    if (!isBinary(rhs, i)) continue;
    return rhs.slice(0, i) + (c === '+' ? '-' : '+') + rhs.slice(i + 1);
  }
  return null;
}

function factorTwo(rhs: string): string {
  const m = /(^|[^\w.^/])2\*/.exec(rhs);
  if (m) return rhs.slice(0, m.index + m[1]!.length) + rhs.slice(m.index + m[0].length);
  return `2*(${rhs})`;
}

/** A ½ left out: `/2` (not `/2.5`, not `/2^k`) or a `1/2*` factor removed. */
function dropHalf(rhs: string): string | null {
  const half = /(^|[^\w.])(?:1\/2|0\.5)\s*\*\s*/.exec(rhs);
  if (half) return rhs.slice(0, half.index + half[1]!.length) + rhs.slice(half.index + half[0].length);
  const over = /\/\s*2(?![\w.^(])/.exec(rhs);
  if (over) return rhs.slice(0, over.index) + rhs.slice(over.index + over[0].length);
  return null;
}

function changeExponent(rhs: string): string | null {
  const m = /\^\(?(\d+)/.exec(rhs);
  if (!m) return null;
  const at = m.index + m[0].length - m[1]!.length;
  return rhs.slice(0, at) + String(Number(m[1]) + 1) + rhs.slice(at + m[1]!.length);
}

function swapSymbols(rhs: string, vars: readonly VariableDecl[]): { expr: string; detail: string } | null {
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
      return { expr: rhs.replace(re, (n) => (n === a ? b : a)), detail: `${a} and ${b}` };
    }
  }
  return null;
}

// --- operands, for the mutations that move whole operands ----------------------

const IDENT = /[A-Za-z0-9_.]/;

/** End (exclusive) of the operand starting at `i`: a name or number, a call, a bracketed group; a power included. */
function operandAfter(s: string, i: number): number | null {
  let j = i;
  if (s[j] === '(') {
    j = closeAt(s, j);
    if (j < 0) return null;
    j++;
  } else {
    while (j < s.length && IDENT.test(s[j]!)) j++;
    if (j === i) return null;
    if (s[j] === '(') {
      const k = closeAt(s, j);
      if (k < 0) return null;
      j = k + 1;
    }
  }
  if (s[j] === '^') return operandAfter(s, j + 1);
  return j;
}

/** Start of the operand ending just before `end` (exclusive), a power included. */
function operandBefore(s: string, end: number): number | null {
  let j = end - 1;
  if (j < 0) return null;
  if (s[j] === ')') {
    j = openAt(s, j);
    if (j < 0) return null;
    while (j > 0 && IDENT.test(s[j - 1]!)) j--;
  } else {
    if (!IDENT.test(s[j]!)) return null;
    while (j > 0 && IDENT.test(s[j - 1]!)) j--;
  }
  if (j > 0 && s[j - 1] === '^') return operandBefore(s, j - 1);
  return j;
}

function closeAt(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')' && --depth === 0) return k;
  }
  return -1;
}

function openAt(s: string, close: number): number {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    if (s[k] === ')') depth++;
    else if (s[k] === '(' && --depth === 0) return k;
  }
  return -1;
}

/** Start of the run of factors (`a*b/c`) ending just before `end`: the numerator of a `/` there. */
function factorsBefore(s: string, end: number): number | null {
  let start = operandBefore(s, end);
  while (start !== null) {
    let k = start - 1;
    while (k >= 0 && s[k] === ' ') k--;
    if (k < 0 || (s[k] !== '*' && s[k] !== '/')) return start;
    let j = k;
    while (j > 0 && s[j - 1] === ' ') j--;
    const next = operandBefore(s, j);
    if (next === null) return start;
    start = next;
  }
  return null;
}

const group = (t: string) => (operandAfter(t, 0) === t.length ? t : `(${t})`);

/** Each `/` whose operands can be read: the ratio turned upside down (`a*b/c` → `c/(a*b)`). */
function invertRatios(rhs: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rhs.length && out.length < 3; i++) {
    if (rhs[i] !== '/') continue;
    const a = factorsBefore(rhs, i);
    const bEnd = operandAfter(rhs, i + 1);
    if (a === null || bEnd === null) continue;
    out.push(rhs.slice(0, a) + group(rhs.slice(i + 1, bEnd)) + '/' + group(rhs.slice(a, i)) + rhs.slice(bEnd));
  }
  return out;
}

/**
 * Matrix products in the wrong order: two adjacent factors that are matrices
 * (or their transposes/inverses) swapped, as in (AB)ᵀ written AᵀBᵀ.
 */
function transposeProducts(rhs: string, vars: readonly VariableDecl[]): string[] {
  const isMatrix = (text: string) => {
    const names = text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
    return names.some((n) => {
      const shape = vars.find((v) => v.name === n)?.shape;
      return !!shape && !(shape[0] === 1 && shape[1] === 1);
    });
  };
  const out: string[] = [];
  for (let i = 0; i < rhs.length && out.length < 3; i++) {
    if (rhs[i] !== '*') continue;
    const a = operandBefore(rhs, i);
    const bEnd = operandAfter(rhs, i + 1);
    if (a === null || bEnd === null) continue;
    const left = rhs.slice(a, i);
    const right = rhs.slice(i + 1, bEnd);
    if (!isMatrix(left) || !isMatrix(right) || left === right) continue;
    out.push(rhs.slice(0, a) + right + '*' + left + rhs.slice(bEnd));
  }
  return out;
}

/** The top-level terms of a sum, each with its sign: `a - b + c` → ['a', '- b', '+ c']. */
function terms(rhs: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < rhs.length; i++) {
    const c = rhs[i]!;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if ((c === '+' || c === '-') && depth === 0 && i > 0 && isBinary(rhs, i)) {
      out.push(rhs.slice(start, i).trim());
      start = i;
    }
  }
  out.push(rhs.slice(start).trim());
  return out;
}

/** A sum with one of its terms left out (every term in turn). */
function dropTerms(rhs: string): string[] {
  const ts = terms(rhs);
  if (ts.length < 2) return [];
  return ts.map((_, k) => {
    const rest = ts.filter((__, j) => j !== k);
    // A sum that now starts with a binary sign: a leading '+' goes, a '-' stays as a sign.
    return rest.join(' ').replace(/^\+\s*/, '');
  });
}

export function mutants(expr: string, vars: readonly VariableDecl[], kinds: readonly MutantKind[] = MUTANT_KINDS): Mutant[] {
  const [lhs, rhs] = split(expr);
  const out: Mutant[] = [];
  const seen = new Set<string>();
  const push = (kind: MutantKind, r: string | null, detail?: string) => {
    if (r === null || r === rhs || !kinds.includes(kind) || seen.has(r)) return;
    seen.add(r);
    out.push(detail === undefined ? { kind, expr: lhs + r } : { kind, expr: lhs + r, detail });
  };
  push('sign', flipSign(rhs));
  // The whole line's sign (a gradient written for the wrong direction).
  push('sign', rhs.startsWith('-') && operandAfter(rhs, 1) === rhs.length ? rhs.slice(1) : `-(${rhs})`);
  push('factor-2', factorTwo(rhs));
  push('half', dropHalf(rhs));
  push('exponent', changeExponent(rhs));
  const sw = swapSymbols(rhs, vars);
  push('swap', sw?.expr ?? null, sw?.detail);
  for (const r of transposeProducts(rhs, vars)) push('transposed-product', r);
  for (const r of invertRatios(rhs)) push('inverted-ratio', r);
  for (const r of dropTerms(rhs)) push('dropped-term', r);
  return out;
}

/** How practice mode names a slip: "looks like a sign slip". */
export function slipWords(m: Pick<Mutant, 'kind' | 'detail'>): string {
  switch (m.kind) {
    case 'sign':
      return 'a sign slip';
    case 'factor-2':
      return 'a factor-2 slip';
    case 'half':
      return 'a missing ½';
    case 'exponent':
      return 'a wrong exponent';
    case 'swap':
      return m.detail ? `${m.detail} swapped` : 'two symbols swapped';
    case 'dropped-term':
      return 'a dropped term';
    case 'transposed-product':
      return 'a product in the wrong order (as when (AB)ᵀ is written AᵀBᵀ)';
    case 'inverted-ratio':
      return 'an inverted ratio';
  }
}
