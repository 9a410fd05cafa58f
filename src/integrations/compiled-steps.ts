import type { AstroIntegration } from 'astro';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ID = 'virtual:derivable-steps';
const RESOLVED = `\0${ID}`;
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The module's source, from `src/cli/compile-steps.ts` in its own process (tsx, like the verifier). */
function generate(): string {
  const r = spawnSync('tsx', ['src/cli/compile-steps.ts', root('src/derivations/js-runtime.ts')], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: { ...process.env, PATH: `node_modules/.bin:${process.env['PATH'] ?? ''}` },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`compiling the derivations' steps to JavaScript failed:\n${r.stderr || r.error?.message}`);
  return r.stdout;
}

/**
 * `virtual:derivable-steps`: every derivation's step expressions as plain
 * JavaScript functions (src/derivations/compile-js.ts), generated when the
 * site is bundled, so a plot island ships no expression parser: mathjs reads
 * the expressions at build time, in Node, and never reaches the browser.
 */
export function compiledSteps(): AstroIntegration {
  return {
    name: 'derivable:compiled-steps',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'derivable:compiled-steps',
                resolveId: (id) => (id === ID ? RESOLVED : undefined),
                load(id) {
                  if (id !== RESOLVED) return undefined;
                  // Regenerated when a derivation changes (astro dev).
                  this.addWatchFile(root('src/derivations'));
                  return generate();
                },
              },
            ],
          },
        });
      },
    },
  };
}
