/**
 * mathjs adapter: the ASCII parser and the arbitrary-precision decimal type.
 * mathjs is used for parsing and numbers only, never for proofs (its
 * `symbolicEqual` proves nothing when it answers false; see ENGINES.md).
 */
import type { MathNode, MathJsInstance } from 'mathjs';
// `#mathjs` (package.json "imports"): in node the single-file build, which loads in ~0.2 s
// instead of ~3.5 s for the ~1,500 ES modules of the default entry (worker cold start);
// bundlers (the browser worker) get the ES modules. Same package, same version.
import * as mathjsModule from '#mathjs';
import type { Decimal } from 'decimal.js';
import { DECIMAL_DIGITS } from '../defaults';
import { FUNCTIONS, type Expr, num, sym, fn } from '../ast';
import { Rat } from '../rational';
import { IDX, PROD, SUM } from '../sums';
import { MOMENTS } from '../expectation';

type MathjsEntry = { create: typeof import('mathjs').create; all: typeof import('mathjs').all };
// Only named members of the namespace, never the namespace itself: a bundler then keeps
// `create` and `all` alone, without mathjs's default instance, which creates every function
// at import time (~0.4 s at the start of the browser worker).
const bundled: MathjsEntry = { create: mathjsModule.create, all: mathjsModule.all };
const entry = (mathjsModule as unknown as { default?: MathjsEntry }).default?.create
  ? (mathjsModule as unknown as { default: MathjsEntry }).default
  : bundled;
const math: MathJsInstance = entry.create(entry.all!);
// Set after creation: the single-file build ignores a config passed to create(), and then
// literals parse to doubles (30-digit integers lose their last digits).
math.config({ number: 'BigNumber', precision: DECIMAL_DIGITS });
if (math.config({}).number !== 'BigNumber') throw new Error('mathjs: literals must parse as BigNumber');

/** Decimal constructor with the engine's precision (a decimal.js clone owned by this mathjs instance). */
export const Dec = (math as unknown as { BigNumber: typeof Decimal }).BigNumber;
export type Dec = Decimal;

export class SyntaxProblem extends Error {
  constructor(
    message: string,
    /** 1-based column in the text that was parsed, when known. */
    readonly position?: number,
  ) {
    super(message);
  }
}

const ALIASES: Readonly<Record<string, string>> = { ln: 'log', nCr: 'combinations', choose: 'combinations' };
const REJECTED_SYMBOLS = new Set(['Infinity', 'NaN', 'true', 'false', 'null', 'undefined']);

/** The mathjs tree of one ASCII expression, as `parseAscii` reads it (the practice preview prints it as TeX). */
export function parseAsciiNode(text: string): MathNode {
  return math.parse(text);
}

/** Parse one ASCII expression (no `=`) with mathjs and convert it to the engine's tree. */
export function parseAscii(text: string): Expr {
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /\(char (\d+)\)/.exec(msg);
    const position = m ? Number(m[1]) : undefined;
    throw new SyntaxProblem(describeMathjsError(msg.replace(/\s*\(char \d+\)/, '')), position);
  }
  return convert(node, text);
}

function describeMathjsError(msg: string): string {
  if (/^Value expected/.test(msg)) return 'expected a number, variable or "(" here';
  if (/^Unexpected end of expression/.test(msg)) return 'the expression ends too early: expected an operand';
  if (/^Parenthesis \) expected/.test(msg)) return 'expected ")" to close a parenthesis';
  if (/^Unexpected operator/.test(msg)) return `${msg}: expected an operand`;
  return msg;
}

function where(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : i + 1;
}

/**
 * `sum(f, i, lo, hi)`, `prod(f, i, lo, hi)` and an indexed name with a computed index, `x_(i+1)`:
 * kept as tree nodes (../sums.ts expands them once the bounds are numbers).
 */
function bigOperator(raw: string, argNodes: MathNode[], text: string, go: (n: MathNode) => Expr): Expr | undefined {
  if (raw === 'sum' || raw === 'prod') {
    const at = where(text, raw + '(');
    if (argNodes.length !== 4)
      throw new SyntaxProblem(`${raw}(f, i, 1, n): expected the body, the index, the lower and the upper bound`, at);
    if (argNodes[1]!.type !== 'SymbolNode') throw new SyntaxProblem(`${raw}(f, i, 1, n): the second argument names the index`, at);
    const index = (argNodes[1] as unknown as { name: string }).name;
    return fn(raw === 'sum' ? SUM : PROD, go(argNodes[0]!), sym(index), go(argNodes[2]!), go(argNodes[3]!));
  }
  if (raw in MOMENTS) {
    const arity = MOMENTS[raw]!;
    if (argNodes.length !== arity)
      throw new SyntaxProblem(`${raw} takes ${arity} argument${arity > 1 ? 's' : ''}, got ${argNodes.length}`, where(text, raw + '('));
    return fn(raw, ...argNodes.map(go));
  }
  if (/^[A-Za-z][A-Za-z0-9]*_$/.test(raw)) {
    if (argNodes.length === 0) throw new SyntaxProblem(`${raw}(…): expected an index`, where(text, raw + '('));
    return fn(IDX, sym(raw.slice(0, -1)), ...argNodes.map(go));
  }
  return undefined;
}

function convert(node: MathNode, text: string): Expr {
  const go = (n: MathNode) => convert(n, text);
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      const v = n['value'];
      const r = typeof v === 'object' || typeof v === 'number' ? Rat.parseDecimal(new Dec(v as number).toFixed()) : undefined;
      if (!r) throw new SyntaxProblem(`unsupported constant ${String(v)}: expected a number`, where(text, String(v)));
      return num(r);
    }
    case 'SymbolNode': {
      const name = n['name'] as string;
      if (REJECTED_SYMBOLS.has(name)) throw new SyntaxProblem(`"${name}" is not a value the engine can check`, where(text, name));
      if (name in FUNCTIONS || name in ALIASES) {
        throw new SyntaxProblem(`"${name}" is a function: expected "${name}(...)"`, where(text, name));
      }
      return sym(name);
    }
    case 'ParenthesisNode':
      return go(n['content'] as MathNode);
    case 'OperatorNode': {
      const args = (n['args'] as MathNode[]).map(go);
      const f = n['fn'] as string;
      switch (f) {
        case 'add':
          return { k: 'add', args };
        case 'subtract':
          return { k: 'add', args: [args[0]!, { k: 'neg', a: args[1]! }] };
        case 'multiply':
          return { k: 'mul', args };
        case 'divide':
          return { k: 'div', a: args[0]!, b: args[1]! };
        case 'pow':
          return { k: 'pow', a: args[0]!, b: args[1]! };
        case 'unaryMinus': {
          const a0 = args[0]!;
          return a0.k === 'num' ? num(a0.v.neg()) : { k: 'neg', a: a0 };
        }
        case 'unaryPlus':
          return args[0]!;
        case 'factorial':
          return fn('factorial', args[0]!);
        case 'ctranspose':
        case 'transpose':
          return fn('transpose', args[0]!);
        default: {
          const op = n['op'] as string;
          throw new SyntaxProblem(`operator "${op}" is not supported: expected + - * / ^`, where(text, op));
        }
      }
    }
    case 'FunctionNode': {
      const fnNode = n['fn'] as MathNode & { name?: string };
      const raw = fnNode.name ?? '';
      const name = ALIASES[raw] ?? raw;
      const big = bigOperator(raw, n['args'] as MathNode[], text, go);
      if (big) return big;
      const arity = FUNCTIONS[name];
      if (arity === undefined) {
        const known = Object.keys(FUNCTIONS).join(', ');
        throw new SyntaxProblem(`unknown function "${raw}": expected one of ${known}`, where(text, raw + '('));
      }
      const args = (n['args'] as MathNode[]).map(go);
      if (args.length !== arity) {
        throw new SyntaxProblem(`${name} takes ${arity} argument${arity > 1 ? 's' : ''}, got ${args.length}`, where(text, raw + '('));
      }
      if (name === 'diff' && args[1]!.k !== 'sym') {
        throw new SyntaxProblem('diff(f, x): expected a variable name as the second argument', where(text, 'diff('));
      }
      return fn(name, ...args);
    }
    case 'ArrayNode': {
      const items = n['items'] as MathNode[];
      if (items.length === 0) throw new SyntaxProblem('empty matrix: expected entries', where(text, '['));
      if (items.every((it) => it.type === 'ArrayNode')) {
        const rows = items.map((it) => ((it as unknown as { items: MathNode[] }).items ?? []).map(go));
        const w = rows[0]!.length;
        if (w === 0 || rows.some((r) => r.length !== w)) {
          throw new SyntaxProblem('matrix rows must all have the same number of entries', where(text, '['));
        }
        return { k: 'mat', rows };
      }
      // A flat list is a column vector.
      return { k: 'mat', rows: items.map((it) => [go(it)]) };
    }
    default:
      throw new SyntaxProblem(`unsupported syntax (${node.type}): expected an expression or one equation "lhs = rhs"`);
  }
}
