/**
 * LaTeX input: @cortex-js/compute-engine reads the LaTeX (we do not
 * hand-write a LaTeX parser); we only map its MathJSON to the engine's tree.
 * `\log` is the natural log, as in the ML literature; `\log_{b}` keeps its
 * base. `\sum` and `\prod` need explicit integer bounds and are expanded,
 * after a size check. Subscripts are names (`x_{i}` is `x_i`, `w_{jk}` is
 * `w_jk`); `\hat v` is `v_hat`, `\bar x` is `x_bar`. A reading that could
 * mean something else is reported in `ctx.notes`; what cannot be read is
 * refused with what to write instead. Functions outside the engine's own are
 * read through ../notation.ts (the same table as the ASCII reader).
 */
import type { ComputeEngine } from '@cortex-js/compute-engine';
import { type Expr, type Line, FUNCTIONS, add, div, fn, mul, neg, num, pow, size, sub, sym, ONE } from '../ast';
import { type ReadContext, READ_AS, readArity, readFunction } from '../notation';
import { PROD, SUM } from '../sums';
import { MOMENTS } from '../expectation';

export type { ReadContext };
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
  Tanh: 'tanh',
  Sinh: 'sinh',
  Cosh: 'cosh',
  Arcsin: 'asin',
  Arccos: 'acos',
  Max: 'max',
  Min: 'min',
  Sign: 'sign',
  Lb: 'log2',
  Lg: 'log10',
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

/** Function names written as words (`\operatorname{sin}`, `\mathrm{tanh}`), lower case. */
const WORD_FUNCTIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.keys(FUNCTIONS).map((n) => [n, n])),
  ...Object.fromEntries(Object.keys(READ_AS).map((n) => [n, n])),
  ln: 'log',
  tr: 'trace',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  sgn: 'sign',
  logistic: 'sigmoid',
  ex: 'E',
  var: 'Var',
  cov: 'Cov',
};

const KNOWN_FUNCTIONS = [...new Set(Object.values(WORD_FUNCTIONS))].filter((n) => n !== 'diff' && n !== 'logb').join(', ');

/** Greek letters (compute-engine's names): `\sigma(z)` is a product, with a note, never silently a function. */
const GREEK = new Set(
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'.split(
    ' ',
  ),
);

interface Reading {
  text: string;
  ctx: ReadContext;
  notes: string[];
  maxNodes: number;
  /** Indices of the symbolic sums being read (`x_{i+1}` inside one is an entry, not a compound name). */
  bound: string[];
}

const note = (r: Reading, s: string) => {
  if (!r.notes.includes(s)) r.notes.push(s);
};

/**
 * Rewrites of the source that compute-engine would otherwise read wrongly or
 * not at all. Each is a spelling change only (the same symbols), so the
 * preview (KaTeX draws the text as typed) and the checker still read the same.
 */
function prepare(text: string): string {
  let t = text
    .replace(/ᵀ/g, '^{\\top}')
    .replace(/⁻¹/g, '^{-1}')
    .replace(/\\[dt]frac(?![a-zA-Z])/g, '\\frac')
    // ^{\mathsf T}, ^{\mathrm{T}}, ^{\intercal}: the transpose, as compute-engine reads ^T and ^\top
    .replace(/\^\s*\{\s*\\(?:mathsf|mathrm|rm)\s*\{?\s*T\s*\}?\s*\}/g, '^{\\top}')
    .replace(/\^\s*\\(?:mathsf|mathrm)\s*\{\s*T\s*\}/g, '^{\\top}')
    // layout: spacing commands are nothing (x\,y is xy)
    .replace(/\\(?:[,;!:]|(?:quad|qquad)(?![a-zA-Z]))/g, ' ')
    // a one-token subscript is braced, as TeX reads it: compute-engine would read x_i - \theta as
    // x_{i - \theta}, \beta_1 g_1 as \beta_{1 g_1} and \sigma_0^2 as \sigma_{0^2}
    .replace(/_\s*(\\[a-zA-Z]+|[A-Za-z0-9])/g, '_{$1}')
    // \log_{10} x: compute-engine drops a base of 10 (its \log is base 10); keep every base
    .replace(
      /\\log\s*_\s*(?:\{([^{}]*)\}|(\\[a-zA-Z]+|[A-Za-z0-9]))/g,
      (_m, braced: string | undefined, one: string | undefined) => `\\operatorname{logb}_{${braced ?? one}}`,
    );
  t = respellMoments(t);
  // \| ... \| (and \left\| ... \right\|) is a norm: \lVert ... \rVert
  let open = false;
  t = t.replace(/(\\left|\\right)?\s*\\\|/g, () => {
    open = !open;
    return open ? '\\lVert ' : '\\rVert ';
  });
  return t;
}

/**
 * E[X], \mathbb{E}[X], \operatorname{E}\left[X\right] → \operatorname{Ex}(X) (compute-engine reads
 * [ ] as a list or an interval); Var(X), \mathrm{Var}(X), \text{Cov}(X, Y) → \operatorname{Var}(X).
 */
function respellMoments(text: string): string {
  let t = text.replace(
    /\\(?:operatorname|mathrm|text|textrm|mathbf)\s*\{\s*(Var|Cov)\s*\}|(?<![A-Za-z\\{])(Var|Cov)(?=\s*(?:\(|\\left))/g,
    (_m, a: string | undefined, b: string | undefined) => `\\operatorname{${a ?? b}}`,
  );
  const head =
    /(?:\\mathbb\s*\{\s*E\s*\}|\\mathbb\s+E|\\operatorname\s*\{\s*E\s*\}|\\mathrm\s*\{\s*E\s*\}|(?<![A-Za-z\\{])E)\s*(\\left\s*)?\[/g;
  for (let guard = 0; guard < 20; guard++) {
    head.lastIndex = 0;
    const m = head.exec(t);
    if (!m) break;
    const open = m.index + m[0].length; // just after [
    let depth = 1;
    let k = open;
    for (; k < t.length && depth > 0; k++) {
      if (t[k] === '[') depth++;
      else if (t[k] === ']') depth--;
    }
    if (depth !== 0) throw new SyntaxProblem('expected "]" to close E[...]', m.index + 1);
    const close = k - 1;
    const before = t.slice(0, close).replace(/\\right\s*$/, '');
    const rightCmd = before.length !== close;
    t = `${t.slice(0, m.index)}\\operatorname{Ex}${m[1] ? '\\left(' : '('}${before.slice(open)}${rightCmd ? '\\right)' : ')'}${t.slice(close + 1)}`;
  }
  return t;
}

/** Constructs refused before reading, with what to write instead. */
function refuseBeforeReading(text: string): void {
  const nabla = /\\nabla/.exec(text);
  if (nabla)
    throw new SyntaxProblem(
      '\\nabla is not read yet: write the gradient itself, or diff(f, w) in ASCII with a relation "derivative"',
      nabla.index + 1,
    );
  const text_ = /\\(?:text|textrm|mbox|mathrm\s*\{\s*[a-z]+\s+)/.exec(text);
  if (text_ && /\\(?:text|textrm|mbox)/.test(text_[0]))
    throw new SyntaxProblem('words (\\text{...}) are not read: put them in a comment after #', text_.index + 1);
}

/**
 * A LaTeX reader: parses a LaTeX line into an expression or an equation with
 * the compute-engine `engine()` makes on first use. The engine is handed in,
 * not imported, so a browser worker can start without compute-engine (~145 KB
 * gzipped) and load it for its first LaTeX line; ./latex-default.ts is node's.
 */
export function createLatexReader(engine: () => LatexEngine): (text: string, ctx?: ReadContext) => Line {
  let ce: LatexEngine | undefined;
  return (text, ctx = {}) => {
    checkDelimiters(text);
    refuseBeforeReading(text);
    const prepared = prepare(text);
    ce ??= engine();
    const r: Reading = { text, ctx, notes: ctx.notes ?? [], maxNodes: ctx.maxNodes ?? Infinity, bound: [] };
    const json = endSummands(ce.parse(prepared, { canonical: false }).json as Json, r, new WeakSet());
    if (/\^\s*\{?\s*T(?![A-Za-z])/.test(text))
      note(r, 'read ^T as the transpose (transpose(x) is x for a scalar); for a power of a variable T write ^{(T)}');
    if (Array.isArray(json) && json[0] === 'Equal') {
      if (json.length !== 3) throw new SyntaxProblem('expected exactly one "=" in the equation');
      return { kind: 'equation', lhs: toExpr(json[1]!, r), rhs: toExpr(json[2]!, r) };
    }
    if (Array.isArray(json) && typeof json[0] === 'string' && RELATIONS[json[0]])
      throw new SyntaxProblem(`the relation ${RELATIONS[json[0]]} is not read: a line is an expression or one equation "lhs = rhs"`);
    return { kind: 'expr', expr: toExpr(json, r) };
  };
}

const RELATIONS: Readonly<Record<string, string>> = {
  NotEqual: '≠',
  Less: '<',
  LessEqual: '≤',
  Greater: '>',
  GreaterEqual: '≥',
  Implies: '⇒',
  Equivalent: '⇔',
  Element: '∈',
  Approx: '≈',
};

function errorPosition(text: string, node: Json): number | undefined {
  const s = JSON.stringify(node);
  const m = /LatexString","'?([^'"]*)/.exec(s);
  if (m && m[1]) {
    const i = text.indexOf(m[1].replace(/\\\\/g, '\\'));
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

function cleanName(s: string): string {
  if (s === 'ExponentialE') return 'e';
  if (s === 'Pi') return 'pi';
  // \varepsilon, \varphi, \vartheta: the same letter as a name
  return s.replace(/[{}\\]/g, '').replace(/^([a-zA-Z]+)Symbol$/, '$1');
}

function symbolName(s: string): Expr {
  if (s === 'Half') return num(Rat.of(1n, 2n));
  if (s === 'Nothing') throw new SyntaxProblem('expected an expression (this part is empty)');
  if (s.startsWith("'")) throw new SyntaxProblem(`words (${s.replace(/'/g, '"').trim()}) are not read: put them in a comment after #`);
  const clean = cleanName(s);
  if (/_doublestruck$/.test(clean))
    throw new SyntaxProblem(`blackboard-bold ${clean.split('_')[0]} is not read: write the expression it stands for`);
  if (!GREEK_OK.test(clean)) throw new SyntaxProblem(`unsupported symbol "${s}"`);
  return sym(clean);
}

/** Small integer arithmetic in an index (`x_{i+1}` inside a sum over i). */
function intValue(j: Json): number | undefined {
  if (typeof j === 'number') return Number.isInteger(j) ? j : undefined;
  if (!Array.isArray(j)) return undefined;
  const vals = j.slice(1).map(intValue);
  if (vals.some((v) => v === undefined)) return undefined;
  const v = vals as number[];
  switch (j[0]) {
    case 'Add':
      return v.reduce((a, b) => a + b, 0);
    case 'Subtract':
      return v[0]! - v[1]!;
    case 'Negate':
      return -v[0]!;
    case 'Multiply':
    case 'InvisibleOperator':
      return v.length === 1 ? v[0] : j[0] === 'Multiply' ? v.reduce((a, b) => a * b, 1) : undefined;
    case 'Delimiter':
      return v[0];
    default:
      return undefined;
  }
}

/** The text of a subscript as part of a name: `i`, `12`, `jk`, `np1` (n+1), `nm1` (n-1). */
function indexText(j: Json, r: Reading): string {
  const k = intValue(j);
  if (k !== undefined) return k < 0 ? `m${-k}` : String(k);
  if (typeof j === 'string') return cleanName(j);
  if (Array.isArray(j)) {
    const parts = j.slice(1);
    switch (j[0]) {
      case 'InvisibleOperator':
      case 'Multiply':
        return parts.map((p) => indexText(p, r)).join('');
      case 'Add':
        return parts.map((p) => indexText(p, r)).join('p');
      case 'Subtract':
        return parts.map((p) => indexText(p, r)).join('m');
      case 'Delimiter':
        return indexText(parts[0]!, r);
      case 'Sequence':
      case 'List':
        return parts.map((p) => indexText(p, r)).join('_');
    }
  }
  throw new SyntaxProblem('unsupported subscript: expected letters, numbers or a simple index such as n+1');
}

const mentions = (j: Json, names: readonly string[]): boolean =>
  typeof j === 'string' ? names.includes(cleanName(j)) : Array.isArray(j) && j.some((x) => mentions(x, names));

/** The name of a subscripted symbol (`y_i`, `theta_0`, `x_np1`), or undefined when the base is not a name. */
function indexedName(base: Json, idx: Json, r: Reading): string | undefined {
  const b = nameOf(base, r);
  if (b === undefined) return undefined;
  const name = `${b}_${indexText(idx, r)}`;
  if (Array.isArray(idx) && intValue(idx) === undefined && idx[0] !== 'InvisibleOperator' && !mentions(idx, r.bound))
    note(r, `read ${b} with a compound subscript as the name ${name}`);
  return name;
}

/** A name-like node: a symbol, a subscripted symbol, \bar x, \hat v, \tilde b. */
function nameOf(j: Json, r: Reading): string | undefined {
  if (typeof j === 'string') {
    if (j.startsWith("'")) return undefined;
    const e = symbolName(j);
    return e.k === 'sym' ? e.name : undefined;
  }
  if (!Array.isArray(j)) return undefined;
  const [head, a, b] = j;
  if ((head === 'At' || head === 'Subscript') && a !== undefined && b !== undefined) return indexedName(a, b, r);
  if ((head === 'Mean' || head === 'OverBar') && j.length === 2) {
    const n = nameOf(a!, r);
    return n && `${n}_bar`;
  }
  return undefined;
}

const ACCENTS: Readonly<Record<string, string>> = { OverHat: 'hat', OverTilde: 'tilde', OverBar: 'bar', OverVector: 'vec', OverDot: 'dot' };

function isAccent(j: Json): string | undefined {
  return Array.isArray(j) && j.length === 1 && typeof j[0] === 'string' ? ACCENTS[j[0]] : undefined;
}

/** Is this (MathJSON) operand a matrix, so that ^{-1} is its inverse? */
function matrixLike(j: Json, r: Reading): boolean {
  if (typeof j === 'string') {
    if (r.ctx.matrices) return r.ctx.matrices.has(cleanName(j));
    return /^[A-Z]$/.test(j);
  }
  if (!Array.isArray(j)) return false;
  if (j[0] === 'Transpose' || j[0] === 'Matrix' || j[0] === 'Prime' || j[0] === 'Inverse') return true;
  if (j[0] === 'At' || j[0] === 'Subscript') {
    const n = nameOf(j, r);
    return n !== undefined && (r.ctx.matrices ? r.ctx.matrices.has(n) : /^[A-Z]_/.test(n));
  }
  return j.slice(1).some((x) => matrixLike(x, r));
}

function toExpr(j: Json | undefined, r: Reading): Expr {
  const go = (x: Json) => toExpr(x, r);
  // A construct with an operand missing (`\sum` alone) has fewer arguments than its head needs.
  if (j === undefined || j === null) throw new SyntaxProblem('expected an operand here (something is missing)');
  if (typeof j === 'number') return num(Rat.parseDecimal(String(j)) ?? Rat.int(0));
  if (typeof j === 'string') return symbolName(j);
  if (!Array.isArray(j)) {
    const o = j as Record<string, Json>;
    if (typeof o['num'] === 'string') {
      const q = Rat.parseDecimal(o['num'] as string);
      if (q) return num(q);
    }
    if (typeof o['sym'] === 'string') return symbolName(o['sym'] as string);
    throw new SyntaxProblem(`unsupported LaTeX construct ${JSON.stringify(j)}`);
  }
  const [head, ...args] = j as [Json, ...Json[]];
  switch (head) {
    case 'Error':
      throw new SyntaxProblem(describeError(j as Json[]), errorPosition(r.text, j));
    case 'Delimiter':
      if (args.length === 1 || (args.length === 2 && typeof args[1] === 'string')) {
        const inner = args[0]!;
        if (Array.isArray(inner) && inner[0] === 'Sequence') throw new SyntaxProblem('expected a single expression inside the parentheses');
        return go(inner);
      }
      throw new SyntaxProblem('expected a single expression inside the parentheses');
    case 'List':
      // \left[ x \right] is grouping; [a, b] is a column vector, as in ASCII
      if (args.length === 1) return go(args[0]!);
      return { k: 'mat', rows: args.map((a) => [go(a)]) };
    case 'Matrix':
      return matrixOf(args[0]!, r);
    case 'Add':
      return { k: 'add', args: args.map(go) };
    case 'Subtract':
      return sub(go(args[0]!), go(args[1]!));
    case 'Negate':
      return neg(go(args[0]!));
    case 'Multiply':
      return { k: 'mul', args: args.map(go) };
    case 'InvisibleOperator':
      return invisible(args, r);
    case 'Divide':
      return { k: 'div', a: go(args[0]!), b: go(args[1]!) };
    case 'Rational':
      return div(go(args[0]!), go(args[1]!));
    case 'Power':
      return power(args[0]!, args[1]!, r);
    case 'Square':
      return pow(go(args[0]!), num(2));
    case 'Root':
      return pow(go(args[0]!), div(ONE, go(args[1]!)));
    case 'At':
    case 'Subscript': {
      const base = args[0]!;
      if (Array.isArray(base) && base[0] === 'Norm') {
        if (intValue(args[1]!) === 2) return go(base);
        throw new SyntaxProblem('only the 2-norm is read: write \\lVert x \\rVert or \\lVert x \\rVert_2');
      }
      const name = indexedName(base, args[1]!, r);
      if (name !== undefined) return sym(name);
      throw new SyntaxProblem('unsupported subscript: expected a name with a subscript, such as x_i or w_{jk}');
    }
    case 'Mean':
    case 'OverBar': {
      const name = nameOf(j, r);
      if (name !== undefined) return sym(name);
      throw new SyntaxProblem('\\bar is read on a name only (\\bar x is the name x_bar)');
    }
    case 'Norm': {
      // ‖v‖ = sqrt(vᵀv) (|v| for a scalar); ‖v‖² is read as vᵀv below
      const v = go(args[0]!);
      return fn('sqrt', mul(fn('transpose', v), v));
    }
    case 'Transpose':
      return fn('transpose', go(args[0]!));
    case 'Prime': {
      note(r, "read X' as the transpose, as in ASCII; a derivative f'(x) is not read: write the derivative itself");
      return fn('transpose', go(args[0]!));
    }
    case 'ConjugateTranspose': {
      // x^\star, x^*: on our pages the optimum, a name
      const n = nameOf(args[0]!, r);
      if (n === undefined) throw new SyntaxProblem('^\\star is read on a name only (x^\\star is the name x_star)');
      note(r, `read ${n}^\\star as the name ${n}_star`);
      return sym(`${n}_star`);
    }
    case 'InverseFunction':
      // compute-engine reads N^{-1} of some capitals as an inverse function: it is a power -1 (or inv of a matrix)
      return power(args[0]!, -1, r);
    case 'PseudoInverse':
      throw new SyntaxProblem('the pseudo-inverse X^{+} is not read: write inv(transpose(X)*X)*transpose(X) for full column rank X');
    case 'Sum':
    case 'Product':
      return bigOperator(head, args, r);
    case 'Exp':
      return fn('exp', go(args[0]!));
    case 'Log':
      if (args.length === 2) return readFunction('logb', [go(args[0]!), go(args[1]!)])!;
      return fn('log', go(args[0]!));
    default: {
      const name = typeof head === 'string' ? FN_MAP[head] : undefined;
      if (name && args.length === 0) throw new SyntaxProblem(`${name} needs an argument: ${name}(x)`);
      if (name) return apply(name, args.map(go));
      if (typeof head === 'string' && RELATIONS[head])
        throw new SyntaxProblem(`the relation ${RELATIONS[head]} is not read inside an expression: one "=" per line`);
      throw new SyntaxProblem(
        `unsupported LaTeX construct "${String(head)}": expected arithmetic, \\frac, \\sqrt, \\exp, \\ln, trig, subscripts, ^\\top or \\sum`,
      );
    }
  }
}

/** Apply a function by its engine name: the engine's own, or one read through the notation table. */
function apply(name: string, args: Expr[]): Expr {
  if (MOMENTS[name] !== undefined) {
    if (args.length !== MOMENTS[name]) throw new SyntaxProblem(`${name} takes ${MOMENTS[name]} argument(s), got ${args.length}`);
    return fn(name, ...args);
  }
  if (FUNCTIONS[name] !== undefined) {
    if (args.length !== FUNCTIONS[name]) throw new SyntaxProblem(`${name} takes ${FUNCTIONS[name]} argument(s), got ${args.length}`);
    return fn(name, ...args);
  }
  const arity = readArity(name);
  if (arity === undefined) throw new SyntaxProblem(`unknown function "${name}": expected one of ${KNOWN_FUNCTIONS}`);
  if ((name === 'max' || name === 'min') && args.length > 2) return apply(name, [apply(name, args.slice(0, -1)), args[args.length - 1]!]);
  if (args.length !== arity) throw new SyntaxProblem(`${name} takes ${arity} argument${arity > 1 ? 's' : ''}, got ${args.length}`);
  return readFunction(name, args)!;
}

function power(base: Json, exp: Json, r: Reading): Expr {
  if (Array.isArray(base) && base[0] === 'Norm' && intValue(exp) === 2) {
    const v = toExpr(base[1]!, r);
    return mul(fn('transpose', v), v);
  }
  if (Array.isArray(base) && (base[0] === 'At' || base[0] === 'Subscript') && Array.isArray(base[1]) && base[1][0] === 'Norm') {
    if (intValue(base[2]!) !== 2) throw new SyntaxProblem('only the 2-norm is read: write \\lVert x \\rVert or \\lVert x \\rVert_2');
    return power(base[1], exp, r);
  }
  if (intValue(exp) === -1 && matrixLike(base, r)) {
    if (!r.ctx.matrices && typeof base === 'string')
      note(r, `read ${base}^{-1} as inv(${base}), the inverse (1/${base} when ${base} is a scalar)`);
    return fn('inv', toExpr(base, r));
  }
  return { k: 'pow', a: toExpr(base, r), b: toExpr(exp, r) };
}

function matrixOf(rowsJson: Json, r: Reading): Expr {
  if (!Array.isArray(rowsJson) || rowsJson[0] !== 'List') throw new SyntaxProblem('expected the rows of a matrix');
  const rows = rowsJson.slice(1).map((row) => {
    if (!Array.isArray(row) || row[0] !== 'List') throw new SyntaxProblem('expected the rows of a matrix');
    return row.slice(1).map((x) => toExpr(x, r));
  });
  const w = rows[0]?.length ?? 0;
  if (w === 0 || rows.some((row) => row.length !== w)) throw new SyntaxProblem('matrix rows must all have the same number of entries');
  return { k: 'mat', rows };
}

/** A word that names a function (`\operatorname{sigmoid}`), in engine spelling. */
function functionWord(j: Json): string | undefined {
  if (typeof j !== 'string') return undefined;
  if (FN_MAP[j]) return FN_MAP[j];
  return WORD_FUNCTIONS[j.toLowerCase()];
}

/** The argument list of `f(a, b)`: a Delimiter's Sequence, or one operand. */
function argumentsOf(j: Json): Json[] {
  if (Array.isArray(j) && j[0] === 'Delimiter') {
    const inner = j[1];
    if (Array.isArray(inner) && inner[0] === 'Sequence') return inner.slice(1);
    return inner === undefined ? [] : [inner];
  }
  return [j];
}

/** Juxtaposition: a product, except function application, accents and `\frac{d}{dx} f`. */
function invisible(all: Json[], r: Reading): Expr {
  const go = (x: Json) => toExpr(x, r);
  // layout: \, \quad and the like are spacing, nothing else
  const args = all.filter((a) => !(Array.isArray(a) && a[0] === 'HorizontalSpacing'));
  if (args.length === 0) throw new SyntaxProblem('expected an expression');
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
    const next = args[i + 1];
    const accent = isAccent(a);
    if (accent) {
      if (next === undefined) throw new SyntaxProblem(`\\${accent} needs a name after it: \\${accent} x`);
      const n = nameOf(next, r);
      if (n === undefined) throw new SyntaxProblem(`\\${accent} is read on a name only (\\${accent} x is the name x_${accent})`);
      out.push(sym(`${n}_${accent}`));
      i++;
      continue;
    }
    // \log_{b} x (rewritten by prepare to \operatorname{logb}_{b})
    if (Array.isArray(a) && a[0] === 'At' && a[1] === 'logb') {
      if (next === undefined) throw new SyntaxProblem('\\log_{b} needs an argument: \\log_{b}(x)');
      out.push(applyTo('logb', next, r, [go(a[2]!)]));
      i++;
      continue;
    }
    if (Array.isArray(a) && a[0] === 'Prime' && next !== undefined && Array.isArray(next) && next[0] === 'Delimiter') {
      throw new SyntaxProblem("a derivative f'(x) is not read: write the derivative itself (or diff(f, x) in ASCII)");
    }
    const fname = functionWord(a);
    if (fname) {
      if (next === undefined) throw new SyntaxProblem(`${fname} needs an argument: ${fname}(x)`);
      out.push(applyTo(fname, next, r));
      i++;
      continue;
    }
    if (
      typeof a === 'string' &&
      !a.startsWith("'") &&
      cleanName(a).length > 1 &&
      next !== undefined &&
      Array.isArray(next) &&
      next[0] === 'Delimiter'
    ) {
      const n = cleanName(a);
      if (GREEK.has(n)) {
        note(r, `read \\${n}(...) as ${n} times (...); for a function write it by name, e.g. \\operatorname{sigmoid}(z)`);
      } else if (!/_/.test(n)) {
        throw new SyntaxProblem(`unknown function "${n}": expected one of ${KNOWN_FUNCTIONS}`, errorPositionOf(r.text, n));
      }
    }
    out.push(go(a));
  }
  return out.length === 1 ? out[0]! : mul(...out);
}

function errorPositionOf(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : i + 1;
}

/** `f` applied to the operand after it; `f(x)^2` (compute-engine: f, (x)^2) is (f(x))^2. */
function applyTo(name: string, operand: Json, r: Reading, extra: Expr[] = []): Expr {
  if (Array.isArray(operand) && operand[0] === 'Power' && Array.isArray(operand[1]) && operand[1][0] === 'Delimiter') {
    return pow(applyTo(name, operand[1], r, extra), toExpr(operand[2]!, r));
  }
  return apply(name, [...argumentsOf(operand).map((x) => toExpr(x, r)), ...extra]);
}

/**
 * As TeX is read, a summand ends at the first + or − outside brackets: compute-engine takes
 * `\sum_i y_i - n \bar y` as the sum of y_i − n ȳ, and `\frac{1}{n}\sum_i a_i - b` as
 * (1/n)(Σ a_i − b). Rewritten to (Σ y_i) − n ȳ and (1/n Σ a_i) − b, with a note.
 */
function endSummands(j: Json, r: Reading, split: WeakSet<Json[]>): Json {
  if (!Array.isArray(j)) return j;
  const [head, ...rest] = j;
  const args = rest.map((a) => endSummands(a, r, split));
  if ((head === 'Sum' || head === 'Product') && Array.isArray(args[0]) && (args[0][0] === 'Add' || args[0][0] === 'Subtract')) {
    const body = args[0];
    if (body.length > 2) {
      note(r, 'read a \\sum or \\prod as ending at the first + or − outside brackets; to sum more terms, put them in parentheses');
      const out: Json[] = [body[0]!, [head, body[1]!, ...args.slice(1)], ...body.slice(2)];
      split.add(out);
      return out;
    }
  }
  const last = args[args.length - 1];
  if ((head === 'InvisibleOperator' || head === 'Multiply') && Array.isArray(last) && split.has(last)) {
    const out: Json[] = [last[0]!, [head, ...args.slice(0, -1), last[1]!], ...last.slice(2)];
    split.add(out);
    return out;
  }
  return [head!, ...args];
}

/** Replace the bound index symbol by an integer, everywhere in the body (also inside subscripts). */
function bindIndex(j: Json, i: string, k: number): Json {
  if (j === i) return k;
  if (Array.isArray(j)) return j.map((x) => bindIndex(x, i, k));
  return j;
}

/**
 * \sum and \prod. With integer bounds, expanded at once (refused before expanding when the
 * result would pass the node limit); with a size such as n in a bound, kept as a `sum`/`prod`
 * node that the core checks at n = 1…8 (../sums.ts). `\sum_i` is read as `\sum_{i=1}^{n}`, with a note.
 */
function bigOperator(head: 'Sum' | 'Product', args: Json[], r: Reading): Expr {
  const cmd = head === 'Sum' ? '\\sum' : '\\prod';
  const lim = args[1];
  if (args[0] === undefined) throw new SyntaxProblem(`${cmd} needs a body: ${cmd}_{i=1}^{n} x_i`);
  if (!Array.isArray(lim) || (lim.length !== 2 && lim.length < 4) || typeof lim[1] !== 'string') {
    throw new SyntaxProblem(`${cmd} needs an index and bounds: ${cmd}_{i=1}^{n} x_i (or ${cmd}_i x_i for i = 1…n)`);
  }
  const i = lim[1];
  if (!/^[A-Za-z]$/.test(cleanName(i))) throw new SyntaxProblem(`${cmd}: the index should be one letter, such as i`);
  if (lim.length === 2) {
    note(r, `read ${cmd}_${i} as ${cmd}_{${i}=1}^{n} (for another range write the bounds)`);
    return symbolicBig(head, args[0], i, num(1), sym('n'), r);
  }
  const lo = intValue(lim[2]!);
  const hi = intValue(lim[3]!);
  if (lo === undefined || hi === undefined) return symbolicBig(head, args[0], i, toExpr(lim[2]!, r), toExpr(lim[3]!, r), r);
  if (hi < lo) throw new SyntaxProblem(`${cmd}_{${i}=${lo}}^{${hi}} is empty: the upper bound is below the lower one`);
  const count = hi - lo + 1;
  // Size before work: one term with the index still a name, times the number of terms.
  const one = size(toExpr(args[0], r));
  if (count * one > r.maxNodes) {
    throw new SyntaxProblem(
      `${cmd} over ${count} terms would expand to about ${count * one} nodes; the limit is ${r.maxNodes}: use fewer terms or split the step`,
    );
  }
  const terms: Expr[] = [];
  for (let k = lo; k <= hi; k++) terms.push(toExpr(bindIndex(args[0], i, k), r));
  return head === 'Sum' ? add(...terms) : mul(...terms);
}

/** A sum over a symbolic range, kept whole: indexed names in its body (`y_i`, `x_{i+1}`) are read when n has a value. */
function symbolicBig(head: 'Sum' | 'Product', body: Json, i: string, lo: Expr, hi: Expr, r: Reading): Expr {
  r.bound.push(cleanName(i));
  try {
    return fn(head === 'Sum' ? SUM : PROD, toExpr(body, r), sym(cleanName(i)), lo, hi);
  } finally {
    r.bound.pop();
  }
}
