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
 * The mosaic. A 1% column would be invisible, so the x axis is a square-root
 * scale of the population share: areas are then not to scale, and the
 * readout gives the exact shares.
 */
export function bayesSpec(m: BayesModel, width: number, height: number): Plot.PlotOptions {
  const pA = m.params.prevalence / 100;
  const cells = [
    { x1: 0, x2: pA, y1: 0, y2: m.params.sensitivity / 100, kind: 'ill, positive' },
    { x1: 0, x2: pA, y1: m.params.sensitivity / 100, y2: 1, kind: 'ill, negative' },
    { x1: pA, x2: 1, y1: 0, y2: m.params.falsePositive / 100, kind: 'healthy, positive' },
    { x1: pA, x2: 1, y1: m.params.falsePositive / 100, y2: 1, kind: 'healthy, negative' },
  ];
  const fill: Record<string, string> = {
    'ill, positive': COLORS.bad,
    'ill, negative': COLORS.rule,
    'healthy, positive': COLORS.accent,
    'healthy, negative': COLORS.surface,
  };
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 52,
    marginBottom: 44,
    marginTop: 28,
    x: { type: 'sqrt', domain: [0, 1], label: 'share of the population (square-root scale)', labelAnchor: 'right', labelArrow: 'none', ticks: [0, 0.01, 0.05, 0.2, 0.5, 1], tickFormat: '.0%' },
    y: { domain: [0, 1], label: 'P(+ | column)', labelAnchor: 'top', labelArrow: 'none', tickFormat: '.0%' },
    marks: [
      Plot.rect(cells, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: (d: { kind: string }) => fill[d.kind], stroke: COLORS.text, strokeWidth: 1 }),
      Plot.text(
        [
          { x: pA / 2, y: 1, label: 'ill' },
          { x: (pA + 1) / 2, y: 1, label: 'healthy' },
        ],
        { x: 'x', y: 'y', text: 'label', dy: -10, fill: COLORS.text },
      ),
    ],
  };
}

export function bayesReadout(m: BayesModel): string {
  const per = (x: number) => texNumber(x * 10000, 3);
  return String.raw`\text{of } 10\,000:\ ${per(m.truePositive)}\ \text{true} + ${per(m.falsePositive)}\ \text{false positives};\quad P(D \mid +) = ${texNumber(m.posterior, 3)}`;
}
