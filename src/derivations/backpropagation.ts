import { defineDerivation } from './define';

/**
 * Backpropagation through a two-layer network small enough to write out:
 * inputs x ∈ R², hidden z = Wx + c ∈ R², h = σ(z), logits o = Vh + d ∈ R²,
 * p = softmax(o), loss L = −log p₁ (the example's class is 1).
 *
 * The engine reads no subscripted names, so W = [[w11, w12], [w21, w22]] and
 * so on are scalar variables, and the network's formulas below are built as
 * strings from a few pieces (the same pieces the plot evaluates). Every
 * backprop formula is checked against the derivative of the loss itself.
 */

/** Pre-activations of the hidden units. */
export const Z1 = 'w11*x1 + w12*x2 + c1';
export const Z2 = 'w21*x1 + w22*x2 + c2';
const sig = (z: string) => `1/(1 + exp(-(${z})))`;
/** Logits as functions of the hidden activations h1, h2. */
export const O1 = 'v11*h1 + v12*h2 + d1';
export const O2 = 'v21*h1 + v22*h2 + d2';
/** Softmax probabilities of the two classes, in terms of h1, h2. */
const P1 = `exp(${O1})/(exp(${O1}) + exp(${O2}))`;
const P2 = `exp(${O2})/(exp(${O1}) + exp(${O2}))`;
/** ∂L/∂h1 and ∂L/∂h2 = (Vᵀ(p − y)) with y = (1, 0). */
const DH1 = `((${P1}) - 1)*v11 + (${P2})*v21`;
const DH2 = `((${P1}) - 1)*v12 + (${P2})*v22`;
/** The same with h replaced by σ(z): everything in terms of the parameters. */
const atZ = (e: string) => e.replaceAll('h1', `(${sig(Z1)})`).replaceAll('h2', `(${sig(Z2)})`);
const sigPrime = (z: string) => `${sig(z)}*(1 - ${sig(z)})`;
/** Backprop's ∂L/∂w11 = δz1·x1 and ∂L/∂w21 = δz2·x1, δz = (Vᵀδo) ⊙ σ′(z). */
export const DW11 = `(${atZ(DH1)})*(${sigPrime(Z1)})*x1`;
export const DW21 = `(${atZ(DH2)})*(${sigPrime(Z2)})*x1`;

const S3 = 'exp(z1) + exp(z2) + exp(z3)';

export default defineDerivation({
  slug: 'backpropagation',
  title: 'Backpropagation through a two-layer network',
  variables: [
    ...['z', 'z1', 'z2', 'z3', 'y1', 'y2', 'h1', 'h2', 'x1', 'x2', 'w1', 'w2', 'x'].map((name) => ({
      name,
      assumptions: ['real'] as const,
    })),
    ...['w11', 'w12', 'w21', 'w22', 'c1', 'c2', 'v11', 'v12', 'v21', 'v22', 'd1', 'd2'].map((name) => ({
      name,
      assumptions: ['real'] as const,
    })),
    ...['e11', 'e12', 'e21', 'e22', 'x11', 'x12', 'x21', 'x22'].map((name) => ({ name, assumptions: ['real'] as const })),
    { name: 'h', assumptions: ['positive'] },
    { name: 'a', shape: ['q', 1] },
    { name: 'delta', shape: ['k', 1] },
    { name: 'V', shape: ['k', 'q'] },
    { name: 'd', shape: ['k', 1] },
  ],
  steps: [
    {
      id: 'sigmoid',
      expr: '1/(1 + exp(-z))',
      tex: String.raw`\sigma(z) = \frac{1}{1 + e^{-z}}`,
      justification: { kind: 'definition' },
      move: 'The logistic sigmoid',
      notes: String.raw`Ask for its range and its value at 0 ($\tfrac12$): that value comes back in the zero-initialisation question.`,
    },
    {
      id: 'sigmoid-derivative',
      expr: 'exp(-z)/(1 + exp(-z))^2',
      tex: String.raw`\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2}`,
      justification: { kind: 'derivative', wrt: 'z' },
      move: 'Differentiate (quotient or chain rule)',
      notes: 'The slip is a lost minus sign from the inner derivative of $e^{-z}$.',
    },
    {
      id: 'sigmoid-prime',
      expr: '1/(1 + exp(-z))*(1 - 1/(1 + exp(-z)))',
      tex: String.raw`\sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big)`,
      justification: { kind: 'equal' },
      move: String.raw`Write it through $\sigma$ itself: $\frac{e^{-z}}{1 + e^{-z}} = 1 - \sigma(z)$`,
      notes: String.raw`So the backward pass reuses the forward activation: no exponential is recomputed. The maximum is $\tfrac14$ at $z = 0$, and it vanishes for large $|z|$: saturated units pass almost no gradient, and a deep stack of sigmoids multiplies factors $\le \tfrac14$ (vanishing gradients).`,
    },
    {
      id: 'tanh',
      expr: '(exp(z) - exp(-z))/(exp(z) + exp(-z))',
      tex: String.raw`\tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}`,
      justification: { kind: 'definition' },
      move: 'The hyperbolic tangent, a zero-centred alternative',
      notes: String.raw`$\tanh z = 2\sigma(2z) - 1$.`,
    },
    {
      id: 'tanh-prime',
      expr: '1 - ((exp(z) - exp(-z))/(exp(z) + exp(-z)))^2',
      tex: String.raw`\tanh'(z) = 1 - \tanh^2 z`,
      justification: { kind: 'derivative', wrt: 'z' },
      move: 'Differentiate: again a function of the activation itself',
      notes: String.raw`Maximum 1 at $z = 0$, four times the sigmoid’s, one reason tanh trained better than the sigmoid in hidden layers.`,
    },
    {
      id: 'softmax-cross-entropy',
      expr: `-(y1*log(exp(z1)/(${S3})) + y2*log(exp(z2)/(${S3})) + (1 - y1 - y2)*log(exp(z3)/(${S3})))`,
      tex: String.raw`L = -\sum_{k=1}^{3} y_k \log p_k, \quad p_k = \frac{e^{z_k}}{\sum_j e^{z_j}}, \quad \sum_k y_k = 1`,
      justification: { kind: 'definition' },
      move: 'Softmax with cross-entropy, three classes; the target y sums to 1',
      notes: String.raw`One-hot $y$ is the usual case; the derivation only needs $\sum_k y_k = 1$ (label smoothing is covered too). The checked line writes $y_3 = 1 - y_1 - y_2$.`,
    },
    {
      id: 'softmax-ce-gradient-1',
      expr: `exp(z1)/(${S3}) - y1`,
      tex: String.raw`\frac{\partial L}{\partial z_1} = p_1 - y_1`,
      justification: { kind: 'derivative', wrt: 'z1' },
      move: 'Differentiate with respect to a logit: prediction minus target',
      notes: String.raw`By hand: $\log p_k = z_k - \log\sum_j e^{z_j}$, so $\partial L/\partial z_1 = -y_1 + \big(\sum_k y_k\big) p_1 = p_1 - y_1$. The $\sum_k y_k = 1$ is where the target’s normalisation is used.`,
    },
    {
      id: 'softmax-ce-gradient-2',
      expr: `exp(z2)/(${S3}) - y2`,
      tex: String.raw`\frac{\partial L}{\partial z_2} = p_2 - y_2 \qquad\Big(\frac{\partial L}{\partial z} = p - y\Big)`,
      justification: { kind: 'derivative', wrt: 'z2' },
      from: 'softmax-cross-entropy',
      move: String.raw`Same for every logit: $\nabla_z L = p - y$`,
      notes: String.raw`Bounded by 1 in every entry, and zero only when the prediction matches the target: the reason softmax is paired with cross-entropy rather than a squared error.`,
    },
    {
      id: 'linear-layer',
      expr: 'transpose(delta)*(V*a + d)',
      tex: String.raw`o = V a + d,\ \ \delta = \frac{\partial L}{\partial o}: \quad L \approx L_0 + \delta^\top (V a + d)`,
      justification: { kind: 'definition' },
      move: String.raw`A linear layer $o = Va + d$ with $V$ of shape $K \times H$; to first order, $L$ sees $a$ only through $\delta^\top o$`,
      notes: String.raw`$\delta$ is the upstream gradient, a $K$-vector, held fixed: the chain rule is exactly this linearisation.`,
    },
    {
      id: 'linear-layer-backward',
      expr: 'transpose(V)*delta',
      tex: String.raw`\frac{\partial L}{\partial a} = V^\top \delta \qquad (H \times K)(K \times 1) = H \times 1`,
      justification: { kind: 'derivative', wrt: 'a' },
      move: String.raw`The gradient flowing back into the layer’s input: $V^\top\delta$`,
      notes: String.raw`Shapes check it: the result must have the shape of $a$. Probe: “and the gradient with respect to $V$?” ($\delta a^\top$, shape $K \times H$ like $V$).`,
    },
    {
      id: 'network-loss-of-hidden',
      expr: `-log(${P1})`,
      tex: String.raw`\begin{gathered} x \in \mathbb R^2,\ z = Wx + c,\ h = \sigma(z) \in \mathbb R^2,\ o = Vh + d \in \mathbb R^2, \\ L = -\log p_1 = -\log \frac{e^{o_1}}{e^{o_1} + e^{o_2}} \end{gathered}`,
      justification: { kind: 'definition' },
      move: String.raw`The network: $W, V \in \mathbb R^{2\times 2}$, $c, d \in \mathbb R^2$; the example’s class is 1. Written as a function of the hidden activations`,
      notes: String.raw`Every shape stated: $x$ is $2\times1$, $W$ is $2\times2$ (hidden × input), $h$ is $2\times1$, $V$ is $2\times2$ (classes × hidden). Ask the candidate to state them before differentiating.`,
    },
    {
      id: 'network-gradient-hidden',
      expr: DH1,
      tex: String.raw`\frac{\partial L}{\partial h_1} = (p_1 - 1)\, v_{11} + p_2\, v_{21} = \big(V^\top (p - y)\big)_1`,
      justification: { kind: 'derivative', wrt: 'h1' },
      move: String.raw`Differentiate the actual loss with respect to $h_1$: it is the first entry of $V^\top(p - y)$`,
      notes: String.raw`The checker differentiates the whole expression in $h_1$ and compares with the backprop formula: the two general results (softmax + CE, linear layer) compose as promised.`,
    },
    {
      id: 'network-loss',
      expr: `-log(${atZ(P1)})`,
      tex: String.raw`L(W, c, V, d) = -\log p_1\big(V\sigma(Wx + c) + d\big)`,
      justification: { kind: 'substitute', bindings: { h1: sig(Z1), h2: sig(Z2) } },
      options: { timeLimitMs: 20_000 },
      from: 'network-loss-of-hidden',
      move: String.raw`Put in $h = \sigma(Wx + c)$: the loss as a function of every parameter`,
      notes: 'This is the whole forward pass in one expression; backprop computes all of its partial derivatives in one backward sweep.',
    },
    {
      id: 'network-gradient-w11',
      expr: DW11,
      tex: String.raw`\frac{\partial L}{\partial w_{11}} = \underbrace{\big(V^\top(p - y)\big)_1\, \sigma'(z_1)}_{\delta^{z}_1}\; x_1, \qquad \sigma'(z_1) = h_1(1 - h_1)`,
      justification: { kind: 'derivative', wrt: 'w11' },
      // The whole forward pass differentiated: a large expression, slow on a busy machine.
      options: { timeLimitMs: 20_000 },
      move: String.raw`Differentiate with respect to a first-layer weight: backprop’s $\delta^z = (V^\top\delta^o) \odot \sigma'(z)$, times the input`,
      notes: String.raw`In matrix form $\partial L/\partial W = \delta^z x^\top$ ($2\times1$ times $1\times2$: the shape of $W$) and $\partial L/\partial c = \delta^z$. The checker compares the backprop product with the derivative of the full forward expression.`,
    },
    {
      id: 'batch-weight-gradient-definition',
      expr: 'trace(transpose([[e11, e12], [e21, e22]])*[[w11, w12], [w21, w22]]*[[x11, x12], [x21, x22]])',
      tex: String.raw`\begin{gathered} Z = W X,\ X = [x^{(1)}\ x^{(2)}] \ (D \times N),\ \Delta = \frac{\partial L}{\partial Z}\ (H \times N): \\ L \approx L_0 + \operatorname{tr}(\Delta^\top W X) \end{gathered}`,
      justification: { kind: 'definition' },
      move: 'A batch: the examples are the columns of X; to first order L sees W through tr(ΔᵀWX)',
      notes: String.raw`$\operatorname{tr}(\Delta^\top Z) = \sum_{h,n} \Delta_{hn} Z_{hn}$: the sum over the batch of each example’s $\delta^\top z$. Two examples and two units are written out here.`,
    },
    {
      id: 'batch-weight-gradient',
      expr: 'e11*x21 + e12*x22',
      tex: String.raw`\frac{\partial L}{\partial w_{12}} = \Delta_{11} x_{21} + \Delta_{12} x_{22} = \big(\Delta X^\top\big)_{12}`,
      justification: { kind: 'derivative', wrt: 'w12' },
      move: String.raw`Differentiate: the weight gradient sums over the batch, $\partial L/\partial W = \Delta X^\top$`,
      notes: String.raw`$(H\times N)(N\times D) = H \times D$, the shape of $W$; the batch dimension is contracted. With a mean loss, $\Delta$ carries the $1/N$. The bias gradient is $\Delta\mathbf 1$, the sum over the batch.`,
    },
    {
      id: 'one-sided-difference',
      expr: '((x + h)^3 - x^3)/h',
      tex: String.raw`f(x) = x^3: \quad \frac{f(x + h) - f(x)}{h}`,
      justification: { kind: 'definition' },
      move: 'Gradient checking compares backprop with finite differences; which difference?',
      notes: String.raw`A cubic shows the error terms exactly.`,
    },
    {
      id: 'one-sided-error',
      expr: '3*x^2 + 3*x*h + h^2',
      tex: String.raw`= 3x^2 + 3xh + h^2 = f'(x) + O(h)`,
      justification: { kind: 'equal' },
      move: 'The one-sided difference is off by a term of order h',
      notes: "Its error is $\\tfrac h2 f''(x) + O(h^2)$.",
    },
    {
      id: 'central-difference',
      expr: '((x + h)^3 - (x - h)^3)/(2*h)',
      tex: String.raw`\frac{f(x + h) - f(x - h)}{2h}`,
      justification: { kind: 'definition' },
      move: 'The central difference',
      notes: 'Costs two evaluations of the loss per parameter, like the one-sided one once $f(x)$ is known for all of them; use it.',
    },
    {
      id: 'central-error',
      expr: '3*x^2 + h^2',
      tex: String.raw`= 3x^2 + h^2 = f'(x) + O(h^2)`,
      justification: { kind: 'equal' },
      move: 'The even terms cancel: the error is of order h²',
      notes: String.raw`In general $\tfrac{h^2}{6} f'''(x)$. With $h \approx 10^{-5}$ in double precision the truncation error ($\sim 10^{-10}$) and the rounding error ($\sim 10^{-16}/10^{-5}$) are balanced; compare with a relative error $\lvert a - b\rvert / \max(\lvert a\rvert, \lvert b\rvert)$, expecting $10^{-7}$ or better.`,
    },
    {
      id: 'zero-init-row-difference',
      expr: `${DW11} - (${DW21})`,
      tex: String.raw`\frac{\partial L}{\partial w_{11}} - \frac{\partial L}{\partial w_{21}} = \big(\delta^z_1 - \delta^z_2\big)\, x_1`,
      justification: { kind: 'definition' },
      move: 'Zero (or any symmetric) initialisation: compare the gradients of the two hidden units’ weights',
      notes: String.raw`With all weights zero, $h_1 = h_2 = \sigma(c_1) = \tfrac12$ when the biases are zero too, and $V^\top\delta^o = 0$, so the first layer gets no gradient at all on the first step.`,
    },
    {
      id: 'zero-init-symmetric',
      expr: '0',
      tex: String.raw`W = \begin{bmatrix} a & b \\ a & b \end{bmatrix},\ c_1 = c_2,\ V = \begin{bmatrix} u & u \\ s & s \end{bmatrix}: \quad \frac{\partial L}{\partial w_{11}} - \frac{\partial L}{\partial w_{21}} = 0`,
      justification: { kind: 'substitute', bindings: { w21: 'w11', w22: 'w12', c2: 'c1', v12: 'v11', v22: 'v21' } },
      // Both units' full backprop gradients written out: about 560 parse-tree nodes.
      options: { maxNodes: 700, timeLimitMs: 20_000 },
      move: 'If the two hidden units start identical, their gradients are identical, so they stay identical',
      notes: String.raw`The update preserves the symmetry (the same holds for $w_{12}, w_{22}$, the biases, and the columns of $V$, whose gradients $\delta^o h^\top$ have equal columns when $h_1 = h_2$). By induction the units never differ: the hidden layer has the capacity of one unit. Zero initialisation is one such symmetric start; random initialisation breaks the symmetry.`,
    },
    {
      id: 'logistic-loss',
      expr: '-log(1/(1 + exp(-(w1*x1 + w2*x2))))',
      tex: String.raw`\text{logistic regression, label } 1: \quad L(w) = -\log \sigma(w^\top x)`,
      justification: { kind: 'definition' },
      move: 'When zero is fine: a single-layer model has no hidden units to keep apart',
      notes: String.raw`The same holds for linear regression, and for the last layer of a network whose hidden layer is already asymmetric.`,
    },
    {
      id: 'logistic-gradient',
      expr: '-(1 - 1/(1 + exp(-(w1*x1 + w2*x2))))*x1',
      tex: String.raw`\frac{\partial L}{\partial w_1} = -\big(1 - \sigma(w^\top x)\big)\, x_1`,
      justification: { kind: 'derivative', wrt: 'w1' },
      move: 'Differentiate',
      notes: String.raw`$(p - y)\,x_1$ with $p = \sigma(w^\top x)$ and $y = 1$: the same prediction-minus-target form as the softmax.`,
    },
    {
      id: 'logistic-zero-init',
      expr: '-x1/2',
      tex: String.raw`w = 0: \quad \frac{\partial L}{\partial w_1} = -\tfrac12\, x_1 \ne 0`,
      justification: { kind: 'substitute', bindings: { w1: '0', w2: '0' } },
      move: 'At w = 0 the gradient is not zero, and each weight gets its own input’s gradient',
      notes: String.raw`The loss is convex in $w$, so the starting point does not matter for where gradient descent ends (for separable data it diverges in norm from any start). The symmetry argument needs two units computing the same function of the same inputs; a single layer has none.`,
    },
  ],
  mistakes: [
    {
      id: 'sigmoid-prime-plus',
      from: 'sigmoid-derivative',
      expr: '1/(1 + exp(-z))*(1 + 1/(1 + exp(-z)))',
      tex: String.raw`\sigma'(z) \overset{?}{=} \sigma(z)\,\big(1 + \sigma(z)\big)`,
      explanation: String.raw`At $z = 0$, $\sigma = \tfrac12$: the true slope is $\tfrac12\cdot\tfrac12 = \tfrac14$, this gives $\tfrac34$. The slope of a function bounded by 0 and 1 must vanish at both ends, which $\sigma(1 - \sigma)$ does and $\sigma(1 + \sigma)$ does not.`,
    },
    {
      id: 'softmax-gradient-without-p',
      from: 'softmax-cross-entropy',
      expr: '-y1',
      tex: String.raw`\frac{\partial L}{\partial z_1} \overset{?}{=} -y_1`,
      relation: { kind: 'derivative', wrt: 'z1' },
      explanation: String.raw`This treats $\log p_1$ as $z_1$ and forgets that every $p_k$ depends on $z_1$ through the normaliser. With $y = (1, 0, 0)$ and all logits 0: $p = (\tfrac13, \tfrac13, \tfrac13)$, and the gradient is $p_1 - 1 = -\tfrac23$, not $-1$; it would never vanish, however confident the prediction.`,
    },
    {
      id: 'weight-gradient-transposed',
      from: 'batch-weight-gradient-definition',
      expr: 'e21*x11 + e22*x12',
      tex: String.raw`\frac{\partial L}{\partial w_{12}} \overset{?}{=} \big(X \Delta^\top\big)_{12}`,
      relation: { kind: 'derivative', wrt: 'w12' },
      explanation: String.raw`$X\Delta^\top$ is $D \times H$, the shape of $W^\top$: its $(1,2)$ entry pairs unit 2 with input 1, which is the gradient of $w_{21}$. With one example $x = (1, 0)$ and $\delta = (0, 1)$: only $w_{21}$ affects the loss to first order, so $\partial L/\partial w_{12} = 0$, while this gives 1. Checking shapes first catches it.`,
    },
    {
      id: 'delta-without-activation-derivative',
      from: 'network-loss',
      expr: `(${atZ(DH1)})*x1`,
      tex: String.raw`\frac{\partial L}{\partial w_{11}} \overset{?}{=} \big(V^\top(p - y)\big)_1\, x_1`,
      relation: { kind: 'derivative', wrt: 'w11' },
      explanation: String.raw`The gradient must pass through the activation: $\partial h_1/\partial z_1 = \sigma'(z_1) \le \tfrac14$ is missing. Take every weight and bias zero except $v_{11} = 1$, and $x_1 = 1$: then $h = (\tfrac12, \tfrac12)$, $\partial L/\partial h_1 = p_1 - 1 \approx -0.378$ and $\sigma'(0) = \tfrac14$, so the true gradient is about $-0.094$ and this gives $-0.378$, four times too large.`,
    },
  ],
  slides: [{ after: 'network-gradient-w11', plot: 'backprop-graph' }],
  rubric: {
    strong: [
      'Defines the network with every shape stated (input, weights, hidden, logits) before differentiating, and keeps shapes consistent at every step.',
      String.raw`Derives $\sigma' = \sigma(1 - \sigma)$ and $\tanh' = 1 - \tanh^2$ and says why the backward pass reuses the forward activations.`,
      String.raw`Gets $\partial L/\partial z = p - y$ for softmax with cross-entropy, using $\sum_k y_k = 1$.`,
      String.raw`Writes the backward recursion: $\delta^o = p - y$, $\partial L/\partial V = \delta^o h^\top$, $\delta^z = (V^\top\delta^o) \odot \sigma'(z)$, $\partial L/\partial W = \delta^z x^\top$, and the batch forms $\Delta X^\top$.`,
      'Explains gradient checking with central differences, the O(h²) error and a relative-error threshold.',
      'Explains why identical hidden units stay identical, when zero initialisation is fine (single-layer logistic or linear models), and states the argument clearly and correctly on the whiteboard.',
    ],
    mistakes: [
      String.raw`$\sigma' = \sigma(1 + \sigma)$ or a sign error from $e^{-z}$.`,
      String.raw`Softmax gradient without the $p$ term.`,
      String.raw`Transposed weight gradients ($x\delta^\top$ instead of $\delta x^\top$), caught by checking shapes.`,
      String.raw`Forgetting $\sigma'(z)$ when passing the gradient through an activation.`,
    ],
    redFlags: [
      'Cannot state the chain rule for a composition of vector functions.',
      'Thinks backpropagation is a different optimisation algorithm rather than a way to compute gradients.',
      'Believes zero initialisation is always fine, or never fine.',
    ],
  },
  followUps: [
    String.raw`What is the cost of the backward pass relative to the forward pass, and why is reverse mode the right choice for a scalar loss? Sketch: a small constant factor (about 2×); reverse mode computes the gradient of one output with respect to all inputs in one sweep, forward mode would need one sweep per parameter.`,
    String.raw`Why do deep sigmoid networks suffer from vanishing gradients, and what do ReLU, residual connections and careful initialisation change? Sketch: each layer multiplies by $\sigma' \le \tfrac14$ and by a weight matrix; ReLU’s derivative is 1 where active, residual paths add an identity, and Xavier/He initialisation keeps the variance of activations and gradients constant across layers.`,
    String.raw`How does gradient checking go wrong? Sketch: non-differentiable points (ReLU at 0), randomness (dropout must be fixed), too small an $h$ (rounding), and single precision.`,
    String.raw`Derive the gradient of a squared-error output layer with a sigmoid, and compare it with cross-entropy. Sketch: $(p - y)\,p(1 - p)$, which vanishes when the sigmoid saturates even at a wrong answer; cross-entropy cancels the $p(1 - p)$.`,
    String.raw`With zero weights but random biases, do the hidden units stay identical? Sketch: no: different biases give different $h_i$ and different $\sigma'(z_i)$; but the first layer still gets no gradient on the first step when $V = 0$.`,
  ],
});
