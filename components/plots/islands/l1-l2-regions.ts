import { defineIsland, num } from '../island';
import { buildReg, pathsSpec, regionsSpec, regReadout } from '../../../src/plots/l1-l2-regularization';
import templates, { power } from 'virtual:derivable-readouts/l1-l2-regions';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    ctx.listen(ctx.control('logLambda'), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx, draft) {
    const m = buildReg({ logLambda: num(ctx.control('logLambda')) }, draft ? 36 : 60);
    ctx.draw('regions', (w, h) => regionsSpec(m, w, h));
    ctx.draw('paths', (w, h) => pathsSpec(m, w, h));
    ctx.readout(regReadout(m));
  },
});
