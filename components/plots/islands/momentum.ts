import { defineIsland, num } from '../island';
import {
  buildMomentum,
  MOMENTUM_DEFAULTS,
  momentumLossSpec,
  momentumPathSpec,
  momentumReadout,
  tuned,
  type MomentumMethod,
} from '../../../src/plots/momentum';
import templates, { power } from 'virtual:derivable-readouts/momentum';

/** Put a value on a range input's own grid and tell its listeners. */
function setRange(input: HTMLInputElement, value: number): void {
  const step = Number(input.step);
  input.value = String(Math.round(value / step) * step);
  input.dispatchEvent(new Event('input'));
}

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['eta', 'beta', 'kappa']) ctx.listen(ctx.control(k), 'input', () => ctx.request());
    const method = () => (ctx.controls('method').find((r) => r.checked)?.value ?? MOMENTUM_DEFAULTS.method) as MomentumMethod;
    const useTuned = () => {
      const t = tuned(method(), num(ctx.control('kappa')));
      setRange(ctx.control('eta'), t.eta);
      setRange(ctx.control('beta'), t.beta);
    };
    for (const r of ctx.controls('method')) ctx.listen(r, 'change', useTuned);
    ctx.listen(ctx.control('tuned'), 'click', useTuned);
  },
  render(ctx, draft) {
    const method = (ctx.controls('method').find((r) => r.checked)?.value ?? MOMENTUM_DEFAULTS.method) as MomentumMethod;
    const m = buildMomentum({
      ...MOMENTUM_DEFAULTS,
      method,
      eta: num(ctx.control('eta')),
      beta: num(ctx.control('beta')),
      kappa: num(ctx.control('kappa')),
      grid: draft ? 24 : MOMENTUM_DEFAULTS.grid,
    });
    ctx.draw('path', (w, h) => momentumPathSpec(m, w, h));
    ctx.draw('loss', (w, h) => momentumLossSpec(m, w, h));
    ctx.readout(momentumReadout(m));
  },
});
