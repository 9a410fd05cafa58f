/**
 * Bayes' rule as a mosaic of a population: the width of each column is the
 * prior (ill or healthy), the height of its shaded part the probability of a
 * positive test. The posterior is the share of the shaded area that lies in
 * the ill column, computed by the module's `bayes-expanded` step.
 */
import * as Plot from '@observablehq/plot';
import bayes from '../derivations/bayes-rule';
import { compileStep, toNumber } from '../derivations/evaluate';
import { COLORS, PLOT_STYLE, texNumber } from './theme';

const posterior = compileStep(bayes, 'bayes-expanded');

export interface BayesParams {
  /** P(D), in percent. */
  prevalence: number;
  /** P(+ | D), in percent. */
  sensitivity: number;
  /** P(+ | not D), in percent. */
  falsePositive: number;
}

/** The page's diagnostic test: 1% prevalence, 90% sensitivity, 9% false positives. */
export const BAYES_DEFAULTS: BayesParams = { prevalence: 1, sensitivity: 90, falsePositive: 9 };

export interface BayesModel {
  params: BayesParams;
  /** Shares of the whole population. */
  truePositive: number;
  falsePositive: number;
  posterior: number;
}

export function buildBayes(params: BayesParams): BayesModel {
  const pA = params.prevalence / 100;
  const pBgA = params.sensitivity / 100;
  const pBgnA = params.falsePositive / 100;
  return {
    params,
    truePositive: pA * pBgA,
    falsePositive: (1 - pA) * pBgnA,
    posterior: toNumber(posterior({ pA, pBgA, pBgnA })),
  };
}

/**
 * The mosaic, to scale: the area of each cell is its share of the
 * population, so the sliver of true positives and the strip of false
 * positives can be compared by eye.
 */
export function bayesSpec(m: BayesModel, width: number, height: number): Plot.PlotOptions {
  const pA = m.params.prevalence / 100;
  const sens = m.params.sensitivity / 100;
  const fp = m.params.falsePositive / 100;
  const cells = [
    { x1: 0, x2: pA, y1: 0, y2: sens, kind: 'ill, positive' },
    { x1: 0, x2: pA, y1: sens, y2: 1, kind: 'ill, negative' },
    { x1: pA, x2: 1, y1: 0, y2: fp, kind: 'healthy, positive' },
    { x1: pA, x2: 1, y1: fp, y2: 1, kind: 'healthy, negative' },
  ];
  const fill: Record<string, string> = {
    'ill, positive': COLORS.bad,
    'ill, negative': COLORS.rule,
    'healthy, positive': COLORS.accent,
    'healthy, negative': COLORS.surface,
  };
  const per = (x: number) => texNumber(x * 10000, 3);
  const labels = [
    {
      x: pA,
      y: Math.max(0.5 * sens, fp + 0.06),
      text: `← ill and positive: ${per(m.truePositive)} in 10 000`,
      anchor: 'start',
      dx: 8,
      color: COLORS.bad,
    },
    // Inside the strip of false positives when it is tall enough, above it otherwise.
    fp >= 0.07
      ? { x: 1, y: fp / 2, text: `healthy and positive: ${per(m.falsePositive)} in 10 000`, anchor: 'end', dx: -8, color: COLORS.surface }
      : {
          x: 1,
          y: fp + 0.04,
          text: `healthy and positive: ${per(m.falsePositive)} in 10 000`,
          anchor: 'end',
          dx: -8,
          color: COLORS.accent,
        },
    { x: 1, y: (1 + Math.max(fp, 0.1)) / 2, text: 'healthy, negative', anchor: 'end', dx: -8, color: COLORS.muted },
  ];
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 52,
    marginBottom: 44,
    marginTop: 24,
    marginRight: 16,
    x: {
      domain: [0, 1],
      label: 'share of the population: ill on the left, healthy on the right',
      labelAnchor: 'right',
      labelArrow: 'none',
      tickFormat: '.0%',
    },
    y: { domain: [0, 1], label: 'P(positive test | column)', labelAnchor: 'top', labelArrow: 'none', tickFormat: '.0%' },
    marks: [
      Plot.rect(cells, {
        x1: 'x1',
        x2: 'x2',
        y1: 'y1',
        y2: 'y2',
        fill: (d: { kind: string }) => fill[d.kind],
        stroke: COLORS.text,
        strokeWidth: 1,
      }),
      ...labels.map((l) =>
        Plot.text([l], { x: 'x', y: 'y', text: 'text', textAnchor: l.anchor as 'start' | 'end', dx: l.dx, fill: l.color, fontWeight: 600 }),
      ),
    ],
  };
}

export function bayesReadout(m: BayesModel): string {
  const per = (x: number) => texNumber(x * 10000, 3);
  return String.raw`\begin{gathered} \text{of } 10\,000:\ ${per(m.truePositive)}\ \text{true} + ${per(m.falsePositive)}\ \text{false positives} \\ P(D \mid +) = ${texNumber(m.posterior, 3)} \end{gathered}`;
}
