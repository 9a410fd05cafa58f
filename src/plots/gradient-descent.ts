/**
 * Gradient descent on a 2-D ill-conditioned quadratic: the path on the loss
 * contours, and the loss gap per iteration on a log scale against the rate
 * line ρ^{2k}·gap₀ that the page derives. The iteration is the module's
 * `gd-step`, every loss value its `loss-gap` step (contours included), the
 * rate its `mode-factor` at λ_min and λ_max, and the reference steps its
 * `best-step` and `stability-bound` lines.
 */
import * as Plot from '@observablehq/plot';
import gd from '../derivations/gradient-descent';
import { column, compileStep, matrix, toArray, toNumber, type Value } from '../derivations/evaluate';
import { colorKey, lossContours, lossPerIterationFrame, optimumMarker, startMarker } from './marks';
import { COLORS, LINE, PLOT_STYLE, texNumber } from './theme';

export interface GdParams {
  /** Step size η. */
  eta: number;
  /** Condition number κ = λ_max / λ_min. */
  kappa: number;
  /** Iterations drawn. */
  steps: number;
  /** Cells per side of the contour grid: coarse while a slider moves. */
  grid: number;
}

/** λ_max is fixed, so the stability limit 2/λ_max = 0.2 stays put while κ moves λ_min. */
export const LAMBDA_MAX = 10;
/** The valley's long axis is turned by this angle, so the zig-zag is not along a grid axis. */
export const ANGLE = Math.PI / 6;
export const START: readonly [number, number] = [-4.2, 1.2];
/** The minimiser x* = A⁻¹b; b is chosen so it sits here. */
export const OPTIMUM: readonly [number, number] = [0.6, 0.4];
export const GD_DEFAULTS: GdParams = { eta: 0.18, kappa: 10, steps: 80, grid: 60 };
/** Loss gaps below this are drawn at this height: double precision cannot resolve less. */
export const GAP_FLOOR = 1e-14;
/** Larger gaps mean the run has diverged: stop drawing it. */
const BLOW_UP = 1e8;
export const X_DOMAIN: [number, number] = [-5, 5];
export const Y_DOMAIN: [number, number] = [-3.5, 3.5];

const step = compileStep(gd, 'gd-step');
const gap = compileStep(gd, 'loss-gap');
const factor = compileStep(gd, 'mode-factor');
const bestStep = compileStep(gd, 'best-step');
const edge = compileStep(gd, 'stability-bound');

/** A = R diag(λ_min, λ_max) Rᵀ, with R the rotation by ANGLE. */
export function quadratic(kappa: number): { A: number[][]; b: number[]; lmin: number; lmax: number } {
  const lmax = LAMBDA_MAX;
  const lmin = lmax / kappa;
  const c = Math.cos(ANGLE);
  const s = Math.sin(ANGLE);
  // Columns of R are the eigenvectors: (c, s) for λ_min (the long axis), (−s, c) for λ_max.
  const A = [
    [lmin * c * c + lmax * s * s, (lmin - lmax) * c * s],
    [(lmin - lmax) * c * s, lmin * s * s + lmax * c * c],
  ];
  const b = [A[0]![0]! * OPTIMUM[0] + A[0]![1]! * OPTIMUM[1], A[1]![0]! * OPTIMUM[0] + A[1]![1]! * OPTIMUM[1]];
  return { A, b, lmin, lmax };
}

export interface GdModel {
  params: GdParams;
  lmin: number;
  lmax: number;
  /** The module's best fixed step 2/(λ_min + λ_max) and stability limit 2/λ_max. */
  bestEta: number;
  maxEta: number;
  /** ρ = max(|1 − ηλ_min|, |1 − ηλ_max|). */
  rho: number;
  diverges: boolean;
  path: { k: number; x: number; y: number }[];
  losses: { k: number; gap: number }[];
  rateLine: { k: number; gap: number }[];
  contour: { width: number; height: number; values: number[]; thresholds: number[] };
}

/** The 2-D quadratic of the page, ready to evaluate: its matrices and the module's loss gap at many points. */
export interface Bowl {
  A: Value;
  b: Value;
  lmin: number;
  lmax: number;
  gapsAt(pts: readonly { x: number; y: number }[]): number[];
}

export function bowl(kappa: number): Bowl {
  const q = quadratic(kappa);
  const A = matrix(q.A);
  const b = column(q.b);
  return {
    A,
    b,
    lmin: q.lmin,
    lmax: q.lmax,
    // One evaluation for many points: with the points as the columns of x, the
    // step's quadratic form gives a matrix whose diagonal holds their loss gaps.
    gapsAt(pts) {
      if (pts.length === 0) return [];
      const all = toArray(gap({ x: matrix([pts.map((p) => p.x), pts.map((p) => p.y)]), A, b }));
      return pts.map((_, i) => all[i]![i]!);
    },
  };
}

/** Iterate `next` from START and measure the loss gap of every iterate; stops once the run blows up. */
export function run(
  bw: Bowl,
  steps: number,
  next: (x: Value, prev: Value) => Value,
): { path: { k: number; x: number; y: number }[]; losses: { k: number; gap: number }[] } {
  const path: { k: number; x: number; y: number }[] = [];
  let x: Value = column(START);
  let prev: Value = x;
  for (let k = 0; k <= steps; k++) {
    const [[x1], [x2]] = toArray(x) as [[number], [number]];
    path.push({ k, x: x1, y: x2 });
    if (!Number.isFinite(x1) || !Number.isFinite(x2) || Math.hypot(x1, x2) > BLOW_UP) break;
    const n = next(x, prev);
    prev = x;
    x = n;
  }
  const gaps = bw.gapsAt(path);
  const losses = path
    .map((p, i) => ({ k: p.k, gap: Math.max(GAP_FLOOR, gaps[i]!) }))
    .filter((l, i) => Number.isFinite(gaps[i]!) && l.gap <= BLOW_UP);
  return { path, losses };
}

/** The line gap₀·ρ^(2k) over the drawn iterations, within the drawable range. */
export function rateLine(gap0: number, rho: number, steps: number): { k: number; gap: number }[] {
  return Array.from({ length: steps + 1 }, (_, k) => ({ k, gap: gap0 * rho ** (2 * k) })).filter(
    (p) => p.gap >= GAP_FLOOR && p.gap <= BLOW_UP,
  );
}

/** Contour raster of the loss gap over the padded window. */
export function contourOf(bw: Bowl, n: number): GdModel['contour'] {
  const { x: gx, y: gy } = gridExtent();
  const values: number[] = [];
  // The loss gap is a quadratic in x (step `loss-gap`), so its values at six
  // points fix it exactly; the raster then costs no further evaluations of the
  // step (one per cell took most of a second).
  const [g00, g10, gm0, g01, g0m, g11] = bw.gapsAt([
    { x: 0, y: 0 },
    { x: 1, y: 0 },
    { x: -1, y: 0 },
    { x: 0, y: 1 },
    { x: 0, y: -1 },
    { x: 1, y: 1 },
  ]) as [number, number, number, number, number, number];
  const cx = (g10 - gm0) / 2;
  const cy = (g01 - g0m) / 2;
  const cxx = (g10 + gm0) / 2 - g00;
  const cyy = (g01 + g0m) / 2 - g00;
  const cxy = g11 - g00 - cx - cy - cxx - cyy;
  for (let j = 0; j < n; j++) {
    const y = gy[0] + ((j + 0.5) * (gy[1] - gy[0])) / n;
    for (let i = 0; i < n; i++) {
      const x = gx[0] + ((i + 0.5) * (gx[1] - gx[0])) / n;
      values.push(g00 + cx * x + cy * y + cxx * x * x + cxy * x * y + cyy * y * y);
    }
  }
  return { width: n, height: n, values, thresholds: [0.05, 0.2, 0.5, 1, 2, 4, 8, 16, 32, 64, 128] };
}

/** Gradient descent's rate ρ = max(|1 − ηλ_min|, |1 − ηλ_max|), from the module's `mode-factor`. */
export function gdRate(eta: number, lmin: number, lmax: number): number {
  return Math.max(Math.abs(toNumber(factor({ eta, lam: lmin }))), Math.abs(toNumber(factor({ eta, lam: lmax }))));
}

/** The module's best fixed step 2/(λ_min + λ_max). */
export function gdBestStep(lmin: number, lmax: number): number {
  return toNumber(bestStep({ m: lmin, M: lmax }));
}

/** One gradient-descent step from x, the module's `gd-step`. */
export function gdStep(bw: Bowl, x: Value, eta: number): Value {
  return step({ x, A: bw.A, b: bw.b, eta });
}

export function buildGd(params: GdParams): GdModel {
  const bw = bowl(params.kappa);
  const rho = gdRate(params.eta, bw.lmin, bw.lmax);
  const { path, losses } = run(bw, params.steps, (x) => gdStep(bw, x, params.eta));
  return {
    params,
    lmin: bw.lmin,
    lmax: bw.lmax,
    bestEta: gdBestStep(bw.lmin, bw.lmax),
    maxEta: toNumber(edge({ M: bw.lmax })),
    rho,
    diverges: rho >= 1,
    path,
    losses,
    rateLine: rateLine(losses[0]!.gap, rho, params.steps),
    contour: contourOf(bw, params.grid),
  };
}

/** The grid the contour raster covers (the window plus its padding). */
export function gridExtent(): { x: [number, number]; y: [number, number] } {
  const pad = (r: [number, number]): [number, number] => [r[0] - 0.05 * (r[1] - r[0]), r[1] + 0.05 * (r[1] - r[0])];
  return { x: pad(X_DOMAIN), y: pad(Y_DOMAIN) };
}

export function pathSpec(m: GdModel, width: number, height: number): Plot.PlotOptions {
  const g = gridExtent();
  const c = m.contour;
  const shown = m.path.filter((p) => Math.abs(p.x) < 50 && Math.abs(p.y) < 50);
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: 30,
    marginLeft: 44,
    marginBottom: 44,
    x: { domain: X_DOMAIN, label: 'x₁', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: Y_DOMAIN, label: 'x₂', labelAnchor: 'top', labelArrow: 'none' },
    clip: true,
    marks: [
      lossContours({ ...c, ...g }, c.thresholds, { strokeOpacity: 0.7, strokeWidth: 1.5 }),
      Plot.line(shown, { x: 'x', y: 'y', stroke: COLORS.accent, strokeWidth: LINE, ariaDescription: 'gradient descent path' }),
      Plot.dot(shown, { x: 'x', y: 'y', r: 3.5, fill: COLORS.accent, ariaDescription: 'iterates' }),
      ...startMarker(START, 'x₀'),
      ...optimumMarker(OPTIMUM, 'x*'),
      Plot.frame({ stroke: COLORS.rule }),
    ],
  };
}

export function lossSpec(m: GdModel, width: number, height: number): Plot.PlotOptions {
  const top = Math.max(m.losses[0]!.gap * 10, ...m.losses.map((l) => l.gap));
  const colors = { 'f(xₖ) − f*': COLORS.accent, 'ρ^(2k) · gap₀ (derived rate)': COLORS.warn };
  return {
    ...lossPerIterationFrame(width, height, m.params.steps, GAP_FLOOR, Math.min(top, BLOW_UP), 'loss gap (log scale)'),
    clip: true,
    marks: [
      Plot.line(m.rateLine, {
        x: 'k',
        y: 'gap',
        stroke: COLORS.warn,
        strokeWidth: LINE,
        strokeDasharray: '7 5',
        ariaDescription: 'derived rate line',
      }),
      Plot.line(m.losses, { x: 'k', y: 'gap', stroke: COLORS.accent, strokeWidth: LINE, ariaDescription: 'loss gap per iteration' }),
      ...colorKey(colors),
    ],
  };
}

export function gdReadout(m: GdModel): string {
  const verdict = m.diverges ? String.raw`\ \text{(diverges)}` : '';
  return String.raw`\begin{gathered} \lambda_{\min} = ${texNumber(m.lmin)},\ \lambda_{\max} = ${texNumber(m.lmax)},\ \kappa = ${texNumber(m.params.kappa)} \\ \eta = ${texNumber(m.params.eta)},\quad \eta^\star = \tfrac{2}{\lambda_{\min} + \lambda_{\max}} = ${texNumber(m.bestEta)} \\ \tfrac{2}{\lambda_{\max}} = ${texNumber(m.maxEta)},\quad \rho = \max_i \lvert 1 - \eta\lambda_i\rvert = ${texNumber(m.rho)}${verdict} \end{gathered}`;
}
