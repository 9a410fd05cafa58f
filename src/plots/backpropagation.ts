/**
 * The page's two-layer network as a computation graph: every node's value
 * and gradient for inputs the reader sets, and every parameter's backprop
 * gradient beside a central finite difference of the loss.
 *
 * Backward quantities come from the module's steps: p − y from
 * `softmax-ce-gradient-1/2` (a third logit of −∞ makes the three-class line
 * a two-class one), Vᵀδ from `linear-layer-backward`, σ′ from
 * `sigmoid-prime`, weight gradients δxᵀ from `batch-weight-gradient` with a
 * batch of one. The loss the finite differences probe is the module's
 * `network-loss` line: the whole forward pass.
 */
import * as Plot from '@observablehq/plot';
import bp from '../derivations/backpropagation';
import { column, compileStep, linalg, matrix, toArray, toNumber } from '../derivations/evaluate';
import { COLORS, PLOT_STYLE, THIN, texNumber } from './theme';

export interface BackpropParams {
  x1: number;
  x2: number;
  /** Finite-difference step. */
  h: number;
}

/** Seeded-by-hand parameters: asymmetric, so every gradient is non-zero. */
export const PARAMS = {
  W: [
    [1.0, -0.5],
    [0.3, 0.8],
  ],
  c: [0.1, -0.2],
  V: [
    [1.2, -0.7],
    [-0.4, 0.9],
  ],
  d: [0, 0.1],
} as const;

export const BACKPROP_DEFAULTS: BackpropParams = { x1: 0.8, x2: -0.6, h: 1e-5 };

const loss = compileStep(bp, 'network-loss');
const sigmoid = compileStep(bp, 'sigmoid');
const sigmoidPrime = compileStep(bp, 'sigmoid-prime');
const ceGrad1 = compileStep(bp, 'softmax-ce-gradient-1');
const ceGrad2 = compileStep(bp, 'softmax-ce-gradient-2');
const backward = compileStep(bp, 'linear-layer-backward');
const outer = compileStep(bp, 'batch-weight-gradient');

type Theta = Record<string, number>;

function theta(): Theta {
  const t: Theta = {};
  for (const [i, row] of PARAMS.W.entries()) for (const [j, v] of row.entries()) t[`w${i + 1}${j + 1}`] = v;
  for (const [i, row] of PARAMS.V.entries()) for (const [j, v] of row.entries()) t[`v${i + 1}${j + 1}`] = v;
  PARAMS.c.forEach((v, i) => (t[`c${i + 1}`] = v));
  PARAMS.d.forEach((v, i) => (t[`d${i + 1}`] = v));
  return t;
}

/** Entry (i, j) of δ aᵀ for one example: the batch line with the second example set to zero. */
const outerEntry = (delta: number, a: number) => toNumber(outer({ e11: delta, e12: 0, x21: a, x22: 0 }));

export interface GraphNode {
  id: string;
  layer: number;
  row: number;
  value: number;
  grad: number;
}

export interface BackpropModel {
  params: BackpropParams;
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
  loss: number;
  /** Every parameter: backprop gradient, central difference, relative error. */
  checks: { name: string; backprop: number; numeric: number; relError: number }[];
  maxRelError: number;
}

export function buildBackprop(params: BackpropParams): BackpropModel {
  const t = theta();
  const x = [params.x1, params.x2];
  const scope = { ...t, x1: params.x1, x2: params.x2 };
  // Forward.
  const z = toArray(linalg.multiply(matrix(PARAMS.W), column(x))).map((r, i) => r[0]! + PARAMS.c[i]!);
  const h = z.map((zi) => toNumber(sigmoid({ z: zi })));
  const o = toArray(linalg.multiply(matrix(PARAMS.V), column(h))).map((r, i) => r[0]! + PARAMS.d[i]!);
  const soft = { z1: o[0]!, z2: o[1]!, z3: -Infinity };
  const p = [toNumber(ceGrad1({ ...soft, y1: 0 })), toNumber(ceGrad2({ ...soft, y2: 0 }))];
  const L = toNumber(loss(scope));
  // Backward, class 1: y = (1, 0).
  const dO = [toNumber(ceGrad1({ ...soft, y1: 1 })), toNumber(ceGrad2({ ...soft, y2: 0 }))];
  const dH = toArray(backward({ V: matrix(PARAMS.V), delta: column(dO) })).map((r) => r[0]!);
  const dZ = dH.map((g, i) => g * toNumber(sigmoidPrime({ z: z[i]! })));
  const dX = toArray(backward({ V: matrix(PARAMS.W), delta: column(dZ) })).map((r) => r[0]!);
  const grads: Record<string, number> = {};
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      grads[`w${i + 1}${j + 1}`] = outerEntry(dZ[i]!, x[j]!);
      grads[`v${i + 1}${j + 1}`] = outerEntry(dO[i]!, h[j]!);
    }
    grads[`c${i + 1}`] = dZ[i]!;
    grads[`d${i + 1}`] = dO[i]!;
  }
  const checks = Object.keys(t)
    .sort()
    .map((name) => {
      const plus = toNumber(loss({ ...scope, [name]: t[name]! + params.h }));
      const minus = toNumber(loss({ ...scope, [name]: t[name]! - params.h }));
      const numeric = (plus - minus) / (2 * params.h);
      const backprop = grads[name]!;
      const relError = Math.abs(backprop - numeric) / Math.max(1e-12, Math.abs(backprop), Math.abs(numeric));
      return { name, backprop, numeric, relError };
    });
  const nodes: GraphNode[] = [
    ...x.map((v, i) => ({ id: `x${i + 1}`, layer: 0, row: i, value: v, grad: dX[i]! })),
    ...z.map((v, i) => ({ id: `z${i + 1}`, layer: 1, row: i, value: v, grad: dZ[i]! })),
    ...h.map((v, i) => ({ id: `h${i + 1}`, layer: 2, row: i, value: v, grad: dH[i]! })),
    ...o.map((v, i) => ({ id: `o${i + 1}`, layer: 3, row: i, value: v, grad: dO[i]! })),
    ...p.map((v, i) => ({ id: `p${i + 1}`, layer: 4, row: i, value: v, grad: NaN })),
    { id: 'L', layer: 5, row: 0.5, value: L, grad: 1 },
  ];
  const edges: BackpropModel['edges'] = [];
  const link = (a: string, b: string) => edges.push({ from: a, to: b });
  for (const a of ['x1', 'x2']) for (const b of ['z1', 'z2']) link(a, b);
  link('z1', 'h1');
  link('z2', 'h2');
  for (const a of ['h1', 'h2']) for (const b of ['o1', 'o2']) link(a, b);
  for (const a of ['o1', 'o2']) for (const b of ['p1', 'p2']) link(a, b);
  link('p1', 'L');
  return { params, nodes, edges, loss: L, checks, maxRelError: Math.max(...checks.map((c) => c.relError)) };
}

const LABELS: Record<string, string> = {
  x1: 'x₁',
  x2: 'x₂',
  z1: 'z₁',
  z2: 'z₂',
  h1: 'h₁',
  h2: 'h₂',
  o1: 'o₁',
  o2: 'o₂',
  p1: 'p₁',
  p2: 'p₂',
  L: 'L',
};
const LAYER_NAMES = ['input x', 'z = Wx + c', 'h = σ(z)', 'o = Vh + d', 'p = softmax(o)', 'L = −log p₁'];

export function graphSpec(m: BackpropModel, width: number, height: number): Plot.PlotOptions {
  const at = new Map(m.nodes.map((n) => [n.id, n]));
  const links = m.edges.map((e) => ({
    x1: at.get(e.from)!.layer,
    y1: at.get(e.from)!.row,
    x2: at.get(e.to)!.layer,
    y2: at.get(e.to)!.row,
  }));
  const fmt = (v: number) => (Number.isFinite(v) ? texNumber(v, 3).replace(/\\times 10\^\{(-?\d+)\}/, 'e$1') : '—');
  const compact = width < 560;
  // Two significant digits where five columns share a phone's width.
  const short = (v: number) => (compact && Number.isFinite(v) ? String(Number(v.toPrecision(2))) : fmt(v));
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: compact ? 40 : 66,
    marginBottom: 20,
    marginLeft: compact ? 30 : 50,
    marginRight: compact ? 30 : 50,
    x: { domain: [-0.3, 5.3], axis: null },
    y: { domain: [1.6, -0.6], axis: null },
    marks: [
      Plot.link(links, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: COLORS.muted, strokeWidth: THIN, markerEnd: 'arrow' }),
      Plot.dot(m.nodes, { x: 'layer', y: 'row', r: compact ? 14 : 20, fill: COLORS.surface, stroke: COLORS.accent, strokeWidth: 2.5 }),
      Plot.text(m.nodes, { x: 'layer', y: 'row', text: (n: GraphNode) => LABELS[n.id], fontWeight: 700, fill: COLORS.text }),
      Plot.text(m.nodes, {
        x: 'layer',
        y: 'row',
        text: (n: GraphNode) => short(n.value),
        dy: compact ? 24 : 32,
        fill: COLORS.text,
        fontSize: compact ? 11 : 15,
      }),
      Plot.text(m.nodes, {
        x: 'layer',
        y: 'row',
        text: (n: GraphNode) => (Number.isFinite(n.grad) ? `${compact ? '' : '∂ '}${short(n.grad)}` : ''),
        dy: compact ? 38 : 50,
        fill: COLORS.bad,
        fontWeight: 600,
        fontSize: compact ? 11 : 15,
      }),
      // Staggered on two lines: at a projector's text size, neighbouring names on one line would overlap.
      ...[0, 1].map((odd) =>
        Plot.text(
          LAYER_NAMES.map((name, i) => ({ name, i })).filter((d) => d.i % 2 === odd),
          { x: 'i', y: () => -0.6, text: (d: { name: string }) => (compact ? '' : d.name), fill: COLORS.muted, dy: odd ? -8 : -34 },
        ),
      ),
      Plot.text(
        [
          compact
            ? 'black: value · red: ∂L/∂(node)'
            : 'values in black, ∂L/∂(node) in red (gradients of p are not drawn: L depends on p₁ only)',
        ],
        { frameAnchor: 'bottom-left', text: (d: string) => d, fill: COLORS.muted, dy: 14 },
      ),
    ],
  };
}

const bmat = (rows: number[][]) =>
  String.raw`\begin{bmatrix} ${rows.map((r) => r.map((v) => texNumber(v, 4)).join(' & ')).join(String.raw` \\ `)} \end{bmatrix}`;

export function backpropReadout(m: BackpropModel): string {
  const g = Object.fromEntries(m.checks.map((c) => [c.name, c]));
  const W = (key: 'backprop' | 'numeric', p: 'w' | 'v') =>
    bmat([
      [g[`${p}11`]![key], g[`${p}12`]![key]],
      [g[`${p}21`]![key], g[`${p}22`]![key]],
    ]);
  return String.raw`\begin{gathered} \delta^{z} x^\top = ${W('backprop', 'w')} \\ \text{finite diff. } \tfrac{\partial L}{\partial W}: ${W('numeric', 'w')} \\ \delta^{o} h^\top = ${W('backprop', 'v')} \\ \text{finite diff. } \tfrac{\partial L}{\partial V}: ${W('numeric', 'v')} \\ L = ${texNumber(m.loss, 5)} \\ \text{largest relative error} = ${texNumber(m.maxRelError, 2)} \end{gathered}`;
}
