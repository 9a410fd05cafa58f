import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { REPORT_FILE } from '../derivations/report-file';

const COMMAND = 'tsx';
const ARGS = ['src/cli/verify.ts', '--quiet', '--out', REPORT_FILE];
const OPTIONS: SpawnOptions = {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, PATH: `node_modules/.bin:${process.env['PATH'] ?? ''}` },
};
const FAILED = 'Derivations failed verification (details above); the build stops before rendering any page.';

type Outcome = { ok: true; ms: number } | { ok: false; error: string };

/** The verifier's command line; tests put a stand-in here. */
export interface VerifierCommand {
  command: string;
  args: readonly string[];
  /** The report it writes, deleted before a build starts it. */
  report: string;
}
const VERIFIER: VerifierCommand = { command: COMMAND, args: ARGS, report: REPORT_FILE };

/** Runs the verifier in its own process; resolves (never rejects) when it exits. */
function verifyInBackground({ command, args }: VerifierCommand): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, [...args], OPTIONS);
    child.on('error', (e) => resolve({ ok: false, error: `Could not start the verifier: ${e.message}` }));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve({ ok: true, ms: performance.now() - t0 });
      else resolve({ ok: false, error: signal ? `The verifier was stopped (${signal}).` : FAILED });
    });
  });
}

const done = (logger: AstroIntegrationLogger, ms: number) => logger.info(`every derivation verified in ${(ms / 1000).toFixed(1)} s`);

/**
 * Verify every derivation before Astro renders a page: a step that is not
 * verified, or a listed mistake that is not refuted, stops the build. Runs
 * `src/cli/verify.ts` in its own process (same code as `npm run verify`;
 * the engine's worker threads cannot start from Vite's bundle) and leaves
 * the verdicts in REPORT_FILE for the pages to show.
 *
 * In a build the verifier runs while Vite bundles, and a Vite `buildApp`
 * hook waits for it just before Astro's static generation (Astro's own
 * generation step is a later `buildApp` post hook), so the pages never read
 * a report that is missing or from an earlier run: the old one is deleted
 * first. In dev it runs to completion before the server starts.
 */
export function verifyDerivations(verifier: VerifierCommand = VERIFIER): AstroIntegration {
  return {
    name: 'derivable:verify',
    hooks: {
      'astro:config:setup': ({ command, logger, updateConfig }) => {
        if (command === 'dev') {
          const t0 = performance.now();
          const run = spawnSync(verifier.command, [...verifier.args], OPTIONS);
          if (run.error) throw new Error(`Could not start the verifier: ${run.error.message}`);
          if (run.status !== 0) throw new Error(FAILED);
          done(logger, performance.now() - t0);
          return;
        }
        if (command !== 'build') return;
        rmSync(verifier.report, { force: true });
        const pending = verifyInBackground(verifier);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'derivable:await-verification',
                buildApp: {
                  order: 'post',
                  async handler() {
                    const outcome = await pending;
                    if (!outcome.ok) throw new Error(outcome.error);
                    done(logger, outcome.ms);
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
