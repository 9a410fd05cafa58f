import { defineIsland, num } from '../island';
import { buildPca, PCA_DEFAULTS, pcaReadout, pcaSpec, type PcaView } from '../../../src/plots/pca-decorrelation';
import templates, { power } from 'virtual:derivable-readouts/pca-decorrelation';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['varX', 'varY', 'rho']) ctx.listen(ctx.control(k), 'input', () => ctx.request({ draftOnly: true }));
    for (const r of ctx.controls('view')) ctx.listen(r, 'change', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const view = (ctx.controls('view').find((r) => r.checked)?.value ?? 'original') as PcaView;
    const m = buildPca({
      ...PCA_DEFAULTS,
      varX: num(ctx.control('varX')),
      varY: num(ctx.control('varY')),
      rho: num(ctx.control('rho')),
      view,
    });
    ctx.draw('cloud', (w, h) => pcaSpec(m, w, h));
    ctx.readout(pcaReadout(m));
  },
});
