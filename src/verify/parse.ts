/**
 * `parseLine`: auto-detects LaTeX or ASCII, enforces the size and nesting
 * limits (before any parser recurses or any sum expands) and splits an
 * equation at its single top-level `=`. Notation beyond the engine's own
 * functions is read through ./notation.ts, the same table for both readers.
 */
import type { MathNode } from 'mathjs';
import { type Expr, type Line, CONSTANTS, FUNCTIONS, mul, num, print, printLine, size, sub, substitute } from './ast';
import { SyntaxProblem, parseAscii, parseAsciiNode } from './cas/mathjs';
import { DEFAULTS } from './defaults';
import { type ReadContext, READ_AS, expandAscii, nestingProblem, readArity } from './notation';
import { momentNames } from './expectation';
import { type Definition, type Use, DefinitionProblem, markUses, placeholderName, useExpr } from './definitions';
import { BadBound, SumTooLarge, expandIndexed, hasIndexed, lineExprs, sizeNames } from './sums';

export type ParseResult =
  | {
      ok: true;
      line: Line;
      ascii: string;
      latex: boolean;
      /** Readings that could mean something else, and how to write the other one (absent when none). */
      notes?: string[];
    }
  | { ok: false; message: string; position?: number };

/** LaTeX when it has a backslash command or TeX braces (`x^{2}`); ASCII otherwise. */
export function looksLikeLatex(text: string): boolean {
  return /\\[a-zA-Z]+|\\[,;!|]|[_^]\{/.test(text);
}

/** Split at a single top-level `=` (not `==`, `<=`, `>=`, `!=`). */
function splitEquation(text: string): { parts: string[]; offsets: number[] } | SyntaxProblem {
  let depth = 0;
  const cuts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '=' && depth === 0) {
      const prev = text[i - 1] ?? '';
      const next = text[i + 1] ?? '';
      if ('<>!='.includes(prev) || next === '=') {
        return new SyntaxProblem('comparison operators are not supported: expected one "=" for an equation', i + 1);
      }
      cuts.push(i);
    }
  }
  if (cuts.length > 1) return new SyntaxProblem('expected at most one "=" in a line', cuts[1]! + 1);
  if (cuts.length === 0) return { parts: [text], offsets: [0] };
  const c = cuts[0]!;
  return { parts: [text.slice(0, c), text.slice(c + 1)], offsets: [0, c + 1] };
}

/** Unicode and norm spellings the ASCII reader (mathjs) does not know, respelled: Xᵀ, A⁻¹, ||x||. */
function respellAscii(text: string, notes: string[]): string {
  let t = text.replace(/ᵀ/g, "'").replace(/⁻¹/g, '^(-1)').replace(/²/g, '^2');
  // d/dx (f): the derivative (mathjs would read d / (dx(f))), as diff(f, x)
  for (let guard = 0; guard < 20; guard++) {
    const m = /(?<![A-Za-z0-9_])d\s*\/\s*d([A-Za-z][A-Za-z0-9_]*)\s*\(/.exec(t);
    if (!m) break;
    let depth = 0;
    let k = m.index + m[0].length - 1;
    for (; k < t.length; k++) {
      if (t[k] === '(') depth++;
      else if (t[k] === ')' && --depth === 0) break;
    }
    if (depth !== 0) break;
    t = `${t.slice(0, m.index)}diff(${t.slice(m.index + m[0].length - 1, k + 1)}, ${m[1]})${t.slice(k + 1)}`;
    notes.push(`read d/d${m[1]} (…) as the derivative diff(…, ${m[1]})`);
  }
  if (t.includes('||')) {
    let open = false;
    t = t.replace(/\|\|/g, () => {
      open = !open;
      return open ? 'norm(' : ')';
    });
    if (open) throw new SyntaxProblem('expected a closing "||" for a norm', t.lastIndexOf('norm(') + 1);
  }
  if (t !== text && /\|\|/.test(text)) notes.push('read ||x|| as the 2-norm sqrt(transpose(x)*x)');
  return t;
}

/** Multi-letter names that are one Greek letter (no note that they might be a product). */
const GREEK_NAMES = new Set(
  'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi omicron rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'.split(
    ' ',
  ),
);

const isMatrixName = (n: MathNode, ctx: ReadContext): boolean =>
  n.type === 'SymbolNode' &&
  (ctx.matrices ? ctx.matrices.has((n as unknown as { name: string }).name) : /^[A-Z]$/.test((n as unknown as { name: string }).name));

/** Does a mathjs node involve a transpose or a matrix literal (then ^(-1) is an inverse)? */
function matrixNode(n: MathNode, ctx: ReadContext): boolean {
  let found = false;
  n.traverse((c) => {
    const o = c as MathNode & { fn?: string | { name?: string }; op?: string };
    if (c.type === 'ArrayNode' || o.fn === 'transpose' || o.fn === 'ctranspose' || (typeof o.fn === 'object' && o.fn?.name === 'transpose'))
      found = true;
    if (c.type === 'SymbolNode' && c === n && isMatrixName(c, ctx)) found = true;
  });
  return found;
}

/**
 * ASCII notation read through ./notation.ts: sigmoid, tanh, log(x, b), log10,
 * max, min, relu, sign, norm(x) (from ||x||), X^T (the transpose) and A^(-1)
 * of a matrix (the inverse). Rewritten on mathjs's tree, then read as usual;
 * the text is reparsed only when something was rewritten.
 */
function readAsciiNotation(text: string, ctx: ReadContext, notes: string[]): string {
  // A replaced node is not transformed again by mathjs: repeat until nothing changes (sigmoid(tanh(x))).
  let t = text;
  for (let pass = 0; pass < 20; pass++) {
    const next = readAsciiOnce(t, ctx, notes);
    if (next === t) return t;
    t = next;
  }
  return t;
}

function readAsciiOnce(text: string, ctx: ReadContext, notes: string[]): string {
  let root: MathNode;
  try {
    root = parseAsciiNode(text);
  } catch {
    return text; // parseAscii reports the error with its position
  }
  let changed = false;
  const out = root.transform((node) => {
    const n = node as MathNode & { fn?: { name?: string } | string; args?: MathNode[]; op?: string };
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      if (
        /^[A-Za-z]{2,}$/.test(name) &&
        !GREEK_NAMES.has(name) &&
        !CONSTANTS.has(name) &&
        !(name in FUNCTIONS) &&
        !['sum', 'prod', 'Var', 'Cov'].includes(name) &&
        !ctx.scalars?.has(name) &&
        !ctx.matrices?.has(name)
      )
        notes.push(`read ${name} as one name; for a product write ${name.split('').join('*')}`);
    }
    if (node.type === 'SymbolNode' && /^(sum|prod)_[A-Za-z]$/.test((node as unknown as { name: string }).name)) {
      const [f, i] = (node as unknown as { name: string }).name.split('_') as [string, string];
      throw new SyntaxProblem(`${f}_${i} is not read as a ${f === 'sum' ? 'sum' : 'product'}: write ${f}(y_${i}, ${i}, 1, n)`);
    }
    if (node.type === 'AccessorNode') {
      const obj = (node as unknown as { object: MathNode }).object;
      if (obj.type === 'SymbolNode' && /^(E|Var|Cov)$/.test(obj.toString())) {
        // E[X]: the expectation, as E(X) (./expectation.ts)
        const dims = (node as unknown as { index: { dimensions: MathNode[] } }).index.dimensions;
        changed = true;
        return parseAsciiNode(`${obj.toString()}(${dims.map((d) => d.toString()).join(', ')})`);
      }
      throw new SyntaxProblem(`indexing ${node.toString()} is not read: write an indexed name such as x_i`);
    }
    if (
      node.type === 'OperatorNode' &&
      n.fn === 'multiply' &&
      (node as unknown as { implicit?: boolean }).implicit &&
      n.args?.[1]?.type === 'ParenthesisNode' &&
      n.args[0]?.type === 'OperatorNode' &&
      ['ctranspose', 'transpose'].includes(String((n.args[0] as unknown as { fn: string }).fn))
    ) {
      const f = (n.args[0] as unknown as { args: MathNode[] }).args[0]!.toString();
      notes.push(`read ${f}'(...) as transpose(${f}) times (...); a derivative ${f}'(x) is not read: write the derivative itself`);
    }
    if (node.type === 'OperatorNode' && n.fn === 'pow' && n.args) {
      const base = n.args[0]!;
      if (
        base.type === 'FunctionNode' &&
        (base as unknown as { fn: { name?: string } }).fn.name === 'norm' &&
        n.args[1]!.toString() === '2'
      ) {
        changed = true;
        const v = (base as unknown as { args: MathNode[] }).args[0]!.toString();
        return parseAsciiNode(`transpose(${v})*(${v})`);
      }
      const [a, b] = n.args;
      if (b!.type === 'SymbolNode' && (b as unknown as { name: string }).name === 'T' && !ctx.scalars?.has('T')) {
        changed = true;
        notes.push('read ^T as the transpose (transpose(x) is x for a scalar); for a power of a variable T write ^(T) after declaring T');
        return parseAsciiNode(`transpose(${a!.toString()})`);
      }
      const minusOne = b!.toString().replace(/[()\s]/g, '') === '-1';
      if (minusOne && matrixNode(a!, ctx)) {
        changed = true;
        if (!ctx.matrices && a!.type === 'SymbolNode')
          notes.push(`read ${a!.toString()}^(-1) as inv(${a!.toString()}), the inverse (1/${a!.toString()} when it is a scalar)`);
        return parseAsciiNode(`inv(${a!.toString()})`);
      }
    }
    if (node.type === 'FunctionNode' && typeof n.fn === 'object' && n.fn?.name && n.args) {
      const name = n.fn.name;
      const args = n.args.map((x) => x.toString());
      if (name === 'norm' && args.length === 1) {
        changed = true;
        return parseAsciiNode(`sqrt(transpose(${args[0]})*(${args[0]}))`);
      }
      const expanded = name === 'log' && args.length === 2 ? expandAscii('logb', args) : expandAscii(name, args);
      if (expanded !== undefined) {
        changed = true;
        if (name === 'sign' || name === 'sgn') notes.push(READ_AS.sign!.note!);
        return parseAsciiNode(expanded);
      }
      if (readArity(name) !== undefined)
        throw new SyntaxProblem(`${name} takes ${readArity(name)} argument${readArity(name)! > 1 ? 's' : ''}, got ${args.length}`);
    }
    return node;
  });
  return changed ? out.toString() : text;
}

function parseAsciiLine(original: string, ctx: ReadContext, notes: string[]): Line {
  const text = respellAscii(original, notes);
  const split = splitEquation(text);
  if (split instanceof SyntaxProblem) throw split;
  const exprs: Expr[] = split.parts.map((p, k) => {
    if (p.trim() === '') {
      throw new SyntaxProblem(k === 0 ? 'expected an expression before "="' : 'expected an expression after "="', split.offsets[k]! + 1);
    }
    const read = readAsciiNotation(p, ctx, notes);
    try {
      return parseAscii(read);
    } catch (e) {
      // A position in rewritten text would point at the wrong spot: give it only for text as typed.
      if (e instanceof SyntaxProblem && e.position !== undefined) {
        if (read !== p || text !== original) throw new SyntaxProblem(e.message);
        throw new SyntaxProblem(e.message, e.position + split.offsets[k]!);
      }
      throw e;
    }
  });
  return exprs.length === 1 ? { kind: 'expr', expr: exprs[0]! } : { kind: 'equation', lhs: exprs[0]!, rhs: exprs[1]! };
}

/** Replace the placeholders of a line by what each use of a defined function stands for. */
function putDefinitions(
  line: Line,
  uses: readonly Use[],
  readLatex: LatexReader,
  limits: ParseLimits,
  context: Pick<ReadContext, 'matrices' | 'scalars'> & { definitions?: readonly Definition[] },
  notes: string[],
): Line {
  const map = new Map<string, Expr>();
  uses.forEach((u, k) => {
    // a body may use the functions defined before it, never itself
    const before = (context.definitions ?? []).slice(0, (context.definitions ?? []).indexOf(u.def));
    const read = (t: string, what: string): Expr => {
      const p = parseLine(t, readLatex, limits, { ...context, definitions: before });
      if (!p.ok) throw new DefinitionProblem(`${what}: ${p.message}`);
      if (p.line.kind !== 'expr') throw new DefinitionProblem(`${what}: expected an expression`);
      return p.line.expr;
    };
    const body = read(u.def.body, `the definition of ${u.def.name}`);
    const args = u.args.map((a) => read(a, `an argument of ${u.def.name}`));
    if (u.wrt)
      notes.push(
        `read the derivative of ${u.def.name} with respect to ${u.wrt} as diff(${u.def.name}(${u.def.params.join(', ')}), ${u.wrt}), from its definition`,
      );
    map.set(placeholderName(k), useExpr(u, body, args));
  });
  const go = (e: Expr) => substitute(e, map);
  return line.kind === 'expr' ? { kind: 'expr', expr: go(line.expr) } : { kind: 'equation', lhs: go(line.lhs), rhs: go(line.rhs) };
}

/** `or` between equations (also \\lor, \\vee, \\text{or}), outside brackets. */
const OR = /\s+or\s+|\\lor(?![a-zA-Z])|\\vee(?![a-zA-Z])|\\(?:text|mathrm|textrm)\s*\{\s*or\s*\}/g;
/** ± in any spelling. */
const PM = /±|\\pm(?![a-zA-Z])|\+-|\+\/-/g;

function topLevelSplit(text: string, re: RegExp): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const m of text.matchAll(re)) {
    const before = text.slice(0, m.index);
    let depth = 0;
    for (const c of before) depth += '([{'.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0;
    if (depth !== 0) continue;
    parts.push(text.slice(start, m.index));
    start = m.index! + m[0].length;
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Several solutions on one line: `x = 2 or x = -2`, `x = ±2`, `x = \\pm 2` (one ± only). The
 * texts of the equations joined, or undefined when the line is a single equation or expression.
 */
function solutionAlternatives(text: string): string[] | undefined {
  const parts = topLevelSplit(text, OR).map((p) => p.trim());
  const out: string[] = [];
  for (const p of parts) {
    const pms = [...p.matchAll(PM)];
    if (pms.length === 0) out.push(p);
    else if (pms.length > 1) throw new SyntaxProblem('more than one ± in an equation: write the cases joined by "or"');
    else out.push(p.replace(PM, '+'), p.replace(PM, '-'));
  }
  return out.length > 1 ? out : undefined;
}

/**
 * The alternatives as one equation whose real solutions are their union:
 * (l₁ − r₁)(l₂ − r₂)… = 0. Each side of each alternative must be defined where it holds, as
 * for `x = 2 or x = −2`; a note says how the line was read.
 */
function joinAlternatives(
  text: string,
  alternatives: string[],
  readLatex: LatexReader,
  limits: ParseLimits,
  context: Pick<ReadContext, 'matrices' | 'scalars'> & { definitions?: readonly Definition[] },
): ParseResult {
  const latex = looksLikeLatex(text);
  const factors: Expr[] = [];
  const notes: string[] = [];
  for (const a of alternatives) {
    const p = parseLine(latex && !looksLikeLatex(a) ? `${a}\\,` : a, readLatex, limits, context);
    if (!p.ok) return { ok: false, message: `in "${a.trim()}": ${p.message}` };
    if (p.line.kind !== 'equation')
      return { ok: false, message: `"${a.trim()}" is not an equation: "or" and ± join equations such as x = 2` };
    // a repeated case (x = 2 or x = 2) is one factor, not a double root
    const f = sub(p.line.lhs, p.line.rhs);
    if (!factors.some((g) => print(g) === print(f))) factors.push(f);
    notes.push(...(p.notes ?? []));
  }
  const line: Line = { kind: 'equation', lhs: mul(...factors), rhs: num(0) };
  notes.push(
    `read the ${alternatives.length} equations joined by "or" (or ±) as one equation, the product of their differences = 0: its solutions are theirs together`,
  );
  return { ok: true, line, ascii: printLine(line), latex, notes: [...new Set(notes)] };
}

/**
 * Sums and products whose bounds are numbers (`sum(x_i, i, 1, 4)`) are expanded here, within the
 * node limit; a line with a size in a bound (`\sum_{i=1}^{n}`) keeps its sums for the core.
 */
function expandExplicitSums(line: Line, maxNodes: number): Line {
  const exprs = lineExprs(line);
  if (!exprs.some(hasIndexed) || sizeNames(exprs).length > 0) return line;
  const go = (e: Expr) => expandIndexed(e, new Map(), maxNodes);
  return line.kind === 'expr' ? { kind: 'expr', expr: go(line.expr) } : { kind: 'equation', lhs: go(line.lhs), rhs: go(line.rhs) };
}

/**
 * Reads one LaTeX line (cas/latex.ts); passed in, like the CAS, so that a browser worker can load it late.
 * The context carries the node limit (a sum is refused before it expands past it) and collects notes.
 */
export type LatexReader = (text: string, ctx?: ReadContext) => Line;

export type { ReadContext };

export interface ParseLimits {
  maxInputLength: number;
  maxNodes: number;
}

/**
 * Parse one line of math. Errors name the position (1-based column) and what was expected.
 * `context` may name the declared matrices and scalars (then `A^{-1}` is an inverse only for a
 * declared matrix, and a declared `T` makes `x^T` a power); without it the readings are
 * taken by convention and said in `notes`.
 */
export function parseLine(
  text: string,
  readLatex: LatexReader,
  limits: ParseLimits = DEFAULTS,
  context: Pick<ReadContext, 'matrices' | 'scalars'> & { definitions?: readonly Definition[] } = {},
): ParseResult {
  if (text.length > limits.maxInputLength) {
    return { ok: false, message: `input is ${text.length} characters long; the limit is ${limits.maxInputLength}` };
  }
  if (text.trim() === '') return { ok: false, message: 'empty input: expected an expression or an equation', position: 1 };
  const deep = nestingProblem(text);
  if (deep) return { ok: false, message: `column ${deep.position}: ${deep.message}`, position: deep.position };
  let alternatives: string[] | undefined;
  try {
    alternatives = solutionAlternatives(text);
  } catch (e) {
    if (e instanceof SyntaxProblem) return { ok: false, message: e.message };
    throw e;
  }
  if (alternatives) return joinAlternatives(text, alternatives, readLatex, limits, context);
  const latex = looksLikeLatex(text);
  const notes: string[] = [];
  try {
    const { definitions, ...known } = context;
    const ctx: ReadContext = { ...known, maxNodes: limits.maxNodes, notes };
    // Uses of functions defined on earlier lines (`L(w) = …`): placeholders now, their expressions after reading.
    const marked = definitions?.length ? markUses(text, definitions, latex) : { text, uses: [] };
    const source = marked.text;
    const read = latex ? readLatex(source, ctx) : parseAsciiLine(source, ctx, notes);
    const sized = read.kind === 'expr' ? size(read.expr) : size(read.lhs) + size(read.rhs);
    const defined = marked.uses.length ? putDefinitions(read, marked.uses, readLatex, limits, context, notes) : read;
    const line = expandExplicitSums(defined, limits.maxNodes);
    const n = marked.uses.length ? sized : line.kind === 'expr' ? size(line.expr) : size(line.lhs) + size(line.rhs);
    if (n > limits.maxNodes) {
      return { ok: false, message: `expression has ${n} nodes; the limit is ${limits.maxNodes}: split the step` };
    }
    const rvs = momentNames(lineExprs(line));
    if (rvs.length)
      notes.push(
        `read ${rvs.join(', ')} as random variable${rvs.length > 1 ? 's' : ''} (capital letters inside E, Var, Cov); other names are constants`,
      );
    const out: ParseResult = { ok: true, line, ascii: printLine(line), latex };
    if (notes.length) out.notes = [...new Set(notes)];
    return out;
  } catch (e) {
    if (e instanceof SyntaxProblem) {
      const at = e.position !== undefined ? `column ${e.position}: ` : '';
      return e.position !== undefined
        ? { ok: false, message: `${at}${e.message}`, position: e.position }
        : { ok: false, message: e.message };
    }
    if (e instanceof DefinitionProblem) return { ok: false, message: e.message };
    if (e instanceof SumTooLarge) return { ok: false, message: `${e.message}: use fewer terms or split the step` };
    if (e instanceof BadBound) return { ok: false, message: e.message };
    if (e instanceof RangeError) return { ok: false, message: `input too deeply nested or too large (${e.message})` };
    throw e;
  }
}
