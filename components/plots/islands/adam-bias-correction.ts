import { defineIsland, num } from '../island';
import { ADAM_DEFAULTS, adamReadout, buildAdam, momentsSpec, stepsSpec } from '../../../src/plots/adaptive-methods';
import templates, { power } from 'virtual:derivable-readouts/adam-bias-correction';

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['b1', 'b2', 'noise']) ctx.listen(ctx.control(k), 'input', () => ctx.request({ draftOnly: true }));
  },
  render(ctx) {
    const m = buildAdam({ ...ADAM_DEFAULTS, b1: num(ctx.control('b1')), b2: num(ctx.control('b2')), noise: num(ctx.control('noise')) });
    ctx.draw('moments', (w, h) => momentsSpec(m, w, h));
    ctx.draw('steps', (w, h) => stepsSpec(m, w, h));
    ctx.readout(adamReadout(m));
  },
});
