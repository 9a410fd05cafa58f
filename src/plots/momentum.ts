/**
 * Momentum on the gradient-descent page's 2-D quadratic: the heavy ball or
 * Nesterov path against gradient descent at its own best step, and the loss
 * gap per iteration with each method's derived rate line.
 *
 * The heavy-ball iterate is the module's `heavy-ball` step (with the gradient
 * from the gradient-descent module); Nesterov's is its look-ahead `y` (the
 * binding of `nesterov-recursion`) followed by a gradient step there. A
 * mode's rate is the larger root, in modulus, of the characteristic equation
 * of its recursion, whose coefficients are read off the module's
 * `hb-mode-recursion` and `nesterov-recursion` lines.
 */
import * as Plot from '@observablehq/plot';
import momentum from '../derivations/momentum';
import gd from '../derivations/gradient-descent';
import { compileBinding, compileStep, toNumber, type Value } from '../derivations/evaluate';
import {
  bowl,
  contourOf,
  gdBestStep,
  gdRate,
  gdStep,
  GAP_FLOOR,
  gridExtent,
  rateLine,
  run,
  START,
  OPTIMUM,
  X_DOMAIN,
  Y_DOMAIN,
  type GdModel,
} from './gradient-descent';
import { colorKey, lossContours, lossPerIterationFrame, optimumMarker, startMarker } from './marks';
import { COLORS, LINE, PLOT_STYLE, THIN, texNumber } from './theme';

export type MomentumMethod = 'heavy-ball' | 'nesterov';
export const MOMENTUM_METHODS: readonly MomentumMethod[] = ['heavy-ball', 'nesterov'];
export const METHOD_LABELS: Record<MomentumMethod, string> = { 'heavy-ball': 'Heavy ball', nesterov: 'Nesterov' };

export interface MomentumParams {
  method: MomentumMethod;
  eta: number;
  beta: number;
  kappa: number;
  steps: number;
  grid: number;
}

const heavyBall = compileStep(momentum, 'heavy-ball');
const lookAhead = compileBinding(momentum, 'nesterov-recursion', 'y');
const hbMode = compileStep(momentum, 'hb-mode-recursion');
const nagMode = compileStep(momentum, 'nesterov-recursion');
const hbBestStep = compileStep(momentum, 'best-step');
const bestSqrtBeta = compileStep(momentum, 'best-sqrt-beta');
const gradient = compileStep(gd, 'gradient');

/** The tuned constants the page derives: heavy ball (η*, β*), Nesterov (1/λ_max, (√κ−1)/(√κ+1)). */
export function tuned(method: MomentumMethod, kappa: number): { eta: number; beta: number } {
  const { lmin, lmax } = bowl(kappa);
  const q = toNumber(bestSqrtBeta({ m: lmin, M: lmax }));
  if (method === 'heavy-ball') return { eta: toNumber(hbBestStep({ m: lmin, M: lmax })), beta: q * q };
  // (√κ − 1)/(√κ + 1) is the same number as √β* (step `best-rate-kappa`).
  return { eta: 1 / lmax, beta: q };
}

export const MOMENTUM_DEFAULTS: MomentumParams = { method: 'heavy-ball', ...tuned('heavy-ball', 50), kappa: 50, steps: 80, grid: 60 };

/** Largest modulus of the roots of z² − a z − c (the characteristic equation of c_{k+1} = a c_k + c c_{k−1}). */
export function spectralRadius(a: number, c: number): number {
  const disc = a * a + 4 * c;
  if (disc < 0) return Math.sqrt(-c);
  const r = Math.sqrt(disc);
  return Math.max(Math.abs((a + r) / 2), Math.abs((a - r) / 2));
}

/** A mode's rate under the chosen method: the recursion's coefficients are its values at (c_k, c_{k−1}) = (1, 0) and (0, 1). */
export function modeRate(method: MomentumMethod, eta: number, beta: number, lam: number): number {
  const line = method === 'heavy-ball' ? hbMode : nagMode;
  const a = toNumber(line({ u: 1, up: 0, eta, beta, lam }));
  const c = toNumber(line({ u: 0, up: 1, eta, beta, lam }));
  return spectralRadius(a, c);
}

export interface MomentumModel {
  params: MomentumParams;
  lmin: number;
  lmax: number;
  rho: number;
  gdEta: number;
  gdRho: number;
  paths: { method: string; k: number; x: number; y: number }[];
  losses: { method: string; k: number; gap: number }[];
  rates: { method: string; k: number; gap: number }[];
  contour: GdModel['contour'];
}

export function buildMomentum(params: MomentumParams): MomentumModel {
  const bw = bowl(params.kappa);
  const { eta, beta } = params;
  const next =
    params.method === 'heavy-ball'
      ? (x: Value, prev: Value) => heavyBall({ u: x, up: prev, g: gradient({ x, A: bw.A, b: bw.b }), eta, beta })
      : (x: Value, prev: Value) => gdStep(bw, lookAhead({ u: x, up: prev, beta }), eta);
  const mine = run(bw, params.steps, next);
  const gdEta = gdBestStep(bw.lmin, bw.lmax);
  const base = run(bw, params.steps, (x) => gdStep(bw, x, gdEta));
  const rho = Math.max(modeRate(params.method, eta, beta, bw.lmin), modeRate(params.method, eta, beta, bw.lmax));
  const gdRho = gdRate(gdEta, bw.lmin, bw.lmax);
  const label = METHOD_LABELS[params.method];
  const gd = 'Gradient descent (best η)';
  return {
    params,
    lmin: bw.lmin,
    lmax: bw.lmax,
    rho,
    gdEta,
    gdRho,
    paths: [...base.path.map((p) => ({ method: gd, ...p })), ...mine.path.map((p) => ({ method: label, ...p }))],
    losses: [...base.losses.map((p) => ({ method: gd, ...p })), ...mine.losses.map((p) => ({ method: label, ...p }))],
    rates: [
      ...rateLine(base.losses[0]!.gap, gdRho, params.steps).map((p) => ({ method: gd, ...p })),
      ...rateLine(mine.losses[0]!.gap, rho, params.steps).map((p) => ({ method: label, ...p })),
    ],
    contour: contourOf(bw, params.grid),
  };
}

function colorsOf(m: MomentumModel): Record<string, string> {
  return { 'Gradient descent (best η)': COLORS.warn, [METHOD_LABELS[m.params.method]]: COLORS.accent };
}

export function momentumPathSpec(m: MomentumModel, width: number, height: number): Plot.PlotOptions {
  const g = gridExtent();
  const c = m.contour;
  const colors = colorsOf(m);
  const shown = m.paths.filter((p) => Math.abs(p.x) < 50 && Math.abs(p.y) < 50);
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: 30,
    marginLeft: 44,
    marginBottom: 44,
    x: { domain: X_DOMAIN, label: 'x₁', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: Y_DOMAIN, label: 'x₂', labelAnchor: 'top', labelArrow: 'none' },
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    clip: true,
    marks: [
      lossContours({ ...c, ...g }, c.thresholds, { strokeOpacity: 0.7, strokeWidth: 1.5 }),
      Plot.line(shown, { x: 'x', y: 'y', z: 'method', stroke: 'method', strokeWidth: LINE, ariaDescription: 'paths' }),
      Plot.dot(shown, { x: 'x', y: 'y', fill: 'method', r: 3, ariaDescription: 'iterates' }),
      ...startMarker(START),
      ...optimumMarker(OPTIMUM),
      ...colorKey(colors, undefined, 'top-left'),
      Plot.frame({ stroke: COLORS.rule }),
    ],
  };
}

export function momentumLossSpec(m: MomentumModel, width: number, height: number): Plot.PlotOptions {
  const colors = colorsOf(m);
  const top = Math.max(...m.losses.map((l) => l.gap)) * 10;
  return {
    ...lossPerIterationFrame(width, height, m.params.steps, GAP_FLOOR, Math.min(top, 1e8), 'loss gap (log scale); dashed: derived rates'),
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    clip: true,
    marks: [
      Plot.line(m.rates, {
        x: 'k',
        y: 'gap',
        z: 'method',
        stroke: 'method',
        strokeWidth: THIN,
        strokeDasharray: '7 5',
        ariaDescription: 'derived rate lines',
      }),
      Plot.line(m.losses, {
        x: 'k',
        y: 'gap',
        z: 'method',
        stroke: 'method',
        strokeWidth: LINE,
        ariaDescription: 'loss gap per iteration',
      }),
      ...colorKey(colors),
    ],
  };
}

export function momentumReadout(m: MomentumModel): string {
  const t = tuned(m.params.method, m.params.kappa);
  const name = m.params.method === 'heavy-ball' ? String.raw`\text{heavy ball}` : String.raw`\text{Nesterov}`;
  const verdict = m.rho >= 1 ? String.raw`\ \text{(diverges)}` : '';
  return String.raw`\begin{gathered} \kappa = ${texNumber(m.params.kappa)}:\quad ${name}\ \text{tuned: } \eta = ${texNumber(t.eta)},\ \beta = ${texNumber(t.beta)} \\ \text{rate } \rho = ${texNumber(m.rho)}${verdict}\quad\text{vs gradient descent } \tfrac{\kappa - 1}{\kappa + 1} = ${texNumber(m.gdRho)} \end{gathered}`;
}
