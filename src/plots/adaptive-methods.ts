/**
 * Adam's moving averages from a zero start: mₜ against the bias-corrected
 * m̂ₜ for gradients with mean G, and the size of Adam's step with and without
 * the correction. Every number comes from the module: the EMA is its `ema`
 * step (used for v with β₂ and g², the same average of the squares), the
 * correction its `bias-correction` step, the step size its `adam-step`.
 */
import * as Plot from '@observablehq/plot';
import adaptive from '../derivations/adaptive-methods';
import { compileStep, toNumber } from '../derivations/evaluate';
import { colorKey } from './marks';
import { COLORS, LINE, PLOT_STYLE, THIN, texNumber } from './theme';
import { createGaussian, createRandom } from './util';

export interface AdamParams {
  b1: number;
  b2: number;
  /** Standard deviation of the gradient noise around its mean G. */
  noise: number;
  /** Steps drawn. */
  steps: number;
  seed: number;
}

/** The gradient's mean. */
export const G = 1;
export const ADAM_DEFAULTS: AdamParams = { b1: 0.9, b2: 0.999, noise: 0.5, steps: 40, seed: 11 };

const ema = compileStep(adaptive, 'ema');
const correct = compileStep(adaptive, 'bias-correction');
const adamStep = compileStep(adaptive, 'adam-step');

export interface AdamModel {
  params: AdamParams;
  gradients: { t: number; g: number }[];
  moments: { t: number; value: number; series: string }[];
  steps: { t: number; size: number; series: string }[];
  /** First-step sizes in units of η: uncorrected and corrected. */
  first: { raw: number; corrected: number };
}

export const SERIES = { raw: 'mₜ (no correction)', corrected: 'm̂ₜ = mₜ / (1 − β₁ᵗ)', mean: 'E[g] = G' } as const;
export const STEP_SERIES = { raw: 'η·mₜ/√vₜ (no correction)', corrected: 'η·m̂ₜ/√v̂ₜ (Adam)' } as const;

export function buildAdam(params: AdamParams): AdamModel {
  const gauss = createGaussian(createRandom(params.seed));
  const gradients: AdamModel['gradients'] = [];
  const moments: AdamModel['moments'] = [];
  const steps: AdamModel['steps'] = [];
  let m = 0;
  let v = 0;
  for (let t = 1; t <= params.steps; t++) {
    const g = G + params.noise * gauss();
    gradients.push({ t, g });
    m = toNumber(ema({ b1: params.b1, mp: m, g }));
    v = toNumber(ema({ b1: params.b2, mp: v, g: g * g }));
    const mh = toNumber(correct({ m, b1: params.b1, t }));
    const vh = toNumber(correct({ m: v, b1: params.b2, t }));
    moments.push({ t, value: m, series: SERIES.raw }, { t, value: mh, series: SERIES.corrected });
    // Step sizes in units of η (η = 1).
    steps.push(
      { t, size: toNumber(adamStep({ eta: 1, m, s: v })), series: STEP_SERIES.raw },
      { t, size: toNumber(adamStep({ eta: 1, m: mh, s: vh })), series: STEP_SERIES.corrected },
    );
  }
  const first = { raw: steps[0]!.size, corrected: steps[1]!.size };
  return { params, gradients, moments, steps, first };
}

export function momentsSpec(m: AdamModel, width: number, height: number): Plot.PlotOptions {
  const colors = { [SERIES.raw]: COLORS.warn, [SERIES.corrected]: COLORS.accent };
  const ys = m.gradients.map((d) => d.g);
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 48,
    marginBottom: 44,
    marginRight: 24,
    x: { domain: [0, m.params.steps], label: 'step t', labelAnchor: 'right', labelArrow: 'none', tickFormat: 'd' },
    y: { domain: [Math.min(-0.2, ...ys), Math.max(2, ...ys)], label: 'first moment', labelAnchor: 'top', labelArrow: 'none', grid: true },
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    marks: [
      Plot.ruleY([G], { stroke: COLORS.text, strokeDasharray: '6 4', strokeWidth: THIN }),
      Plot.ruleY([0], { stroke: COLORS.muted }),
      Plot.dot(m.gradients, { x: 't', y: 'g', r: 3, fill: COLORS.muted, fillOpacity: 0.7, ariaDescription: 'gradients' }),
      Plot.line(m.moments, {
        x: 't',
        y: 'value',
        z: 'series',
        stroke: 'series',
        strokeWidth: LINE,
        ariaDescription: 'first moment with and without correction',
      }),
      ...[...Object.entries(colors), [`${SERIES.mean} (dots: gₜ)`, COLORS.text] as const].map(([name, color], i) =>
        Plot.text([name], {
          frameAnchor: 'bottom-right',
          text: (d: string) => `— ${d}`,
          fill: color,
          dy: -i * 20 - 4,
          dx: -4,
          fontWeight: 600,
          stroke: COLORS.surface,
          strokeWidth: 4,
          paintOrder: 'stroke',
        }),
      ),
    ],
  };
}

export function stepsSpec(m: AdamModel, width: number, height: number): Plot.PlotOptions {
  const colors = { [STEP_SERIES.raw]: COLORS.warn, [STEP_SERIES.corrected]: COLORS.accent };
  const top = Math.max(1.5, ...m.steps.map((s) => s.size)) * 1.1;
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 48,
    marginBottom: 44,
    marginRight: 24,
    x: { domain: [0, m.params.steps], label: 'step t', labelAnchor: 'right', labelArrow: 'none', tickFormat: 'd' },
    y: { domain: [0, top], label: 'step size / η', labelAnchor: 'top', labelArrow: 'none', grid: true },
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    marks: [
      Plot.ruleY([1], { stroke: COLORS.text, strokeDasharray: '6 4', strokeWidth: THIN }),
      Plot.line(m.steps, {
        x: 't',
        y: 'size',
        z: 'series',
        stroke: 'series',
        strokeWidth: LINE,
        marker: 'circle',
        ariaDescription: 'step sizes',
      }),
      ...colorKey(colors),
    ],
  };
}

export function adamReadout(m: AdamModel): string {
  const { b1, b2 } = m.params;
  return String.raw`\begin{gathered} \beta_1 = ${texNumber(b1)},\ \beta_2 = ${texNumber(b2, 4)}:\quad \text{first step} = \frac{1 - \beta_1}{\sqrt{1 - \beta_2}}\,\eta = ${texNumber(Math.abs(m.first.raw))}\,\eta \ \text{without correction} \\ \text{and } ${texNumber(Math.abs(m.first.corrected))}\,\eta \text{ with it} \end{gathered}`;
}
