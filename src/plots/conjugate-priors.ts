/**
 * Beta prior to posterior: the prior Beta(alpha, beta), the likelihood of k
 * successes in n trials (scaled to unit area) and the posterior, with the
 * prior mean, the MLE and the posterior mean marked. Every curve and marker
 * is a step of the conjugate-priors module: `prior`, `likelihood`,
 * `posterior-kernel`, `mle`, `posterior-mean`.
 */
import * as Plot from '@observablehq/plot';
import conj from '../derivations/conjugate-priors';
import { compileStep, toNumber } from '../derivations/evaluate';
import { COLORS, LINE, PLOT_STYLE, texNumber } from './theme';
import { linspace, normalise } from './util';

const logPrior = compileStep(conj, 'prior');
const logLik = compileStep(conj, 'likelihood');
const logPost = compileStep(conj, 'posterior-kernel');
const mle = compileStep(conj, 'mle');
const postMean = compileStep(conj, 'posterior-mean');
const priorMean = compileStep(conj, 'beta-mean');

export interface BetaParams {
  alpha: number;
  beta: number;
  /** Successes k (clamped to the trials). */
  k: number;
  /** Trials n. */
  n: number;
}

/** The page's example: Beta(2, 2) prior, 7 successes in 10 trials. */
export const BETA_DEFAULTS: BetaParams = { alpha: 2, beta: 2, k: 7, n: 10 };

export interface BetaModel {
  params: BetaParams;
  curves: { theta: number; density: number; curve: 'prior' | 'likelihood' | 'posterior' }[];
  priorMean: number;
  mle: number | undefined;
  posteriorMean: number;
}

/** exp of a log-density on the grid, shifted by its maximum so nothing overflows, then normalised. */
function density(xs: readonly number[], logf: (t: number) => number): number[] {
  const logs = xs.map(logf);
  const top = Math.max(...logs.filter(Number.isFinite));
  return normalise(
    xs,
    logs.map((l) => (Number.isFinite(l) ? Math.exp(l - top) : 0)),
  );
}

export function buildBeta(params: BetaParams, points = 199): BetaModel {
  const n = Math.max(0, Math.round(params.n));
  const k = Math.max(0, Math.min(n, Math.round(params.k)));
  const { alpha, beta } = params;
  const xs = linspace(0.5 / (points + 1), 1 - 0.5 / (points + 1), points);
  const prior = density(xs, (theta) => toNumber(logPrior({ alpha, beta, theta })));
  const post = density(xs, (theta) => toNumber(logPost({ alpha, beta, k, n, theta })));
  const curves: BetaModel['curves'] = [
    ...xs.map((theta, i) => ({ theta, density: prior[i]!, curve: 'prior' as const })),
    ...xs.map((theta, i) => ({ theta, density: post[i]!, curve: 'posterior' as const })),
  ];
  if (n > 0) {
    const lik = density(xs, (theta) => toNumber(logLik({ k, n, theta })));
    curves.push(...xs.map((theta, i) => ({ theta, density: lik[i]!, curve: 'likelihood' as const })));
  }
  return {
    params: { alpha, beta, k, n },
    curves,
    priorMean: toNumber(priorMean({ a: alpha, b: beta })),
    mle: n > 0 ? toNumber(mle({ k, n })) : undefined,
    posteriorMean: toNumber(postMean({ alpha, beta, k, n })),
  };
}

const COLOR = { prior: COLORS.muted, likelihood: COLORS.accent, posterior: COLORS.bad } as const;

/** The highest (capped) point of each curve, for its label. */
function peaks(curves: BetaModel['curves'], top: number): { theta: number; density: number; curve: string }[] {
  const best = new Map<string, { theta: number; density: number; curve: string }>();
  for (const c of curves) {
    const d = Math.min(c.density, top);
    const b = best.get(c.curve);
    if (!b || d > b.density) best.set(c.curve, { theta: Math.min(0.92, Math.max(0.08, c.theta)), density: d, curve: c.curve });
  }
  return [...best.values()];
}

export function betaSpec(m: BetaModel, width: number, height: number): Plot.PlotOptions {
  // Densities of Beta(a < 1) are unbounded at the edges: cap the axis so the bulk stays readable.
  const sorted = m.curves.map((c) => c.density).sort((a, b) => a - b);
  const top = Math.min(sorted[sorted.length - 1]!, 3 * (sorted[Math.floor(sorted.length * 0.97)] ?? 1)) * 1.08;
  const markers = [
    { x: m.priorMean, label: 'prior mean', curve: 'prior' },
    ...(m.mle !== undefined ? [{ x: m.mle, label: 'MLE', curve: 'likelihood' }] : []),
    { x: m.posteriorMean, label: 'posterior mean', curve: 'posterior' },
  ];
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 48,
    marginBottom: 44,
    marginTop: 24,
    x: { domain: [0, 1], label: 'θ', labelAnchor: 'right', labelArrow: 'none' },
    y: { domain: [0, top], label: 'density', labelAnchor: 'top', labelArrow: 'none', grid: true },
    color: { domain: Object.keys(COLOR), range: Object.values(COLOR) },
    marks: [
      Plot.ruleX(markers, { x: 'x', stroke: 'curve', strokeDasharray: '6 4', strokeWidth: 2 }),
      Plot.line(m.curves, {
        x: 'theta',
        y: (d: { density: number }) => Math.min(d.density, top),
        z: 'curve',
        stroke: 'curve',
        strokeWidth: LINE,
        clip: true,
      }),
      // Each curve named at its highest point (a Plot legend would need an inline <style>, which the CSP forbids).
      Plot.text(peaks(m.curves, top), {
        x: 'theta',
        y: 'density',
        text: 'curve',
        fill: 'curve',
        dy: -10,
        stroke: COLORS.surface,
        strokeWidth: 4,
        paintOrder: 'stroke',
      }),
    ],
  };
}

export function betaReadout(m: BetaModel): string {
  const { alpha, beta, k, n } = m.params;
  const f = (x: number) => texNumber(x, 3);
  return String.raw`\begin{gathered} \mathrm{Beta}(${f(alpha)}, ${f(beta)}) \to \mathrm{Beta}(${f(alpha + k)}, ${f(beta + n - k)}) \\ \mathbb{E}[\theta \mid D] = ${f(m.posteriorMean)}\ (\text{prior } ${f(m.priorMean)}${m.mle !== undefined ? String.raw`,\ \text{MLE } ${f(m.mle)}` : ''}) \end{gathered}`;
}
