/**
 * Notation the readers (ASCII in ./parse.ts, LaTeX in ./cas/latex.ts) accept
 * beyond the engine's own functions (`FUNCTIONS` in ./ast.ts): each is read,
 * at parse time, as an expression the engine already evaluates,
 * differentiates and normalises. One table, so both readers read the same.
 *
 * A reading that could mean something else is reported as a note
 * (`ParseResult.notes`), never taken silently.
 */
import { type Expr, substitute } from './ast';
import { parseAscii } from './cas/mathjs';

export interface ReadAs {
  /** Number of arguments. */
  arity: number;
  /** The expression it is read as, in ASCII, with `_a_` (and `_b_`) for the arguments. */
  template: string;
  /** Said to the user when the reading differs from the usual definition somewhere. */
  note?: string;
}

/**
 * Functions read as expressions. asin uses the half-angle form, which is
 * defined on all of [-1, 1] (asin(1) = pi/2), unlike atan(x/sqrt(1-x^2)).
 */
export const READ_AS: Readonly<Record<string, ReadAs>> = {
  sigmoid: { arity: 1, template: '1/(1 + exp(-(_a_)))' },
  tanh: { arity: 1, template: '(exp(_a_) - exp(-(_a_)))/(exp(_a_) + exp(-(_a_)))' },
  sinh: { arity: 1, template: '(exp(_a_) - exp(-(_a_)))/2' },
  cosh: { arity: 1, template: '(exp(_a_) + exp(-(_a_)))/2' },
  asin: { arity: 1, template: '2*atan((_a_)/(1 + sqrt(1 - (_a_)^2)))' },
  acos: { arity: 1, template: 'pi/2 - 2*atan((_a_)/(1 + sqrt(1 - (_a_)^2)))' },
  log10: { arity: 1, template: 'log(_a_)/log(10)' },
  log2: { arity: 1, template: 'log(_a_)/log(2)' },
  logb: { arity: 2, template: 'log(_a_)/log(_b_)' },
  max: { arity: 2, template: '((_a_) + (_b_) + abs((_a_) - (_b_)))/2' },
  min: { arity: 2, template: '((_a_) + (_b_) - abs((_a_) - (_b_)))/2' },
  relu: { arity: 1, template: '((_a_) + abs(_a_))/2' },
  sign: {
    arity: 1,
    template: '(_a_)/abs(_a_)',
    note: 'sign(x) is read as x/abs(x), which is undefined at x = 0 (sign(0) itself is read as 0)',
  },
};

/** Other spellings of the same functions. */
export const READ_ALIASES: Readonly<Record<string, string>> = {
  arcsin: 'asin',
  arccos: 'acos',
  sgn: 'sign',
  lg: 'log10',
  lb: 'log2',
  logistic: 'sigmoid',
};

const compiled = new Map<string, Expr>();

/** `name(args)` read as its expression, or undefined when `name` is not in the table. */
export function readFunction(name: string, args: readonly Expr[]): Expr | undefined {
  const key = READ_ALIASES[name] ?? name;
  const spec = READ_AS[key];
  if (!spec) return undefined;
  if (key === 'sign' && args[0]?.k === 'num' && args[0].v.isZero()) return args[0];
  let tree = compiled.get(key);
  if (!tree) compiled.set(key, (tree = parseAscii(spec.template)));
  const map = new Map<string, Expr>([['_a_', args[0]!]]);
  if (args[1]) map.set('_b_', args[1]);
  return substitute(tree, map);
}

/** What a reader needs besides the text; all optional. */
export interface ReadContext {
  /** Largest tree a line may become: `\sum` and `\prod` are refused before expanding past it. */
  maxNodes?: number;
  /** Readings that could mean something else are described here. */
  notes?: string[];
  /** Names declared as matrices or vectors, when the caller knows them (then only these have an inverse ^{-1}). */
  matrices?: ReadonlySet<string>;
  /** Names declared as scalars, when the caller knows them (a declared T makes x^T a power). */
  scalars?: ReadonlySet<string>;
}

/** `name(args)` read as ASCII text (for the mathjs tree), or undefined when `name` is not in the table. */
export function expandAscii(name: string, args: readonly string[]): string | undefined {
  const key = READ_ALIASES[name] ?? name;
  const spec = READ_AS[key];
  if (!spec) return undefined;
  if (args.length !== spec.arity) return undefined;
  if (key === 'sign' && args[0]!.replace(/[()\s]/g, '') === '0') return '0';
  return `(${spec.template.replace(/_a_/g, `(${args[0]})`).replace(/_b_/g, `(${args[1] ?? ''})`)})`;
}

/** Arity of a function read through the table (with aliases), or undefined. */
export function readArity(name: string): number | undefined {
  return READ_AS[READ_ALIASES[name] ?? name]?.arity;
}

/** Deepest bracket nesting a line may have; deeper input is refused before any parser recurses. */
export const MAX_NESTING = 60;

/** Refuse brackets nested past MAX_NESTING (any of ( [ { and \left), with the column of the first too deep. */
export function nestingProblem(text: string): { message: string; position: number } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_NESTING)
        return { message: `brackets nested more than ${MAX_NESTING} deep: split the step or name a part`, position: i + 1 };
    } else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}
