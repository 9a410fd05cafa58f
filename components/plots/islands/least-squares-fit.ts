import { defineIsland, type Chart } from '../island';
import {
  buildLeastSquares,
  fitSpec,
  initialPoints,
  leastSquaresReadout,
  lossSpec,
  X_DOMAIN,
  Y_DOMAIN,
  type Point,
} from '../../../src/plots/least-squares';
import { fmt } from '../../../src/plots/theme';
import templates, { power } from 'virtual:derivable-readouts/least-squares-fit';

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

let points: Point[] = initialPoints();
let chart: Chart | undefined;
let handles: HTMLButtonElement[] = [];
let layer: HTMLDivElement | undefined;

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    points = initialPoints();
    const panel = ctx.panel('fit');
    layer = document.createElement('div');
    layer.className = 'dv-handles';
    panel.append(layer);
    handles = points.map((_, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'dv-handle';
      b.dataset['index'] = String(i);
      b.setAttribute('aria-pressed', 'false');
      layer!.append(b);
      return b;
    });
    let dragging: { i: number; id: number } | undefined;
    const move = (i: number, x: number, y: number) => {
      points[i] = { x: clamp(x, X_DOMAIN), y: clamp(y, Y_DOMAIN) };
      ctx.request();
    };
    ctx.listen(layer, 'pointerdown', (e: PointerEvent) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('.dv-handle');
      if (!b) return;
      e.preventDefault();
      b.focus();
      b.setPointerCapture(e.pointerId);
      b.setAttribute('aria-pressed', 'true');
      dragging = { i: Number(b.dataset['index']), id: e.pointerId };
    });
    ctx.listen(layer, 'pointermove', (e: PointerEvent) => {
      if (!dragging || e.pointerId !== dragging.id || !chart) return;
      const r = panel.getBoundingClientRect();
      const x = chart.scale('x')!.invert!(e.clientX - r.left) as number;
      const y = chart.scale('y')!.invert!(e.clientY - r.top) as number;
      move(dragging.i, x, y);
    });
    const end = (e: PointerEvent) => {
      if (!dragging || e.pointerId !== dragging.id) return;
      handles[dragging.i]?.setAttribute('aria-pressed', 'false');
      dragging = undefined;
    };
    ctx.listen(layer, 'pointerup', end);
    ctx.listen(layer, 'pointercancel', end);
    ctx.listen(layer, 'keydown', (e: KeyboardEvent) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('.dv-handle');
      if (!b) return;
      const step = e.shiftKey ? 0.5 : 0.1;
      const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
      if (!d) return;
      e.preventDefault();
      const i = Number(b.dataset['index']);
      move(i, points[i]!.x + d[0]!, points[i]!.y + d[1]!);
    });
    ctx.listen(ctx.control('reset'), 'click', () => {
      points = initialPoints();
      ctx.request();
    });
  },
  render(ctx, draft) {
    const m = buildLeastSquares({ points, grid: draft ? 14 : 36 });
    chart = ctx.draw('fit', (w, h) => fitSpec(m, w, h));
    ctx.draw('loss', (w, h) => lossSpec(m, w, h));
    const sx = chart.scale('x')!;
    const sy = chart.scale('y')!;
    m.points.forEach((p, i) => {
      const b = handles[i]!;
      b.style.left = `${sx.apply(p.x)}px`;
      b.style.top = `${sy.apply(p.y)}px`;
      b.setAttribute('aria-label', `Point ${i + 1} at x ${fmt(p.x)}, y ${fmt(p.y)}; arrow keys move it`);
    });
    ctx.readout(leastSquaresReadout(m));
  },
  teardown() {
    layer?.remove();
    layer = undefined;
    handles = [];
    chart = undefined;
  },
});
