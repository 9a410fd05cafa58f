import { defineIsland, num } from '../island';
import { buildMlMap, densitySpec, ML_MAP_DEFAULTS, mlMapReadout, samplesSpec } from '../../../src/plots/ml-vs-map';
import templates, { power } from 'virtual:derivable-readouts/ml-vs-map-estimates';

const KEYS = ['v', 'sigma', 'n', 'mu0', 'sigma0'] as const;

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of KEYS) ctx.listen(ctx.control(k), 'input', () => ctx.request());
  },
  render(ctx, draft) {
    const p = { ...ML_MAP_DEFAULTS, grid: draft ? 24 : 150 };
    for (const k of KEYS) p[k] = num(ctx.control(k));
    const m = buildMlMap(p);
    ctx.draw('samples', (w, h) => samplesSpec(m, w, h));
    ctx.draw('densities', (w, h) => densitySpec(m, w, h));
    ctx.readout(mlMapReadout(m));
  },
});
