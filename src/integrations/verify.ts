import type { AstroIntegration } from 'astro';
import { spawnSync } from 'node:child_process';
import { REPORT_FILE } from '../derivations/report-file';

/**
 * Verify every derivation before Astro renders a page: a step that is not
 * verified, or a listed mistake that is not refuted, stops the build here.
 * Runs `src/cli/verify.ts` in its own process (same code as `npm run
 * verify`) and leaves the verdicts in REPORT_FILE for the pages to show.
 */
export function verifyDerivations(): AstroIntegration {
  return {
    name: 'derivable:verify',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build' && command !== 'dev') return;
        const t0 = performance.now();
        const run = spawnSync('tsx', ['src/cli/verify.ts', '--quiet', '--out', REPORT_FILE], {
          stdio: 'inherit',
          shell: process.platform === 'win32',
          env: { ...process.env, PATH: `node_modules/.bin:${process.env['PATH'] ?? ''}` },
        });
        if (run.error) throw new Error(`Could not start the verifier: ${run.error.message}`);
        if (run.status !== 0) {
          throw new Error('Derivations failed verification (details above); the build stops before rendering any page.');
        }
        logger.info(`every derivation verified in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      },
    },
  };
}
