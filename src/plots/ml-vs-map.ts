/**
 * ML vs MAP for y_i = v t_i + e_i (epsilon_i on the page). The estimates are the module's
 * `ml-estimate` and `map-estimate` steps; the densities come from its
 * `log-likelihood-expanded`, `log-prior` and `log-posterior` steps; the grid
 * is placed using the posterior precision of `posterior-curvature`; the exact
 * MSE gap is `mse-gap-factored`.
 */
import * as Plot from '@observablehq/plot';
import type { Matrix } from '../derivations/evaluate';
import mlVsMap from '../derivations/ml-vs-map';
import { column, compileStep, linalg, toNumber } from '../derivations/evaluate';
import { colorKey } from './marks';
import { COLORS, LINE, PLOT_STYLE, THIN, texNumber } from './theme';
import { createGaussian, createRandom, linspace, normalise } from './util';

export interface MlMapParams {
  /** True speed. */
  v: number;
  /** Noise standard deviation. */
  sigma: number;
  /** Number of samples. */
  n: number;
  /** Prior mean and standard deviation. */
  mu0: number;
  sigma0: number;
  seed: number;
  /** Points on the density grid: few while a slider moves, many at rest. */
  grid: number;
}

export const ML_MAP_DEFAULTS: MlMapParams = { v: 1.5, sigma: 1, n: 5, mu0: 0, sigma0: 0.5, seed: 11, grid: 200 };
export const MAX_N = 50;

/** Sampling times t_i = i / 2 (seconds). */
export const times = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) / 2);

const mlEstimate = compileStep(mlVsMap, 'ml-estimate');
const mapEstimate = compileStep(mlVsMap, 'map-estimate');
const logLik = compileStep(mlVsMap, 'log-likelihood-expanded');
const logPrior = compileStep(mlVsMap, 'log-prior');
const logPost = compileStep(mlVsMap, 'log-posterior');
const curvature = compileStep(mlVsMap, 'posterior-curvature');
const mseGap = compileStep(mlVsMap, 'mse-gap-factored');

/**
 * Standard normal noise draws for a seed. Drawn once for MAX_N samples, so
 * moving the n slider adds samples instead of redrawing all of them.
 */
export function noise(seed: number, count = MAX_N): number[] {
  const g = createGaussian(createRandom(seed));
  return Array.from({ length: count }, () => g());
}

export interface MlMapModel {
  params: MlMapParams;
  samples: { t: number; y: number }[];
  ml: number;
  map: number;
  /** Standard deviations of the likelihood and the posterior over v (from their curvature). */
  sdLik: number;
  sdPost: number;
  densities: { v: number; density: number; curve: 'likelihood' | 'prior' | 'posterior' }[];
}

export function buildMlMap(params: MlMapParams): MlMapModel {
  const { v, sigma, n, mu0, sigma0, seed } = params;
  const ts = times(n);
  const e = noise(seed);
  const ys = ts.map((t, i) => v * t + sigma * e[i]!);
  const t = column(ts);
  const y = column(ys);
  const ml = toNumber(mlEstimate({ t, y }));
  const map = toNumber(mapEstimate({ t, y, sigma, sigma0, mu0 }));
  // Posterior precision is minus the curvature; with a flat prior (sigma0 -> oo) it is the likelihood's.
  const sdPost = 1 / Math.sqrt(-toNumber(curvature({ t, sigma, sigma0 })));
  const sdLik = 1 / Math.sqrt(-toNumber(curvature({ t, sigma, sigma0: Infinity })));

  const lo = Math.min(mu0 - 3.5 * sigma0, ml - 4 * sdLik, map - 4 * sdPost);
  const hi = Math.max(mu0 + 3.5 * sigma0, ml + 4 * sdLik, map + 4 * sdPost);
  const g = Math.max(8, Math.round(params.grid / 3));
  // Uniform over the whole range plus dense patches where the narrow curves live.
  const grid = [
    ...new Set([
      ...linspace(lo, hi, g),
      ...linspace(ml - 4 * sdLik, ml + 4 * sdLik, g),
      ...linspace(map - 4 * sdPost, map + 4 * sdPost, g),
    ]),
  ]
    .filter((x) => x >= lo && x <= hi)
    .sort((a, b) => a - b);

  // The log-evidence is a constant in v; the posterior is normalised on the grid below, so 0 will do.
  const scope = { t, y, sigma, sigma0, mu0, n, levidence: 0 };
  const ll = grid.map((vv) => toNumber(logLik({ ...scope, v: vv })));
  const lp = grid.map((vv) => toNumber(logPrior({ ...scope, v: vv })));
  const lq = grid.map((vv) => toNumber(logPost({ ...scope, v: vv })));
  // Likelihood and posterior are known up to a constant: exponentiate from their peak, then normalise on the grid.
  const dens = (ls: number[]) => {
    const top = Math.max(...ls);
    return normalise(
      grid,
      ls.map((l) => Math.exp(l - top)),
    );
  };
  const lik = dens(ll);
  const post = dens(lq);
  const prior = lp.map(Math.exp);
  const densities = grid.flatMap((vv, i) => [
    { v: vv, density: lik[i]!, curve: 'likelihood' as const },
    { v: vv, density: prior[i]!, curve: 'prior' as const },
    { v: vv, density: post[i]!, curve: 'posterior' as const },
  ]);
  return { params, samples: ts.map((tt, i) => ({ t: tt, y: ys[i]! })), ml, map, sdLik, sdPost, densities };
}

type Peak = MlMapModel['densities'][number];

/** Leftmost peak labelled on its left, rightmost on its right, the middle one just above. */
function labelPlacements(peaks: Peak[]): { at: Peak[]; options: Plot.TextOptions }[] {
  const [left, middle, right] = [...peaks].sort((a, b) => a.v - b.v);
  return [
    { at: [left!], options: { textAnchor: 'end', dx: -8, dy: -10 } },
    { at: [middle!], options: { lineAnchor: 'bottom', dy: -6 } },
    { at: [right!], options: { textAnchor: 'start', dx: 8, dy: -10 } },
  ];
}

export const CURVE_COLORS = { likelihood: COLORS.accent, prior: COLORS.muted, posterior: COLORS.bad } as const;

export function samplesSpec(m: MlMapModel, width: number, height: number): Plot.PlotOptions {
  const tEnd = Math.max(times(m.params.n).at(-1)!, 3);
  const lines = [
    { name: 'ML', v: m.ml, color: COLORS.accent, dash: undefined },
    { name: 'MAP', v: m.map, color: COLORS.bad, dash: undefined },
    { name: 'true v', v: m.params.v, color: COLORS.muted, dash: '6 4' },
  ];
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 48,
    marginBottom: 44,
    marginRight: 70,
    x: { domain: [0, tEnd], label: 't', labelAnchor: 'right', labelArrow: 'none' },
    y: { label: 'y', labelAnchor: 'top', labelArrow: 'none', grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      ...lines.map((l) =>
        Plot.line(
          [
            { t: 0, y: 0 },
            { t: tEnd, y: l.v * tEnd },
          ],
          {
            x: 't',
            y: 'y',
            stroke: l.color,
            strokeWidth: LINE,
            ...(l.dash ? { strokeDasharray: l.dash } : {}),
            ariaDescription: `${l.name} line`,
          },
        ),
      ),
      Plot.text(lines, {
        x: () => tEnd,
        y: (l: (typeof lines)[number]) => l.v * tEnd,
        text: 'name',
        fill: 'color',
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.dot(m.samples, {
        x: 't',
        y: 'y',
        r: 5.5,
        fill: COLORS.text,
        stroke: COLORS.surface,
        strokeWidth: 1.5,
        ariaDescription: 'samples',
      }),
    ],
  };
}

export function densitySpec(m: MlMapModel, width: number, height: number): Plot.PlotOptions {
  const peaks = (['likelihood', 'prior', 'posterior'] as const).map((curve) => {
    const pts = m.densities.filter((d) => d.curve === curve);
    return pts.reduce((a, b) => (b.density > a.density ? b : a));
  });
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 48,
    marginBottom: 44,
    x: { label: 'v', labelAnchor: 'right', labelArrow: 'none' },
    y: {
      label: 'density',
      labelAnchor: 'top',
      labelArrow: 'none',
      grid: true,
      domain: [0, Math.max(...peaks.map((p) => p.density)) * 1.18],
    },
    color: { domain: Object.keys(CURVE_COLORS), range: Object.values(CURVE_COLORS) },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.line(m.densities, {
        x: 'v',
        y: 'density',
        z: 'curve',
        stroke: 'curve',
        strokeWidth: LINE,
        curve: 'monotone-x',
        ariaDescription: 'densities',
      }),
      Plot.ruleX([m.params.v], { stroke: COLORS.muted, strokeDasharray: '6 4', strokeWidth: THIN }),
      // Labels beside the outer peaks and above the middle one: placed all above,
      // one label's halo hid the top of a neighbouring curve when the peaks were close.
      ...labelPlacements(peaks).map(({ at, options }) =>
        Plot.text(at, {
          x: 'v',
          y: 'density',
          text: 'curve',
          fill: 'curve',
          stroke: COLORS.surface,
          strokeWidth: 4,
          paintOrder: 'stroke',
          ...options,
        }),
      ),
    ],
  };
}

export function mlMapReadout(m: MlMapModel): string {
  return String.raw`\hat v_{\text{ML}} = ${texNumber(m.ml)},\quad \hat v_{\text{MAP}} = ${texNumber(m.map)},\quad v = ${texNumber(m.params.v)}`;
}

/* ---------- bias, variance and MSE as n grows (a seeded simulation) ---------- */

export interface MseParams {
  v: number;
  sigma: number;
  mu0: number;
  sigma0: number;
  seed: number;
  /** Simulated data sets per n. */
  reps: number;
  ns: readonly number[];
}

export const MSE_DEFAULTS: MseParams = {
  v: 1.5,
  sigma: 1,
  mu0: 0.5,
  sigma0: 0.5,
  seed: 5,
  reps: 120,
  ns: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
};

export interface MseRow {
  n: number;
  estimator: 'ML' | 'MAP';
  bias2: number;
  variance: number;
  mse: number;
}

export interface MseModel {
  params: MseParams;
  rows: MseRow[];
  /** MSE(ML) - MSE(MAP): simulated, and exact from the `mse-gap-factored` step. */
  gap: { n: number; simulated: number; exact: number }[];
}

export function buildMse(params: MseParams): MseModel {
  const { v, sigma, mu0, sigma0, reps, ns } = params;
  const g = createGaussian(createRandom(params.seed));
  const rows: MseRow[] = [];
  const gap: MseModel['gap'] = [];
  for (const n of ns) {
    const t = column(times(n));
    const est = { ML: [] as number[], MAP: [] as number[] };
    for (let r = 0; r < reps; r++) {
      const y = column(times(n).map((ti) => v * ti + sigma * g()));
      est.ML.push(toNumber(mlEstimate({ t, y })));
      est.MAP.push(toNumber(mapEstimate({ t, y, sigma, sigma0, mu0 })));
    }
    const mse: Record<'ML' | 'MAP', number> = { ML: 0, MAP: 0 };
    for (const estimator of ['ML', 'MAP'] as const) {
      const xs = est[estimator];
      const mean = xs.reduce((a, b) => a + b, 0) / reps;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / reps;
      const bias2 = (mean - v) ** 2;
      mse[estimator] = bias2 + variance;
      rows.push({ n, estimator, bias2, variance, mse: mse[estimator] });
    }
    // S is the module's symbol for sum t_i^2 = t^T t.
    const S = toNumber(linalg.multiply(linalg.transpose(t), t) as Matrix);
    gap.push({ n, simulated: mse.ML - mse.MAP, exact: toNumber(mseGap({ sigma, sigma0, S, v, mu0 })) });
  }
  return { params, rows, gap };
}

export function mseSpec(m: MseModel, width: number, height: number): Plot.PlotOptions {
  const series = m.rows.flatMap((r) => [
    { n: r.n, value: r.mse, series: `MSE ${r.estimator}` },
    ...(r.estimator === 'MAP'
      ? [
          { n: r.n, value: r.bias2, series: 'bias² MAP' },
          { n: r.n, value: r.variance, series: 'variance MAP' },
        ]
      : []),
  ]);
  const colors = { 'MSE ML': COLORS.accent, 'MSE MAP': COLORS.bad, 'bias² MAP': COLORS.warn, 'variance MAP': COLORS.ok };
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 56,
    marginBottom: 44,
    marginRight: 16,
    x: { type: 'log', label: 'n (samples)', labelAnchor: 'right', labelArrow: 'none', ticks: [1, 2, 4, 8, 16, 32], tickFormat: 'd' },
    y: {
      type: 'log',
      tickFormat: (d: number) => String(d),
      ticks: [1, 0.1, 0.01, 0.001, 0.0001],
      label: 'squared error',
      labelAnchor: 'top',
      labelArrow: 'none',
      grid: true,
    },
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    marks: [
      Plot.line(series, { x: 'n', y: 'value', z: 'series', stroke: 'series', strokeWidth: LINE, marker: 'circle' }),
      ...colorKey(colors),
    ],
  };
}

export function gapSpec(m: MseModel, width: number, height: number): Plot.PlotOptions {
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 56,
    marginBottom: 44,
    marginRight: 16,
    x: { type: 'log', label: 'n (samples)', labelAnchor: 'right', labelArrow: 'none', ticks: [1, 2, 4, 8, 16, 32], tickFormat: 'd' },
    y: { label: 'MSE(ML) − MSE(MAP)', labelAnchor: 'top', labelArrow: 'none', grid: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.muted }),
      Plot.line(m.gap, { x: 'n', y: 'exact', stroke: COLORS.accent, strokeWidth: LINE, ariaDescription: 'exact gap' }),
      Plot.dot(m.gap, { x: 'n', y: 'simulated', r: 5, fill: COLORS.bad, ariaDescription: 'simulated gap' }),
      Plot.text([`— exact, step (${mlVsMap.step('mse-gap-factored').number})`], {
        frameAnchor: 'top-right',
        text: (d: string) => d,
        fill: COLORS.accent,
        dx: -4,
        fontWeight: 600,
      }),
      Plot.text(['● simulated'], { frameAnchor: 'top-right', text: (d: string) => d, fill: COLORS.bad, dx: -4, dy: 20, fontWeight: 600 }),
    ],
  };
}

export function mseReadout(m: MseModel): string {
  const wins = m.gap.filter((g) => g.exact > 0).map((g) => g.n);
  const where =
    wins.length === 0
      ? '\\text{no } n \\text{ shown}'
      : wins.length === m.gap.length
        ? '\\text{every } n \\text{ shown}'
        : `n \\in \\{${wins.join(', ')}\\}`;
  return String.raw`\text{MAP has the lower MSE for } ${where}`;
}
