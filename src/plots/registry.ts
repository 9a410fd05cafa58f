/**
 * Every live plot, by name: what the page renders before (and without)
 * JavaScript. `Plot.astro` reads this to reserve each panel's space, print the
 * caption and the static description, and lay out the controls; the island
 * for the name fills them in. Misspelled names fail the build with the list.
 */
import { CASES, NEWTON_CASES, NEWTON_DEFAULTS } from './newton-method';
import { ML_MAP_DEFAULTS, MAX_N, MSE_DEFAULTS } from './ml-vs-map';
import { PCA_DEFAULTS, PCA_VIEWS } from './pca-decorrelation';
import { BAYES_DEFAULTS } from './bayes-rule';
import { RF_DEFAULTS } from './receptive-field';
import { BETA_DEFAULTS } from './conjugate-priors';
import { CLT_DEFAULTS } from './monte-carlo-clt';
import { LOG_LAMBDA_RANGE, REG_DEFAULTS } from './l1-l2-regularization';
import { GD_DEFAULTS } from './gradient-descent';
import { METHOD_LABELS, MOMENTUM_DEFAULTS, MOMENTUM_METHODS } from './momentum';
import { ADAM_DEFAULTS } from './adaptive-methods';
import { BACKPROP_DEFAULTS } from './backpropagation';
import { LANDSCAPE_LABELS, LANDSCAPES, RACE_DEFAULTS } from './optimiser-race';

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

const range = (id: string, label: string, min: number, max: number, step: number, value: number): Control => ({
  kind: 'range',
  id,
  label,
  min,
  max,
  step,
  value,
});

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
    caption:
      'Gaussian samples with the covariance ellipse and the eigenvectors scaled by √λ, before and after decorrelating and whitening.',
    description:
      'A cloud of samples from a 2-D Gaussian with a 2σ ellipse and two arrows along the eigenvectors of Σ, of length √λ₁ and √λ₂. Decorrelated, the cloud is rotated by Qᵀ so the arrows lie on the axes and the sample covariance is nearly diagonal (Λ). Whitened, it is also scaled by Λ^{−1/2}: the ellipse becomes a circle, both arrows have length 1 and the covariance is nearly the identity. The ellipse and the arrows come from the population Σ; the readout gives the sample covariance Σ̂ of the points with its own eigenvalues, beside the population ones.',
    panels: [{ id: 'cloud', aspect: 4 / 3, label: 'Samples, covariance ellipse and scaled eigenvectors' }],
    controls: [
      range('varX', 'Variance of x₁ (a)', 0.3, 4, 0.1, PCA_DEFAULTS.varX),
      range('varY', 'Variance of x₂ (c)', 0.3, 4, 0.1, PCA_DEFAULTS.varY),
      range('rho', 'Correlation ρ', -0.95, 0.95, 0.05, PCA_DEFAULTS.rho),
      {
        kind: 'radio',
        id: 'view',
        label: 'Coordinates',
        options: PCA_VIEWS.map((v) => ({ value: v, label: v })),
        value: PCA_DEFAULTS.view,
      },
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
      {
        kind: 'select',
        id: 'doors',
        label: 'Doors',
        options: Array.from({ length: 8 }, (_, i) => ({ value: String(i + 3), label: String(i + 3) })),
        value: '3',
      },
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
      {
        kind: 'radio',
        id: 'fn',
        label: 'Function',
        options: NEWTON_CASES.map((c) => ({ value: c, label: CASES[c].label })),
        value: NEWTON_DEFAULTS.fn,
      },
      range('x0', 'Start x₀', CASES.sqrt2.start.min, CASES.sqrt2.start.max, 0.01, NEWTON_DEFAULTS.x0),
      { kind: 'hint', id: 'click', label: 'Or click on the graph of f to start there.' },
    ],
    readoutLines: 8,
  },
  'bayes-rule-frequencies': {
    slug: 'bayes-rule',
    caption: 'A population as a mosaic, to scale: column widths are the prior, shaded heights the chance of a positive test.',
    description:
      'The ill and the healthy side by side, each column as wide as its share of the population and shaded up to its probability of a positive test, so every area is a share of the population. Bayes’ rule is the share of all shaded area that lies in the ill column: with 1% prevalence, 90% sensitivity and 9% false positives, the thin sliver of 90 true positives per 10 000 people faces a strip of 891 false ones, and P(D | +) = 10/109 ≈ 0.092.',
    panels: [{ id: 'mosaic', aspect: 16 / 9, label: 'Mosaic of the population by disease status and test result' }],
    controls: [
      range('prevalence', 'Prevalence P(D), %', 0.1, 50, 0.1, BAYES_DEFAULTS.prevalence),
      range('sensitivity', 'Sensitivity P(+ | D), %', 1, 100, 1, BAYES_DEFAULTS.sensitivity),
      range('falsePositive', 'False positives P(+ | not D), %', 0.1, 50, 0.1, BAYES_DEFAULTS.falsePositive),
    ],
    readoutLines: 2,
  },
  'receptive-field-grid': {
    slug: 'receptive-field',
    caption: 'Which input pixels one output unit sees, layer by layer: the cone of connections of the worked example.',
    description:
      'Rows are the layers of the example (input at the bottom, then conv 3, conv 3, pool 2 with stride 2, conv 3, conv 3 with dilation 2), each unit drawn at the centre of its receptive field. The chosen unit of the top layer is traced down through every tap: the lines are its connections and the shaded strip the input pixels it depends on. The strip widens by (k − 1)·d·j per layer: 3, 5, 6, 10 and 18 pixels; after the pooling the units are 2 pixels apart, so each later tap reaches 2 (or, dilated, 4) pixels further.',
    panels: [{ id: 'grid', aspect: 16 / 9, label: 'Units of each layer with the connections of one output unit and its input pixels' }],
    controls: [
      range('layers', 'Layers stacked', 1, 5, 1, RF_DEFAULTS.layers),
      range('unit', 'Output unit traced', 0, 7, 1, RF_DEFAULTS.unit),
    ],
    readoutLines: 2,
  },
  'conjugate-priors-beta': {
    slug: 'conjugate-priors',
    caption: 'Beta prior to Beta posterior: move the prior’s pseudo-counts and the data.',
    description:
      'The prior Beta(α, β), the likelihood of k successes in n trials (scaled to unit area) and the posterior Beta(α + k, β + n − k), with the prior mean, the MLE k/n and the posterior mean marked by dashed lines. The posterior mean always lies between the prior mean and the MLE, at weight (α + β)/(α + β + n) on the prior: more trials pull it onto the MLE and narrow the posterior, a larger α + β holds it near the prior.',
    panels: [{ id: 'densities', aspect: 16 / 9, label: 'Prior, likelihood and posterior densities over θ' }],
    controls: [
      range('alpha', 'Prior α', 0.5, 20, 0.5, BETA_DEFAULTS.alpha),
      range('beta', 'Prior β', 0.5, 20, 0.5, BETA_DEFAULTS.beta),
      range('k', 'Successes k', 0, 100, 1, BETA_DEFAULTS.k),
      range('n', 'Trials n', 0, 100, 1, BETA_DEFAULTS.n),
    ],
    readoutLines: 2,
  },
  'monte-carlo-pi': {
    slug: 'monte-carlo-clt',
    caption: 'Seeded points in the unit square, and the running estimate 4·hits/n settling on π inside its 1/√n band.',
    description:
      'Left: uniform points in the unit square, coloured by whether they fall inside the quarter disc of radius 1 (the first 3000 are drawn). Right: the running estimate 4·hits/n against the number of points on a log scale, with π dashed and the 95% band π ± 1.96·√(π(4 − π)/n), which narrows like 1/√n: a hundred times more points for one more correct digit.',
    panels: [
      { id: 'square', aspect: 1, label: 'Points in the unit square, hits inside the quarter disc' },
      { id: 'running', aspect: 4 / 3, label: 'Running estimate of π with its 95% band against the number of points' },
    ],
    layout: 'row',
    controls: [
      { kind: 'button', id: 'add-100', label: 'Add 100 points' },
      { kind: 'button', id: 'add-1000', label: 'Add 1000 points' },
      { kind: 'button', id: 'add-10000', label: 'Add 10 000 points' },
      { kind: 'button', id: 'reset', label: 'Reset' },
    ],
    readoutLines: 2,
  },
  'clt-sample-mean': {
    slug: 'monte-carlo-clt',
    caption: 'The mean of n skewed draws against its normal approximation as n grows.',
    description:
      'A histogram of 4000 seeded means of n Exponential(1) draws (mean 1, variance 1, skewness 2) and the normal density N(1, 1/n) the central limit theorem approximates it with. At n = 1 the histogram is the exponential itself; as n grows it narrows like 1/√n and becomes symmetric, but slowly: its skewness is 2/√n, still about 0.37 at n = 30.',
    panels: [{ id: 'means', aspect: 16 / 9, label: 'Histogram of simulated sample means with the normal approximation' }],
    controls: [range('n', 'Sample size n', 1, 100, 1, CLT_DEFAULTS.n)],
    readoutLines: 2,
  },
  'l1-l2-regions': {
    slug: 'l1-l2-regularization',
    caption: 'The L1 diamond and the L2 disc against the loss contours, and the lasso and ridge coefficient paths.',
    description:
      'Left: contours of the least-squares loss of a seeded data set with two correlated features over (w₁, w₂), the least-squares solution, and for the chosen λ the ridge and lasso solutions, each on the boundary of its constraint region (the L2 disc and the L1 diamond of the same size as the solution). The contours usually first touch the diamond at a corner, where one coefficient is exactly zero; they touch the disc at a generic point. Right: both coefficients against log₁₀ λ. Ridge shrinks both smoothly towards zero without reaching it; the lasso drops w₂ to exactly zero at a finite λ, then w₁.',
    panels: [
      { id: 'regions', aspect: 1, label: 'Loss contours with the L1 and L2 constraint regions and solutions' },
      { id: 'paths', aspect: 4 / 3, label: 'Ridge and lasso coefficient paths against log lambda' },
    ],
    layout: 'row',
    controls: [range('logLambda', 'log₁₀ λ', LOG_LAMBDA_RANGE[0], LOG_LAMBDA_RANGE[1], 0.05, REG_DEFAULTS.logLambda)],
    readoutLines: 2,
  },
  'gradient-descent': {
    slug: 'gradient-descent',
    caption:
      'Gradient descent on an ill-conditioned quadratic: the path on the loss contours, and the loss per iteration against the derived rate.',
    description:
      'Top: contours of f(x) = ½xᵀAx − bᵀx, long narrow ellipses whose axes are the eigenvectors of A, with the gradient-descent path from x₀ to the minimiser x*. With a step above 1/λ_max the path zig-zags across the valley; above 2/λ_max it flies off. Bottom: the loss gap f(x_k) − f* per iteration on a log scale, with the dashed line ρ^(2k)·(f(x₀) − f*), ρ = max|1 − ηλᵢ|, that the page derives: the loss runs along or below it. At the best step 2/(λ_min + λ_max) the rate is (κ − 1)/(κ + 1).',
    panels: [
      { id: 'path', aspect: 10 / 7, label: 'Loss contours with the gradient-descent path' },
      { id: 'loss', aspect: 16 / 9, label: 'Loss gap per iteration, log scale, against the derived rate line' },
    ],
    controls: [
      range('eta', 'Step size η', 0.005, 0.25, 0.005, GD_DEFAULTS.eta),
      range('kappa', 'Condition number κ', 1, 50, 1, GD_DEFAULTS.kappa),
      { kind: 'button', id: 'best', label: 'Use the best step η*' },
    ],
    readoutLines: 3,
  },
  momentum: {
    slug: 'momentum',
    caption: 'Heavy ball or Nesterov against gradient descent on the same ill-conditioned quadratic, with the derived rates.',
    description:
      'Top: the loss contours of a quadratic with condition number κ, the path of gradient descent at its best fixed step, and the path of the heavy ball (or Nesterov) with the chosen step η and momentum β. Bottom: the loss gap per iteration on a log scale, each method with its derived rate as a dashed line: ρ² per step, ρ the largest root in modulus of the characteristic equation of the slowest mode. At the tuned constants the heavy ball’s rate is (√κ − 1)/(√κ + 1) against (κ − 1)/(κ + 1) for gradient descent; with β too large the loss curve rings.',
    panels: [
      { id: 'path', aspect: 10 / 7, label: 'Loss contours with the gradient-descent and momentum paths' },
      { id: 'loss', aspect: 16 / 9, label: 'Loss gap per iteration, log scale, with the derived rates' },
    ],
    controls: [
      {
        kind: 'radio',
        id: 'method',
        label: 'Method',
        options: MOMENTUM_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] })),
        value: MOMENTUM_DEFAULTS.method,
      },
      range('eta', 'Step size η', 0.01, 0.45, 0.001, Math.round(MOMENTUM_DEFAULTS.eta * 1000) / 1000),
      range('beta', 'Momentum β', 0, 0.99, 0.001, Math.round(MOMENTUM_DEFAULTS.beta * 1000) / 1000),
      range('kappa', 'Condition number κ', 2, 100, 1, MOMENTUM_DEFAULTS.kappa),
      { kind: 'button', id: 'tuned', label: 'Use the tuned η and β' },
    ],
    readoutLines: 2,
  },
  'optimiser-race': {
    slug: 'adaptive-methods',
    caption: 'Gradient descent, heavy ball, Nesterov, RMSprop and Adam from one start, on an ill-conditioned bowl or a curved valley.',
    description:
      'Top: the loss contours and the five paths from the same start. Gradient descent, the heavy ball and Nesterov run at the constants their pages derive from the curvature at the minimum (for the valley, the Hessian there); RMSprop and Adam at the step size α set below, with β = 0.9 for RMSprop and β₁ = 0.9, β₂ = 0.999 for Adam. Bottom: the loss above the minimum per iteration, log scale. On the bowl gradient descent zig-zags across the narrow direction while the tuned heavy ball and Nesterov converge at their derived rates; RMSprop, whose steps stay near α per coordinate, ends up bouncing at a level set by α, and Adam, whose average of squared gradients (β₂ = 0.999) still remembers the large early ones, takes ever shorter steps. In the valley the constants tuned at the minimum promise nothing away from it: the heavy ball leaves the valley and diverges, while Nesterov and Adam follow the bend. The 3-D view (a button) draws the loss as a surface with the paths on it, and can be turned with the mouse or a finger.',
    panels: [
      { id: 'path', aspect: 10 / 7, label: 'Loss contours with the paths of five optimisers' },
      { id: 'loss', aspect: 16 / 9, label: 'Loss above the minimum per iteration for five optimisers, log scale' },
    ],
    controls: [
      {
        kind: 'radio',
        id: 'landscape',
        label: 'Landscape',
        options: LANDSCAPES.map((l) => ({ value: l, label: LANDSCAPE_LABELS[l] })),
        value: RACE_DEFAULTS.landscape,
      },
      range('kappa', 'Condition number κ (bowl)', 2, 100, 1, RACE_DEFAULTS.kappa),
      range('alpha', 'Step size α (RMSprop, Adam)', 0.01, 0.5, 0.01, RACE_DEFAULTS.alpha),
      { kind: 'button', id: 'view3d', label: 'Open the 3-D view' },
    ],
    readoutLines: 4,
  },
  'adam-bias-correction': {
    slug: 'adaptive-methods',
    caption: 'Adam’s first moment from a zero start: mₜ against the corrected m̂ₜ, and the step size with and without the correction.',
    description:
      'Top: noisy gradients gₜ with mean G = 1 (dots), the moving average mₜ started at zero, which creeps up towards G like 1 − β₁ᵗ, and the corrected m̂ₜ = mₜ/(1 − β₁ᵗ), which is centred on G from the first step. Bottom: the size of Adam’s step in units of η, with both moments uncorrected (the first step is (1 − β₁)/√(1 − β₂) ≈ 3.16 times η for the defaults) and corrected (about η throughout).',
    panels: [
      { id: 'moments', aspect: 16 / 9, label: 'Gradients, uncorrected and corrected first moment over t' },
      { id: 'steps', aspect: 16 / 9, label: 'Adam step size over t, with and without bias correction' },
    ],
    controls: [
      range('b1', 'β₁', 0.5, 0.99, 0.01, ADAM_DEFAULTS.b1),
      range('b2', 'β₂', 0.9, 0.999, 0.001, ADAM_DEFAULTS.b2),
      range('noise', 'Gradient noise σ', 0, 1.5, 0.05, ADAM_DEFAULTS.noise),
    ],
    readoutLines: 2,
  },
  'backprop-graph': {
    slug: 'backpropagation',
    caption:
      'The two-layer network as a computation graph: each node’s value and gradient, and every parameter’s backprop gradient against a finite difference.',
    description:
      'Nodes left to right: inputs x₁, x₂; hidden pre-activations z = Wx + c; activations h = σ(z); logits o = Vh + d; softmax probabilities p; the loss L = −log p₁. Under each node its value and, in red, ∂L/∂(node) from the backward pass: p − y at the logits, Vᵀ(p − y) at h, that times σ′(z) = h(1 − h) at z. Below, the weight gradients δxᵀ and δhᵀ beside central finite differences of the loss, which agree to about ten digits.',
    panels: [{ id: 'graph', aspect: 2, label: 'Computation graph with node values and gradients' }],
    controls: [range('x1', 'Input x₁', -2, 2, 0.05, BACKPROP_DEFAULTS.x1), range('x2', 'Input x₂', -2, 2, 0.05, BACKPROP_DEFAULTS.x2)],
    readoutLines: 10,
  },
} as const satisfies Record<string, PlotEntry>;

export type PlotName = keyof typeof PLOTS;

export function getPlot(name: string): PlotEntry {
  const entry = (PLOTS as Record<string, PlotEntry>)[name];
  if (!entry) throw new Error(`unknown plot \`${name}\`; known plots: ${Object.keys(PLOTS).join(', ')}`);
  return entry;
}
