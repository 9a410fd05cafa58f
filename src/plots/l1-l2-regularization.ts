/**
 * L1 and L2 for two coefficients. Left: contours of the least-squares loss of
 * a seeded data set over (w1, w2), the L2 disc and the L1 diamond each just
 * large enough to hold its penalised solution at the chosen lambda, and the
 * two solutions. Right: the ridge and lasso coefficient paths against lambda.
 * Ridge is the least-squares module's `ridge-solution`; the lasso is
 * coordinate descent whose every update is this module's soft-threshold
 * (`lasso-positive-solution`, `lasso-negative-solution`, 0 in between).
 */
import * as Plot from '@observablehq/plot';
import lasso from '../derivations/l1-l2-regularization';
import leastSquares from '../derivations/least-squares';
import { compileStep, matrix, toArray, toNumber, column, type Value } from '../derivations/evaluate';
import { lossContours } from './marks';
import { COLORS, LINE, PLOT_STYLE, THIN, texNumber } from './theme';
import { createGaussian, createRandom, linspace } from './util';

const ridgeSolution = compileStep(leastSquares, 'ridge-solution');
const softPositive = compileStep(lasso, 'lasso-positive-solution');
const softNegative = compileStep(lasso, 'lasso-negative-solution');

/** The 1-D lasso of the module: argmin 1/2 (w - z)^2 + lambda |w|. */
export function softThreshold(z: number, lambda: number): number {
  if (z > lambda) return toNumber(softPositive({ z, lambda }));
  if (z < -lambda) return toNumber(softNegative({ z, lambda }));
  return 0;
}

export interface RegParams {
  /** log10 of the penalty weight lambda. */
  logLambda: number;
}

export const REG_DEFAULTS: RegParams = { logLambda: 2 };
export const LOG_LAMBDA_RANGE: readonly [number, number] = [-1, 3];

/** Seeded data: 40 rows, two correlated features, true coefficients (2, 0.5). */
function makeData(): { X: number[][]; y: number[] } {
  const g = createGaussian(createRandom(7));
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const x1 = g();
    const x2 = 0.6 * x1 + 0.8 * g();
    X.push([x1, x2]);
    y.push(2 * x1 + 0.5 * x2 + 0.8 * g());
  }
  return { X, y };
}

const DATA = makeData();
const XtX = [0, 1].map((i) => [0, 1].map((j) => DATA.X.reduce((s, r) => s + r[i]! * r[j]!, 0)));
const Xty = [0, 1].map((i) => DATA.X.reduce((s, r, k) => s + r[i]! * DATA.y[k]!, 0));
const yty = DATA.y.reduce((s, v) => s + v * v, 0);

/** ||y - Xw||^2 through the 2 x 2 Gram matrix. */
export function loss(w: readonly [number, number]): number {
  const [a, b] = w;
  return yty - 2 * (a * Xty[0]! + b * Xty[1]!) + a * a * XtX[0]![0]! + 2 * a * b * XtX[0]![1]! + b * b * XtX[1]![1]!;
}

export function ridge(lambda: number): [number, number] {
  const v: Value = ridgeSolution({ X: matrix(DATA.X), y: column(DATA.y), lambda, p: 2 });
  const a = toArray(v);
  return [a[0]![0]!, a[1]![0]!];
}

/** Lasso for ||y - Xw||^2 + lambda ||w||_1 by coordinate descent. */
export function lassoFit(lambda: number, start: readonly [number, number] = [0, 0]): [number, number] {
  const w: [number, number] = [start[0], start[1]];
  for (let it = 0; it < 200; it++) {
    for (const i of [0, 1] as const) {
      const j = i === 0 ? 1 : 0;
      const a = XtX[i]![i]!;
      // Along coordinate i the objective is a (w_i - z)^2 + lambda |w_i| + const = 2a [1/2 (w_i - z)^2 + lambda/(2a) |w_i|] + const.
      const z = (Xty[i]! - XtX[i]![j]! * w[j]) / a;
      w[i] = softThreshold(z, lambda / (2 * a));
    }
  }
  return w;
}

export interface RegModel {
  lambda: number;
  ols: [number, number];
  ridge: [number, number];
  lasso: [number, number];
  contour: { values: number[]; n: number; domain: [number, number]; thresholds: number[] };
  paths: { logLambda: number; value: number; method: 'ridge' | 'lasso'; coef: 'w₁' | 'w₂' }[];
}

const DOMAIN: [number, number] = [-0.6, 2.6];

export function buildReg(params: RegParams, grid = 60): RegModel {
  const lambda = 10 ** params.logLambda;
  const ols = ridge(1e-12);
  const r = ridge(lambda);
  const l = lassoFit(lambda);
  const xs = linspace(DOMAIN[0], DOMAIN[1], grid);
  const values: number[] = [];
  for (const b of xs) for (const a of xs) values.push(loss([a, b]));
  const base = loss(ols);
  const thresholds = [1, 2, 4, 8, 16, 32, 64, 128, 256].map((t) => base + t * (base / 40 + 1));
  const paths: RegModel['paths'] = [];
  let warm: [number, number] = [0, 0];
  for (const ll of linspace(LOG_LAMBDA_RANGE[0], LOG_LAMBDA_RANGE[1], 81)) {
    const lam = 10 ** ll;
    const rw = ridge(lam);
    warm = lassoFit(lam, warm);
    paths.push({ logLambda: ll, value: rw[0], method: 'ridge', coef: 'w₁' }, { logLambda: ll, value: rw[1], method: 'ridge', coef: 'w₂' });
    paths.push(
      { logLambda: ll, value: warm[0], method: 'lasso', coef: 'w₁' },
      { logLambda: ll, value: warm[1], method: 'lasso', coef: 'w₂' },
    );
  }
  return { lambda, ols, ridge: r, lasso: l, contour: { values, n: grid, domain: DOMAIN, thresholds }, paths };
}

const COLOR = { ridge: COLORS.accent, lasso: COLORS.bad } as const;

export function regionsSpec(m: RegModel, width: number, height: number): Plot.PlotOptions {
  const rr = Math.hypot(m.ridge[0], m.ridge[1]);
  const t = Math.abs(m.lasso[0]) + Math.abs(m.lasso[1]);
  const circle = linspace(0, 2 * Math.PI, 121).map((a) => ({ x: rr * Math.cos(a), y: rr * Math.sin(a) }));
  const diamond = [
    { x: t, y: 0 },
    { x: 0, y: t },
    { x: -t, y: 0 },
    { x: 0, y: -t },
    { x: t, y: 0 },
  ];
  const size = Math.min(width, height * 1.05);
  const c = m.contour;
  const grid = { values: c.values, width: c.n, height: c.n, x: c.domain, y: c.domain };
  return {
    width: size,
    height: size,
    style: PLOT_STYLE,
    marginLeft: 44,
    marginBottom: 40,
    marginTop: 16,
    marginRight: 16,
    x: { domain: DOMAIN, label: 'w₁', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: DOMAIN, label: 'w₂', labelAnchor: 'top', labelArrow: 'none' },
    marks: [
      Plot.ruleX([0], { stroke: COLORS.rule }),
      Plot.ruleY([0], { stroke: COLORS.rule }),
      lossContours(grid, c.thresholds, { strokeWidth: 1.2 }),
      // The contour through each solution: it touches that solution's region there.
      ...(['ridge', 'lasso'] as const).map((method) =>
        lossContours(grid, [loss(m[method])], {
          stroke: COLOR[method],
          strokeDasharray: '5 3',
          strokeWidth: THIN,
          ariaDescription: `${method} solution's contour`,
        }),
      ),
      Plot.line(circle, { x: 'x', y: 'y', stroke: COLOR.ridge, strokeWidth: LINE, fill: COLOR.ridge, fillOpacity: 0.1, clip: true }),
      Plot.line(diamond, { x: 'x', y: 'y', stroke: COLOR.lasso, strokeWidth: LINE, fill: COLOR.lasso, fillOpacity: 0.1, clip: true }),
      Plot.dot([{ x: m.ols[0], y: m.ols[1] }], { x: 'x', y: 'y', r: 6, fill: COLORS.text }),
      Plot.text([{ x: m.ols[0], y: m.ols[1] }], {
        x: 'x',
        y: 'y',
        text: () => 'least squares',
        dy: -14,
        fill: COLORS.text,
        stroke: COLORS.surface,
        strokeWidth: 4,
        paintOrder: 'stroke',
      }),
      Plot.dot(
        [
          { x: m.ridge[0], y: m.ridge[1], method: 'ridge' },
          { x: m.lasso[0], y: m.lasso[1], method: 'lasso' },
        ],
        { x: 'x', y: 'y', r: 7, fill: (d: { method: 'ridge' | 'lasso' }) => COLOR[d.method], stroke: COLORS.surface, strokeWidth: THIN },
      ),
    ],
  };
}

export function pathsSpec(m: RegModel, width: number, height: number): Plot.PlotOptions {
  const [lo, hi] = LOG_LAMBDA_RANGE;
  const labelAt = m.paths.reduce(
    (best, d) => (Math.abs(d.logLambda - (lo + (hi - lo) / 3)) < Math.abs(best - (lo + (hi - lo) / 3)) ? d.logLambda : best),
    lo,
  );
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 48,
    marginBottom: 44,
    marginRight: 40,
    x: { domain: LOG_LAMBDA_RANGE, label: 'log₁₀ λ', labelAnchor: 'right', labelArrow: 'none' },
    y: { label: 'coefficient', labelAnchor: 'top', labelArrow: 'none', grid: true },
    color: { domain: ['ridge', 'lasso'], range: [COLOR.ridge, COLOR.lasso] },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.ruleX([Math.log10(m.lambda)], { stroke: COLORS.text, strokeDasharray: '6 4' }),
      Plot.line(m.paths, {
        x: 'logLambda',
        y: 'value',
        z: (d: { method: string; coef: string }) => `${d.method} ${d.coef}`,
        stroke: 'method',
        strokeWidth: LINE,
      }),
      // Each coefficient named on its ridge path a third of the way in, clear of the axis label at the top left.
      Plot.text(
        m.paths.filter((d) => d.logLambda === labelAt && d.method === 'ridge'),
        { x: 'logLambda', y: 'value', text: 'coef', dx: 4, dy: -12, textAnchor: 'start', fill: COLORS.text },
      ),
      // A key instead of a Plot legend, which would need an inline <style> (forbidden by the CSP).
      Plot.text(['— ridge'], { frameAnchor: 'top-right', text: (d: string) => d, fill: COLOR.ridge, fontWeight: 600 }),
      Plot.text(['— lasso'], { frameAnchor: 'top-right', text: (d: string) => d, fill: COLOR.lasso, fontWeight: 600, dy: 22 }),
    ],
  };
}

export function regReadout(m: RegModel): string {
  const f = (x: number) => texNumber(x, 3);
  return String.raw`\begin{gathered} \lambda = ${f(m.lambda)}:\ \ \text{ridge } (${f(m.ridge[0])}, ${f(m.ridge[1])}),\ \ \text{lasso } (${f(m.lasso[0])}, ${f(m.lasso[1])}) \\ \text{least squares } (${f(m.ols[0])}, ${f(m.ols[1])}) \end{gathered}`;
}
