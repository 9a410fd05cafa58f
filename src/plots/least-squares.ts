/**
 * Least squares: a scatter whose line, residuals and SSE follow the points,
 * and the loss over (w, b) with the closed-form minimum. The fit is the
 * module's `solution` step, the fitted values its hat matrix (`hat`), the SSE
 * and every contour value its `loss` step.
 */
import * as Plot from '@observablehq/plot';
import leastSquares from '../derivations/least-squares';
import { column, compileStep, linalg, matrix, toArray, toNumber } from '../derivations/evaluate';
import { lossContours } from './marks';
import { COLORS, LINE, PLOT_STYLE, THIN, texNumber } from './theme';
import { createGaussian, createRandom, linspace } from './util';

export interface Point {
  x: number;
  y: number;
}

export interface LeastSquaresParams {
  points: readonly Point[];
  /** Grid cells per side for the loss contour: coarse while dragging, fine at rest. */
  grid: number;
}

/** The x range the points live in (also the drag bounds). */
export const X_DOMAIN: [number, number] = [0, 10];
export const Y_DOMAIN: [number, number] = [-2, 12];

/** Seeded starting points: a noisy line, so the fit is neither perfect nor wild. */
export function initialPoints(seed = 7, count = 8): Point[] {
  const rnd = createRandom(seed);
  const gauss = createGaussian(rnd);
  return linspace(1, 9, count).map((x) => {
    const xi = x + (rnd() - 0.5) * 0.8;
    return { x: xi, y: 1.5 + 0.6 * xi + 1.1 * gauss() };
  });
}

const solution = compileStep(leastSquares, 'solution');
const hat = compileStep(leastSquares, 'hat');
const loss = compileStep(leastSquares, 'loss');

export interface LeastSquaresModel {
  points: Point[];
  /** Closed-form estimate; X has columns (1, x), so beta = (b, w). */
  b: number;
  w: number;
  sse: number;
  fitted: number[];
  line: [Point, Point];
  contour: {
    w: [number, number];
    b: [number, number];
    grid: { w: [number, number]; b: [number, number] };
    width: number;
    height: number;
    values: number[];
    thresholds: number[];
  };
}

/** Where each design row starts: the column of ones for b, then x for w. */
const designRow = (x: number) => [1, x];

export function buildLeastSquares(params: LeastSquaresParams): LeastSquaresModel {
  const points = params.points.map((p) => ({ ...p }));
  const X = matrix(points.map((p) => designRow(p.x)));
  const y = column(points.map((p) => p.y));
  const beta = solution({ X, y }) as import('../derivations/evaluate').Matrix;
  const [[b], [w]] = toArray(beta) as [[number], [number]];
  const fitted = toArray(linalg.multiply(hat({ X }) as import('../derivations/evaluate').Matrix, y)).map((r) => r[0]!);
  const sse = toNumber(loss({ X, y, beta }));
  const ends = toArray(linalg.multiply(matrix(X_DOMAIN.map(designRow)), beta)).map((r) => r[0]!);
  const line: [Point, Point] = [
    { x: X_DOMAIN[0], y: ends[0]! },
    { x: X_DOMAIN[1], y: ends[1]! },
  ];

  // A fixed window so the minimum visibly moves; it grows if the minimum leaves it.
  const wr: [number, number] = [Math.min(-0.5, w - 0.3), Math.max(1.7, w + 0.3)];
  const br: [number, number] = [Math.min(-4, b - 1.5), Math.max(7, b + 1.5)];
  // The grid overhangs the window by a margin and the chart clips it, so
  // contours run off the edges instead of closing along the frame.
  const pad = (r: [number, number]): [number, number] => [r[0] - 0.08 * (r[1] - r[0]), r[1] + 0.08 * (r[1] - r[0])];
  const gw = pad(wr);
  const gb = pad(br);
  const n = params.grid;
  const values: number[] = [];
  const ws = Array.from({ length: n }, (_, i) => gw[0] + ((i + 0.5) * (gw[1] - gw[0])) / n);
  // Raster rows run along y (b) from its low end; samples sit at cell centres. One
  // evaluation of the loss step per row: beta holds the row's n coefficient
  // vectors as columns, and the diagonal of the n x n result is their losses.
  for (let j = 0; j < n; j++) {
    const bj = gb[0] + ((j + 0.5) * (gb[1] - gb[0])) / n;
    const B = matrix([ws.map(() => bj), ws]);
    const all = toArray(loss({ X, y, beta: B }));
    for (let i = 0; i < n; i++) values.push(all[i]![i]!);
  }
  // Levels at the minimum times 1.25, 1.5, 2, 3, 5, ...: a quadratic bowl reads as nested ellipses.
  const thresholds = [1.25, 1.6, 2.2, 3, 4.5, 7, 11, 17, 26, 40, 60].map((k) => k * Math.max(sse, 0.05));
  return { points, b, w, sse, fitted, line, contour: { w: wr, b: br, grid: { w: gw, b: gb }, width: n, height: n, values, thresholds } };
}

/** Room above the top tick for the y label ("b (intercept)" sat on "7" at Plot's default 20 px). */
const MARGIN_TOP = 30;

export function fitSpec(m: LeastSquaresModel, width: number, height: number): Plot.PlotOptions {
  const residuals = m.points.map((p, i) => ({ x: p.x, y1: p.y, y2: m.fitted[i]! }));
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: MARGIN_TOP,
    marginLeft: 44,
    marginBottom: 44,
    x: { domain: X_DOMAIN, label: 'x', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: Y_DOMAIN, label: 'y', labelAnchor: 'top', labelArrow: 'none', grid: true },
    marks: [
      Plot.ruleX(residuals, {
        x: 'x',
        y1: 'y1',
        y2: 'y2',
        stroke: COLORS.bad,
        strokeWidth: THIN,
        strokeDasharray: '5 3',
        ariaDescription: 'residuals',
      }),
      Plot.line(m.line, { x: 'x', y: 'y', stroke: COLORS.accent, strokeWidth: LINE + 0.5, ariaDescription: 'fitted line' }),
      Plot.dot(m.points, {
        x: 'x',
        y: 'y',
        r: 7,
        fill: COLORS.text,
        stroke: COLORS.surface,
        strokeWidth: THIN,
        ariaDescription: 'data points',
      }),
      Plot.frame({ stroke: COLORS.rule }),
    ],
  };
}

export function lossSpec(m: LeastSquaresModel, width: number, height: number): Plot.PlotOptions {
  const c = m.contour;
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: MARGIN_TOP,
    marginLeft: 44,
    marginBottom: 44,
    // Keeps the first x tick (−0.5) and the lowest y tick (−4) from meeting at the corner.
    insetLeft: 8,
    insetBottom: 8,
    x: { domain: c.w, label: 'w (slope)', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: c.b, label: 'b (intercept)', labelAnchor: 'top', labelArrow: 'none' },
    marks: [
      lossContours({ ...c, x: c.grid.w, y: c.grid.b }, c.thresholds, { stroke: COLORS.accent, strokeOpacity: 0.75, strokeWidth: THIN }),
      Plot.dot([{ w: m.w, b: m.b }], {
        x: 'w',
        y: 'b',
        r: 7,
        fill: COLORS.bad,
        stroke: COLORS.surface,
        strokeWidth: THIN,
        ariaDescription: 'closed-form minimum',
      }),
      Plot.text([{ w: m.w, b: m.b }], {
        x: 'w',
        y: 'b',
        text: () => 'closed-form minimum',
        dy: -16,
        fill: COLORS.text,
        stroke: COLORS.surface,
        strokeWidth: 4,
        paintOrder: 'stroke',
      }),
      Plot.frame({ stroke: COLORS.rule }),
    ],
  };
}

export function leastSquaresReadout(m: LeastSquaresModel): string {
  return String.raw`\hat w = ${texNumber(m.w)},\quad \hat b = ${texNumber(m.b)},\quad \mathrm{SSE} = \lVert y - X\hat\beta\rVert^2 = ${texNumber(m.sse)}`;
}

export function leastSquaresSummary(m: LeastSquaresModel): string {
  return `Fitted line y = ${texNumber(m.w)}x + ${texNumber(m.b)} through ${m.points.length} points, sum of squared errors ${texNumber(m.sse)}.`;
}
