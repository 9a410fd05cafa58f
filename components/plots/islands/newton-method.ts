import { defineIsland, num, type Chart } from '../island';
import {
  buildNewton,
  CASES,
  errorSpec,
  functionSpec,
  NEWTON_DEFAULTS,
  newtonReadout,
  type NewtonCase,
} from '../../../src/plots/newton-method';
import templates, { power } from 'virtual:derivable-readouts/newton-method';

let chart: Chart | undefined;

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    const x0 = ctx.control('x0');
    const out = ctx.root.querySelector<HTMLOutputElement>('[data-output="x0"]')!;
    for (const r of ctx.controls('fn')) {
      ctx.listen(r, 'change', () => {
        const s = CASES[r.value as NewtonCase].start;
        x0.min = String(s.min);
        x0.max = String(s.max);
        x0.value = String(s.value);
        out.value = x0.value;
        ctx.request({ draftOnly: true });
      });
    }
    ctx.listen(x0, 'input', () => ctx.request({ draftOnly: true }));
    const panel = ctx.panel('function');
    ctx.listen(panel, 'click', (e: MouseEvent) => {
      if (!chart) return;
      const r = panel.getBoundingClientRect();
      const x = chart.scale('x')!.invert!(e.clientX - r.left) as number;
      const v = Math.min(Number(x0.max), Math.max(Number(x0.min), x));
      x0.value = String(Math.round(v * 100) / 100);
      out.value = x0.value;
      ctx.request({ draftOnly: true });
    });
  },
  render(ctx) {
    const fn = (ctx.controls('fn').find((r) => r.checked)?.value ?? NEWTON_DEFAULTS.fn) as NewtonCase;
    const m = buildNewton({ ...NEWTON_DEFAULTS, fn, x0: num(ctx.control('x0')) });
    chart = ctx.draw('function', (w, h) => functionSpec(m, w, h));
    ctx.draw('error', (w, h) => errorSpec(m, w, h));
    ctx.readout(newtonReadout(m));
  },
  teardown() {
    chart = undefined;
  },
});
