import { defineIsland, num } from '../island';
import { betaReadout, betaSpec, buildBeta } from '../../../src/plots/conjugate-priors';
import templates, { power } from 'virtual:derivable-readouts/conjugate-priors-beta';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const c of ['alpha', 'beta', 'k', 'n']) ctx.listen(ctx.control(c), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const m = buildBeta({
      alpha: num(ctx.control('alpha')),
      beta: num(ctx.control('beta')),
      k: num(ctx.control('k')),
      n: num(ctx.control('n')),
    });
    ctx.draw('densities', (w, h) => betaSpec(m, w, h));
    ctx.readout(betaReadout(m));
  },
});
