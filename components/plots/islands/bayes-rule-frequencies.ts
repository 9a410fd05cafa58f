import { defineIsland, num } from '../island';
import { bayesReadout, bayesSpec, buildBayes } from '../../../src/plots/bayes-rule';
import templates, { power } from 'virtual:derivable-readouts/bayes-rule-frequencies';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['prevalence', 'sensitivity', 'falsePositive'])
      ctx.listen(ctx.control(k), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const m = buildBayes({
      prevalence: num(ctx.control('prevalence')),
      sensitivity: num(ctx.control('sensitivity')),
      falsePositive: num(ctx.control('falsePositive')),
    });
    ctx.draw('mosaic', (w, h) => bayesSpec(m, w, h));
    ctx.readout(bayesReadout(m));
  },
});
