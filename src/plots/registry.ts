/**
 * Every live plot, by name: what the page renders before (and without)
 * JavaScript. `Plot.astro` reads this to reserve each panel's space, print the
 * caption and the static description, and lay out the controls; the island
 * for the name fills them in. Misspelled names fail the build with the list.
 */
import { CASES, NEWTON_CASES, NEWTON_DEFAULTS } from './newton-method';
import { ML_MAP_DEFAULTS, MAX_N, MSE_DEFAULTS } from './ml-vs-map';
import { PCA_DEFAULTS, PCA_VIEWS } from './pca-decorrelation';

export interface Panel {
  id: string;
  /** Width / height; the box is reserved at this ratio so nothing moves when the chart arrives. */
  aspect: number;
  /** Accessible name of the chart. */
  label: string;
}

export type Control =
  | { kind: 'range'; id: string; label: string; min: number; max: number; step: number; value: number }
  | { kind: 'radio'; id: string; label: string; options: readonly { value: string; label: string }[]; value: string }
  | { kind: 'button'; id: string; label: string }
  | { kind: 'select'; id: string; label: string; options: readonly { value: string; label: string }[]; value: string }
  /** Space the island fills with its own controls (e.g. the doors of a hand-played game); `lines` is reserved. */
  | { kind: 'area'; id: string; label: string; lines: number }
  /** A line of help text. */
  | { kind: 'hint'; id: string; label: string };

export interface PlotEntry {
  slug: string;
  caption: string;
  /** What the figure shows, in words: the whole figure when JavaScript is off. */
  description: string;
  panels: readonly Panel[];
  /** Panels side by side on wide screens (`row`), or always stacked. */
  layout?: 'row' | 'column';
  controls: readonly Control[];
  /** Lines reserved for the KaTeX readout under the controls. */
  readoutLines: number;
}

const range = (id: string, label: string, min: number, max: number, step: number, value: number): Control => ({ kind: 'range', id, label, min, max, step, value });

export const PLOTS = {
  'least-squares-fit': {
    slug: 'least-squares',
    caption: 'Drag the points: the least-squares line, its residuals and the loss surface follow.',
    description:
      'First: eight points, the fitted line ŷ = ŵx + b̂ from the closed form (XᵀX)⁻¹Xᵀy, and each residual as a dashed vertical segment; the sum of squared residuals is printed below. Second: contours of the loss ‖y − Xβ‖² over the slope w and the intercept b, nested ellipses around the closed-form minimum, which is marked. Moving a point moves the minimum and reshapes the bowl.',
    panels: [
      { id: 'fit', aspect: 4 / 3, label: 'Data points, fitted line and residuals' },
      { id: 'loss', aspect: 4 / 3, label: 'Contours of the loss over w and b with the closed-form minimum' },
    ],
    layout: 'row',
    controls: [
      { kind: 'hint', id: 'keys', label: 'Drag a point, or Tab to it and move it with the arrow keys (Shift for bigger steps).' },
      { kind: 'button', id: 'reset', label: 'Reset points' },
    ],
    readoutLines: 1,
  },
  'ml-vs-map-estimates': {
    slug: 'ml-vs-map',
    caption: 'Samples y = vt + noise with the ML and MAP lines, and the likelihood, prior and posterior over v.',
    description:
      'Top: noisy positions yᵢ = v tᵢ + εᵢ at times tᵢ, with the lines through the origin whose slopes are the ML estimate (least squares) and the MAP estimate (pulled towards the prior mean μ₀), and the true v dashed. Bottom: the likelihood, the Gaussian prior N(μ₀, σ₀²) and the posterior over v. The posterior sits between the prior and the likelihood and is narrower than both; with more samples or a wider prior it moves onto the likelihood and MAP approaches ML.',
    panels: [
      { id: 'samples', aspect: 16 / 9, label: 'Samples with ML, MAP and true lines' },
      { id: 'densities', aspect: 16 / 9, label: 'Likelihood, prior and posterior densities over v' },
    ],
    controls: [
      range('v', 'True v', -2, 3, 0.1, ML_MAP_DEFAULTS.v),
      range('sigma', 'Noise σ', 0.2, 3, 0.1, ML_MAP_DEFAULTS.sigma),
      range('n', 'Samples n', 1, MAX_N, 1, ML_MAP_DEFAULTS.n),
      range('mu0', 'Prior mean μ₀', -2, 3, 0.1, ML_MAP_DEFAULTS.mu0),
      range('sigma0', 'Prior σ₀', 0.1, 3, 0.05, ML_MAP_DEFAULTS.sigma0),
    ],
    readoutLines: 1,
  },
  'ml-vs-map-mse': {
    slug: 'ml-vs-map',
    caption: 'A seeded simulation: bias, variance and mean squared error of ML and MAP as n grows.',
    description:
      'For each n, many data sets are simulated with the same true v; the ML estimate is unbiased and its MSE is its variance, while MAP trades a bias towards μ₀ for a smaller variance. With a good prior MAP has the lower MSE at small n; as n grows both MSEs fall and the difference vanishes. The lower panel compares the simulated difference MSE(ML) − MSE(MAP) with its exact value.',
    panels: [
      { id: 'mse', aspect: 16 / 9, label: 'Bias squared, variance and MSE against n' },
      { id: 'gap', aspect: 2, label: 'MSE difference against n: exact and simulated' },
    ],
    controls: [
      range('v', 'True v', -2, 3, 0.1, MSE_DEFAULTS.v),
      range('mu0', 'Prior mean μ₀', -2, 3, 0.1, MSE_DEFAULTS.mu0),
      range('sigma0', 'Prior σ₀', 0.1, 3, 0.05, MSE_DEFAULTS.sigma0),
    ],
    readoutLines: 1,
  },
  'pca-decorrelation': {
    slug: 'pca-decorrelation',
    caption: 'Gaussian samples with the covariance ellipse and the eigenvectors scaled by √λ, before and after decorrelating and whitening.',
    description:
      'A cloud of samples from a 2-D Gaussian with a 2σ ellipse and two arrows along the eigenvectors of Σ, of length √λ₁ and √λ₂. Decorrelated, the cloud is rotated by Qᵀ so the arrows lie on the axes and the sample covariance is nearly diagonal (Λ). Whitened, it is also scaled by Λ^{−1/2}: the ellipse becomes a circle, both arrows have length 1 and the covariance is nearly the identity. The ellipse and the arrows come from the population Σ; the readout gives the sample covariance Σ̂ of the points with its own eigenvalues, beside the population ones.',
    panels: [{ id: 'cloud', aspect: 4 / 3, label: 'Samples, covariance ellipse and scaled eigenvectors' }],
    controls: [
      range('varX', 'Variance of x₁ (a)', 0.3, 4, 0.1, PCA_DEFAULTS.varX),
      range('varY', 'Variance of x₂ (c)', 0.3, 4, 0.1, PCA_DEFAULTS.varY),
      range('rho', 'Correlation ρ', -0.95, 0.95, 0.05, PCA_DEFAULTS.rho),
      { kind: 'radio', id: 'view', label: 'Coordinates', options: PCA_VIEWS.map((v) => ({ value: v, label: v })), value: PCA_DEFAULTS.view },
    ],
    readoutLines: 2,
  },
  'monty-hall-games': {
    slug: 'monty-hall',
    caption: 'Play the game by hand, or run thousands of seeded games and watch the win rates settle.',
    description:
      'Pick a door; the host opens a goat door; stay or switch. Below, the running win rates of always staying and always switching over many games, with their exact values dashed and a 95% band in which the running rate should lie. With three doors switching settles at 2/3 and staying at 1/3; with more doors both fall, and switching stays ahead.',
    panels: [{ id: 'runs', aspect: 16 / 9, label: 'Running win rates of staying and switching' }],
    controls: [
      { kind: 'area', id: 'game', label: 'Play one game', lines: 2 },
      { kind: 'select', id: 'doors', label: 'Doors', options: Array.from({ length: 8 }, (_, i) => ({ value: String(i + 3), label: String(i + 3) })), value: '3' },
      { kind: 'button', id: 'run-10', label: 'Run 10 games' },
      { kind: 'button', id: 'run-100', label: 'Run 100 games' },
      { kind: 'button', id: 'run-10000', label: 'Run 10 000 games' },
      { kind: 'button', id: 'reset', label: 'Reset' },
    ],
    readoutLines: 2,
  },
  'newton-method': {
    slug: 'newton-method',
    caption: 'Newton’s method step by step: tangents, iterates and the error per iteration.',
    description:
      'Top: f(x) with the tangent at each iterate drawn down to where it crosses zero, which is the next iterate. From most starts near √2 the error is roughly squared each step (digits double), while gradient descent, xₖ₊₁ = xₖ − η f(xₖ) with a fixed step η (a gradient step on the function F whose derivative is f, for √2 the function F(x) = x³/3 − 2x), only shrinks it by a constant factor: a straight line on the log-scale error plot. The cubic x³ − 2x + 2 started at 0 cycles between 0 and 1 forever, and the cube root diverges from every start, doubling its distance each step.',
    panels: [
      { id: 'function', aspect: 4 / 3, label: 'f(x) with the Newton tangent steps; click to choose the start' },
      { id: 'error', aspect: 16 / 9, label: 'Absolute error per iteration, log scale: Newton and gradient descent' },
    ],
    controls: [
      { kind: 'radio', id: 'fn', label: 'Function', options: NEWTON_CASES.map((c) => ({ value: c, label: CASES[c].label })), value: NEWTON_DEFAULTS.fn },
      range('x0', 'Start x₀', CASES.sqrt2.start.min, CASES.sqrt2.start.max, 0.01, NEWTON_DEFAULTS.x0),
      { kind: 'hint', id: 'click', label: 'Or click on the graph of f to start there.' },
    ],
    readoutLines: 8,
  },
} as const satisfies Record<string, PlotEntry>;

export type PlotName = keyof typeof PLOTS;

export function getPlot(name: string): PlotEntry {
  const entry = (PLOTS as Record<string, PlotEntry>)[name];
  if (!entry) throw new Error(`unknown plot \`${name}\`; known plots: ${Object.keys(PLOTS).join(', ')}`);
  return entry;
}
