import { defineIsland, num } from '../island';
import { BACKPROP_DEFAULTS, backpropReadout, buildBackprop, graphSpec } from '../../../src/plots/backpropagation';
import templates, { power } from 'virtual:derivable-readouts/backprop-graph';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['x1', 'x2']) ctx.listen(ctx.control(k), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const m = buildBackprop({ ...BACKPROP_DEFAULTS, x1: num(ctx.control('x1')), x2: num(ctx.control('x2')) });
    ctx.draw('graph', (w, h) => graphSpec(m, w, h));
    ctx.readout(backpropReadout(m));
  },
});
