/**
 * Marks several plots draw alike: a key of coloured series names, and the
 * contours of a loss sampled on a grid. One definition each, so a change of
 * look (the key's spacing at a projector's text size) happens once.
 */
import * as Plot from '@observablehq/plot';
import { COLORS, PLOT_STYLE } from './theme';

/** Line height of the key: clear of the next line at the presenter's 20px text. */
const KEY_LINE = 24;

/**
 * A key in a top corner (the right one unless said): "— name" per series in its colour, one per line, haloed against
 * the marks under it (a Plot legend would need an inline <style>, which the CSP forbids).
 * `label` may add to a name (Newton's plot gives gradient descent its step size).
 */
export function colorKey(
  colors: Readonly<Record<string, string>>,
  label: (name: string) => string = (n) => n,
  corner: 'top-right' | 'top-left' = 'top-right',
): Plot.Markish[] {
  const left = corner === 'top-left';
  return Object.entries(colors).map(([name, color], i) =>
    Plot.text([name], {
      frameAnchor: corner,
      text: (d: string) => `— ${label(d)}`,
      fill: color,
      dy: (left ? 4 : 0) + i * KEY_LINE,
      dx: left ? 6 : -4,
      fontWeight: 600,
      stroke: COLORS.surface,
      strokeWidth: 4,
      paintOrder: 'stroke',
    }),
  );
}

/** A loss sampled on a regular grid (row-major, `width` x `height` values) over an extent. */
export interface LossGrid {
  values: readonly number[];
  width: number;
  height: number;
  x: readonly [number, number];
  y: readonly [number, number];
}

/** The grid's contours at `thresholds`, unfilled; `options` sets the stroke (muted by default). */
export function lossContours(grid: LossGrid, thresholds: readonly number[], options: Plot.ContourOptions = {}): Plot.Markish {
  return Plot.contour(grid.values as number[], {
    width: grid.width,
    height: grid.height,
    x1: grid.x[0],
    x2: grid.x[1],
    y1: grid.y[0],
    y2: grid.y[1],
    value: Plot.identity,
    thresholds: [...thresholds],
    fill: 'none',
    stroke: COLORS.muted,
    clip: true,
    ariaDescription: 'loss contours',
    ...options,
  });
}

/** A point of the plane, [x, y]. */
type Point = readonly [number, number];
const px = (d: Point) => d[0];
const py = (d: Point) => d[1];
const halo = { stroke: COLORS.surface, strokeWidth: 4, paintOrder: 'stroke' } as const;

/** Where an optimiser starts: a dark dot, named (x₀) above it when `label` is given. */
export function startMarker(at: Point, label?: string): Plot.Markish[] {
  return [
    Plot.dot([at], { x: px, y: py, r: 6, fill: COLORS.text, stroke: COLORS.surface, strokeWidth: 2 }),
    ...(label ? [Plot.text([at], { x: px, y: py, text: () => label, dy: -14, fill: COLORS.text, ...halo })] : []),
  ];
}

/** The minimiser: a red star, named (x*) under it when `label` is given. */
export function optimumMarker(at: Point, label?: string): Plot.Markish[] {
  return [
    Plot.dot([at], {
      x: px,
      y: py,
      r: 6,
      symbol: 'star',
      fill: COLORS.bad,
      stroke: COLORS.surface,
      strokeWidth: 1,
      ariaDescription: 'minimiser',
    }),
    ...(label ? [Plot.text([at], { x: px, y: py, text: () => label, dy: 16, fill: COLORS.text, ...halo })] : []),
  ];
}

/**
 * The frame of a "loss per iteration" chart (gradient descent, momentum, the race): iterations
 * 0…steps across, the loss gap on a log scale from `floor` to `top`, ticks every four decades.
 */
export function lossPerIterationFrame(
  width: number,
  height: number,
  steps: number,
  floor: number,
  top: number,
  label: string,
): Pick<Plot.PlotOptions, 'width' | 'height' | 'style' | 'marginTop' | 'marginLeft' | 'marginBottom' | 'marginRight' | 'x' | 'y'> {
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: 34,
    marginLeft: 60,
    marginBottom: 44,
    marginRight: 24,
    x: { domain: [0, steps], label: 'iteration k', labelAnchor: 'right', labelArrow: 'none', tickFormat: 'd' },
    y: {
      type: 'log',
      domain: [floor, top],
      label,
      labelAnchor: 'top',
      labelArrow: 'none',
      grid: true,
      ticks: [1e4, 1, 1e-4, 1e-8, 1e-12],
      tickFormat: (d: number) => `1e${Math.round(Math.log10(d))}`,
    },
  };
}
