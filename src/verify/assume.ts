/**
 * The text after `assume` (scratchpad, practice and `npm run check`): scalar
 * assumptions and matrix or vector declarations, comma- or semicolon-separated.
 *
 *   assume s > 0, x >= 0, z != 0, n integer
 *   assume X n×p, beta vector p, A n×n symmetric, Q 3x3 orthogonal
 *   assume X ~ N(mu, s^2), Y ~ Bernoulli(p), X, Y independent, Z_i iid
 *
 * Without a declaration a name is a real scalar, so `transpose(X)*X` and
 * `X*transpose(X)` are equal; declaring `X n×p` makes them matrices.
 */
import type { Assumption, Family, VariableDecl } from './types';

type Structure = NonNullable<VariableDecl['structure']>;
export type AssumeResult = { ok: true; variables: VariableDecl[] } | { ok: false; message: string };

/** Largest numeric dimension accepted (the engine instantiates matrices of this size). */
export const MAX_DIMENSION = 12;

const NAME = '([A-Za-z][A-Za-z0-9_]*)';
const DIM = '([1-9][0-9]*|[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)';
const BY = '\\s*(?:×|x|\\*|by)\\s*';
const STRUCTURE = '(symmetric|spd|positive[- ]definite|orthogonal|diagonal|full[- ]column[- ]rank)';
const SCALAR_SIGN = new RegExp(`^${NAME}\\s*(>|>=|≥|!=|≠|<>)\\s*0$`);
const SCALAR_WORD = new RegExp(`^${NAME}\\s+(?:is\\s+)?(?:an?\\s+)?(integer|real|positive|nonnegative|nonzero)$`, 'i');
/** `X n×p`, `X is a 3x2 matrix`, `X: matrix n by p`, with an optional structure. */
const MATRIX = new RegExp(
  `^${NAME}(?:\\s*:\\s*|\\s+is\\s+(?:an?\\s+)?|\\s+)(?:matrix\\s+)?${DIM}${BY}${DIM}(?:\\s+matrix)?(?:\\s*,?\\s+${STRUCTURE})?$`,
  'i',
);
/** `y vector n`, `y is a vector of length 3`, `y: vector n`. */
const VECTOR = new RegExp(`^${NAME}(?:\\s*:\\s*|\\s+is\\s+(?:an?\\s+)?|\\s+)(?:column\\s+)?vector\\s+(?:of\\s+length\\s+)?${DIM}$`, 'i');

/** `X ~ N(mu, s^2)`, `X_i ~ Bernoulli(p) iid`. */
const DISTRIBUTED = new RegExp(`^${NAME}\\s*(?:~|\\\\sim)\\s*([A-Za-z]+)\\s*\\((.*)\\)\\s*(iid|i\\.i\\.d\\.)?$`);
/** `X_i iid`, `X_i are iid`. */
const IID = new RegExp(`^${NAME}\\s+(?:are\\s+)?(?:iid|i\\.i\\.d\\.)$`, 'i');
/** `X, Y independent`, `X and Y are independent`. */
const RV_NAME =
  '\\b(?!(?:integer|real|positive|nonnegative|nonzero|symmetric|spd|orthogonal|diagonal|matrix|vector)\\b)[A-Za-z][A-Za-z0-9_]*';
const INDEPENDENT = new RegExp(`(${RV_NAME}(?:\\s*(?:,|\\band\\b)\\s*${RV_NAME})+)\\s+(?:are\\s+)?independent\\b`, 'gi');

const FAMILIES: Readonly<Record<string, Family>> = {
  n: 'normal',
  normal: 'normal',
  gaussian: 'normal',
  bernoulli: 'bernoulli',
  bern: 'bernoulli',
  binomial: 'binomial',
  bin: 'binomial',
  uniform: 'uniform',
  u: 'uniform',
  beta: 'beta',
  poisson: 'poisson',
  pois: 'poisson',
};
const ARITY: Readonly<Record<Family, number>> = { normal: 2, bernoulli: 1, binomial: 2, uniform: 2, beta: 2, poisson: 1 };
const FAMILY_HELP = 'N(mu, s^2) (mean, variance), Bernoulli(p), Binomial(n, p), Uniform(a, b), Beta(a, b), Poisson(lambda)';

/** Split at commas and semicolons outside brackets, except before a matrix structure word (`A 3x3, symmetric`). */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if ((c === ',' || c === ';') && depth === 0 && !STRUCTURE_NEXT.test(text.slice(i + 1))) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
const STRUCTURE_NEXT = /^\s*(?:symmetric|spd|positive[- ]definite|orthogonal|diagonal|full[- ]column[- ]rank)\b/i;

const HELP =
  'write X ~ N(mu, s^2), X, Y independent, X_i iid, x > 0, x >= 0, x != 0, "n integer", a matrix "X n×p" (or 3x2, optionally symmetric, spd, orthogonal, diagonal) or a vector "y vector n"';

function dimension(text: string): number | string | { error: string } {
  if (!/^[0-9]/.test(text)) return text;
  const n = Number(text);
  return n <= MAX_DIMENSION ? n : { error: `dimension ${text} is too large: at most ${MAX_DIMENSION}, or a name such as n` };
}

function structureOf(text: string | undefined): Structure | undefined {
  if (!text) return undefined;
  const t = text.toLowerCase().replace(/[- ]/g, '');
  if (t === 'positivedefinite') return 'spd';
  if (t === 'fullcolumnrank') return 'full-column-rank';
  return t as Structure;
}

/** Read the assumptions after `assume`; on failure the message names the part that could not be read. */
export function parseAssumptions(body: string): AssumeResult {
  const byName = new Map<string, VariableDecl & { assumptions: Assumption[] }>();
  const entry = (name: string) => {
    let d = byName.get(name);
    if (!d) byName.set(name, (d = { name, assumptions: [] }));
    return d;
  };
  // `X, Y independent` (names joined by commas): read first, since commas also separate parts
  const rest = body.replace(INDEPENDENT, (_m, names: string) => {
    for (const n of names.split(/\s*,\s*|\s+and\s+/)) entry(n.trim()).independent = true;
    return ';';
  });
  for (const raw of splitTopLevel(rest)) {
    const part = raw.trim();
    if (!part) continue;
    let k: RegExpExecArray | null;
    if ((k = DISTRIBUTED.exec(part))) {
      const family = FAMILIES[k[2]!.toLowerCase()];
      if (!family) return { ok: false, message: `"${part}": unknown distribution ${k[2]}: ${FAMILY_HELP}` };
      const params = splitTopLevel(k[3]!).map((x) => x.trim());
      if (params.length !== ARITY[family] || params.some((x) => !x))
        return { ok: false, message: `"${part}": ${k[2]} takes ${ARITY[family]} parameter${ARITY[family] > 1 ? 's' : ''}: ${FAMILY_HELP}` };
      const d = entry(k[1]!);
      d.distribution = { family, params };
      if (k[4]) d.independent = true;
    } else if ((k = IID.exec(part))) {
      entry(k[1]!).independent = true;
    } else if ((k = SCALAR_SIGN.exec(part))) {
      const d = entry(k[1]!);
      d.assumptions.push('real', k[2] === '>' ? 'positive' : k[2] === '>=' || k[2] === '≥' ? 'nonnegative' : 'nonzero');
    } else if ((k = SCALAR_WORD.exec(part))) {
      entry(k[1]!).assumptions.push('real', k[2]!.toLowerCase() as Assumption);
    } else if ((k = MATRIX.exec(part)) || (k = VECTOR.exec(part))) {
      const isVector = k.length === 3;
      const rows = dimension(k[2]!);
      const cols = isVector ? 1 : dimension(k[3]!);
      for (const d of [rows, cols]) if (typeof d === 'object') return { ok: false, message: `"${part}": ${d.error}` };
      const structure = isVector ? undefined : structureOf(k[4]);
      if (structure && structure !== 'full-column-rank' && rows !== cols) {
        return {
          ok: false,
          message: `"${part}": a ${structure === 'spd' ? 'positive definite' : structure} matrix is square, e.g. ${k[1]} n×n ${k[4]}`,
        };
      }
      const d = entry(k[1]!);
      d.shape = [rows as number | string, cols as number | string];
      if (structure) d.structure = structure;
    } else {
      return { ok: false, message: `cannot read "${part}": ${HELP}` };
    }
  }
  if (byName.size === 0) return { ok: false, message: 'expected assumptions after "assume", e.g. assume s > 0, X n×p' };
  return {
    ok: true,
    variables: [...byName.values()].map(({ assumptions, ...d }) =>
      assumptions.length ? { ...d, assumptions: [...new Set(assumptions)] } : d,
    ),
  };
}

/** How a declaration reads back to the user: `s: real, positive`, `X: n×p matrix, symmetric`. */
export function describeDeclaration(d: VariableDecl): string {
  const parts: string[] = [];
  if (d.shape) parts.push(d.shape[1] === 1 ? `vector of length ${d.shape[0]}` : `${d.shape[0]}×${d.shape[1]} matrix`);
  if (d.structure) parts.push(d.structure === 'spd' ? 'positive definite' : d.structure);
  if (d.distribution) parts.push(`random, ${d.distribution.family}(${d.distribution.params.join(', ')})`);
  if (d.independent) parts.push(d.distribution ? 'independent' : 'random, independent');
  parts.push(...(d.assumptions ?? []));
  return `${d.name}: ${parts.join(', ')}`;
}
