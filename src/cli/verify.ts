/**
 * npm run verify [-- --json] [--quiet] [--out FILE] [slug ...]
 *
 * Verifies every step of every derivation (or the named ones) without
 * building the site. One line per step; exit 1 if any step is not verified
 * or any mistake is not refuted, 2 on bad usage. `--out` also writes the
 * full verdicts for the site build to read; `--quiet` prints only the
 * summary and the problems.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { derivations } from '../derivations/index';
import { domStatus, serializeReports, verifyDerivation, type DerivationReport } from '../derivations/verify';
import { shutdown } from '../verify/index';
import { cacheStats } from '../derivations/check-cache';

const USAGE = 'usage: npm run verify -- [--json] [--quiet] [--out FILE] [slug ...]';

function methodOf(r: DerivationReport['steps'][number]): string | null {
  const v = r.verdict;
  if (v.state === 'checked' && v.result.status === 'verified') return v.result.method;
  return null;
}

function statusOf(r: DerivationReport['steps'][number]): string {
  const v = r.verdict;
  if (v.state === 'checked') return v.result.status;
  return domStatus(v);
}

async function main(argv: string[]): Promise<number> {
  let json = false;
  let quiet = false;
  let outFile: string | undefined;
  const slugs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--quiet') quiet = true;
    else if (a === '--out') {
      outFile = argv[++i];
      if (!outFile) {
        console.error(`verify: --out needs a file name\n${USAGE}`);
        return 2;
      }
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('-')) {
      console.error(`verify: unknown option ${a}\n${USAGE}`);
      return 2;
    } else slugs.push(a);
  }
  for (const s of slugs) {
    if (!derivations.has(s)) {
      console.error(`verify: no derivation \`${s}\`; known: ${[...derivations.keys()].join(', ')}`);
      return 2;
    }
  }
  const chosen = slugs.length ? slugs.map((s) => derivations.get(s)!) : [...derivations.values()];
  const t0 = performance.now();
  // Every derivation's checks are issued at once (the engine spreads them over one worker per
  // core); printing waits for all of them and keeps the derivations' order.
  const reports: DerivationReport[] = await Promise.all(chosen.map((d) => verifyDerivation(d)));
  for (const report of reports) {
    const d = report.derivation;
    if (!json && !quiet) {
      console.log(`\n${d.slug} — ${d.title}`);
      for (const r of report.steps) {
        const v = r.verdict;
        const mark =
          v.state === 'given'
            ? '≔'
            : v.state === 'exempt'
              ? '?'
              : v.result.status === 'verified'
                ? '✓'
                : v.result.status === 'refuted'
                  ? '✗'
                  : '?';
        const what = v.state === 'given' ? v.kind : v.state === 'exempt' ? `not machine-checked: ${v.reason}` : v.label;
        console.log(
          `  ${mark} (${r.step.number}) ${r.step.id.padEnd(28)} ${r.step.justification.kind.padEnd(12)} ${what}  ${r.ms.toFixed(0)} ms`,
        );
      }
      for (const m of report.mistakes) {
        const ok = m.result.status === 'refuted';
        console.log(`  ${ok ? '✗ refuted (as it should be)' : '! NOT refuted'} mistake ${m.mistake.id}: ${m.label}`);
      }
    }
  }
  const failures = reports.flatMap((r) => r.failures);
  const ms = performance.now() - t0;
  if (outFile) {
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, JSON.stringify(await serializeReports(reports)));
  }
  const checks = cacheStats.hits + cacheStats.misses;
  const cacheLine = `${checks} checks: ${cacheStats.hits} from the cache, ${cacheStats.misses} run${cacheStats.retried ? ` (${cacheStats.retried} re-run with larger time budgets)` : ''}`;
  if (json) {
    const out = {
      cache: { checks, hits: cacheStats.hits, misses: cacheStats.misses, retried: cacheStats.retried },
      derivations: reports.map((r) => ({
        slug: r.derivation.slug,
        steps: r.steps.map((s) => ({
          id: s.step.id,
          kind: s.step.justification.kind,
          status: statusOf(s),
          method: methodOf(s),
          expr: s.step.expr,
          tex: s.step.tex,
          ms: Math.round(s.ms * 10) / 10,
          ...(s.verdict.state === 'exempt' ? { reason: s.verdict.reason } : {}),
        })),
        mistakes: r.mistakes.map((m) => ({
          id: m.mistake.id,
          status: m.result.status,
          expr: m.mistake.expr,
          ms: Math.round(m.ms * 10) / 10,
        })),
      })),
    };
    console.log(JSON.stringify(out, null, 2));
    console.error(cacheLine);
  } else {
    const steps = reports.flatMap((r) => r.steps);
    const verified = steps.filter((s) => statusOf(s) === 'verified').length;
    const given = steps.filter((s) => s.verdict.state === 'given').length;
    console.log(
      `\n${reports.length} derivations, ${steps.length} steps: ${verified} verified, ${given} given, ${steps.length - verified - given} other; ${reports.reduce((n, r) => n + r.mistakes.length, 0)} mistakes; ${(ms / 1000).toFixed(1)} s`,
    );
    console.log(cacheLine);
    const agreeing = reports.reduce((n, r) => n + (r.tex?.agreeing ?? 0), 0);
    const listed = reports.reduce((n, r) => n + (r.tex?.allowListed.length ?? 0), 0);
    console.log(
      `displayed TeX = checked expr: ${agreeing} of ${steps.length} steps agree; ${listed} cannot be read yet and are on the allow-list (src/derivations/tex-allow-list.ts)`,
    );
    if (failures.length) console.error(`\n${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
  }
  return failures.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  async (code) => {
    await shutdown();
    process.exit(code);
  },
  (e: unknown) => {
    console.error(`verify: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
