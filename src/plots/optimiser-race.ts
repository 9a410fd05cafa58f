/**
 * Five optimisers from one start: gradient descent, the heavy ball and
 * Nesterov at the constants their pages derive, RMSprop and Adam at a step
 * size the reader sets, on the ill-conditioned quadratic of the
 * gradient-descent page or on the curved valley of the adaptive-methods page.
 *
 * Every formula is a module's: the quadratic's gradient and loss gap
 * (gradient-descent), the valley and its gradient (adaptive-methods
 * `rosenbrock*`), the tuned constants (gradient-descent `best-step`, momentum
 * `best-step` and `best-sqrt-beta` through `tuned`), the heavy ball and
 * Nesterov's look-ahead (momentum), the moving averages, bias correction and
 * step (adaptive-methods `ema`, `bias-correction`, `adam-step`), and the
 * eigenvalues of the valley's Hessian at its minimum (pca `eig-plus`,
 * `eig-minus`). The Hessian itself is a central difference of the gradient.
 */
import * as Plot from '@observablehq/plot';
import adaptive from '../derivations/adaptive-methods';
import gd from '../derivations/gradient-descent';
import momentum from '../derivations/momentum';
import { column, compileBinding, compileStep, compileStepOf, toArray, toNumber, type Value } from '../derivations/evaluate';
import { bowl, contourOf, gdBestStep, GAP_FLOOR, gridExtent, START, OPTIMUM, X_DOMAIN, Y_DOMAIN } from './gradient-descent';
import { tuned } from './momentum';
import { colorKey, lossContours, lossPerIterationFrame, optimumMarker, startMarker } from './marks';
import { COLORS, LINE, PLOT_STYLE, texNumber } from './theme';

export type Landscape = 'quadratic' | 'valley';
export const LANDSCAPES: readonly Landscape[] = ['quadratic', 'valley'];
export const LANDSCAPE_LABELS: Record<Landscape, string> = { quadratic: 'quadratic bowl', valley: 'curved valley (non-convex)' };

export interface RaceParams {
  landscape: Landscape;
  /** Condition number of the quadratic (the valley has its own). */
  kappa: number;
  /** Step size of RMSprop and Adam. */
  alpha: number;
  steps: number;
  grid: number;
}

export const RACE_DEFAULTS: RaceParams = { landscape: 'quadratic', kappa: 50, alpha: 0.1, steps: 150, grid: 60 };

export const METHODS = ['Gradient descent', 'Heavy ball', 'Nesterov', 'RMSprop', 'Adam'] as const;
export type Method = (typeof METHODS)[number];
export const RACE_COLORS: Record<Method, string> = {
  'Gradient descent': COLORS.warn,
  'Heavy ball': COLORS.accent,
  Nesterov: COLORS.ok,
  RMSprop: COLORS.muted,
  Adam: COLORS.bad,
};

/** β₁ and β₂ as Adam's paper and the adaptive-methods page use them; RMSprop's average with 0.9. */
export const ADAM_BETAS = { b1: 0.9, b2: 0.999 } as const;
export const RMSPROP_BETA = 0.9;

const quadGradient = compileStep(gd, 'gradient');
const heavyBall = compileStep(momentum, 'heavy-ball');
const lookAhead = compileBinding(momentum, 'nesterov-recursion', 'y');
const valley = compileStep(adaptive, 'rosenbrock');
const valleyGrad1 = compileStep(adaptive, 'rosenbrock-gradient-1');
const valleyGrad2 = compileStep(adaptive, 'rosenbrock-gradient-2');
const ema = compileStep(adaptive, 'ema');
const correct = compileStep(adaptive, 'bias-correction');
const adamStep = compileStep(adaptive, 'adam-step');
// From the pca page by slug: this page needs two of its lines, not its prose.
const eigPlus = compileStepOf('pca-decorrelation', 'eig-plus', 'rhs');
const eigMinus = compileStepOf('pca-decorrelation', 'eig-minus', 'rhs');

type Pt = [number, number];

/** A landscape ready to run on: its gradient, its loss above the minimum, where to start and look. */
interface Surface {
  gradient(p: Pt): Pt;
  gap(p: Pt): number;
  lmin: number;
  lmax: number;
  start: Pt;
  optimum: Pt;
  x: [number, number];
  y: [number, number];
  contour: { width: number; height: number; values: number[]; thresholds: number[] };
  extent: { x: [number, number]; y: [number, number] };
}

const VALLEY_START: Pt = [-1, 1.5];
const VALLEY_MIN: Pt = [1, 1];
const VALLEY_X: [number, number] = [-1.6, 1.6];
const VALLEY_Y: [number, number] = [-0.6, 2.2];

const pad = (r: [number, number]): [number, number] => [r[0] - 0.05 * (r[1] - r[0]), r[1] + 0.05 * (r[1] - r[0])];

function quadraticSurface(kappa: number, grid: number): Surface {
  const bw = bowl(kappa);
  const gradient = (p: Pt): Pt => {
    const [[g1], [g2]] = toArray(quadGradient({ x: column(p), A: bw.A, b: bw.b })) as [[number], [number]];
    return [g1, g2];
  };
  return {
    gradient,
    gap: (p) => bw.gapsAt([{ x: p[0], y: p[1] }])[0]!,
    lmin: bw.lmin,
    lmax: bw.lmax,
    start: [START[0], START[1]],
    optimum: [OPTIMUM[0], OPTIMUM[1]],
    x: X_DOMAIN,
    y: Y_DOMAIN,
    contour: contourOf(bw, grid),
    extent: gridExtent(),
  };
}

function valleySurface(grid: number): Surface {
  const f = (p: Pt) => toNumber(valley({ x_1: p[0], x_2: p[1] }));
  const gradient = (p: Pt): Pt => [toNumber(valleyGrad1({ x_1: p[0], x_2: p[1] })), toNumber(valleyGrad2({ x_1: p[0], x_2: p[1] }))];
  // The Hessian at the minimum by central differences of the gradient (exact up to round-off: the gradient is a cubic).
  const h = 1e-4;
  const [m1, m2] = VALLEY_MIN;
  const d1 = [gradient([m1 + h, m2]), gradient([m1 - h, m2])];
  const d2 = [gradient([m1, m2 + h]), gradient([m1, m2 - h])];
  const a = (d1[0]![0] - d1[1]![0]) / (2 * h);
  const c = (d2[0]![1] - d2[1]![1]) / (2 * h);
  const b = ((d1[0]![1] - d1[1]![1]) / (2 * h) + (d2[0]![0] - d2[1]![0]) / (2 * h)) / 2;
  const extent = { x: pad(VALLEY_X), y: pad(VALLEY_Y) };
  const values: number[] = [];
  for (let j = 0; j < grid; j++) {
    const y = extent.y[0] + ((j + 0.5) * (extent.y[1] - extent.y[0])) / grid;
    for (let i = 0; i < grid; i++) values.push(f([extent.x[0] + ((i + 0.5) * (extent.x[1] - extent.x[0])) / grid, y]));
  }
  return {
    gradient,
    gap: f,
    lmin: toNumber(eigMinus({ a, b, c })),
    lmax: toNumber(eigPlus({ a, b, c })),
    start: VALLEY_START,
    optimum: VALLEY_MIN,
    x: VALLEY_X,
    y: VALLEY_Y,
    contour: { width: grid, height: grid, values, thresholds: [0.05, 0.2, 0.5, 1, 2, 4, 8, 16, 32] },
    extent,
  };
}

/** One optimiser: from its state and the gradient at the current point, the next point. */
type Stepper = (x: Pt, prev: Pt, t: number) => Pt;

const scalar = (v: Value) => toNumber(v);

function steppers(s: Surface, alpha: number): Record<Method, Stepper> {
  const gdEta = gdBestStep(s.lmin, s.lmax);
  const hb = tuned('heavy-ball', s.lmax / s.lmin);
  const nag = tuned('nesterov', s.lmax / s.lmin);
  // `tuned` takes κ on the gradient-descent page's scale (λ_max = 10); rescale its step to this λ_max.
  const scale = 10 / s.lmax;
  const rms: Pt = [0, 0];
  const m: Pt = [0, 0];
  const v: Pt = [0, 0];
  return {
    'Gradient descent': (x) => {
      const g = s.gradient(x);
      return [x[0] - gdEta * g[0], x[1] - gdEta * g[1]];
    },
    'Heavy ball': (x, prev) => {
      const g = s.gradient(x);
      return [0, 1].map((i) => scalar(heavyBall({ u: x[i]!, up: prev[i]!, g: g[i]!, eta: hb.eta * scale, beta: hb.beta }))) as Pt;
    },
    Nesterov: (x, prev) => {
      const y = [0, 1].map((i) => scalar(lookAhead({ u: x[i]!, up: prev[i]!, beta: nag.beta }))) as Pt;
      const g = s.gradient(y);
      return [y[0] - nag.eta * scale * g[0], y[1] - nag.eta * scale * g[1]];
    },
    RMSprop: (x) => {
      const g = s.gradient(x);
      return [0, 1].map((i) => {
        rms[i] = scalar(ema({ b1: RMSPROP_BETA, mp: rms[i]!, g: g[i]! * g[i]! }));
        return rms[i] > 0 ? x[i]! - scalar(adamStep({ eta: alpha, m: g[i]!, s: rms[i] })) : x[i]!;
      }) as Pt;
    },
    Adam: (x, _prev, t) => {
      const g = s.gradient(x);
      return [0, 1].map((i) => {
        m[i] = scalar(ema({ b1: ADAM_BETAS.b1, mp: m[i]!, g: g[i]! }));
        v[i] = scalar(ema({ b1: ADAM_BETAS.b2, mp: v[i]!, g: g[i]! * g[i]! }));
        const mh = scalar(correct({ m: m[i]!, b1: ADAM_BETAS.b1, t }));
        const vh = scalar(correct({ m: v[i]!, b1: ADAM_BETAS.b2, t }));
        return vh > 0 ? x[i]! - scalar(adamStep({ eta: alpha, m: mh, s: vh })) : x[i]!;
      }) as Pt;
    },
  };
}

const BLOW_UP = 1e6;

export interface RaceModel {
  params: RaceParams;
  lmin: number;
  lmax: number;
  /** The constants the classical methods run with. */
  constants: { gdEta: number; hb: { eta: number; beta: number }; nag: { eta: number; beta: number } };
  paths: { method: Method; k: number; x: number; y: number }[];
  losses: { method: Method; k: number; gap: number }[];
  /** Loss above the minimum after the last step, per method (Infinity once a run blew up). */
  final: Record<Method, number>;
  surface: Pick<Surface, 'start' | 'optimum' | 'x' | 'y' | 'contour' | 'extent'>;
}

export function buildRace(params: RaceParams): RaceModel {
  const s = params.landscape === 'quadratic' ? quadraticSurface(params.kappa, params.grid) : valleySurface(params.grid);
  const steps = steppers(s, params.alpha);
  const paths: RaceModel['paths'] = [];
  const losses: RaceModel['losses'] = [];
  const final = {} as Record<Method, number>;
  for (const method of METHODS) {
    let x: Pt = [...s.start];
    let prev: Pt = [...s.start];
    let last = Infinity;
    for (let k = 0; k <= params.steps; k++) {
      const finite = Number.isFinite(x[0]) && Number.isFinite(x[1]) && Math.hypot(x[0], x[1]) < BLOW_UP;
      if (!finite) {
        last = Infinity;
        break;
      }
      paths.push({ method, k, x: x[0], y: x[1] });
      last = s.gap(x);
      losses.push({ method, k, gap: Math.max(GAP_FLOOR, last) });
      const next = steps[method](x, prev, k + 1);
      prev = x;
      x = next;
    }
    final[method] = last;
  }
  const scale = 10 / s.lmax;
  const hb = tuned('heavy-ball', s.lmax / s.lmin);
  const nag = tuned('nesterov', s.lmax / s.lmin);
  return {
    params,
    lmin: s.lmin,
    lmax: s.lmax,
    constants: {
      gdEta: gdBestStep(s.lmin, s.lmax),
      hb: { eta: hb.eta * scale, beta: hb.beta },
      nag: { eta: nag.eta * scale, beta: nag.beta },
    },
    paths,
    losses,
    final,
    surface: { start: s.start, optimum: s.optimum, x: s.x, y: s.y, contour: s.contour, extent: s.extent },
  };
}

export function racePathSpec(m: RaceModel, width: number, height: number): Plot.PlotOptions {
  const { surface: sf } = m;
  const far = 10 * Math.max(sf.x[1] - sf.x[0], sf.y[1] - sf.y[0]);
  const shown = m.paths.filter((p) => Math.abs(p.x) < far && Math.abs(p.y) < far);
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: 30,
    marginLeft: 44,
    marginBottom: 44,
    x: { domain: sf.x, label: 'x₁', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: sf.y, label: 'x₂', labelAnchor: 'top', labelArrow: 'none' },
    color: { domain: [...METHODS], range: METHODS.map((k) => RACE_COLORS[k]) },
    clip: true,
    marks: [
      lossContours({ ...sf.contour, ...sf.extent }, sf.contour.thresholds, { strokeOpacity: 0.7, strokeWidth: 1.5 }),
      Plot.line(shown, { x: 'x', y: 'y', z: 'method', stroke: 'method', strokeWidth: LINE, ariaDescription: 'paths' }),
      Plot.dot(shown, { x: 'x', y: 'y', fill: 'method', r: 2.5, ariaDescription: 'iterates' }),
      ...startMarker(sf.start),
      ...optimumMarker(sf.optimum),
      Plot.frame({ stroke: COLORS.rule }),
    ],
  };
}

export function raceLossSpec(m: RaceModel, width: number, height: number): Plot.PlotOptions {
  const top = Math.max(...m.losses.map((l) => l.gap)) * 10;
  return {
    ...lossPerIterationFrame(width, height, m.params.steps, GAP_FLOOR, Math.min(top, 1e8), 'f − f* (log scale)'),
    color: { domain: [...METHODS], range: METHODS.map((k) => RACE_COLORS[k]) },
    clip: true,
    marks: [
      Plot.line(m.losses, { x: 'k', y: 'gap', z: 'method', stroke: 'method', strokeWidth: LINE, ariaDescription: 'loss per iteration' }),
      ...colorKey(RACE_COLORS),
    ],
  };
}

const value = (x: number) => (Number.isFinite(x) ? texNumber(x, 2) : String.raw`\infty`);

export function raceReadout(m: RaceModel): string {
  const f = m.final;
  const where =
    m.params.landscape === 'quadratic'
      ? String.raw`\kappa = ${texNumber(m.lmax / m.lmin)}`
      : String.raw`\text{valley: } \kappa(\nabla^2 f(x^\star)) = ${texNumber(m.lmax / m.lmin)}`;
  return String.raw`\begin{gathered} ${where},\ \ f - f^\star \text{ after } ${m.params.steps} \text{ steps:} \\ \text{GD } ${value(f['Gradient descent'])},\ \text{heavy ball } ${value(f['Heavy ball'])} \\ \text{Nesterov } ${value(f.Nesterov)} \\ \text{RMSprop } ${value(f.RMSprop)},\ \text{Adam } ${value(f.Adam)} \end{gathered}`;
}
