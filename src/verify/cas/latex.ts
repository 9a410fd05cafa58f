/**
 * LaTeX input: @cortex-js/compute-engine reads the LaTeX (we do not
 * hand-write a LaTeX parser); we only map its MathJSON to the engine's tree.
 * `\log` is the natural log, as in the ML literature. `\sum` needs explicit
 * integer bounds and is expanded.
 */
import type { ComputeEngine } from '@cortex-js/compute-engine';
import { type Expr, type Line, add, div, fn, mul, neg, num, pow, sub, sym, substitute, ONE } from '../ast';
import { Rat } from '../rational';
import { SyntaxProblem } from './mathjs';

/** What the reader needs of compute-engine: its LaTeX parser. */
export type LatexEngine = Pick<ComputeEngine, 'parse'>;

type Json = number | string | Json[] | { [k: string]: Json };

const GREEK_OK = /^[A-Za-z][A-Za-z0-9_]*$/;

const FN_MAP: Readonly<Record<string, string>> = {
  Sqrt: 'sqrt',
  Exp: 'exp',
  Ln: 'log',
  Log: 'log',
  Sin: 'sin',
  Cos: 'cos',
  Tan: 'tan',
  Arctan: 'atan',
  Abs: 'abs',
  Transpose: 'transpose',
  Determinant: 'det',
  Inverse: 'inv',
  Trace: 'trace',
  Factorial: 'factorial',
  Binomial: 'combinations',
  Choose: 'combinations',
};

/** Deepest `[` nesting handed to the LaTeX reader (it can read `[` as a list or an interval). */
const MAX_BRACKET_DEPTH = 3;

/**
 * Reject unbalanced delimiters before compute-engine sees them: its parser
 * backtracks exponentially on them (`\left(` eight times with no `\right`
 * took 18 s, `[` twelve times 79 s) and on nested `[`.
 */
function checkDelimiters(text: string): void {
  const stack: { close: string; at: number; bracket: boolean }[] = [];
  let brackets = 0;
  const re =
    /\\left(?![a-zA-Z])\s*(\\[{|]|\\?[^\s\\]|\\[a-zA-Z]+)|\\right(?![a-zA-Z])\s*(\\[}|]|\\?[^\s\\]|\\[a-zA-Z]+)|\\[{}]|\\[a-zA-Z]+|\\.|[()[\]{}]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tok = m[0];
    const at = m.index + 1;
    let close: string | undefined;
    if (m[1] !== undefined) close = '\\right';
    else if (tok === '(') close = ')';
    else if (tok === '[') close = ']';
    else if (tok === '{') close = '}';
    else if (tok === '\\{') close = '\\}';
    if (close) {
      const bracket = tok === '[' || m[1] === '[';
      if (bracket && ++brackets > MAX_BRACKET_DEPTH)
        throw new SyntaxProblem(`"[" nested more than ${MAX_BRACKET_DEPTH} deep: use ( ) for grouping`, at);
      stack.push({ close, at, bracket });
      continue;
    }
    const closing = m[2] !== undefined ? '\\right' : [')', ']', '}', '\\}'].includes(tok) ? tok : undefined;
    if (!closing) continue;
    const open = stack.pop();
    if (!open) throw new SyntaxProblem(`unexpected closing delimiter ${closing === '\\right' ? '\\right' : `"${closing}"`}`, at);
    if (open.close !== closing)
      throw new SyntaxProblem(
        `expected ${open.close === '\\right' ? '\\right' : `"${open.close}"`} to close the delimiter at column ${open.at}`,
        at,
      );
    if (open.bracket) brackets--;
  }
  const open = stack.pop();
  if (open)
    throw new SyntaxProblem(
      `expected a closing ${open.close === '\\right' ? '\\right' : `"${open.close}"`} for the delimiter at column ${open.at}`,
      open.at,
    );
}

/**
 * A LaTeX reader: parses a LaTeX line into an expression or an equation with
 * the compute-engine `engine()` makes on first use. The engine is handed in,
 * not imported, so a browser worker can start without compute-engine (~145 KB
 * gzipped) and load it for its first LaTeX line; ./latex-default.ts is node's.
 */
export function createLatexReader(engine: () => LatexEngine): (text: string) => Line {
  let ce: LatexEngine | undefined;
  return (text) => {
    checkDelimiters(text);
    ce ??= engine();
    const json = ce.parse(text, { canonical: false }).json as Json;
    if (Array.isArray(json) && json[0] === 'Equal') {
      if (json.length !== 3) throw new SyntaxProblem('expected exactly one "=" in the equation');
      return { kind: 'equation', lhs: toExpr(json[1]!, text), rhs: toExpr(json[2]!, text) };
    }
    return { kind: 'expr', expr: toExpr(json, text) };
  };
}

function errorPosition(text: string, node: Json): number | undefined {
  const s = JSON.stringify(node);
  const m = /LatexString","'?([^'"]*)/.exec(s);
  if (m && m[1]) {
    const i = text.indexOf(m[1]);
    if (i >= 0) return i + 1;
  }
  return undefined;
}

function describeError(node: Json[]): string {
  const code = JSON.stringify(node[1] ?? '');
  if (code.includes('missing')) return 'expected an operand here (something is missing)';
  if (code.includes('unexpected-command')) return 'unknown LaTeX command';
  if (code.includes('expected-closing-delimiter')) return 'expected a closing delimiter';
  if (code.includes('unexpected-closing-delimiter')) return 'unexpected closing delimiter';
  return `LaTeX not understood (${code.replace(/"/g, '')})`;
}

function symbolName(s: string): Expr {
  if (s === 'ExponentialE' || s === 'e') return sym('e');
  if (s === 'Pi') return sym('pi');
  if (s === 'Half') return num(Rat.of(1n, 2n));
  const clean = s.replace(/[{}\\]/g, '');
  if (!GREEK_OK.test(clean)) throw new SyntaxProblem(`unsupported symbol "${s}"`);
  return sym(clean);
}

function toExpr(j: Json | undefined, text: string): Expr {
  const go = (x: Json) => toExpr(x, text);
  // A construct with an operand missing (`\sum` alone) has fewer arguments than its head needs.
  if (j === undefined || j === null) throw new SyntaxProblem('expected an operand here (something is missing)');
  if (typeof j === 'number') return num(Rat.parseDecimal(String(j)) ?? Rat.int(0));
  if (typeof j === 'string') return symbolName(j);
  if (!Array.isArray(j)) {
    const o = j as Record<string, Json>;
    if (typeof o['num'] === 'string') {
      const r = Rat.parseDecimal(o['num'] as string);
      if (r) return num(r);
    }
    if (typeof o['sym'] === 'string') return symbolName(o['sym'] as string);
    throw new SyntaxProblem(`unsupported LaTeX construct ${JSON.stringify(j)}`);
  }
  const [head, ...args] = j as [Json, ...Json[]];
  switch (head) {
    case 'Error':
      throw new SyntaxProblem(describeError(j as Json[]), errorPosition(text, j));
    case 'Delimiter':
      if (args.length === 1) return go(args[0]!);
      throw new SyntaxProblem('expected a single expression inside the parentheses');
    case 'Add':
      return { k: 'add', args: args.map(go) };
    case 'Subtract':
      return sub(go(args[0]!), go(args[1]!));
    case 'Negate':
      return neg(go(args[0]!));
    case 'Multiply':
      return { k: 'mul', args: args.map(go) };
    case 'InvisibleOperator':
      return invisible(args, text);
    case 'Divide':
      return { k: 'div', a: go(args[0]!), b: go(args[1]!) };
    case 'Rational':
      return div(go(args[0]!), go(args[1]!));
    case 'Power':
      return { k: 'pow', a: go(args[0]!), b: go(args[1]!) };
    case 'Square':
      return pow(go(args[0]!), num(2));
    case 'Root':
      return pow(go(args[0]!), div(ONE, go(args[1]!)));
    case 'Subscript': {
      const base = args[0];
      const idx = args[1];
      if (typeof base === 'string' && (typeof idx === 'string' || typeof idx === 'number')) return sym(`${base}_${idx}`);
      throw new SyntaxProblem('unsupported subscript: expected a letter or number');
    }
    case 'Sum':
      return sum(args, text);
    case 'Exp':
      return fn('exp', go(args[0]!));
    default: {
      const name = typeof head === 'string' ? FN_MAP[head] : undefined;
      if (name && args.length === 0) throw new SyntaxProblem(`${name} needs an argument: ${name}(x)`);
      if (name) return fn(name, ...args.map(go));
      throw new SyntaxProblem(
        `unsupported LaTeX construct "${String(head)}": expected arithmetic, \\frac, \\sqrt, \\exp, \\ln, trig or \\sum`,
      );
    }
  }
}

/** Juxtaposition: a product, except `\exp(x)`-style function application and `\frac{d}{dx} f`. */
function invisible(args: Json[], text: string): Expr {
  const go = (x: Json) => toExpr(x, text);
  const first = args[0];
  // \frac{d}{dx} f  ->  ["Divide","d",["InvisibleOperator","d","x"]], f
  if (
    Array.isArray(first) &&
    first[0] === 'Divide' &&
    first[1] === 'd' &&
    Array.isArray(first[2]) &&
    first[2][0] === 'InvisibleOperator' &&
    first[2][1] === 'd' &&
    typeof first[2][2] === 'string' &&
    args.length >= 2
  ) {
    const rest = args.length === 2 ? go(args[1]!) : mul(...args.slice(1).map(go));
    return fn('diff', rest, sym(first[2][2]));
  }
  const out: Expr[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const fname = typeof a === 'string' ? FN_MAP[a] : undefined;
    if (fname && i + 1 < args.length) {
      out.push(fn(fname, go(args[i + 1]!)));
      i++;
    } else out.push(go(a));
  }
  return out.length === 1 ? out[0]! : mul(...out);
}

function sum(args: Json[], text: string): Expr {
  const body = toExpr(args[0]!, text);
  const lim = args[1];
  if (!Array.isArray(lim) || lim.length < 4 || typeof lim[1] !== 'string') {
    throw new SyntaxProblem('\\sum needs explicit bounds: \\sum_{i=1}^{3}');
  }
  const [lo, hi] = [lim[2], lim[3]];
  if (typeof lo !== 'number' || typeof hi !== 'number' || hi - lo > 50 || hi < lo) {
    throw new SyntaxProblem('\\sum needs small explicit integer bounds (at most 50 terms)');
  }
  const i = lim[1];
  const terms: Expr[] = [];
  for (let k = lo; k <= hi; k++) {
    const subscripted = renameSubscripts(body, i, k);
    terms.push(substitute(subscripted, new Map([[i, num(k)]])));
  }
  return add(...terms);
}

/** x_i inside a sum over i becomes x_1, x_2, ... */
function renameSubscripts(e: Expr, i: string, k: number): Expr {
  if (e.k === 'sym') return e.name.endsWith(`_${i}`) ? sym(e.name.slice(0, -i.length) + String(k)) : e;
  if (e.k === 'num') return e;
  const r = (x: Expr) => renameSubscripts(x, i, k);
  switch (e.k) {
    case 'add':
    case 'mul':
      return { k: e.k, args: e.args.map(r) };
    case 'neg':
      return { k: 'neg', a: r(e.a) };
    case 'div':
    case 'pow':
      return { k: e.k, a: r(e.a), b: r(e.b) };
    case 'fn':
      return { k: 'fn', name: e.name, args: e.args.map(r) };
    case 'mat':
      return { k: 'mat', rows: e.rows.map((row) => row.map(r)) };
  }
}
