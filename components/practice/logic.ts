/**
 * Pure helpers of practice mode and the scratchpad: no DOM, no engine import
 * (only its types), so node tests can call them and the reading page pays
 * nothing for them.
 */
import type { CheckResult, Counterexample, Relation, VariableDecl } from '../../src/verify/types';
import { parseAssumptions } from '../../src/verify/assume';

/** What the client needs of a derivation; embedded in the page as JSON, generated from the module. */
export interface PracticeStep {
  id: string;
  number: number;
  expr: string;
  tex: string;
  move: string;
  /** The move rendered at build time from the module (its `$TeX$` typeset); trusted, not input. */
  moveHtml: string;
  /** The step's justification when it is a checkable relation (not definition/assumption). */
  relation?: Relation;
  /** A starting line shown as the setup (leading definitions/assumptions). */
  start: boolean;
  /** A definition or assumption anywhere in the reference: it is not derived from an earlier step. */
  given: boolean;
}

export interface PracticeData {
  slug: string;
  title: string;
  steps: PracticeStep[];
  variables: VariableDecl[];
}

/** Longest line accepted in the browser before anything is parsed or rendered. */
export const MAX_LINE_LENGTH = 500;
/** Most lines in one chain, and chains in one scratchpad (share links included). */
export const MAX_LINES = 200;
export const MAX_CHAINS = 20;

/** A line's own explicit relation, written as a prefix: `d/dx: 3*x^2`. */
export interface Directive {
  relation?: Relation;
  /** The math after the prefix. */
  math: string;
  /** Column (0-based) where the math starts in the raw text, for error positions. */
  offset: number;
}

const DERIV = /^\s*d\s*\/\s*d\s*([A-Za-z][A-Za-z0-9_]*)\s*:\s*/;

export function parseDirective(text: string): Directive {
  const m = DERIV.exec(text);
  if (m) return { relation: { kind: 'derivative', wrt: m[1]! }, math: text.slice(m[0].length), offset: m[0].length };
  return { math: text, offset: 0 };
}

/** A top-level `=` (not `==`, `<=`, `>=`, `!=`), the same rule the engine uses to split equations. */
export function isEquation(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === '=' && depth === 0 && !'<>!='.includes(text[i - 1] ?? '') && text[i + 1] !== '=') return true;
  }
  return false;
}

/** Equation when either line is an equation, otherwise expression equality. */
export function chooseRelation(prev: string, next: string): Relation {
  return isEquation(prev) || isEquation(next) ? { kind: 'equation' } : { kind: 'equal' };
}

/** Does the relation say the two lines state the same thing (so a match with a reference step counts)? */
export function isSameContent(r: CheckResult): boolean {
  return r.status === 'verified' && (r.relation === undefined || r.relation === '⇔');
}

const FUNCTION_NAMES = new Set([
  'sqrt',
  'exp',
  'log',
  'ln',
  'sin',
  'cos',
  'tan',
  'transpose',
  'inv',
  'identity',
  'diff',
  'abs',
  'det',
  'trace',
  'pi',
  'e',
  'frac',
  'cdot',
  'left',
  'right',
  'mathrm',
  'operatorname',
  'top',
  'T',
]);

/** Identifiers a line mentions (rough: used only to skip reference steps that cannot match). */
export function identifiers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) if (!FUNCTION_NAMES.has(m[0])) out.add(m[0]);
  return out;
}

const MATRIX_FUNCTIONS = /\b(?:transpose|inv|det|trace)\s*\(/;

/**
 * A line that uses transpose, inv, det or trace on names none of which is
 * declared as a matrix: the engine reads them as real numbers (so XᵀX = XXᵀ
 * holds), which the verdict alone does not say.
 */
export function scalarMatrixHint(text: string, variables: readonly VariableDecl[]): string | undefined {
  if (!MATRIX_FUNCTIONS.test(text)) return undefined;
  const names = [...identifiers(text)];
  if (names.length === 0 || names.some((n) => variables.some((v) => v.name === n && v.shape))) return undefined;
  const one = names.length === 1;
  return `${names.join(', ')} ${one ? 'is a number' : 'are numbers'} here: to check matrix algebra, declare ${one ? 'it' : 'them'} first, e.g. assume ${names[0]} n×p`;
}

export function sameIdentifiers(a: string, b: string): boolean {
  const x = identifiers(a);
  const y = identifiers(b);
  return x.size === y.size && [...x].every((s) => y.has(s));
}

/**
 * `assume s > 0, n integer, X n×p, y vector n` → variable declarations, or a
 * message naming the bad part (the grammar: src/verify/assume.ts).
 */
export function parseAssume(text: string): { ok: true; variables: VariableDecl[] } | { ok: false; message: string } {
  const m = /^\s*assume\b:?(.*)$/i.exec(text);
  if (!m) return { ok: false, message: 'not an assume line' };
  const body = m[1]!.trim();
  if (!body) return { ok: false, message: 'expected assumptions after "assume", e.g. assume s > 0, x != 0, X n×p' };
  return parseAssumptions(body);
}

export const isAssumeLine = (text: string) => /^\s*assume\b/i.test(text);
export const isCommentLine = (text: string) => /^\s*#/.test(text);

/** What a limit cut from a notepad or a link: counts of what was dropped, none when nothing was. */
export interface Cut {
  /** Lines beyond MAX_LINES in a chain that was kept. */
  lines: number;
  /** Lines shortened to MAX_LINE_LENGTH characters. */
  shortened: number;
  /** Chains beyond MAX_CHAINS. */
  chains: number;
}

const noCut = (): Cut => ({ lines: 0, shortened: 0, chains: 0 });

/** Keep chains within the limits, counting what is dropped. */
export function limitChains(chains: readonly (readonly string[])[], cut: Cut = noCut(), maxChains = MAX_CHAINS): string[][] {
  const kept = chains.slice(0, maxChains);
  cut.chains += Math.max(0, chains.length - kept.length);
  return kept.map((c) => {
    if (c.length > MAX_LINES) cut.lines += c.length - MAX_LINES;
    return c.slice(0, MAX_LINES).map((l) => {
      if (l.length <= MAX_LINE_LENGTH) return l;
      cut.shortened++;
      return l.slice(0, MAX_LINE_LENGTH);
    });
  });
}

/**
 * `mine` with the chains of `theirs` it lacks added after it (a chain equal to
 * one of mine is not added again; empty chains are skipped), within MAX_CHAINS.
 */
export function mergeChains(mine: readonly string[][], theirs: readonly string[][]): { merged: string[][]; added: number } {
  const have = new Set(mine.map((c) => JSON.stringify(c)));
  const merged = mine.map((c) => [...c]);
  let added = 0;
  for (const c of theirs) {
    const k = JSON.stringify(c);
    if (merged.length >= MAX_CHAINS || have.has(k) || !c.some((l) => l.trim() !== '')) continue;
    merged.push([...c]);
    added++;
  }
  return { merged, added };
}

/** A sentence saying what a limit cut, or undefined when nothing was cut. */
export function describeCut(cut: Cut, what: string): string | undefined {
  const parts: string[] = [];
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  if (cut.chains) parts.push(`${n(cut.chains, 'chain', 'chains')} past the limit of ${MAX_CHAINS} chains left out`);
  if (cut.lines) parts.push(`${n(cut.lines, 'line', 'lines')} past the limit of ${MAX_LINES} lines a chain left out`);
  if (cut.shortened) parts.push(`${n(cut.shortened, 'line was', 'lines were')} cut to ${MAX_LINE_LENGTH} characters`);
  if (!parts.length) return undefined;
  return `${what} was too long for the scratchpad, and not all of it was kept: ${parts.join('; ')}.`;
}

/** A pasted notepad → chains of lines; a blank line starts a new chain. */
export function splitChains(text: string, cut: Cut = noCut(), maxChains = MAX_CHAINS): string[][] {
  const chains: string[][] = [[]];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      if (chains[chains.length - 1]!.length) chains.push([]);
    } else chains[chains.length - 1]!.push(line);
  }
  if (chains.length > 1 && chains[chains.length - 1]!.length === 0) chains.pop();
  return limitChains(chains, cut, maxChains);
}

// --- share links -----------------------------------------------------------

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link contains characters that are not base64url');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Most bytes a share link may inflate to. */
export const MAX_SHARE_BYTES = 1_000_000;
/** Longest share link payload (base64url characters) read at all. */
export const MAX_SHARE_CHARS = 100_000;

export class TooLarge extends Error {
  constructor(readonly seen: number) {
    super('the link expands to more than 1 MB of text');
  }
}

/**
 * Inflate `bytes` (deflate-raw), chunk by chunk, counting the output: past
 * `limit` bytes the stream is cancelled and TooLarge thrown, so a small link
 * that would inflate to 70 MB costs about `limit` bytes of work, not 70 MB.
 */
export async function inflateLimited(bytes: Uint8Array, limit = MAX_SHARE_BYTES): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      void reader.cancel().catch(() => undefined);
      throw new TooLarge(total);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Chains → URL hash (`#s=` + base64url of deflated JSON). */
export async function encodeShare(chains: readonly (readonly string[])[]): Promise<string> {
  const json = JSON.stringify({ v: 1, chains });
  const bytes = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return `#s=${toBase64Url(bytes)}`;
}

export type ShareDecode =
  | { ok: true; chains: string[][]; /** Present when a limit cut the link's chains: says what. */ truncated?: string }
  | { ok: false; message: string }
  | { ok: 'none' };

/**
 * URL hash → chains. Never throws: garbage gives a message to show as text.
 * `maxChains`: how many chains may still be added (the link's chains go beside the stored ones).
 */
export async function decodeShare(hash: string, maxChains = MAX_CHAINS): Promise<ShareDecode> {
  const m = /^#?s=(.*)$/s.exec(hash);
  if (!m) return { ok: 'none' };
  try {
    if (m[1]!.length > MAX_SHARE_CHARS) throw new Error('the link is too long');
    const bytes = await inflateLimited(fromBase64Url(m[1]!));
    const data: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const chains = (data as { chains?: unknown })?.chains;
    if (!Array.isArray(chains) || !chains.every((c) => Array.isArray(c) && c.every((l) => typeof l === 'string'))) {
      throw new Error('the link does not hold chains of lines');
    }
    const cut = noCut();
    const clean = limitChains(
      (chains as string[][]).map((c) => c.map((l) => l.replace(/[\r\n]/g, ' '))).filter((c) => c.length > 0),
      cut,
      maxChains,
    );
    if (clean.length === 0) throw new Error(maxChains > 0 ? 'the link holds no lines' : `the scratchpad already has ${MAX_CHAINS} chains`);
    const truncated = describeCut(cut, 'The share link');
    return truncated ? { ok: true, chains: clean, truncated } : { ok: true, chains: clean };
  } catch (e) {
    const why = e instanceof Error && /base64url|too long|1 MB|chains|no lines/.test(e.message) ? e.message : 'it is damaged or incomplete';
    return { ok: false, message: `This share link could not be read: ${why}.` };
  }
}

// --- verdict text ----------------------------------------------------------

const minusSign = (s: string) => s.replace(/(^|[\s(,=[])-(?=\d)/g, '$1−');

/**
 * A counterexample in one sentence with every variable listed:
 * "at a = 2, b = 1/2 your line gives 3, the line before gives 5/2".
 */
export function counterexampleSentence(c: Counterexample, mine = 'your line', before = 'the line before'): string {
  // An equation step that lost a solution: the engine's sentence, in this page's words.
  if (c.note) return minusSign(c.note.replace('the previous line', before).replace('the new one', mine));
  const values = Object.entries(c.values).map(([k, v]) => `${k} = ${minusSign(String(v))}`);
  const at = values.length ? `at ${values.join(', ')} ` : '';
  return `${at}${mine} gives ${minusSign(String(c.left))}, ${before} gives ${minusSign(String(c.right))}`;
}

export type LineStatus = 'verified' | 'refuted' | 'unproven' | 'error' | 'pending' | 'waiting' | 'start' | 'assume' | 'empty';

export const STATUS_ICON: Record<LineStatus, string> = {
  verified: '✓',
  refuted: '✗',
  unproven: '?',
  error: '!',
  pending: '…',
  waiting: '·',
  start: '•',
  assume: '≔',
  empty: '',
};

/**
 * A line still being typed: it ends in an operator, a comma, an opening bracket or a backslash,
 * or opens more brackets than it closes. Checking it would only answer "cannot read this line"
 * and keep the worker busy when the finished line arrives, so it waits the whole debounce.
 */
export function looksUnfinished(text: string): boolean {
  if (/[-+*/^=,([{\\_]\s*$/.test(text)) return true;
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth > 0;
}
