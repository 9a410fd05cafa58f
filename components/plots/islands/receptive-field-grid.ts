import { defineIsland, num } from '../island';
import { buildRf, rfReadout, rfSpec } from '../../../src/plots/receptive-field';

export const mount = defineIsland({
  setup(ctx) {
    for (const k of ['layers', 'unit']) ctx.listen(ctx.control(k), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const m = buildRf({ layers: num(ctx.control('layers')), unit: num(ctx.control('unit')) });
    ctx.draw('grid', (w, h) => rfSpec(m, w, h));
    ctx.readout(rfReadout(m));
  },
});
