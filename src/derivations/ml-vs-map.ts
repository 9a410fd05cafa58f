import { defineDerivation } from './define';

/**
 * LS, ML and MAP estimates of a constant speed v from noisy positions
 * y_i = v t_i + e_i, e_i ~ N(0, sigma^2) (the page writes the noise as
 * epsilon_i, so that n only counts samples). The samples are the column vectors
 * t and y, so transpose(t)*y is the sum of t_i y_i and transpose(t)*t the sum
 * of t_i^2; the TeX shows the sums.
 */

/** Sums written once, so every step spells them the same way. */
const Sty = 'transpose(t)*y';
const Stt = 'transpose(t)*t';
const SSE = 'transpose(y - v*t)*(y - v*t)';
/** The log-likelihood and the log-prior, as Bayes' theorem combines them. */
const LOG_LIK = `-(n/2)*log(2*pi*sigma^2) - (${SSE})/(2*sigma^2)`;
const LOG_PRIOR = '-log(sqrt(2*pi)*sigma0) - (v - mu0)^2/(2*sigma0^2)';
/** The shrinkage weight w of the MAP estimate, with S = sum t_i^2. */
const W = '(sigma0^2*S/(sigma0^2*S + sigma^2))';

export default defineDerivation({
  slug: 'ml-vs-map',
  title: 'LS, ML and MAP for a line through the origin',
  variables: [
    { name: 'v', assumptions: ['real'] },
    { name: 'sigma', assumptions: ['positive'] },
    { name: 'sigma0', assumptions: ['positive'] },
    { name: 'mu0', assumptions: ['real'] },
    { name: 'n', assumptions: ['positive', 'integer'] },
    { name: 'S', assumptions: ['positive'] },
    { name: 't', shape: ['n', 1] },
    { name: 'y', shape: ['n', 1] },
    // Bayes' theorem in logs: log-likelihood, log-prior, log-evidence.
    { name: 'ell', assumptions: ['real'] },
    { name: 'lprior', assumptions: ['real'] },
    { name: 'levidence', assumptions: ['real'] },
    // Fixed weights c_i of a noise sum, and an estimator's variance V and mean m.
    { name: 'c', shape: ['n', 1] },
    { name: 'V1', assumptions: ['positive'] },
    { name: 'V2', assumptions: ['positive'] },
    { name: 'm1', assumptions: ['real'] },
    { name: 'm2', assumptions: ['real'] },
    // A guess a for v, scored by the posterior mean m and variance s^2.
    { name: 'a', assumptions: ['real'] },
    { name: 'm', assumptions: ['real'] },
    { name: 's', assumptions: ['positive'] },
  ],
  steps: [
    {
      id: 'ls-loss',
      expr: SSE,
      tex: String.raw`J(v) = \sum_{i=1}^{n} (y_i - v\,t_i)^2`,
      justification: { kind: 'definition' },
      move: 'Write the squared error',
      notes: String.raw`Check the model is read correctly: one unknown $v$ and no intercept, because the line passes through the origin (position 0 at time 0). Listen for “squared vertical errors”, not perpendicular distances. The slip is adding an intercept $b$ the model does not have, which turns a one-line answer into a $2 \times 2$ system.`,
    },
    {
      id: 'ls-gradient',
      expr: `-2*transpose(t)*(y - v*t)`,
      tex: String.raw`J'(v) = -2 \sum_{i=1}^{n} t_i\,(y_i - v\,t_i)`,
      justification: { kind: 'derivative', wrt: 'v' },
      move: 'Differentiate with respect to $v$',
      notes: 'Listen for the chain rule: the inner derivative of $y_i - v t_i$ is $-t_i$. Dropping it is the most common slip here.',
    },
    {
      id: 'ls-estimate',
      expr: `v = ${Sty}/(${Stt})`,
      tex: String.raw`\hat v_{\text{LS}} = \frac{\sum_i t_i\,y_i}{\sum_i t_i^2}`,
      justification: { kind: 'solve', for: 'v' },
      move: 'Set the derivative to zero and solve for $v$',
      notes: String.raw`A strong candidate adds that $J$ is convex ($J'' = 2\sum_i t_i^2 > 0$), so the stationary point is the minimum, and that it needs at least one $t_i \ne 0$.`,
    },
    {
      id: 'likelihood',
      expr: `(2*pi*sigma^2)^(-n/2) * exp(-(${SSE})/(2*sigma^2))`,
      tex: String.raw`\begin{aligned} L(v) &= \prod_{i=1}^{n} \frac{1}{\sqrt{2\pi\sigma^2}}\, e^{-\frac{(y_i - v t_i)^2}{2\sigma^2}} \\ &= (2\pi\sigma^2)^{-n/2} \\ &\quad \times \exp\Big(-\frac{1}{2\sigma^2}\sum_{i=1}^{n} (y_i - v\,t_i)^2\Big) \end{aligned}`,
      justification: { kind: 'assumption' },
      move: 'Write the likelihood of independent Gaussian errors',
      notes: 'The product needs the noise terms $\\varepsilon_i$ to be independent; ask the candidate which assumption licenses it.',
    },
    {
      id: 'log-likelihood',
      expr: `log((2*pi*sigma^2)^(-n/2) * exp(-(${SSE})/(2*sigma^2)))`,
      tex: String.raw`\begin{aligned} \ell(v) &= \log L(v) = \log\Big[(2\pi\sigma^2)^{-n/2} \\ &\quad \times \exp\Big(-\frac{1}{2\sigma^2}\sum_{i=1}^{n} (y_i - v\,t_i)^2\Big)\Big] \end{aligned}`,
      justification: { kind: 'definition' },
      from: 'likelihood',
      move: 'Take the log',
      notes: String.raw`Probe: “why may you take the log?” The log is strictly increasing, so it keeps the maximiser, and it turns the product into a sum. A candidate who drops the $-\tfrac{n}{2}\log(2\pi\sigma^2)$ term is fine for $v$, but should say it matters as soon as $\sigma$ is estimated too.`,
    },
    {
      id: 'log-likelihood-expanded',
      expr: LOG_LIK,
      tex: String.raw`\begin{aligned} \ell(v) &= -\frac{n}{2}\log(2\pi\sigma^2) \\ &\quad - \frac{1}{2\sigma^2}\sum_{i=1}^{n} (y_i - v\,t_i)^2 \end{aligned}`,
      justification: { kind: 'equal' },
      move: 'Split the log of the product',
      notes: String.raw`The key observation: $\ell(v) = \text{const} - J(v)/(2\sigma^2)$. Maximising $\ell$ is minimising $J$, whatever $\sigma$ is. Ask why the positive factor $1/(2\sigma^2)$ cannot move the maximiser.`,
    },
    {
      id: 'ml-score',
      expr: `transpose(t)*(y - v*t)/sigma^2`,
      tex: String.raw`\ell'(v) = \frac{1}{\sigma^2}\sum_{i=1}^{n} t_i\,(y_i - v\,t_i)`,
      justification: { kind: 'derivative', wrt: 'v' },
      move: 'Differentiate with respect to $v$',
      notes: String.raw`The two minus signs cancel and the 2 cancels the $\tfrac12$, so $\ell'(v) = -J'(v)/(2\sigma^2)$: the same zero as the least-squares gradient. Probe: “what does that identity tell you?” The slip is a sign error here, which turns the search for a maximum into one for a minimum.`,
    },
    {
      id: 'ml-estimate',
      expr: `v = ${Sty}/(${Stt})`,
      tex: String.raw`\hat v_{\text{ML}} = \frac{\sum_i t_i\,y_i}{\sum_i t_i^2} = \hat v_{\text{LS}}`,
      justification: { kind: 'solve', for: 'v' },
      move: 'Set the score to zero and solve for $v$',
      notes: String.raw`ML = LS here because the noise is Gaussian with one variance for all samples. Ask what changes with Laplace noise (least absolute deviations) or with a different $\sigma_i$ per sample (weights $1/\sigma_i^2$).`,
    },
    {
      id: 'log-prior',
      expr: LOG_PRIOR,
      tex: String.raw`\begin{aligned} &v \sim \mathcal N(\mu_0, \sigma_0^2): \\ &\log p(v) = -\log\big(\sqrt{2\pi}\,\sigma_0\big) - \frac{(v - \mu_0)^2}{2\sigma_0^2} \end{aligned}`,
      justification: { kind: 'assumption' },
      move: 'Put a Gaussian prior on $v$',
      notes: String.raw`Listen for $\sigma_0$ being the spread of the prior on $v$, a different quantity from the noise $\sigma$. Probe: “where would $\mu_0$ and $\sigma_0$ come from in practice?” (physics, earlier experiments). The slip is using one symbol for both variances, which makes the MAP formula impossible to check in its limits later.`,
    },
    {
      id: 'bayes',
      expr: 'ell + lprior - levidence',
      tex: String.raw`\log p(v \mid y) = \ell(v) + \log p(v) - \log p(y)`,
      justification: { kind: 'assumption' },
      move: String.raw`Bayes’ theorem, $p(v \mid y) = p(y \mid v)\,p(v)/p(y)$, in logs`,
      notes: String.raw`The evidence $p(y)$ does not depend on $v$, so it cannot move the maximiser. A candidate who tries to compute it is working too hard.`,
    },
    {
      id: 'log-posterior',
      expr: `${LOG_LIK} + ${LOG_PRIOR} - levidence`,
      tex: String.raw`\begin{aligned} \log p(v \mid y) &= -\frac{1}{2\sigma^2}\sum_{i=1}^{n} (y_i - v\,t_i)^2 - \frac{(v - \mu_0)^2}{2\sigma_0^2} \\ &\quad \underbrace{- \frac{n}{2}\log(2\pi\sigma^2) - \log\big(\sqrt{2\pi}\,\sigma_0\big) - \log p(y)}_{\text{free of } v} \end{aligned}`,
      justification: { kind: 'substitute', bindings: { ell: LOG_LIK, lprior: LOG_PRIOR } },
      move: 'Put in the log-likelihood and the log-prior',
      notes: String.raw`Only the first two terms depend on $v$: the log-posterior is the log-likelihood plus a quadratic penalty pulling $v$ towards $\mu_0$. Probe: “which terms can you drop for the argmax?” (the underbraced ones).`,
    },
    {
      id: 'map-score',
      expr: `transpose(t)*(y - v*t)/sigma^2 - (v - mu0)/sigma0^2`,
      tex: String.raw`\begin{aligned} \frac{d}{dv}\log p(v \mid y) &= \frac{1}{\sigma^2}\sum_{i=1}^{n} t_i\,(y_i - v\,t_i) \\ &\quad - \frac{v - \mu_0}{\sigma_0^2} \end{aligned}`,
      justification: { kind: 'derivative', wrt: 'v' },
      move: 'Differentiate with respect to $v$',
      notes: String.raw`It is the ML score plus the prior’s pull $-(v - \mu_0)/\sigma_0^2$, which points back towards $\mu_0$. Probe: “which term wins as $n$ grows?” (the data term grows with $\sum_i t_i^2$, the prior term does not). The slip is the sign of the prior term, which would push the estimate away from $\mu_0$.`,
    },
    {
      id: 'posterior-curvature',
      expr: `-(${Stt})/sigma^2 - 1/sigma0^2`,
      tex: String.raw`\frac{d^2}{dv^2}\log p(v \mid y) = -\Big(\frac{\sum_i t_i^2}{\sigma^2} + \frac{1}{\sigma_0^2}\Big)`,
      justification: { kind: 'derivative', wrt: 'v' },
      move: 'Differentiate again: the posterior precision',
      notes: String.raw`The log-posterior is a quadratic in $v$, so the posterior is Gaussian (conjugacy). Its precision is minus this curvature: precisions add, data precision $\sum_i t_i^2/\sigma^2$ plus prior precision $1/\sigma_0^2$.`,
    },
    {
      id: 'map-estimate',
      expr: `v = (sigma0^2*${Sty} + sigma^2*mu0)/(sigma0^2*${Stt} + sigma^2)`,
      tex: String.raw`\hat v_{\text{MAP}} = \frac{\sigma_0^2 \sum_i t_i\,y_i + \sigma^2 \mu_0}{\sigma_0^2 \sum_i t_i^2 + \sigma^2}`,
      justification: { kind: 'solve', for: 'v' },
      from: 'map-score',
      move: 'Set the derivative to zero and solve for $v$',
      notes: String.raw`Check the limits on the spot: $\sigma_0 \to \infty$ should give the ML estimate, $\sigma_0 \to 0$ should give $\mu_0$. A candidate with $\sigma$ and $\sigma_0$ swapped fails both.`,
    },
    {
      id: 'map-shrinkage',
      expr: `v = (sigma0^2*${Stt}/(sigma0^2*${Stt} + sigma^2)) * (${Sty}/(${Stt})) + (sigma^2/(sigma0^2*${Stt} + sigma^2))*mu0`,
      tex: String.raw`\begin{gathered} \hat v_{\text{MAP}} = w\,\hat v_{\text{ML}} + (1 - w)\,\mu_0, \\ w = \frac{\sigma_0^2 \sum_i t_i^2}{\sigma_0^2 \sum_i t_i^2 + \sigma^2} \in (0, 1) \end{gathered}`,
      justification: { kind: 'equation' },
      move: 'Rewrite as a weighted average of the ML estimate and the prior mean',
      notes: String.raw`Limits to ask for: more or later samples ($\sum_i t_i^2 \to \infty$) or a flat prior ($\sigma_0 \to \infty$) send $w \to 1$ and MAP to ML; a confident prior ($\sigma_0 \to 0$) sends $w \to 0$ and MAP to $\mu_0$.`,
    },
    {
      id: 'map-unit-noise',
      expr: `v = (sigma0^2*${Sty} + mu0)/(sigma0^2*${Stt} + 1)`,
      tex: String.raw`\sigma = 1:\quad \hat v_{\text{MAP}} = \frac{\sigma_0^2 \sum_i t_i\,y_i + \mu_0}{\sigma_0^2 \sum_i t_i^2 + 1}`,
      justification: { kind: 'substitute', bindings: { sigma: '1' } },
      from: 'map-estimate',
      move: String.raw`Set $\sigma = 1$, as in the question`,
      notes: String.raw`The 1 in the denominator is the noise variance $\sigma^2$, not a constant. Probe: “and with $\sigma = 2$?” (the two 1s become 4: $\frac{\sigma_0^2 \sum_i t_i y_i + 4\mu_0}{\sigma_0^2 \sum_i t_i^2 + 4}$). The slip is multiplying $\mu_0$ by $\sigma_0^2$ in the numerator; the limit $\sigma_0 \to 0$ must give $\mu_0$.`,
    },
    {
      id: 'map-ridge',
      expr: `v = (${Sty} + (sigma^2/sigma0^2)*mu0)/(${Stt} + sigma^2/sigma0^2)`,
      tex: String.raw`\hat v_{\text{MAP}} = \frac{\sum_i t_i\,y_i + \lambda\,\mu_0}{\sum_i t_i^2 + \lambda}, \qquad \lambda = \frac{\sigma^2}{\sigma_0^2}`,
      justification: { kind: 'equation' },
      from: 'map-estimate',
      move: String.raw`Divide through by $\sigma_0^2$: ridge with $\lambda = \sigma^2/\sigma_0^2$`,
      notes: String.raw`This minimises $\sum_i (y_i - v t_i)^2 + \lambda (v - \mu_0)^2$; with $\mu_0 = 0$ it is ridge regression. The candidate should say where $\lambda$ comes from: noise variance over prior variance.`,
    },
    {
      id: 'noise-sum-variance',
      expr: 'sigma^2*transpose(c)*c',
      tex: String.raw`\operatorname{Var}\Big(\sum_{i=1}^{n} c_i\,\varepsilon_i\Big) = \sigma^2 \sum_{i=1}^{n} c_i^2`,
      justification: { kind: 'assumption' },
      move: String.raw`Variances of independent noise terms add; a fixed weight $c_i$ comes out squared`,
      notes: String.raw`Listen for independence doing the work: the covariances $\operatorname{Cov}(\varepsilon_i, \varepsilon_j)$, $i \ne j$, vanish, so only the $n$ variance terms $c_i^2\sigma^2$ are left.`,
    },
    {
      id: 'ml-variance',
      expr: 'sigma^2/(transpose(t)*t)',
      tex: String.raw`\operatorname{Var}(\hat v_{\text{ML}}) = \sigma^2 \sum_i \frac{t_i^2}{S^2} = \frac{\sigma^2}{S}, \qquad S = \sum_i t_i^2`,
      justification: { kind: 'substitute', bindings: { c: 't/(transpose(t)*t)' } },
      move: String.raw`$\hat v_{\text{ML}} - v = \sum_i (t_i/S)\,\varepsilon_i$: take $c_i = t_i/S$`,
      notes: String.raw`Substitute $y_i = v t_i + \varepsilon_i$ into $\hat v_{\text{ML}} = \sum_i t_i y_i/S$: the $v$ part gives exactly $v$, the rest is $\sum_i t_i \varepsilon_i / S$. Probe: “how should you choose the times?” (late readings: $S$ grows with $t_i^2$).`,
    },
    {
      id: 'fisher-information',
      expr: '-(transpose(t)*t)/sigma^2',
      tex: String.raw`\ell''(v) = -\frac{\sum_i t_i^2}{\sigma^2} \quad\Rightarrow\quad I(v) = -\mathbb E\big[\ell''(v)\big] = \frac{S}{\sigma^2}`,
      justification: { kind: 'derivative', wrt: 'v' },
      from: 'ml-score',
      move: 'Differentiate the score again: the Fisher information',
      notes: String.raw`The curvature does not depend on the data, so the expectation is the value itself. Cramér–Rao: every unbiased estimator has variance at least $1/I(v) = \sigma^2/S$, and $\hat v_{\text{ML}}$ attains it. Probe: “so how can MAP have a smaller MSE?” (it is biased; the bound is for unbiased estimators).`,
    },
    {
      id: 'mse-difference',
      expr: '(V1 + (m1 - v)^2) - (V2 + (m2 - v)^2)',
      tex: String.raw`\begin{aligned} &\mathrm{MSE}(\hat v) = \mathbb E\big[(\hat v - v)^2\big] = \operatorname{Var}(\hat v) + \big(\mathbb E[\hat v] - v\big)^2: \\ &\mathrm{MSE}(\hat v_{\text{ML}}) - \mathrm{MSE}(\hat v_{\text{MAP}}) = \big[V_1 + (m_1 - v)^2\big] - \big[V_2 + (m_2 - v)^2\big] \end{aligned}`,
      justification: { kind: 'assumption' },
      move: 'Mean squared error = variance + squared bias, for each estimator',
      notes: String.raw`The decomposition: $\hat v - v = (\hat v - m) + (m - v)$ with $m = \mathbb E[\hat v]$; square and take expectations, and the cross term vanishes because $\mathbb E[\hat v - m] = 0$. Here $v$ is the fixed true value; this is a frequentist comparison.`,
    },
    {
      id: 'mse-gap',
      expr: `sigma^2/S - (${W}^2*sigma^2/S + (1 - ${W})^2*(v - mu0)^2)`,
      tex: String.raw`\begin{aligned} &\mathrm{MSE}(\hat v_{\text{ML}}) - \mathrm{MSE}(\hat v_{\text{MAP}}) \\ &\quad = \frac{\sigma^2}{S} - \Big[w^2\,\frac{\sigma^2}{S} + (1 - w)^2 (v - \mu_0)^2\Big], \\ &w = \frac{\sigma_0^2 S}{\sigma_0^2 S + \sigma^2} \end{aligned}`,
      justification: {
        kind: 'substitute',
        bindings: { V1: 'sigma^2/S', m1: 'v', V2: `${W}^2*sigma^2/S`, m2: `${W}*v + (1 - ${W})*mu0` },
      },
      move: String.raw`ML: mean $v$, variance $\sigma^2/S$; MAP $= w\,\hat v_{\text{ML}} + (1 - w)\,\mu_0$: mean $w v + (1 - w)\mu_0$, variance $w^2\sigma^2/S$`,
      notes: String.raw`ML: unbiased, variance $\sigma^2/S$. MAP $= w \cdot \text{ML} + (1 - w)\mu_0$: bias $(1 - w)(\mu_0 - v)$, variance $w^2\sigma^2/S < \sigma^2/S$. A candidate who writes the MAP variance as $w\sigma^2/S$ has forgotten that a constant factor comes out of a variance squared.`,
    },
    {
      id: 'mse-gap-factored',
      expr: 'sigma^4*(2*sigma0^2*S + sigma^2 - S*(v - mu0)^2)/(S*(sigma0^2*S + sigma^2)^2)',
      tex: String.raw`\begin{aligned} &\mathrm{MSE}(\hat v_{\text{ML}}) - \mathrm{MSE}(\hat v_{\text{MAP}}) \\ &\quad = \frac{\sigma^4\,\big(2\sigma_0^2 + \sigma^2/S - (v - \mu_0)^2\big)}{(\sigma_0^2 S + \sigma^2)^2} \end{aligned}`,
      justification: { kind: 'equal' },
      move: 'Put over a common denominator',
      notes: String.raw`MAP wins exactly when $(v - \mu_0)^2 < 2\sigma_0^2 + \sigma^2/S$: when the prior mean is not too far off, measured on the prior’s own scale.`,
    },
    {
      id: 'mse-gap-order',
      expr: '(sigma^4/S^2)*(2*sigma0^2 - (v - mu0)^2 + sigma^2/S)/(sigma0^2 + sigma^2/S)^2',
      tex: String.raw`\begin{aligned} &\mathrm{MSE}(\hat v_{\text{ML}}) - \mathrm{MSE}(\hat v_{\text{MAP}}) \\ &\quad = \frac{\sigma^4}{S^2} \cdot \frac{2\sigma_0^2 - (v - \mu_0)^2 + \sigma^2/S}{\big(\sigma_0^2 + \sigma^2/S\big)^2} \end{aligned}`,
      justification: { kind: 'equal' },
      move: String.raw`Divide the numerator and the denominator by $S^2$: the gap is $1/S^2$ times a factor with a finite limit`,
      notes: String.raw`As $S \to \infty$ the second factor tends to $(2\sigma_0^2 - (v - \mu_0)^2)/\sigma_0^4$, so the gap is $O(1/S^2)$, while each MSE is about $\sigma^2/S$: relative to either MSE the gap is $O(1/S)$. The slip is “the gap shrinks like $1/S$”, which confuses the two.`,
    },
    {
      id: 'posterior-risk',
      expr: '(a - m)^2 + s^2',
      tex: String.raw`\begin{aligned} &m = \mathbb E[v \mid y], \quad s^2 = \operatorname{Var}(v \mid y): \\ &\mathbb E\big[(a - v)^2 \mid y\big] = (a - m)^2 + s^2 \end{aligned}`,
      justification: { kind: 'assumption' },
      move: String.raw`Score a guess $a$ by its expected squared error under the posterior: variance + squared bias again`,
      notes: String.raw`Now $v$ is random and $y$ is fixed: the same decomposition as before, with the posterior in place of the sampling distribution. Probe: “what does ‘optimal in the least-squares sense’ mean for an estimator?” (minimum expected squared error, not minimum squared residuals).`,
    },
    {
      id: 'posterior-risk-derivative',
      expr: '2*(a - m)',
      tex: String.raw`\frac{d}{da}\,\mathbb E\big[(a - v)^2 \mid y\big] = 2\,(a - m)`,
      justification: { kind: 'derivative', wrt: 'a' },
      move: 'Differentiate with respect to the guess $a$',
      notes: String.raw`The second derivative is $2 > 0$: a convex parabola in $a$, so the zero is the minimum.`,
    },
    {
      id: 'mmse-estimate',
      expr: 'a = m',
      tex: String.raw`\hat v_{\text{MMSE}} = \mathbb E[v \mid y] = \hat v_{\text{MAP}}`,
      justification: { kind: 'solve', for: 'a' },
      move: 'Set it to zero: the posterior mean minimises the expected squared error',
      notes: String.raw`For every $y$ the posterior mean beats any other guess, so averaged over $y$ it minimises $\mathbb E[(\hat v(y) - v)^2]$ among all estimators: the minimum mean squared error (MMSE) estimator. Here the posterior is Gaussian, so its mean is its mode: MMSE = MAP. With a skewed posterior they differ, and MAP is then the minimiser of a 0–1 loss, not of a squared one.`,
    },
  ],
  mistakes: [
    {
      id: 'map-sigmas-swapped',
      from: 'map-score',
      expr: `v = (sigma^2*${Sty} + sigma0^2*mu0)/(sigma^2*${Stt} + sigma0^2)`,
      tex: String.raw`\hat v_{\text{MAP}} = \frac{\sigma^2 \sum_i t_i\,y_i + \sigma_0^2 \mu_0}{\sigma^2 \sum_i t_i^2 + \sigma_0^2}`,
      relation: { kind: 'solve', for: 'v' },
      explanation: String.raw`Each term is weighted by the other term’s variance: the data by the prior variance $\sigma_0^2$, the prior mean by the noise variance $\sigma^2$. With the variances swapped, a flat prior ($\sigma_0 \to \infty$) would return $\mu_0$ instead of the ML estimate.`,
    },
    {
      id: 'map-dropped-noise-scale',
      from: 'map-score',
      expr: `v = (sigma0^2*${Sty} + mu0)/(sigma0^2*${Stt} + 1)`,
      tex: String.raw`\hat v_{\text{MAP}} = \frac{\sigma_0^2 \sum_i t_i\,y_i + \mu_0}{\sigma_0^2 \sum_i t_i^2 + 1}`,
      relation: { kind: 'solve', for: 'v' },
      explanation: String.raw`Dropping the factor $1/(2\sigma^2)$ is harmless for ML, where it scales the whole objective, but not for MAP: the prior term does not share it. The result is the $\sigma = 1$ formula, wrong whenever the noise variance is not 1.`,
    },
    {
      id: 'posterior-variances-added',
      from: 'map-score',
      expr: `-1/(sigma^2/(${Stt}) + sigma0^2)`,
      tex: String.raw`\frac{d^2}{dv^2}\log p(v \mid y) = -\frac{1}{\sigma^2/\sum_i t_i^2 + \sigma_0^2}`,
      relation: { kind: 'derivative', wrt: 'v' },
      explanation:
        'Combining data and prior adds precisions, not variances. Adding variances would make the posterior wider than the prior: more data could never sharpen the belief.',
    },
    {
      id: 'map-variance-not-squared',
      from: 'mse-difference',
      expr: `sigma^2/S - (${W}*sigma^2/S + (1 - ${W})^2*(v - mu0)^2)`,
      tex: String.raw`\mathrm{MSE}(\hat v_{\text{ML}}) - \mathrm{MSE}(\hat v_{\text{MAP}}) = \frac{\sigma^2}{S} - \Big[w\,\frac{\sigma^2}{S} + (1 - w)^2 (v - \mu_0)^2\Big]`,
      explanation: String.raw`A constant factor comes out of a variance squared: $\operatorname{Var}(w\,\hat v_{\text{ML}} + (1 - w)\mu_0) = w^2 \operatorname{Var}(\hat v_{\text{ML}})$, not $w$ times it. With $w$ the MAP variance would shrink too little, and the gap would come out too small.`,
    },
  ],
  // The presenter shows each plot as a slide where the page places it.
  slides: [
    { after: 'map-shrinkage', plot: 'ml-vs-map-estimates' },
    { after: 'mse-gap-factored', plot: 'ml-vs-map-mse' },
  ],
  rubric: {
    strong: [
      String.raw`Writes the likelihood as a product over independent samples, takes the log, and sees at once that ML is LS because $\ell(v) = \text{const} - J(v)/(2\sigma^2)$: no calculus needed.`,
      String.raw`Gets $\hat v_{\text{ML}} = \sum_i t_i y_i / \sum_i t_i^2$ with the chain-rule factor $t_i$ in every derivative, and says why the stationary point is an optimum.`,
      String.raw`Derives $\hat v_{\text{MAP}} = (\sigma_0^2 \sum_i t_i y_i + \sigma^2\mu_0)/(\sigma_0^2 \sum_i t_i^2 + \sigma^2)$ and checks the limits $\sigma_0 \to \infty$ (ML) and $\sigma_0 \to 0$ ($\mu_0$) unprompted.`,
      String.raw`Reads MAP as shrinkage: a weighted average of the ML estimate and $\mu_0$, and as ridge with $\lambda = \sigma^2/\sigma_0^2$.`,
      String.raw`Keeps bias and variance apart: ML unbiased with variance $\sigma^2/\sum_i t_i^2$, MAP biased towards $\mu_0$ with smaller variance, and a condition for when that trade lowers the mean squared error; knows the difference vanishes like $1/S^2$, relative to either MSE like $1/S$.`,
      String.raw`Knows what “optimal in the least-squares sense” means: ML attains the Cramér–Rao bound $\sigma^2/\sum_i t_i^2$ among unbiased estimators, and the posterior mean minimises the expected squared error among all estimators (MMSE), which here is the MAP estimate.`,
      String.raw`Knows the posterior is Gaussian (conjugate prior) with precision $\sum_i t_i^2/\sigma^2 + 1/\sigma_0^2$ (precisions add), and that its mode equals its mean.`,
    ],
    mistakes: [
      String.raw`Drops the $t_i$ from the derivative and gets $\sum_i y_i / \sum_i t_i$ or the mean of $y_i/t_i$.`,
      String.raw`Swaps $\sigma$ and $\sigma_0$ in the MAP weights.`,
      String.raw`Drops $1/(2\sigma^2)$ from the MAP objective as if it multiplied the whole expression.`,
      'Adds variances instead of precisions for the posterior.',
    ],
    redFlags: [
      'Cannot write the Gaussian density or its log.',
      'Believes MAP is always better than ML, or always worse, without reference to how good the prior is.',
      String.raw`Treats the prior as a regulariser by name only and cannot say what $\lambda$ is in terms of $\sigma$ and $\sigma_0$.`,
    ],
  },
  followUps: [
    String.raw`The noise has a different variance $\sigma_i^2$ at each sample. What are the ML and MAP estimates now? Sketch: each squared error gets the weight $1/\sigma_i^2$ (weighted least squares): $\hat v_{\text{ML}} = \sum_i (t_i y_i/\sigma_i^2) / \sum_i (t_i^2/\sigma_i^2)$, and $\hat v_{\text{MAP}} = \big(\sum_i t_i y_i/\sigma_i^2 + \mu_0/\sigma_0^2\big) / \big(\sum_i t_i^2/\sigma_i^2 + 1/\sigma_0^2\big)$.`,
    String.raw`What is the variance of the ML estimate, and how should you choose the sampling times $t_i$ to make it small? Sketch: $\operatorname{Var}(\hat v_{\text{ML}}) = \sigma^2/\sum_i t_i^2$, so late readings are worth more: one at $t = 10$ adds a hundred times the precision of one at $t = 1$.`,
    String.raw`When does the MAP estimate have lower mean squared error than the ML estimate? Is it ever worse? Sketch: exactly when $(v - \mu_0)^2 < 2\sigma_0^2 + \sigma^2/\sum_i t_i^2$; a confidently wrong prior makes it worse.`,
    String.raw`What is the posterior distribution of $v$, and what is the posterior mean? Why do the mean and the mode agree here? Sketch: the log-posterior is a concave quadratic in $v$, so the posterior is Gaussian, and a Gaussian's mean is its mode: the posterior mean is $\hat v_{\text{MAP}}$.`,
    String.raw`Replace the Gaussian prior with a Laplace prior. What does MAP become, and why can it land exactly on $\mu_0$? Sketch: the penalty becomes $\lambda\lvert v - \mu_0\rvert$, whose subgradient at $\mu_0$ is the whole interval $[-\lambda, \lambda]$; when the data's pull at $\mu_0$ is smaller than that, the estimate stays at $\mu_0$ (soft thresholding; with $\mu_0 = 0$, an exact zero).`,
    String.raw`The noise is Laplace instead of Gaussian. What is the ML estimate, and why is it more robust to outliers? Sketch: ML minimises $\sum_i \lvert y_i - v t_i\rvert$, whose minimiser is a weighted median of the ratios $y_i/t_i$ (weights $\lvert t_i\rvert$), so one outlier has bounded influence.`,
    String.raw`Add an intercept: $y_i = v t_i + b + \varepsilon_i$. What changes in the ML estimate? Sketch: the times and positions are centred, $\hat v = \sum_i (t_i - \bar t)(y_i - \bar y) / \sum_i (t_i - \bar t)^2$ and $\hat b = \bar y - \hat v\bar t$.`,
  ],
});
