/**
 * Monte Carlo pi: seeded points in the unit square (hits in the quarter disc
 * coloured), and the running estimate 4 hits / n against pi with its 95%
 * band pi +- 1.96 sd, where sd is the module's `var-estimator` step. And the
 * CLT: the distribution of the mean of n Exponential(1) draws against its
 * normal approximation N(1, 1/n) (the `var-mean-simplified` step) and the
 * skewness 2/sqrt(n) (`skew-mean-simplified`).
 */
import * as Plot from '@observablehq/plot';
import mc from '../derivations/monte-carlo-clt';
import { compileStep, toNumber } from '../derivations/evaluate';
import { exponential, type Random } from '../derivations/models/monte-carlo-clt';
import { COLORS, LINE, PLOT_STYLE, texNumber } from './theme';
import { createRandom, linspace } from './util';

const varEstimator = compileStep(mc, 'var-estimator');
const varMean = compileStep(mc, 'var-mean-simplified');
const skewMean = compileStep(mc, 'skew-mean-simplified');

/** Points drawn in the square (the running estimate uses them all). */
const MAX_DRAWN = 3000;

export interface PiRun {
  n: number;
  hits: number;
  points: { x: number; y: number; hit: boolean }[];
  /** Running estimate at roughly log-spaced n. */
  history: { n: number; estimate: number }[];
}

export const emptyPiRun = (): PiRun => ({ n: 0, hits: 0, points: [], history: [] });

/** Throw `count` more points. */
export function throwPoints(run: PiRun, random: Random, count: number): PiRun {
  let { n, hits } = run;
  const points = [...run.points];
  const history = [...run.history];
  let next = history.length ? Math.ceil(history.at(-1)!.n * 1.03) + 1 : 1;
  for (let i = 0; i < count; i++) {
    const x = random();
    const y = random();
    const hit = x * x + y * y <= 1;
    n++;
    if (hit) hits++;
    if (points.length < MAX_DRAWN) points.push({ x, y, hit });
    if (n >= next || i === count - 1) {
      history.push({ n, estimate: (4 * hits) / n });
      next = Math.ceil(n * 1.03) + 1;
    }
  }
  return { n, hits, points, history };
}

/** sd of the estimator after n points, from the module's variance step. */
export const piSd = (n: number): number => Math.sqrt(toNumber(varEstimator({ n })));

export function squareSpec(run: PiRun, width: number, height: number): Plot.PlotOptions {
  const arc = linspace(0, Math.PI / 2, 90).map((t) => ({ x: Math.cos(t), y: Math.sin(t) }));
  const size = Math.min(width, height);
  return {
    width: size,
    height: size,
    style: PLOT_STYLE,
    marginLeft: 40,
    marginBottom: 36,
    marginTop: 12,
    marginRight: 12,
    x: { domain: [0, 1], label: null, ticks: 2 },
    y: { domain: [0, 1], label: null, ticks: 2 },
    marks: [
      Plot.frame({ stroke: COLORS.muted }),
      Plot.dot(run.points, { x: 'x', y: 'y', r: 1.6, fill: (d: { hit: boolean }) => (d.hit ? COLORS.accent : COLORS.bad), stroke: null }),
      Plot.line(arc, { x: 'x', y: 'y', stroke: COLORS.text, strokeWidth: 2 }),
    ],
  };
}

export function runningSpec(run: PiRun, width: number, height: number): Plot.PlotOptions {
  const maxN = Math.max(100, run.n);
  const ns = linspace(Math.log(5), Math.log(maxN), 80).map((l) => Math.exp(l));
  const band = ns.map((n) => ({ n, lo: Math.PI - 1.96 * piSd(n), hi: Math.PI + 1.96 * piSd(n) }));
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 52,
    marginBottom: 44,
    marginRight: 20,
    x: { type: 'log', domain: [1, maxN], label: 'points n', labelAnchor: 'right', labelArrow: 'none', ticks: 5, tickFormat: '~s' },
    y: { domain: [2.4, 3.9], label: 'estimate 4·hits/n', labelAnchor: 'top', labelArrow: 'none', grid: true },
    marks: [
      Plot.areaY(band, { x: 'n', y1: 'lo', y2: 'hi', fill: COLORS.accent, fillOpacity: 0.16, clip: true }),
      Plot.ruleY([Math.PI], { stroke: COLORS.text, strokeDasharray: '6 4', strokeWidth: 2 }),
      Plot.line(run.history, { x: 'n', y: 'estimate', stroke: COLORS.bad, strokeWidth: LINE, clip: true }),
    ],
  };
}

export function piReadout(run: PiRun): string {
  if (run.n === 0) return String.raw`\text{no points yet:}\ \ \mathrm{sd}(\hat\pi_n) = \sqrt{\pi(4 - \pi)/n}`;
  const est = (4 * run.hits) / run.n;
  return String.raw`\begin{gathered} n = ${run.n}:\ \ \hat\pi = 4\cdot\tfrac{${run.hits}}{${run.n}} = ${texNumber(est, 5)} \\ \text{error } ${texNumber(est - Math.PI, 2)},\ \ 1.96\,\mathrm{sd} = ${texNumber(1.96 * piSd(run.n), 2)} \end{gathered}`;
}

export interface CltParams {
  /** Sample size whose mean is taken. */
  n: number;
  /** Replications of the mean. */
  reps: number;
  seed: number;
}

export const CLT_DEFAULTS: CltParams = { n: 5, reps: 4000, seed: 11 };

export interface CltModel {
  params: CltParams;
  means: number[];
  normal: { x: number; density: number }[];
  /** Skewness of the mean: exact (2/sqrt n) and of the simulated means. */
  skewExact: number;
  skewSimulated: number;
}

export function buildClt(params: CltParams): CltModel {
  const n = Math.max(1, Math.round(params.n));
  const random = createRandom(params.seed);
  const means = Array.from({ length: params.reps }, () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += exponential(random);
    return s / n;
  });
  const variance = toNumber(varMean({ sigma: 1, n }));
  const sd = Math.sqrt(variance);
  const normal = linspace(Math.max(0, 1 - 4.5 * sd) - 0.2 * sd, 1 + 4.5 * sd, 160).map((x) => ({
    x,
    density: Math.exp(-((x - 1) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance),
  }));
  const m = means.reduce((a, b) => a + b, 0) / means.length;
  const m2 = means.reduce((a, b) => a + (b - m) ** 2, 0) / means.length;
  const m3 = means.reduce((a, b) => a + (b - m) ** 3, 0) / means.length;
  return { params: { ...params, n }, means, normal, skewExact: toNumber(skewMean({ k3: 2, sigma: 1, n })), skewSimulated: m3 / m2 ** 1.5 };
}

/** A density histogram: count / (total * bin width), so it is comparable with a density curve. */
export function histogram(values: readonly number[], lo: number, hi: number, bins: number): { x1: number; x2: number; density: number }[] {
  const w = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const i = Math.floor((v - lo) / w);
    if (i >= 0 && i < bins) counts[i]!++;
  }
  return counts.map((c, i) => ({ x1: lo + i * w, x2: lo + (i + 1) * w, density: c / (values.length * w) }));
}

export function cltSpec(m: CltModel, width: number, height: number): Plot.PlotOptions {
  const sd = 1 / Math.sqrt(m.params.n);
  const lo = Math.max(0, 1 - 4.5 * sd);
  const hi = 1 + 4.5 * sd;
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 52,
    marginBottom: 44,
    x: { domain: [lo, hi], label: `mean of n = ${m.params.n} Exponential(1) draws`, labelAnchor: 'right', labelArrow: 'none' },
    y: { label: 'density', labelAnchor: 'top', labelArrow: 'none', grid: true },
    marks: [
      Plot.rectY(histogram(m.means, lo, hi, 48), { x1: 'x1', x2: 'x2', y: 'density', fill: COLORS.accent, fillOpacity: 0.45, inset: 0.5 }),
      Plot.line(m.normal, { x: 'x', y: 'density', stroke: COLORS.bad, strokeWidth: LINE }),
      Plot.ruleX([1], { stroke: COLORS.text, strokeDasharray: '6 4' }),
    ],
  };
}

export function cltReadout(m: CltModel): string {
  return String.raw`\begin{gathered} n = ${m.params.n}:\ \ \text{skewness of } \bar X_n = \tfrac{2}{\sqrt n} = ${texNumber(m.skewExact, 3)} \\ (\text{simulated } ${texNumber(m.skewSimulated, 3)});\ \ \text{curve: } \mathcal N(1, \tfrac1n) \end{gathered}`;
}
