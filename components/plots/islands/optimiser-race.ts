import { defineIsland, num } from '../island';
import {
  buildRace,
  raceLossSpec,
  racePathSpec,
  raceReadout,
  RACE_DEFAULTS,
  METHODS,
  RACE_COLORS,
  type Landscape,
  type RaceModel,
} from '../../../src/plots/optimiser-race';
import { surfaceFigure, type Palette } from '../../../src/plots/surface3d';
import type { Plotly } from '../plotly-3d';
import templates, { power } from 'virtual:derivable-readouts/optimiser-race';

/** The 3-D view: closed until the reader opens it, and plotly.js is fetched only then. */
let view: { box: HTMLDivElement; plotly?: Plotly; open: boolean } | undefined;
let last: RaceModel | undefined;

/** A CSS colour (a variable of the theme) as the browser resolves it, for WebGL. */
function resolve(root: HTMLElement, css: string): string {
  const probe = document.createElement('span');
  probe.style.color = css;
  probe.hidden = true;
  root.append(probe);
  const c = getComputedStyle(probe).color;
  probe.remove();
  return c;
}

function palette(root: HTMLElement): Palette {
  const series = Object.fromEntries(METHODS.map((m) => [m, resolve(root, RACE_COLORS[m])])) as Palette['series'];
  return {
    text: resolve(root, 'var(--text)'),
    muted: resolve(root, 'var(--muted)'),
    rule: resolve(root, 'var(--rule)'),
    low: resolve(root, 'var(--surface)'),
    high: resolve(root, 'var(--muted)'),
    font: getComputedStyle(root).getPropertyValue('--font-ui').trim() || 'sans-serif',
    series,
  };
}

// No mode bar: the view turns by dragging, and a double click puts the camera back.
const CONFIG = { displayModeBar: false, responsive: true };

async function draw3d(root: HTMLElement): Promise<void> {
  if (!view?.open || !view.plotly || !last) return;
  const { data, layout } = surfaceFigure(last, palette(root), view.box.clientWidth);
  await view.plotly.react(view.box, data, layout, CONFIG);
  root.dataset['view3d'] = 'ready';
}

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    for (const k of ['kappa', 'alpha']) ctx.listen(ctx.control(k), 'input', () => ctx.request());
    for (const r of ctx.controls('landscape')) ctx.listen(r, 'change', () => ctx.request());
    const button = ctx.control<HTMLButtonElement>('view3d');
    const box = document.createElement('div');
    box.className = 'dv-3d';
    box.id = `${ctx.root.closest('figure')?.id ?? 'plot'}-3d`;
    box.hidden = true;
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Loss surface in 3-D with the five paths; drag to turn it');
    ctx.root.querySelector('.dv-panels')!.after(box);
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', box.id);
    view = { box, open: false };
    const v = view;
    ctx.listen(button, 'click', () => {
      v.open = !v.open;
      box.hidden = !v.open;
      button.textContent = v.open ? 'Close the 3-D view' : 'Open the 3-D view';
      button.setAttribute('aria-expanded', String(v.open));
      if (!v.open) return;
      if (v.plotly) return void draw3d(ctx.root);
      ctx.root.dataset['view3d'] = 'loading';
      void import('../plotly-3d')
        .then(({ loadPlotly }) => loadPlotly())
        .then((plotly) => {
          v.plotly = plotly;
          return draw3d(ctx.root);
        })
        .catch((e: unknown) => {
          // No WebGL (or a failed download): say so in the view instead of leaving it blank.
          ctx.root.dataset['view3d'] = 'failed';
          const p = document.createElement('p');
          p.className = 'dv-placeholder';
          p.textContent = `The 3-D view could not be drawn here (${e instanceof Error ? e.message : String(e)}); it needs WebGL.`;
          box.replaceChildren(p);
        });
    });
  },
  render(ctx, draft) {
    const landscape = (ctx.controls('landscape').find((r) => r.checked)?.value ?? RACE_DEFAULTS.landscape) as Landscape;
    const m = buildRace({
      ...RACE_DEFAULTS,
      landscape,
      kappa: num(ctx.control('kappa')),
      alpha: num(ctx.control('alpha')),
      grid: draft ? 24 : RACE_DEFAULTS.grid,
    });
    last = m;
    ctx.draw('path', (w, h) => racePathSpec(m, w, h));
    ctx.draw('loss', (w, h) => raceLossSpec(m, w, h));
    ctx.readout(raceReadout(m));
    if (!draft) void draw3d(ctx.root);
  },
  teardown() {
    if (view?.plotly) view.plotly.purge(view.box);
    view?.box.remove();
    view = undefined;
    last = undefined;
  },
});
