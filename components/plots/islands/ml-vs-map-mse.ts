import { defineIsland, num } from '../island';
import { buildMse, gapSpec, MSE_DEFAULTS, mseReadout, mseSpec, type MseModel } from '../../../src/plots/ml-vs-map';
import templates, { power } from 'virtual:derivable-readouts/ml-vs-map-mse';

const KEYS = ['v', 'mu0', 'sigma0'] as const;
let model: MseModel | undefined;

/** The simulation takes a few hundred milliseconds, so it reruns once a slider rests, not on every step. */
export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    model = undefined;
    for (const k of KEYS) ctx.listen(ctx.control(k), 'input', () => ctx.request());
  },
  render(ctx, draft) {
    if (!draft || !model) {
      const p = { ...MSE_DEFAULTS };
      for (const k of KEYS) p[k] = num(ctx.control(k));
      model = buildMse(p);
    }
    const m = model;
    ctx.draw('mse', (w, h) => mseSpec(m, w, h));
    ctx.draw('gap', (w, h) => gapSpec(m, w, h));
    ctx.readout(mseReadout(m));
  },
});
