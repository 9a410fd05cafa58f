/**
 * `parseLine`: auto-detects LaTeX or ASCII, enforces the size limits and
 * splits an equation at its single top-level `=`.
 */
import { type Expr, type Line, printLine, size } from './ast';
import { SyntaxProblem, parseAscii } from './cas/mathjs';
import { DEFAULTS } from './defaults';

export type ParseResult = { ok: true; line: Line; ascii: string; latex: boolean } | { ok: false; message: string; position?: number };

/** LaTeX when it has a backslash command or TeX braces (`x^{2}`); ASCII otherwise. */
export function looksLikeLatex(text: string): boolean {
  return /\\[a-zA-Z]+|\\[,;!]|[_^]\{/.test(text);
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

function parseAsciiLine(text: string): Line {
  const split = splitEquation(text);
  if (split instanceof SyntaxProblem) throw split;
  const exprs: Expr[] = split.parts.map((p, k) => {
    if (p.trim() === '') {
      throw new SyntaxProblem(k === 0 ? 'expected an expression before "="' : 'expected an expression after "="', split.offsets[k]! + 1);
    }
    try {
      return parseAscii(p);
    } catch (e) {
      if (e instanceof SyntaxProblem && e.position !== undefined) {
        throw new SyntaxProblem(e.message, e.position + split.offsets[k]!);
      }
      throw e;
    }
  });
  return exprs.length === 1 ? { kind: 'expr', expr: exprs[0]! } : { kind: 'equation', lhs: exprs[0]!, rhs: exprs[1]! };
}

/** Reads one LaTeX line (cas/latex.ts); passed in, like the CAS, so that a browser worker can load it late. */
export type LatexReader = (text: string) => Line;

export interface ParseLimits {
  maxInputLength: number;
  maxNodes: number;
}

/** Parse one line of math. Errors name the position (1-based column) and what was expected. */
export function parseLine(text: string, readLatex: LatexReader, limits: ParseLimits = DEFAULTS): ParseResult {
  if (text.length > limits.maxInputLength) {
    return { ok: false, message: `input is ${text.length} characters long; the limit is ${limits.maxInputLength}` };
  }
  if (text.trim() === '') return { ok: false, message: 'empty input: expected an expression or an equation', position: 1 };
  const latex = looksLikeLatex(text);
  try {
    const line = latex ? readLatex(text) : parseAsciiLine(text);
    const n = line.kind === 'expr' ? size(line.expr) : size(line.lhs) + size(line.rhs);
    if (n > limits.maxNodes) {
      return { ok: false, message: `expression has ${n} nodes; the limit is ${limits.maxNodes}: split the step` };
    }
    return { ok: true, line, ascii: printLine(line), latex };
  } catch (e) {
    if (e instanceof SyntaxProblem) {
      const at = e.position !== undefined ? `column ${e.position}: ` : '';
      return e.position !== undefined
        ? { ok: false, message: `${at}${e.message}`, position: e.position }
        : { ok: false, message: e.message };
    }
    if (e instanceof RangeError) return { ok: false, message: `input too deeply nested or too large (${e.message})` };
    throw e;
  }
}
