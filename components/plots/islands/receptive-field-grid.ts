import { defineIsland, num } from '../island';
import { buildRf, rfReadout, rfSpec } from '../../../src/plots/receptive-field';
import templates, { power } from 'virtual:derivable-readouts/receptive-field-grid';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['layers', 'unit']) ctx.listen(ctx.control(k), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const m = buildRf({ layers: num(ctx.control('layers')), unit: num(ctx.control('unit')) });
    ctx.draw('grid', (w, h) => rfSpec(m, w, h));
    ctx.readout(rfReadout(m));
  },
});
