/**
 * `npm run check -- [--json] [FILE|-]`: check worked steps, one expression or
 * equation per line, each against the line before it. A blank line starts a
 * new chain; `assume x > 0, X n×p, y vector n` at the top of a chain declares assumptions and matrices;
 * `#` starts a comment. Exit 0 when every checked line is verified, 1 when any
 * is refuted, unproven or in error, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { check, describeResult, parseLine, shutdown } from '../verify/index';
import type { CheckResult, Relation, VariableDecl } from '../verify/index';
import { parseAssumptions } from '../verify/assume';

export interface LineReport {
  line: number;
  input: string;
  status: CheckResult['status'] | 'given';
  method: string | null;
  relation: string | null;
  counterexample: unknown;
  message: string;
  ms: number;
}

export interface ChainReport {
  lines: LineReport[];
}

interface RawLine {
  line: number;
  text: string;
  /** Why an `assume` line could not be read. */
  message?: string;
}

const USAGE = 'usage: npm run check -- [--json] [FILE|-]   (no FILE or "-" reads standard input)';

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
    const m = /^assume\s+(.*)$/i.exec(body);
    if (m && cur.lines.length === 0) {
      const problem = parseAssumptionsInto(m[1]!, cur.decls);
      if (problem) cur.assumeErrors.push({ line: i + 1, text: body, message: problem });
      return;
    }
    cur.lines.push({ line: i + 1, text: body });
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

function relationFor(prev: string, next: string): Relation {
  const eq = (s: string) => {
    const p = parseLine(s);
    return p.ok && p.line.kind === 'equation';
  };
  return eq(prev) || eq(next) ? { kind: 'equation' } : { kind: 'equal' };
}

/** The reader's notes on a line that could mean something else (which reading was taken), after the verdict. */
function withNotes(message: string, text: string): string {
  const p = parseLine(text);
  return p.ok && p.notes?.length ? `${message} (${p.notes.join('; ')})` : message;
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
      if (i === 0) {
        const p = parseLine(cur.text);
        lines.push({
          line: cur.line,
          input: cur.text,
          status: p.ok ? 'given' : 'error',
          method: null,
          relation: null,
          counterexample: null,
          message: p.ok ? 'starting line' : p.message,
          ms: 0,
        });
        continue;
      }
      const prev = chain.lines[i - 1]!;
      const r = await check({ prev: prev.text, next: cur.text, relation: relationFor(prev.text, cur.text), variables: chain.decls });
      lines.push({
        line: cur.line,
        input: cur.text,
        status: r.status,
        method: r.status === 'verified' ? r.method : null,
        relation: (r.status === 'verified' || r.status === 'refuted') && r.relation ? r.relation : null,
        counterexample: r.status === 'refuted' ? r.counterexample : null,
        message: withNotes(describeResult(r), cur.text),
        ms: r.ms,
      });
    }
    out.push({ lines });
  }
  return out;
}

const MARK: Record<LineReport['status'], string> = { verified: '✓', refuted: '✗', unproven: '?', error: '?', given: ' ' };

export function formatHuman(chains: ChainReport[]): string {
  const rows: string[] = [];
  chains.forEach((c, k) => {
    if (k > 0) rows.push('');
    for (const l of c.lines)
      rows.push(`${MARK[l.status]} ${String(l.line).padStart(3)}  ${l.input}${l.status === 'given' ? '' : `\n        ${l.message}`}`);
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

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stdin) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts).toString('utf8');
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
    text = args.file === '-' ? await readStdin(io.stdin) : readFileSync(args.file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`cannot read ${args.file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const chains = await checkText(text);
  io.stdout(args.json ? `${JSON.stringify({ chains })}\n` : `${formatHuman(chains)}\n`);
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
