import { defineIsland, num } from '../island';
import { buildGd, gdReadout, GD_DEFAULTS, lossSpec, pathSpec } from '../../../src/plots/gradient-descent';
import templates, { power } from 'virtual:derivable-readouts/gradient-descent';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['eta', 'kappa']) ctx.listen(ctx.control(k), 'input', () => ctx.request());
    const eta = ctx.control('eta');
    ctx.listen(ctx.control('best'), 'click', () => {
      const m = buildGd({ ...GD_DEFAULTS, kappa: num(ctx.control('kappa')), steps: 0, grid: 1 });
      // The slider's own grid: the nearest value it can show.
      eta.value = String(Math.round(m.bestEta / Number(eta.step)) * Number(eta.step));
      eta.dispatchEvent(new Event('input'));
    });
  },
  render(ctx, draft) {
    const m = buildGd({
      ...GD_DEFAULTS,
      eta: num(ctx.control('eta')),
      kappa: num(ctx.control('kappa')),
      grid: draft ? 24 : GD_DEFAULTS.grid,
    });
    ctx.draw('path', (w, h) => pathSpec(m, w, h));
    ctx.draw('loss', (w, h) => lossSpec(m, w, h));
    ctx.readout(gdReadout(m));
  },
});
