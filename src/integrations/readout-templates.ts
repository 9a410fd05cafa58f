import type { AstroIntegration } from 'astro';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PREFIX = 'virtual:derivable-readouts/';
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

interface Generated {
  power: unknown;
  templates: Record<string, unknown>;
}

/** Every plot's readout templates, from `src/cli/readout-templates.ts` in its own process (tsx). */
function generate(): Generated {
  const r = spawnSync('tsx', ['src/cli/readout-templates.ts', '--json'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: { ...process.env, PATH: `node_modules/.bin:${process.env['PATH'] ?? ''}` },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`rendering the plots' readout templates failed:\n${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as Generated;
}

/**
 * `virtual:derivable-readouts/<plot>`: the KaTeX output of each readout of that plot with its
 * numbers cut out (src/plots/readout-template.ts), rendered when the site is bundled, so a plot
 * island fills in numbers and ships no KaTeX.
 */
export function readoutTemplates(): AstroIntegration {
  let generated: Generated | undefined;
  return {
    name: 'derivable:readout-templates',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'derivable:readout-templates',
                resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
                load(id) {
                  if (!id.startsWith(`\0${PREFIX}`)) return undefined;
                  const name = id.slice(PREFIX.length + 1);
                  // Regenerated when a plot or a derivation changes (astro dev).
                  this.addWatchFile(root('src/plots'));
                  this.addWatchFile(root('src/derivations'));
                  if (!generated || this.meta.watchMode) generated = generate();
                  const templates = generated.templates[name];
                  if (!templates) throw new Error(`${id}: no plot \`${name}\`; plots: ${Object.keys(generated.templates).join(', ')}`);
                  return `export const power = ${JSON.stringify(generated.power)};\nexport default ${JSON.stringify(templates)};\n`;
                },
              },
            ],
          },
        });
      },
    },
  };
}
