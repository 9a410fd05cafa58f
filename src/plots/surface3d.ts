/**
 * The 3-D view of the optimiser race: the loss surface over the plane, and
 * each optimiser's path lifted onto it, as a plotly.js figure (a surface
 * trace and one scatter3d trace per method). Pure: the island passes the
 * colours it reads from the page's CSS, since WebGL cannot read variables.
 */
import { METHODS, type Method, type RaceModel } from './optimiser-race';

/** Resolved colours (CSS colour strings) and the UI font, read from the page. */
export interface Palette {
  text: string;
  muted: string;
  rule: string;
  /** Low and high ends of the surface's colour scale. */
  low: string;
  high: string;
  font: string;
  series: Record<Method, string>;
}

/** A plotly.js trace or layout: plain data, typed loosely as plotly's own are. */
export type PlotlyObject = Record<string, unknown>;

export interface Figure {
  data: PlotlyObject[];
  layout: PlotlyObject;
}

/** How far above the surface a path is drawn, as a share of the z range, so it is not hidden in it. */
const LIFT = 0.02;

/** `width` is the view's width in CSS pixels: a narrow view gets its key in more rows below. */
export function surfaceFigure(m: RaceModel, palette: Palette, width = 800): Figure {
  const { contour: c, extent } = m.surface;
  const xs = Array.from({ length: c.width }, (_, i) => extent.x[0] + ((i + 0.5) * (extent.x[1] - extent.x[0])) / c.width);
  const ys = Array.from({ length: c.height }, (_, j) => extent.y[0] + ((j + 0.5) * (extent.y[1] - extent.y[0])) / c.height);
  // The surface is cut at twice the starting loss: the corners of the window rise far above where the paths run.
  const start = m.losses.find((l) => l.k === 0)?.gap ?? 1;
  const cap = 2 * start;
  const z = ys.map((_, j) => xs.map((_, i) => Math.min(c.values[j * c.width + i]!, cap)));
  const lift = LIFT * cap;
  const inside = (x: number, y: number) => x >= extent.x[0] && x <= extent.x[1] && y >= extent.y[0] && y <= extent.y[1];
  const paths = METHODS.map((method) => {
    const pts = m.paths.map((p, i) => ({ ...p, gap: m.losses[i]!.gap })).filter((p) => p.method === method);
    const shown = pts.filter((p) => inside(p.x, p.y) && p.gap <= cap);
    return {
      type: 'scatter3d',
      mode: 'lines+markers',
      name: method,
      x: shown.map((p) => p.x),
      y: shown.map((p) => p.y),
      z: shown.map((p) => p.gap + lift),
      line: { color: palette.series[method], width: 6 },
      marker: { color: palette.series[method], size: 2.5 },
      hovertemplate: `${method}, step %{text}<br>x₁ = %{x:.3f}, x₂ = %{y:.3f}<extra></extra>`,
      text: shown.map((p) => String(p.k)),
    };
  });
  const axis = (title: string) => ({
    title: { text: title },
    color: palette.text,
    gridcolor: palette.rule,
    zerolinecolor: palette.muted,
    backgroundcolor: 'rgba(0,0,0,0)',
    showspikes: false,
  });
  return {
    data: [
      {
        type: 'surface',
        name: 'loss',
        x: xs,
        y: ys,
        z,
        colorscale: [
          [0, palette.low],
          [1, palette.high],
        ],
        showscale: false,
        opacity: 0.7,
        hovertemplate: 'x₁ = %{x:.2f}, x₂ = %{y:.2f}<br>f − f* = %{z:.3g}<extra></extra>',
        contours: { z: { show: true, usecolormap: true, project: { z: true } } },
      },
      ...paths,
    ],
    layout: {
      paper_bgcolor: 'rgba(0,0,0,0)',
      font: { family: palette.font, color: palette.text, size: 14 },
      margin: { l: 0, r: 0, t: 0, b: width < 500 ? 70 : 36 },
      showlegend: true,
      legend: { orientation: 'h', x: 0, y: 0, yanchor: 'top', bgcolor: 'rgba(0,0,0,0)' },
      scene: {
        xaxis: axis('x₁'),
        yaxis: axis('x₂'),
        zaxis: axis('f − f*'),
        aspectmode: 'manual',
        aspectratio: { x: 1.4, y: 1, z: 0.7 },
        camera: { eye: { x: -1.25, y: -1.45, z: 1.05 } },
      },
    },
  };
}
