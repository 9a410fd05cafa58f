/**
 * For the modules `virtual:derivable-readouts/<plot>` (src/integrations/readout-templates.ts):
 * for every plot, the KaTeX template of each readout skeleton its states reach
 * (src/plots/readout-samples.ts), and the pieces of a power of ten, as JSON.
 * Run by the build in its own process: `tsx src/cli/readout-templates.ts --json`.
 */
import katex from 'katex';
import { compilePower, compileTemplate, skeletonOf, type Templates } from '../plots/readout-template';
import { PLOT_NAMES, readoutSamples } from '../plots/readout-samples';
import { READOUT_KATEX } from '../plots/readout-katex';

/** States drawn per plot: enough that a unit test drawing others finds every skeleton here. */
export const SAMPLES_PER_PLOT = 60;

export function buildTemplates(count = SAMPLES_PER_PLOT): { templates: Record<string, Templates>; power: ReturnType<typeof compilePower> } {
  const render = (tex: string) => katex.renderToString(tex, READOUT_KATEX);
  const templates: Record<string, Templates> = {};
  for (const name of PLOT_NAMES) {
    const own: Templates = {};
    for (const tex of readoutSamples(name, count, 1)) {
      const { skeleton } = skeletonOf(tex);
      if (skeleton in own) continue;
      const t = compileTemplate(skeleton, render);
      if (!t) throw new Error(`readout of plot \`${name}\`: KaTeX's output cannot be cut at its numbers:\n${tex}`);
      own[skeleton] = t;
    }
    templates[name] = own;
  }
  return { templates, power: compilePower(render) };
}

if (process.argv[2] === '--json') process.stdout.write(JSON.stringify(buildTemplates()));
