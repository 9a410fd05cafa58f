/**
 * Newton's method: f(x) with the tangent steps from a chosen start, the
 * iterate table, and |error| per iteration against gradient descent.
 * Each function is a worked case of the module: f and f' are the `fk` and
 * `dk` it substitutes into the update, the iteration is its map step, the
 * tangents are its `tangent-line` step. Gradient descent is the module's own
 * `newton-update` step with the derivative replaced by a fixed 1/eta: a
 * gradient step on the function whose derivative is f.
 */
import * as Plot from '@observablehq/plot';
import newton from '../derivations/newton-method';
import { compileBinding, compileStep, toNumber, type Evaluator } from '../derivations/evaluate';
import { colorKey } from './marks';
import { COLORS, LINE, PLOT_STYLE, THIN, texNumber } from './theme';
import { bisect, linspace } from './util';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
/** An integer exponent as superscript digits, so a tick reads 10⁻⁸ rather than ASCII 1e-8. */
const superscript = (n: number) => [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');

export type NewtonCase = 'sqrt2' | 'cycle' | 'cube-root';
export const NEWTON_CASES: readonly NewtonCase[] = ['sqrt2', 'cycle', 'cube-root'];

interface CaseSpec {
  label: string;
  /** The module step whose bindings are f(x_k) and f'(x_k). */
  step: string;
  /** The step that gives x_{k+1} from x_k. */
  map: string;
  scope: Record<string, number>;
  domain: [number, number];
  start: { min: number; max: number; value: number };
  /** A bracket of the root, for bisection on f. */
  bracket: [number, number];
  /** Fixed gradient-descent step size. */
  eta: number;
  /** f is defined for x >= 0 by the step; extend it as an odd function (the step's "by symmetry"). */
  odd?: boolean;
}

export const CASES: Readonly<Record<NewtonCase, CaseSpec>> = {
  sqrt2: {
    label: 'f(x) = x² − 2',
    step: 'babylonian-update',
    map: 'babylonian-update',
    scope: { a: 2 },
    domain: [-0.5, 4],
    start: { min: 0.2, max: 4, value: 3.5 },
    bracket: [0, 4],
    eta: 0.25,
  },
  cycle: {
    label: 'f(x) = x³ − 2x + 2',
    step: 'cycle-map',
    map: 'cycle-map',
    scope: {},
    domain: [-2.6, 2],
    start: { min: -2.5, max: 2, value: 0 },
    bracket: [-3, -1],
    eta: 0.1,
  },
  'cube-root': {
    label: 'f(x) = ∛x',
    step: 'cube-root-diverges',
    map: 'cube-root-diverges',
    scope: {},
    domain: [-3, 3],
    start: { min: -2, max: 2, value: 0.5 },
    bracket: [-1, 1],
    eta: 0.1,
    odd: true,
  },
};

export interface NewtonParams {
  fn: NewtonCase;
  x0: number;
  /** Number of Newton steps. */
  steps: number;
}

export const NEWTON_DEFAULTS: NewtonParams = { fn: 'sqrt2', x0: 3.5, steps: 6 };

const tangent = compileStep(newton, 'tangent-line');
const update = compileStep(newton, 'newton-update');

interface Compiled {
  f: (x: number) => number;
  df: (x: number) => number;
  next: (x: number) => number;
}

const compiled = new Map<NewtonCase, Compiled>();

function compileCase(fn: NewtonCase): Compiled {
  let c = compiled.get(fn);
  if (c) return c;
  const spec = CASES[fn];
  const fk: Evaluator = compileBinding(newton, spec.step, 'fk');
  const dk: Evaluator = compileBinding(newton, spec.step, 'dk');
  const map = compileStep(newton, spec.map);
  const at = (e: Evaluator) => (x: number) => toNumber(e({ ...spec.scope, xk: x }));
  const f0 = at(fk);
  const d0 = at(dk);
  c = {
    f: spec.odd ? (x) => Math.sign(x) * f0(Math.abs(x)) : f0,
    df: spec.odd ? (x) => d0(Math.abs(x)) : d0,
    next: at(map),
  };
  compiled.set(fn, c);
  return c;
}

export interface NewtonModel {
  params: NewtonParams;
  root: number;
  curve: { x: number; y: number }[];
  domain: [number, number];
  iterates: { k: number; x: number; fx: number; error: number }[];
  tangents: { x1: number; y1: number; x2: number; y2: number }[];
  drops: { x: number; y1: number; y2: number }[];
  errors: { k: number; error: number; method: 'Newton' | 'gradient descent' }[];
}

/** Errors below this are drawn at this height: double precision cannot resolve less. */
export const ERROR_FLOOR = 1e-16;
const BLOW_UP = 1e6;

export function buildNewton(params: NewtonParams): NewtonModel {
  const spec = CASES[params.fn];
  const { f, df, next } = compileCase(params.fn);
  const root = bisect(f, ...spec.bracket);
  const iterates: NewtonModel['iterates'] = [];
  let x = params.x0;
  for (let k = 0; k <= params.steps; k++) {
    const fx = f(x);
    iterates.push({ k, x, fx, error: Math.abs(x - root) });
    if (!Number.isFinite(x) || Math.abs(x) > BLOW_UP) break;
    x = next(x);
  }
  const finite = iterates.filter((it) => Number.isFinite(it.x) && Math.abs(it.x) < 50);
  const xs = finite.map((it) => it.x);
  const domain: [number, number] = [Math.min(spec.domain[0], ...xs) - 0.2, Math.max(spec.domain[1], ...xs) + 0.2];
  const curve = linspace(domain[0], domain[1], 240).map((xx) => ({ x: xx, y: f(xx) }));
  const tangents: NewtonModel['tangents'] = [];
  const drops: NewtonModel['drops'] = [];
  for (let i = 0; i + 1 < finite.length; i++) {
    const a = finite[i]!;
    const b = finite[i + 1]!;
    const ell = (xx: number) => toNumber(tangent({ fk: a.fx, dk: df(a.x), xk: a.x, x: xx }));
    tangents.push({ x1: a.x, y1: ell(a.x), x2: b.x, y2: ell(b.x) });
    drops.push({ x: b.x, y1: 0, y2: b.fx });
  }
  const errors: NewtonModel['errors'] = iterates.map((it) => ({
    k: it.k,
    error: Math.max(ERROR_FLOOR, it.error),
    method: 'Newton' as const,
  }));
  let g = params.x0;
  for (let k = 0; k <= Math.max(params.steps, 10); k++) {
    errors.push({ k, error: Math.max(ERROR_FLOOR, Math.abs(g - root)), method: 'gradient descent' });
    if (!Number.isFinite(g) || Math.abs(g) > BLOW_UP) break;
    g = toNumber(update({ xk: g, fk: f(g), dk: 1 / spec.eta }));
  }
  return { params, root, curve, domain, iterates, tangents, drops, errors: errors.filter((e) => Number.isFinite(e.error)) };
}

/** Room above the top tick for the y label ("f(x)" sat on "14" at 20 px). */
const MARGIN_TOP = 30;
const MARGIN_LEFT = 44;
/** Plot's default right margin. */
const MARGIN_RIGHT = 20;
/** Two labels closer than this (in px) overlap: x₂ and x₃ sit on top of each other near the root. */
const LABEL_GAP = 22;

/**
 * The first four iterates that can carry a label (x₀…x₃) without running into
 * an earlier one: iterates bunch up near the root, where only the first keeps
 * its label.
 */
function labelledIterates(m: NewtonModel, yDomain: [number, number], width: number, height: number): NewtonModel['iterates'] {
  const [x0, x1] = m.domain;
  const [y0, y1] = yDomain;
  const px = (x: number) => ((x - x0) / (x1 - x0)) * (width - MARGIN_LEFT - MARGIN_RIGHT);
  const py = (y: number) => ((y - y0) / (y1 - y0)) * (height - MARGIN_TOP - 44);
  const kept: NewtonModel['iterates'] = [];
  for (const it of m.iterates) {
    if (it.k >= 4 || !Number.isFinite(it.fx)) continue;
    if (kept.every((o) => Math.hypot(px(it.x) - px(o.x), py(it.fx) - py(o.fx)) >= LABEL_GAP)) kept.push(it);
  }
  return kept;
}

export function functionSpec(m: NewtonModel, width: number, height: number): Plot.PlotOptions {
  const ys = m.curve.map((p) => p.y).filter(Number.isFinite);
  const lo = Math.min(-1, ...ys);
  const hi = Math.max(1, ...ys);
  const yDomain: [number, number] = [Math.max(lo, -12), Math.min(hi, 14)];
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginTop: MARGIN_TOP,
    marginLeft: MARGIN_LEFT,
    marginBottom: 44,
    x: { domain: m.domain, label: 'x', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: yDomain, label: 'f(x)', labelAnchor: 'top', labelArrow: 'none', grid: true },
    clip: true,
    marks: [
      Plot.ruleY([0], { stroke: COLORS.muted, strokeWidth: 1.5 }),
      Plot.line(m.curve, { x: 'x', y: 'y', stroke: COLORS.text, strokeWidth: LINE, ariaDescription: 'f(x)' }),
      Plot.link(m.tangents, {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        stroke: COLORS.bad,
        strokeWidth: LINE,
        ariaDescription: 'tangent steps',
      }),
      Plot.ruleX(m.drops, { x: 'x', y1: 'y1', y2: 'y2', stroke: COLORS.bad, strokeDasharray: '4 3', strokeWidth: THIN }),
      Plot.dot(
        m.iterates.filter((it) => Number.isFinite(it.fx)),
        { x: 'x', y: 'fx', r: 5.5, fill: COLORS.accent, stroke: COLORS.surface, strokeWidth: 1.5, ariaDescription: 'iterates' },
      ),
      Plot.text(labelledIterates(m, yDomain, width, height), {
        x: 'x',
        y: 'fx',
        text: (d: { k: number }) => `x${'₀₁₂₃'[d.k]}`,
        dy: -14,
        fill: COLORS.text,
        stroke: COLORS.surface,
        strokeWidth: 4,
        paintOrder: 'stroke',
      }),
    ],
  };
}

export function errorSpec(m: NewtonModel, width: number, height: number): Plot.PlotOptions {
  const colors = { Newton: COLORS.accent, 'gradient descent': COLORS.warn };
  const maxK = Math.max(...m.errors.map((e) => e.k));
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 56,
    marginBottom: 44,
    marginRight: 24,
    x: { domain: [0, maxK], label: 'iteration k', labelAnchor: 'right', labelArrow: 'none', ticks: Math.min(maxK, 10), tickFormat: 'd' },
    y: {
      type: 'log',
      domain: [ERROR_FLOOR, Math.max(10, ...m.errors.map((e) => e.error))],
      label: '|xₖ − r|',
      labelAnchor: 'top',
      labelArrow: 'none',
      grid: true,
      ticks: [1, 1e-4, 1e-8, 1e-12, 1e-16],
      tickFormat: (d: number) => `10${superscript(Math.round(Math.log10(d)))}`,
    },
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    marks: [
      Plot.line(m.errors, {
        x: 'k',
        y: 'error',
        z: 'method',
        stroke: 'method',
        strokeWidth: LINE,
        marker: 'circle',
        ariaDescription: 'errors',
      }),
      // Gradient descent's step size is part of what it is: x_{k+1} = x_k - eta f(x_k).
      ...colorKey(colors, (d) => `${d}${d === 'gradient descent' ? `, η = ${CASES[m.params.fn].eta}` : ''}`),
    ],
  };
}

export function newtonReadout(m: NewtonModel): string {
  const rows = m.iterates
    .map((it) => String.raw`${it.k} & ${texNumber(it.x, 10)} & ${texNumber(it.fx, 3)} & ${texNumber(it.error, 2)}`)
    .join(String.raw` \\ `);
  return String.raw`\begin{array}{rrrr} k & x_k & f(x_k) & |x_k - r| \\ \hline ${rows} \end{array}`;
}
