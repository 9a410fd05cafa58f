/**
 * `npm run check -- [--json] [FILE|-]`: check worked steps, one expression or
 * equation per line, each against the line before it. A blank line starts a
 * new chain; `assume x > 0, X n×p, y vector n` declares assumptions and matrices for the lines below it
 * (and random variables: `X ~ N(mu, s^2)`, `X, Y independent`, `X_i iid`); `L(w) = …` defines L for
 * the lines below; a line `= …` continues the one before it;
 * `#` starts a comment. Exit 0 when every checked line is verified, 1 when any
 * is refuted, unproven or in error, 2 on bad usage.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { check, describeResult, shutdown } from '../verify/index';
import type { CheckResult, EquationWarning, Relation, VariableDecl } from '../verify/index';
import { parseAssumptions } from '../verify/assume';
import { readDefinition, startsAnew } from '../verify/definitions';

export interface LineReport {
  line: number;
  input: string;
  status: CheckResult['status'] | 'given';
  method: string | null;
  relation: string | null;
  counterexample: unknown;
  message: string;
  ms: number;
  /** A ⇒ equation step that gains a solution: it follows, but the new line has an extraneous solution. */
  warning?: EquationWarning;
}

export interface ChainReport {
  lines: LineReport[];
}

interface RawLine {
  line: number;
  text: string;
  /** The declarations in force on this line: every `assume` line above it in its chain. */
  decls: VariableDecl[];
  /** Why an `assume` line could not be read. */
  message?: string;
}

const USAGE = 'usage: npm run check -- [--json] [FILE|-]   (no FILE or "-" reads standard input)';

/** Largest notepad read, in bytes: past it the CLI refuses rather than reading on (`/dev/zero` never ends). */
export const MAX_INPUT_BYTES = 1024 * 1024;

class UsageError extends Error {}

/** Split the text into chains of numbered lines, with their assumptions. */
export function splitChains(text: string): { decls: VariableDecl[]; lines: RawLine[]; assumeErrors: RawLine[] }[] {
  const chains: { decls: VariableDecl[]; lines: RawLine[]; assumeErrors: RawLine[] }[] = [];
  let cur: (typeof chains)[number] | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const body = raw.replace(/#.*$/, '').trim();
    if (body === '') {
      if (raw.trim() === '' && cur) cur = undefined; // a blank line ends the chain; a comment line does not
      return;
    }
    cur ??= (chains.push({ decls: [], lines: [], assumeErrors: [] }), chains[chains.length - 1]!);
    // An `assume` line declares for the lines below it, anywhere in a chain, as in the browser.
    const m = /^assume\s+(.*)$/i.exec(body);
    if (m) {
      const decls = cur.decls.map((d) => ({ ...d }));
      const problem = parseAssumptionsInto(m[1]!, decls);
      if (problem) cur.assumeErrors.push({ line: i + 1, text: body, message: problem, decls: cur.decls });
      else cur.decls = decls;
      return;
    }
    cur.lines.push({ line: i + 1, text: body, decls: cur.decls });
  });
  return chains;
}

/** Add the declarations in `text` to `decls`; the reason when a part cannot be read. */
function parseAssumptionsInto(text: string, decls: VariableDecl[]): string | undefined {
  const r = parseAssumptions(text);
  if (!r.ok) return r.message;
  for (const v of r.variables) {
    const i = decls.findIndex((d) => d.name === v.name);
    if (i < 0) decls.push(v);
    else decls[i] = { ...decls[i]!, ...v, assumptions: [...new Set([...(decls[i]!.assumptions ?? []), ...(v.assumptions ?? [])])] };
  }
  return undefined;
}

/**
 * `equal` relates two expressions, and two equations (or an equation and an
 * expression) by their solution sets: the engine decides which after parsing,
 * inside its time-limited worker. The CLI never parses a line itself.
 */
const RELATION: Relation = { kind: 'equal' };

/** Is the first line of a chain readable? Asked of the worker (a line against itself, few points), never parsed here. */
async function readable(
  text: string,
  decls: VariableDecl[],
  definitions: string[] = [],
): Promise<{ ok: true } | { ok: false; message: string }> {
  const r = await check({
    prev: text,
    next: text,
    relation: RELATION,
    variables: decls,
    ...(definitions.length ? { definitions } : {}),
    options: { samples: 5, symbolicLimitMs: 0, matrixInstances: 2 },
  });
  if (r.status === 'error') return { ok: false, message: r.message.replace(/^(new|previous) line: /, '') };
  if (r.status === 'unproven' && r.reason.startsWith('timed out'))
    return { ok: false, message: `could not be read within the time limit (${r.reason})` };
  return { ok: true };
}

/** The reader's notes on a line that could mean something else (which reading was taken), after the verdict. */
function withNotes(message: string, r: CheckResult): string {
  return r.notes?.length ? `${message} (${r.notes.join('; ')})` : message;
}

export async function checkText(text: string): Promise<ChainReport[]> {
  const out: ChainReport[] = [];
  for (const chain of splitChains(text)) {
    const lines: LineReport[] = [];
    for (const bad of chain.assumeErrors) {
      lines.push({
        line: bad.line,
        input: bad.text,
        status: 'error',
        method: null,
        relation: null,
        counterexample: null,
        message: `could not read the assumption: ${bad.message}`,
        ms: 0,
      });
    }
    for (let i = 0; i < chain.lines.length; i++) {
      const cur = chain.lines[i]!;
      const above = chain.lines
        .slice(0, i)
        .map((l) => l.text)
        .filter((t) => readDefinition(t));
      if (i === 0 || startsAnew(cur.text, above)) {
        const p = await readable(cur.text, cur.decls, above);
        lines.push({
          line: cur.line,
          input: cur.text,
          status: p.ok ? 'given' : 'error',
          method: null,
          relation: null,
          counterexample: null,
          message: p.ok
            ? i === 0
              ? 'starting line'
              : readDefinition(cur.text)
                ? `starting line: defines ${readDefinition(cur.text)!.name}`
                : 'starting line: a derivative of a function defined above'
            : p.message,
          ms: 0,
        });
        continue;
      }
      const prev = chain.lines[i - 1]!;
      // functions defined above (`L(w) = …`) may be used on this line (src/verify/definitions.ts)
      const definitions = above;
      const r = await check({
        prev: prev.text,
        next: cur.text,
        relation: RELATION,
        variables: cur.decls,
        ...(definitions.length ? { definitions } : {}),
      });
      lines.push({
        line: cur.line,
        input: cur.text,
        status: r.status,
        method: r.status === 'verified' ? r.method : null,
        relation: (r.status === 'verified' || r.status === 'refuted') && r.relation ? r.relation : null,
        counterexample: r.status === 'refuted' ? r.counterexample : null,
        message: withNotes(describeResult(r), r),
        ms: r.ms,
        ...(r.status === 'verified' && r.warning ? { warning: r.warning } : {}),
      });
    }
    out.push({ lines: lines.sort((a, b) => a.line - b.line) });
  }
  return out;
}

const MARK: Record<LineReport['status'], string> = { verified: '✓', refuted: '✗', unproven: '?', error: '?', given: ' ' };

/**
 * Control characters (C0, DEL, C1) and bidirectional overrides shown as escapes, so a line
 * cannot move the cursor, clear the screen or reorder what the terminal shows.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(s: string): string {
  return s
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n');
}

export function formatHuman(chains: ChainReport[]): string {
  const rows: string[] = [];
  chains.forEach((c, k) => {
    if (k > 0) rows.push('');
    for (const l of c.lines) {
      // A step that gains a solution follows, but is marked as a warning, not a plain tick.
      const mark = l.warning ? '⚠' : MARK[l.status];
      rows.push(
        `${mark} ${String(l.line).padStart(3)}  ${escapeControls(l.input)}${l.status === 'given' ? '' : `\n        ${escapeControls(l.message)}`}`,
      );
    }
  });
  return rows.join('\n');
}

export function exitCode(chains: ChainReport[]): 0 | 1 {
  return chains.every((c) => c.lines.every((l) => l.status === 'verified' || l.status === 'given')) ? 0 : 1;
}

function parseArgs(argv: readonly string[]): { json: boolean; file: string } {
  let json = false;
  let file: string | undefined;
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '-h' || a === '--help') throw new UsageError(USAGE);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else if (file !== undefined) throw new UsageError(`only one FILE is accepted\n${USAGE}`);
    else file = a;
  }
  return { json, file: file ?? '-' };
}

class InputError extends Error {}

const TOO_LARGE = `the input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split the notepad into smaller files`;

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = Buffer.from(chunk as Buffer);
    size += b.length;
    if (size > MAX_INPUT_BYTES) throw new InputError(TOO_LARGE);
    parts.push(b);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** A regular file of at most MAX_INPUT_BYTES; devices, FIFOs and directories are refused before reading. */
function readFileCapped(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError('not a regular file (devices, pipes and directories are not read; use "-" for standard input)');
    if (st.size > MAX_INPUT_BYTES) throw new InputError(TOO_LARGE);
    const buf = Buffer.alloc(MAX_INPUT_BYTES + 1);
    let n = 0;
    for (let r = 1; r > 0 && n <= MAX_INPUT_BYTES; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    if (n > MAX_INPUT_BYTES) throw new InputError(TOO_LARGE);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The CLI as a function (tests call it directly). Returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: { json: boolean; file: string };
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`${(e as Error).message}\n`);
    return 2;
  }
  let text: string;
  try {
    text = args.file === '-' ? await readStdin(io.stdin) : readFileCapped(args.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what = e instanceof InputError ? e.message : code === 'ENOENT' ? 'no such file' : (e as Error).message;
    io.stderr(`cannot read ${escapeControls(args.file === '-' ? 'standard input' : args.file)}: ${what}\n${USAGE}\n`);
    return 2;
  }
  const chains = await checkText(text);
  io.stdout(args.json ? `${JSON.stringify({ chains })}\n` : `${formatHuman(chains)}\n`);
  if (chains.length === 0) {
    io.stderr('nothing to check: the notepad has no lines (only blank lines or comments)\n');
    return 1;
  }
  return exitCode(chains);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
  await shutdown();
  process.exitCode = code;
}
