/**
 * Build-time checks that a busy machine cannot change, and that are not
 * redone when nothing they depend on has changed. Node only (the build,
 * `npm run verify` and the tests); the browser calls the engine directly.
 *
 * Steady: the engine's budgets are wall-clock (`timeLimitMs`,
 * `symbolicLimitMs`, `rootsLimitMs`), so on a loaded machine a check can time
 * out, or fall back from a proof to numeric evidence, where an idle machine
 * would not. A verdict that a budget may have decided is checked again with
 * budgets 4× and then 16× larger before it is reported.
 *
 * Cached: each verdict is stored on disk under a key made of everything it
 * depends on: both lines, the relation (a simulation's trial function by its
 * source, plus the source of every derivation module, since a trial may read
 * module constants), the declared variables, the options, the engine's own
 * source and the versions of the libraries it uses. An entry that does not
 * parse, or whose key or shape does not match, is ignored and replaced.
 * Timed-out verdicts are never stored.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, resolveOptions } from '../verify/index';
import type { CheckInput, CheckResult, VerifyOptions } from '../verify/types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where entries live: `DERIVABLE_VERIFY_CACHE=<dir>` moves it, `=off` turns caching off. */
function cacheDir(): string | null {
  const env = process.env['DERIVABLE_VERIFY_CACHE'];
  if (env === 'off' || env === '0') return null;
  return env ? env : join(ROOT, 'node_modules', '.cache', 'derivable-verify');
}

/** Libraries whose behaviour a verdict depends on. */
const LIBRARIES = ['nerdamer-prime', 'mathjs', '@cortex-js/compute-engine'] as const;

function hashFiles(dir: string, filter: (name: string) => boolean): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (filter(e.name)) h.update(relative(ROOT, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}

const isSource = (name: string) => /\.(ts|js|mjs|json)$/.test(name) && !name.endsWith('.md');

let environment: { engine: string; libraries: Record<string, string>; derivations: string } | undefined;

/** What every verdict depends on besides its own input: computed once per process. */
function environmentKey(): NonNullable<typeof environment> {
  if (environment) return environment;
  const libraries: Record<string, string> = {};
  for (const lib of LIBRARIES) {
    try {
      libraries[lib] = (JSON.parse(readFileSync(join(ROOT, 'node_modules', lib, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      libraries[lib] = 'missing';
    }
  }
  environment = {
    engine: hashFiles(join(ROOT, 'src', 'verify'), isSource),
    libraries,
    derivations: hashFiles(join(ROOT, 'src', 'derivations'), isSource),
  };
  return environment;
}

/** The cache key of one check. Functions are keyed by their source, and then by every derivation module's source. */
export function cacheKey(input: CheckInput): string {
  const env = environmentKey();
  let hasFunction = false;
  const text = JSON.stringify(
    {
      prev: input.prev,
      next: input.next,
      relation: input.relation,
      variables: input.variables ?? [],
      conditions: input.conditions ?? [],
      options: resolveOptions(input.options),
      engine: env.engine,
      libraries: env.libraries,
    },
    (_k, v: unknown) => {
      if (typeof v !== 'function') return v;
      hasFunction = true;
      return `[function] ${String(v)}`;
    },
  );
  return createHash('sha256')
    .update(text)
    .update(hasFunction ? env.derivations : '')
    .digest('hex');
}

const STATUSES = new Set(['verified', 'refuted', 'unproven', 'error']);

interface Entry {
  key: string;
  result: CheckResult;
}

function read(dir: string, key: string): CheckResult | undefined {
  const file = join(dir, key.slice(0, 2), `${key}.json`);
  if (!existsSync(file)) return undefined;
  try {
    const e = JSON.parse(readFileSync(file, 'utf8')) as Partial<Entry>;
    const r = e.result as Partial<CheckResult> | undefined;
    if (e.key !== key || !r || typeof r !== 'object' || !STATUSES.has(String(r.status)) || typeof r.ms !== 'number') return undefined;
    // A verdict the clock decided is never trusted from disk, whoever wrote it.
    if (timedOut(r as CheckResult)) return undefined;
    return r as CheckResult;
  } catch {
    return undefined; // corrupt: ignored, and overwritten by the fresh verdict
  }
}

function write(dir: string, key: string, result: CheckResult): void {
  try {
    const folder = join(dir, key.slice(0, 2));
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${key}.json`);
    // Write then rename: a reader never sees half an entry, and two processes never mix theirs.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, result } satisfies Entry));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** The engine stopped on a clock: its own limit, or nerdamer's TIMEOUT escaping as a crash. */
const timedOut = (r: CheckResult) =>
  (r.status === 'unproven' && /^timed out/.test(r.reason)) ||
  (r.status === 'error' && /^engine (crashed|worker failed)|timeout/i.test(r.message));

/** A verdict that a wall-clock budget may have decided. */
export function budgetBound(r: CheckResult): boolean {
  return r.status === 'unproven' || timedOut(r) || (r.status === 'verified' && r.evidence.fellBackFrom !== undefined);
}

/** Budgets `factor` times larger (simulations keep theirs: a trial count bounds them). */
export function scaledOptions(options: Partial<VerifyOptions> | undefined, factor: number): Partial<VerifyOptions> {
  const o = resolveOptions(options);
  return {
    ...options,
    timeLimitMs: o.timeLimitMs * factor,
    symbolicLimitMs: o.symbolicLimitMs * factor,
    rootsLimitMs: o.rootsLimitMs * factor,
    normalFormLimitMs: o.normalFormLimitMs * factor,
  };
}

export const RETRY_FACTORS = [4, 16] as const;

/** Counts for the summary line of `npm run verify` and the build. */
export const cacheStats = { hits: 0, misses: 0, retried: 0 };

/** One check whose verdict a busy machine cannot change: retried with larger budgets when a budget may have decided it. */
export async function steadyCheck(input: CheckInput, run: (i: CheckInput) => Promise<CheckResult> = check): Promise<CheckResult> {
  let result = await run(input);
  for (const factor of RETRY_FACTORS) {
    if (!budgetBound(result)) break;
    cacheStats.retried++;
    const again = await run({ ...input, options: scaledOptions(input.options, factor) });
    // Keep the first result's time: `ms` reports the cost of the check, retries are the machine's.
    result = again;
  }
  return result;
}

/** `steadyCheck`, answered from the on-disk cache when nothing it depends on has changed. */
export async function cachedCheck(input: CheckInput, run: (i: CheckInput) => Promise<CheckResult> = check): Promise<CheckResult> {
  const dir = cacheDir();
  if (!dir) {
    cacheStats.misses++;
    return steadyCheck(input, run);
  }
  const key = cacheKey(input);
  const hit = read(dir, key);
  if (hit) {
    cacheStats.hits++;
    return hit;
  }
  cacheStats.misses++;
  const result = await steadyCheck(input, run);
  if (!timedOut(result)) write(dir, key, result);
  return result;
}
