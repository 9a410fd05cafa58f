import { defineIsland, num } from '../island';
import { buildClt, CLT_DEFAULTS, cltReadout, cltSpec } from '../../../src/plots/monte-carlo-clt';
import templates, { power } from 'virtual:derivable-readouts/clt-sample-mean';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    ctx.listen(ctx.control('n'), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const m = buildClt({ ...CLT_DEFAULTS, n: num(ctx.control('n')) });
    ctx.draw('means', (w, h) => cltSpec(m, w, h));
    ctx.readout(cltReadout(m));
  },
});
