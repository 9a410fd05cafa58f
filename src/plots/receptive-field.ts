/**
 * Receptive-field grid: the units of each layer of the worked example, placed
 * at the centre of their field in input coordinates, with the cone of units
 * that feed one output unit highlighted down to the input pixels. The cone is
 * the module's brute-force `trace`; the sizes printed are its `rf-recurrence`
 * and `jump-recurrence` steps.
 */
import * as Plot from '@observablehq/plot';
import rf from '../derivations/receptive-field';
import { EXAMPLE, trace, type Layer } from '../derivations/models/receptive-field';
import { compileStep, toNumber } from '../derivations/evaluate';
import { COLORS, PLOT_STYLE } from './theme';

const rfStep = compileStep(rf, 'rf-recurrence');
const jumpStep = compileStep(rf, 'jump-recurrence');

export interface RfParams {
  /** How many layers of the example to stack (1..5). */
  layers: number;
  /** Which unit of the top layer to trace. */
  unit: number;
}

export const RF_DEFAULTS: RfParams = { layers: EXAMPLE.length, unit: 2 };

/** Input pixels drawn. */
const WIDTH = 32;

export interface RfModel {
  params: RfParams;
  stack: readonly Layer[];
  /** r_l and j_l for l = 0..L, by the recurrences. */
  r: number[];
  j: number[];
  units: { layer: number; x: number; v: number; lit: boolean }[];
  links: { x1: number; y1: number; x2: number; y2: number }[];
  /** First and last input pixel of the traced unit. */
  span: [number, number];
}

export function buildRf(params: RfParams): RfModel {
  const L = Math.max(1, Math.min(EXAMPLE.length, Math.round(params.layers)));
  const stack = EXAMPLE.slice(0, L);
  const r = [1];
  const j = [1];
  stack.forEach((ly, i) => {
    r.push(toNumber(rfStep({ r: r[i]!, k: ly.k, d: ly.d, j: j[i]! })));
    j.push(toNumber(jumpStep({ j: j[i]!, s: ly.s })));
  });
  const centre = (l: number, v: number) => v * j[l]! + (r[l]! - 1) / 2;
  // Largest unit index whose field fits in the drawn input.
  const count = (l: number) => Math.max(0, Math.floor((WIDTH - r[l]!) / j[l]!) + 1);
  const unit = Math.max(0, Math.min(count(L) - 1, Math.round(params.unit)));
  const sets = trace(stack, unit).map((s) => new Set(s));
  const units: RfModel['units'] = [];
  for (let l = 0; l <= L; l++) {
    for (let v = 0; v < count(l); v++) units.push({ layer: l, x: centre(l, v), v, lit: sets[l]!.has(v) });
  }
  const links: RfModel['links'] = [];
  for (let l = L; l >= 1; l--) {
    const { k, s, d } = stack[l - 1]!;
    for (const v of sets[l]!)
      for (let t = 0; t < k; t++) links.push({ x1: centre(l, v), y1: l, x2: centre(l - 1, v * s + t * d), y2: l - 1 });
  }
  const input = [...sets[0]!];
  return { params: { layers: L, unit }, stack, r, j, units, links, span: [Math.min(...input), Math.max(...input)] };
}

const layerName = (ly: Layer) => `${ly.kind} ${ly.k}${ly.s > 1 ? `, stride ${ly.s}` : ''}${ly.d > 1 ? `, dilation ${ly.d}` : ''}`;
/** The same on a phone: "conv3", "pool2 s2", "conv3 d2". */
const shortName = (ly: Layer) => `${ly.kind}${ly.k}${ly.s > 1 ? ` s${ly.s}` : ''}${ly.d > 1 ? ` d${ly.d}` : ''}`;

export function rfSpec(m: RfModel, width: number, height: number): Plot.PlotOptions {
  const L = m.stack.length;
  const narrow = width < 560;
  const labels = ['input', ...m.stack.map(narrow ? shortName : layerName)];
  const marginLeft = narrow ? 84 : 150;
  // Dots no wider than about 40% of a pixel's width, so neighbours never touch.
  const dot = Math.max(2, Math.min(5, (0.4 * (width - marginLeft - 16)) / WIDTH));
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft,
    marginRight: 16,
    marginBottom: 40,
    x: { domain: [-0.5, WIDTH - 0.5], label: 'input pixel', labelAnchor: 'right', labelArrow: 'none' },
    y: {
      domain: [-0.5, L + 0.5],
      ticks: Array.from({ length: L + 1 }, (_, i) => i),
      tickFormat: (i: number) => labels[i] ?? '',
      label: null,
    },
    marks: [
      Plot.rectY([{ x1: m.span[0] - 0.5, x2: m.span[1] + 0.5 }], {
        x1: 'x1',
        x2: 'x2',
        y1: -0.45,
        y2: 0.45,
        fill: COLORS.accent,
        fillOpacity: 0.18,
      }),
      Plot.link(m.links, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: COLORS.accent, strokeOpacity: 0.55, strokeWidth: 1.5 }),
      Plot.dot(m.units, {
        x: 'x',
        y: 'layer',
        r: dot,
        fill: (d: { lit: boolean }) => (d.lit ? COLORS.accent : COLORS.surface),
        stroke: (d: { lit: boolean }) => (d.lit ? COLORS.accent : COLORS.muted),
        strokeWidth: 1.5,
      }),
    ],
  };
}

export function rfReadout(m: RfModel): string {
  const L = m.stack.length;
  const rs = m.r.slice(1).join(',\\ ');
  return String.raw`\begin{gathered} r_1,\dots,r_{${L}} = ${rs};\quad j_{${L}} = ${m.j[L]} \\ \text{traced: pixels } ${m.span[0]}\text{--}${m.span[1]}\ (${m.span[1] - m.span[0] + 1}) \end{gathered}`;
}
