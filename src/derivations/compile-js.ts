/**
 * A derivation's step expressions compiled to JavaScript, at build time: the
 * expression is read by mathjs's parser (here, in Node), and each node of its
 * tree becomes a call of `js-runtime.ts`. The browser receives the generated
 * functions (the `virtual:derivable-steps` module of `src/integrations/
 * compiled-steps.ts`); Node tools and tests build the same source and run it
 * through `new Function`, so what is tested is the code that ships.
 *
 * An expression this cannot compile (a construct no plot needs) keeps its
 * reason, and a plot that asks for it fails with that reason.
 */
import { parse, type MathNode } from 'mathjs';
import type { Derivation } from './define';
import { compileKey, R, splitEquation, type Compiled, type CompiledTable } from './js-runtime';

class Unsupported extends Error {}

const OPERATORS: Record<string, string> = {
  add: 'add',
  subtract: 'sub',
  multiply: 'mul',
  divide: 'div',
  pow: 'pow',
  unaryMinus: 'neg',
  transpose: 'transpose',
};
const FUNCTIONS = new Set(['sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'abs', 'transpose', 'inv', 'det', 'identity']);
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

function gen(node: MathNode): string {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      const v = n['value'];
      if (typeof v !== 'number') throw new Unsupported(`constant ${JSON.stringify(v)}`);
      return String(v);
    }
    case 'SymbolNode': {
      const name = n['name'] as string;
      const c = CONSTANTS[name];
      return c === undefined ? `R.v(s,${JSON.stringify(name)})` : `R.v(s,${JSON.stringify(name)},${c})`;
    }
    case 'ParenthesisNode':
      return gen(n['content'] as MathNode);
    case 'OperatorNode': {
      const fn = n['fn'] as string;
      const args = n['args'] as MathNode[];
      if (fn === 'unaryPlus') return gen(args[0]!);
      const op = OPERATORS[fn];
      if (!op) throw new Unsupported(`operator ${n['op'] as string}`);
      if (args.length === 1) return `R.${op}(${gen(args[0]!)})`;
      if (args.length !== 2) throw new Unsupported(`operator ${fn} with ${args.length} operands`);
      return `R.${op}(${gen(args[0]!)},${gen(args[1]!)})`;
    }
    case 'FunctionNode': {
      const fnNode = n['fn'] as MathNode & { name?: string };
      const name = fnNode.type === 'SymbolNode' ? fnNode.name! : '';
      if (!FUNCTIONS.has(name)) throw new Unsupported(`function ${name || fnNode.type}`);
      return `R.${name}(${(n['args'] as MathNode[]).map(gen).join(',')})`;
    }
    case 'ArrayNode': {
      const rows = n['items'] as MathNode[];
      if (!rows.every((r) => r.type === 'ArrayNode')) throw new Unsupported('a one-dimensional array (write [[a], [b]] for a column)');
      return `R.mat([${rows.map((r) => `[${((r as MathNode & { items: MathNode[] }).items ?? []).map(gen).join(',')}]`).join(',')}])`;
    }
    default:
      throw new Unsupported(node.type);
  }
}

/** JavaScript source of `(s) => value` for one expression, or why it has none. */
export function expressionToJs(text: string): { js: string } | { unsupported: string } {
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (e) {
    return { unsupported: `cannot parse ${JSON.stringify(text.trim())}: ${(e as Error).message}` };
  }
  try {
    return { js: `(s)=>${gen(tree)}` };
  } catch (e) {
    if (e instanceof Unsupported) return { unsupported: `${e.message} in ${JSON.stringify(text.trim())} is not compiled to JavaScript` };
    throw e;
  }
}

/** Every expression of a derivation: each step's sides (or its whole expr) and each substitution binding. */
export function derivationSources(d: Derivation): Record<string, { js: string } | { unsupported: string }> {
  const out: Record<string, { js: string } | { unsupported: string }> = {};
  for (const step of d.steps) {
    const eq = splitEquation(step.expr);
    if (eq) {
      out[compileKey(step.id, 'lhs')] = expressionToJs(eq.lhs);
      out[compileKey(step.id, 'rhs')] = expressionToJs(eq.rhs);
    } else out[compileKey(step.id, 'expr')] = expressionToJs(step.expr);
    const j = step.justification;
    if (j.kind === 'substitute') {
      for (const [name, text] of Object.entries(j.bindings)) out[compileKey(step.id, { binding: name })] = expressionToJs(text);
    }
  }
  return out;
}

/** The same table as functions, in this process (Node): the generated source run through `new Function`. */
export function compileDerivation(d: Derivation): CompiledTable {
  const table: Record<string, Compiled> = {};
  for (const [key, src] of Object.entries(derivationSources(d))) {
    table[key] = 'js' in src ? (new Function('R', `return ${src.js}`)(R) as Compiled) : src;
  }
  return table;
}

/** ES module source of every derivation's table, keyed by slug, importing the runtime from `runtime`. */
export function tablesModule(derivations: Iterable<Derivation>, runtime: string): string {
  const parts: string[] = [];
  for (const d of derivations) {
    const entries = Object.entries(derivationSources(d)).map(
      ([key, src]) => `${JSON.stringify(key)}:${'js' in src ? src.js : JSON.stringify({ unsupported: src.unsupported })}`,
    );
    parts.push(`${JSON.stringify(d.slug)}:{${entries.join(',')}}`);
  }
  return `import { R } from ${JSON.stringify(runtime)};\nexport default {${parts.join(',\n')}};\n`;
}
