/**
 * PCA: 2-D Gaussian samples, the covariance ellipse and eigenvectors scaled
 * by sqrt(lambda), in original, decorrelated or whitened coordinates. The
 * eigenvalues are the module's `eig-plus` / `eig-minus` steps; the rotation
 * angle is the root of its `offdiag` equation; the maps are the `A` of its
 * `cov-z` (decorrelate) and `whiten-pca` (whiten) steps; the covariance shown
 * is its `sample-cov` step.
 */
import * as Plot from '@observablehq/plot';
import type { Matrix } from '../derivations/evaluate';
import pca from '../derivations/pca-decorrelation';
import { compileBinding, compileResidual, compileStep, linalg, matrix, toArray, toNumber } from '../derivations/evaluate';
import { COLORS, LINE, PLOT_STYLE, texNumber } from './theme';
import { bisect, createGaussian, createRandom } from './util';

export type PcaView = 'original' | 'decorrelated' | 'whitened';
export const PCA_VIEWS: readonly PcaView[] = ['original', 'decorrelated', 'whitened'];

export interface PcaParams {
  /** Variances of the two original coordinates (the diagonal a, c of Sigma). */
  varX: number;
  varY: number;
  /** Correlation; the off-diagonal is b = rho sqrt(a c). */
  rho: number;
  view: PcaView;
  n: number;
  seed: number;
}

export const PCA_DEFAULTS: PcaParams = { varX: 3, varY: 1, rho: 0.6, view: 'original', n: 400, seed: 3 };

const eigPlus = compileStep(pca, 'eig-plus');
const eigMinus = compileStep(pca, 'eig-minus');
const offdiag = compileResidual(pca, 'offdiag');
/** u^T Sigma u: the Lagrangian of the `lagrangian` step at lambda = 0. */
const variance = compileStep(pca, 'lagrangian');
const decorrelate = compileBinding(pca, 'cov-z', 'A');
const whiten = compileBinding(pca, 'whiten-pca', 'A');
const sampleCov = compileStep(pca, 'sample-cov');

export interface PcaModel {
  params: PcaParams;
  sigma: [[number, number], [number, number]];
  lambda: [number, number];
  theta: number;
  points: { x: number; y: number }[];
  ellipse: { x: number; y: number }[];
  axes: { x1: number; y1: number; x2: number; y2: number; label: string }[];
  /** The sample covariance of the points as drawn. */
  cov: number[][];
}

/** The 2 x 2 rotation whose first column is the unit vector at angle theta. */
const rotation = (theta: number) =>
  matrix([
    [Math.cos(theta), -Math.sin(theta)],
    [Math.sin(theta), Math.cos(theta)],
  ]);

export function buildPca(params: PcaParams): PcaModel {
  const a = params.varX;
  const c = params.varY;
  const b = params.rho * Math.sqrt(a * c);
  const Sigma = matrix([
    [a, b],
    [b, c],
  ]);
  const l1 = toNumber(eigPlus({ a, b, c }));
  const l2 = toNumber(eigMinus({ a, b, c }));
  // The off-diagonal of Q^T Sigma Q vanishes at one angle in [0, pi/2) (any angle if Sigma is isotropic).
  const g = (theta: number) => offdiag({ a, b, c, theta });
  let theta = 0;
  if (Math.abs(b) > 1e-12 || Math.abs(a - c) > 1e-12) {
    const grid = Array.from({ length: 9 }, (_, i) => (i * Math.PI) / 16);
    for (let i = 0; i + 1 < grid.length; i++) {
      if (g(grid[i]!) === 0) {
        theta = grid[i]!;
        break;
      }
      if (Math.sign(g(grid[i]!)) !== Math.sign(g(grid[i + 1]!))) {
        theta = bisect(g, grid[i]!, grid[i + 1]!);
        break;
      }
    }
  }
  // Make q1 the axis of the larger eigenvalue: its variance u^T Sigma u must be lambda_1.
  const q1 = matrix([[Math.cos(theta)], [Math.sin(theta)]]);
  const along = toNumber(variance({ u: q1, Sigma, lambda: 0 }));
  if (Math.abs(along - l1) > Math.abs(along - l2)) theta += Math.PI / 2;
  const Q = rotation(theta);
  const D = matrix([
    [Math.sqrt(l1), 0],
    [0, Math.sqrt(l2)],
  ]);
  // The whitening map of `whiten-pca` and its inverse, which colours white noise into N(0, Sigma).
  const W = whiten({ Q, D }) as Matrix;
  const colour = linalg.inv(W);
  const view: Matrix =
    params.view === 'original'
      ? matrix([
          [1, 0],
          [0, 1],
        ])
      : params.view === 'decorrelated'
        ? (decorrelate({ Q }) as Matrix)
        : W;

  const gauss = createGaussian(createRandom(params.seed));
  const Z = matrix([Array.from({ length: params.n }, () => gauss()), Array.from({ length: params.n }, () => gauss())]);
  const P = toArray(linalg.multiply(view, linalg.multiply(colour, Z)));
  const points = P[0]!.map((x, i) => ({ x, y: P[1]![i]! }));

  const K = 96;
  const circle = matrix([
    Array.from({ length: K + 1 }, (_, i) => 2 * Math.cos((2 * Math.PI * i) / K)),
    Array.from({ length: K + 1 }, (_, i) => 2 * Math.sin((2 * Math.PI * i) / K)),
  ]);
  const E = toArray(linalg.multiply(view, linalg.multiply(colour, circle)));
  const ellipse = E[0]!.map((x, i) => ({ x, y: E[1]![i]! }));
  // Eigenvectors scaled by sqrt(lambda) are the columns of Q D = colour.
  const V = toArray(linalg.multiply(view, colour));
  const axes = [0, 1].map((k) => ({
    x1: 0,
    y1: 0,
    x2: V[0]![k]!,
    y2: V[1]![k]!,
    label: `√λ${k === 0 ? '₁' : '₂'} q${k === 0 ? '₁' : '₂'}`,
  }));

  const mean = [0, 1].map((r) => P[r]!.reduce((s, v) => s + v, 0) / params.n);
  const Xc = matrix(points.map((p) => [p.x - mean[0]!, p.y - mean[1]!]));
  const cov = toArray(sampleCov({ Xc, N: params.n }));
  return {
    params,
    sigma: [
      [a, b],
      [b, c],
    ],
    lambda: [l1, l2],
    theta,
    points,
    ellipse,
    axes,
    cov,
  };
}

export function pcaSpec(m: PcaModel, width: number, height: number): Plot.PlotOptions {
  const r = m.params.view === 'whitened' ? 4.2 : Math.max(4.2, 2.3 * Math.sqrt(m.lambda[0]));
  const [mt, mr, mb, ml] = [20, 20, 44, 44];
  // Ratio of the inner frame, so one unit is the same length on both axes.
  const aspect = (width - ml - mr) / (height - mt - mb);
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: mt,
    marginRight: mr,
    marginLeft: ml,
    marginBottom: mb,
    // Equal units on both axes, so rotation and whitening look like what they are.
    x: { domain: [-r * aspect, r * aspect], label: m.params.view === 'original' ? 'x₁' : 'z₁', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: [-r, r], label: m.params.view === 'original' ? 'x₂' : 'z₂', labelAnchor: 'top', labelArrow: 'none', grid: true },
    marks: [
      Plot.ruleX([0], { stroke: COLORS.rule }),
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.dot(m.points, { x: 'x', y: 'y', r: 2.5, fill: COLORS.muted, fillOpacity: 0.55, ariaDescription: 'samples' }),
      Plot.line(m.ellipse, { x: 'x', y: 'y', stroke: COLORS.accent, strokeWidth: LINE, ariaDescription: 'two-sigma ellipse' }),
      Plot.arrow(m.axes, {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        stroke: COLORS.bad,
        strokeWidth: LINE + 0.5,
        headLength: 10,
        ariaDescription: 'scaled eigenvectors',
      }),
      Plot.text(m.axes, {
        x: (d: { x2: number }) => d.x2 * 1.45,
        y: (d: { y2: number }) => d.y2 * 1.45,
        text: 'label',
        fill: COLORS.text,
        stroke: COLORS.surface,
        strokeWidth: 4,
        paintOrder: 'stroke',
      }),
    ],
  };
}

const pmatrix = (a: number[][]) =>
  String.raw`\begin{pmatrix} ${a.map((r) => r.map((x) => texNumber(Math.abs(x) < 5e-4 ? 0 : x, 2)).join(' & ')).join(String.raw` \\ `)} \end{pmatrix}`;

/**
 * The sample covariance of the cloud in the current view, with its own
 * eigenvalues, beside the population eigenvalues the arrows are drawn from
 * (those of Sigma; after whitening the population covariance is I).
 */
export function pcaReadout(m: PcaModel): string {
  const [[sa, sb], [, sc]] = m.cov as [[number, number], [number, number]];
  const sample = [eigPlus({ a: sa, b: sb, c: sc }), eigMinus({ a: sa, b: sb, c: sc })].map((x) => texNumber(toNumber(x)));
  const population = m.params.view === 'whitened' ? ['1', '1'] : m.lambda.map((x) => texNumber(x));
  return String.raw`\begin{gathered} \text{sample: } \hat\Sigma_{\text{${m.params.view}}} = ${pmatrix(m.cov)},\quad \hat\lambda = ${sample[0]},\ ${sample[1]} \\ \text{population: } \lambda_1 = ${population[0]},\quad \lambda_2 = ${population[1]} \end{gathered}`;
}
