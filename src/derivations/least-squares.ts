/**
 * Least squares and the pseudo-inverse: the notepad question "derive the
 * least-squares solution for a sample set and a linear relationship", taken
 * from the loss to the normal equations, the closed form, why it is a
 * minimum, the line y = w x + b, the geometry of the fit, the SVD view of
 * the rank-deficient case, conditioning and ridge.
 *
 * Names in the engine expressions: X is the n x p design matrix, y the
 * targets, beta the coefficients, d a perturbation of the solution, U S V'
 * a full SVD of X (U n x n and V p x p orthogonal, S n x p). The line fit
 * y = w x + b uses the columns o (ones) and x of its design matrix and
 * bw = (b, w)' for the intercept and slope. For the statistics, e is the
 * noise, bh the estimate beta-hat, A and C a linear map and a covariance, M
 * any p x n matrix; Q R is a full QR factorisation of X.
 */
import { defineDerivation } from './define';

const BETA_HAT = 'inv(transpose(X)*X)*transpose(X)*y';
/**
 * The line y = w x + b: X has the columns o (all ones on the page; the engine
 * checks the identities for any column o) and x, written as a sum of
 * products because the engine has no concatenation. Its inner products are
 * the sums n, sum x_i, sum y_i, sum x_i^2, sum x_i y_i.
 */
const LINE_X = 'o*[[1, 0]] + x*[[0, 1]]';
const N1 = 'transpose(o)*o';
const SX = 'transpose(o)*x';
const SY = 'transpose(o)*y';
const SXX = 'transpose(x)*x';
const SXY = 'transpose(x)*y';
const XBAR = `((${SX})/(${N1}))`;
const YBAR = `((${SY})/(${N1}))`;
const USV = 'U*S*transpose(V)';

export default defineDerivation({
  slug: 'least-squares',
  title: 'Least squares and the pseudo-inverse',
  variables: [
    { name: 'X', shape: ['n', 'p'], structure: 'full-column-rank' },
    { name: 'y', shape: ['n', 1] },
    { name: 'beta', shape: ['p', 1] },
    { name: 'd', shape: ['p', 1] },
    { name: 'U', shape: ['n', 'n'], structure: 'orthogonal' },
    { name: 'S', shape: ['n', 'p'] },
    { name: 'V', shape: ['p', 'p'], structure: 'orthogonal' },
    { name: 'lambda', assumptions: ['real', 'positive'] },
    { name: 'o', shape: ['n', 1] },
    { name: 'x', shape: ['n', 1] },
    { name: 'bw', shape: [2, 1] },
    { name: 'e', shape: ['n', 1] },
    { name: 'bh', shape: ['p', 1] },
    { name: 'sigma', assumptions: ['positive'] },
    { name: 'A', shape: ['p', 'n'] },
    { name: 'C', shape: ['n', 'n'], structure: 'symmetric' },
    { name: 'M', shape: ['p', 'n'] },
    { name: 'Q', shape: ['n', 'n'], structure: 'orthogonal' },
    { name: 'R', shape: ['n', 'p'] },
  ],
  // The page's names for the checked symbols (the TeX gate reads displays with them): the identity I is identity(p).
  notation: { I: 'identity(p)' },
  steps: [
    {
      id: 'loss',
      expr: 'transpose(y - X*beta)*(y - X*beta)',
      tex: String.raw`\begin{aligned} L(\beta) &= \lVert y - X\beta \rVert^2 \\ &= (y - X\beta)^\top (y - X\beta) \end{aligned}`,
      justification: { kind: 'definition' },
      move: 'Write the loss as a squared norm, then as an inner product',
      notes: String.raw`Listen for the shapes being said out loud: $X$ is $n \times p$ with one row per sample, $\beta$ is $p \times 1$. A candidate who writes the sum of squared residuals and turns it into $(y - X\beta)^\top (y - X\beta)$ unprompted is on track.`,
    },
    {
      id: 'expand',
      expr: 'transpose(y)*y - 2*transpose(beta)*transpose(X)*y + transpose(beta)*transpose(X)*X*beta',
      tex: String.raw`L(\beta) = y^\top y - 2\,\beta^\top X^\top y + \beta^\top X^\top X \beta`,
      justification: { kind: 'matrix' },
      move: 'Expand the product and merge the two cross terms',
      notes: String.raw`The two cross terms $y^\top X\beta$ and $\beta^\top X^\top y$ are equal because each is a $1 \times 1$ matrix and one is the transpose of the other. Ask "why can you add them?" if the candidate merges them silently.`,
    },
    {
      id: 'gradient',
      expr: '-2*transpose(X)*y + 2*transpose(X)*X*beta',
      tex: String.raw`\nabla_\beta L = -2X^\top y + 2X^\top X\beta`,
      justification: { kind: 'derivative', wrt: 'beta' },
      move: String.raw`Take the gradient with respect to $\beta$`,
      notes: String.raw`The two rules needed: the gradient of $a^\top\beta$ is $a$, and the gradient of $\beta^\top A\beta$ is $(A + A^\top)\beta$, which is $2A\beta$ because $A = X^\top X$ is symmetric. Forgetting the 2 on the quadratic term is the most common slip here.`,
    },
    {
      id: 'normal-equations',
      expr: 'transpose(X)*X*beta = transpose(X)*y',
      tex: String.raw`X^\top X\,\beta = X^\top y`,
      justification: { kind: 'equation' },
      move: 'Set the gradient to zero: the normal equations',
      notes: String.raw`This is $p$ linear equations in $p$ unknowns, and it always has a solution: $X^\top y$ lies in the column space of $X^\top X$ (both equal the row space of $X$), even when $X^\top X$ is singular. Probe: “is the solution unique?” The slip to catch is “dividing” by $X^\top X$ as if it were a scalar, or writing $XX^\top$.`,
    },
    {
      id: 'solution',
      notation: { beta_hat: 'beta' },
      expr: `beta = ${BETA_HAT}`,
      tex: String.raw`\hat\beta = (X^\top X)^{-1} X^\top y = X^{+} y`,
      justification: { kind: 'solve', for: 'beta' },
      move: String.raw`Invert $X^\top X$, which needs $X$ to have full column rank`,
      notes: String.raw`The question the candidate must raise without prompting: when is $X^\top X$ invertible? Exactly when the columns of $X$ are linearly independent (rank $p$, so $n \ge p$). Then $(X^\top X)^{-1} X^\top$ is the Moore–Penrose pseudo-inverse of $X$.`,
    },
    {
      id: 'hessian',
      expr: '2*transpose(X)*X',
      tex: String.raw`\nabla^2_\beta L = 2X^\top X`,
      justification: { kind: 'derivative', wrt: 'beta' },
      from: 'gradient',
      move: 'Differentiate the gradient once more: the Hessian',
      notes: String.raw`A stationary point is not automatically a minimum. Strong candidates note the Hessian does not depend on $\beta$ (the loss is a quadratic) and that $d^\top X^\top X d = \lVert Xd \rVert^2 \ge 0$.`,
    },
    {
      id: 'perturb',
      expr: `transpose(y - X*(${BETA_HAT} + d))*(y - X*(${BETA_HAT} + d))`,
      tex: String.raw`L(\hat\beta + d) = \lVert y - X(\hat\beta + d) \rVert^2`,
      justification: { kind: 'substitute', bindings: { beta: `${BETA_HAT} + d` } },
      from: 'loss',
      move: 'Evaluate the loss at the solution moved by an arbitrary $d$',
      notes: String.raw`The route to “is it a minimum?” without the Hessian: every $\beta$ is $\hat\beta + d$ for some $d$, so comparing $L(\hat\beta + d)$ with $L(\hat\beta)$ for all $d$ proves a global statement. Probe: “why is this enough for a global minimum?”; the slip is taking $d$ small, as if a local argument were needed.`,
    },
    {
      id: 'minimum',
      expr: `transpose(y - X*${BETA_HAT})*(y - X*${BETA_HAT}) + transpose(X*d)*(X*d)`,
      tex: String.raw`\begin{aligned} L(\hat\beta + d) &= L(\hat\beta) + \lVert X d \rVert^2 \\ &= L(\hat\beta) + \tfrac12\, d^\top \big(2X^\top X\big)\, d \end{aligned}`,
      justification: { kind: 'matrix' },
      move: String.raw`The cross term vanishes at $\hat\beta$; a squared norm is left`,
      notes: String.raw`This is the exact second-order expansion: no remainder, because $L$ is quadratic. $\lVert Xd \rVert^2 > 0$ for every $d \ne 0$ exactly when $X$ has full column rank, so $\hat\beta$ is the unique global minimiser. If $X$ is rank-deficient, moving along the null space of $X$ leaves the loss unchanged: a whole affine set of minimisers.`,
    },
    {
      id: 'residual-orthogonal',
      notation: { beta_hat: 'beta' },
      expr: 'transpose(X)*(y - X*beta) = 0',
      tex: String.raw`X^\top \big(y - X\hat\beta\big) = 0`,
      justification: { kind: 'equation' },
      from: 'normal-equations',
      move: String.raw`Read the normal equations: the residual is orthogonal to every column of $X$`,
      notes: String.raw`The geometric reading: $X\hat\beta$ is the orthogonal projection of $y$ onto the column space of $X$. Each row of $X^\top$ dotted with the residual is zero. A candidate who draws the picture ($y$, the plane, the perpendicular drop) understands least squares rather than remembering it.`,
    },
    {
      id: 'hat',
      expr: 'X*inv(transpose(X)*X)*transpose(X)',
      tex: String.raw`\hat y = X\hat\beta = H y, \qquad H = X (X^\top X)^{-1} X^\top`,
      justification: { kind: 'definition' },
      move: 'Name the matrix that maps $y$ to the fitted values: the hat matrix',
      notes: String.raw`Listen for the shapes: $H$ is $n \times n$ with rank $p$, not $p \times p$. Probe: “what are its eigenvalues?” ($p$ ones and $n - p$ zeros, once it is shown to be a projection). The slip is cancelling $X (X^\top X)^{-1} X^\top$ to $I$ as if $X$ were square and invertible.`,
    },
    {
      id: 'hat-symmetric',
      expr: 'transpose(X*inv(transpose(X)*X)*transpose(X))',
      tex: String.raw`\begin{aligned} H^\top &= X \big((X^\top X)^{-1}\big)^\top X^\top \\ &= X (X^\top X)^{-1} X^\top = H \end{aligned}`,
      justification: { kind: 'matrix' },
      from: 'hat',
      move: 'Transpose $H$: the inverse of a symmetric matrix is symmetric',
      notes: String.raw`Two rules carry this line: $(ABC)^\top = C^\top B^\top A^\top$, and $(A^{-1})^\top = (A^\top)^{-1}$ with $A = X^\top X$ symmetric. Probe: “why is the transpose of an inverse the inverse of the transpose?” ($A^{-1}A = I$, transposed). The typical slip is transposing each factor without reversing their order.`,
    },
    {
      id: 'hat-idempotent',
      expr: 'X*inv(transpose(X)*X)*transpose(X)*X*inv(transpose(X)*X)*transpose(X)',
      tex: String.raw`\begin{aligned} H^2 &= X (X^\top X)^{-1} \underbrace{X^\top X (X^\top X)^{-1}}_{I} X^\top \\ &= X (X^\top X)^{-1} X^\top = H \end{aligned}`,
      justification: { kind: 'matrix' },
      from: 'hat',
      move: 'Square $H$: projecting twice is projecting once',
      notes: String.raw`Symmetric and idempotent is the definition of an orthogonal projection. Follow-up: $\operatorname{trace}(H) = p$, the number of fitted parameters (the "degrees of freedom" of the fit).`,
    },
    {
      id: 'line-system',
      expr: `[[${N1}, ${SX}], [${SX}, ${SXX}]] * bw = [[${SY}], [${SXY}]]`,
      tex: String.raw`\begin{gathered} X = \begin{pmatrix} \mathbf 1 & x \end{pmatrix}, \quad \beta = \begin{pmatrix} b \\ w \end{pmatrix}: \\ \begin{pmatrix} \mathbf 1^\top \mathbf 1 & \mathbf 1^\top x \\ x^\top \mathbf 1 & x^\top x \end{pmatrix} \begin{pmatrix} b \\ w \end{pmatrix} = \begin{pmatrix} \mathbf 1^\top y \\ x^\top y \end{pmatrix} \\ \begin{pmatrix} n & \sum_i x_i \\ \sum_i x_i & \sum_i x_i^2 \end{pmatrix} \begin{pmatrix} b \\ w \end{pmatrix} = \begin{pmatrix} \sum_i y_i \\ \sum_i x_i y_i \end{pmatrix} \end{gathered}`,
      justification: { kind: 'substitute', bindings: { X: LINE_X, beta: 'bw' } },
      from: 'normal-equations',
      move: String.raw`For $y = wx + b$, give $X$ the columns $\mathbf 1$ and $x$; write $X^\top X$ and $X^\top y$ as sums`,
      notes: String.raw`This is the common request "write down the explicit solution for $w$ and $b$ of a simple linear model". The entries of $X^\top X$ are inner products of the columns $\mathbf 1$ and $x$: $n$, $\sum_i x_i$, $\sum_i x_i^2$. Candidates who differentiate the scalar loss with respect to $w$ and $b$ directly reach the same two equations; either route is fine.`,
    },
    {
      id: 'line-solution',
      expr: `bw = [[(${SXX})*(${SY}) - (${SX})*(${SXY})], [(${N1})*(${SXY}) - (${SX})*(${SY})]] / ((${N1})*(${SXX}) - (${SX})^2)`,
      tex: String.raw`\begin{aligned} \hat b &= \frac{\sum_i x_i^2 \sum_i y_i - \sum_i x_i \sum_i x_i y_i}{\Delta} \\ \hat w &= \frac{n\sum_i x_i y_i - \sum_i x_i \sum_i y_i}{\Delta} \\ \Delta &= n\sum_i x_i^2 - \Big(\sum_i x_i\Big)^2 \end{aligned}`,
      justification: { kind: 'solve', for: 'bw' },
      move: String.raw`Invert the $2 \times 2$ matrix: swap the diagonal, negate the off-diagonal, divide by the determinant`,
      notes: String.raw`The determinant $n\sum_i x_i^2 - (\sum_i x_i)^2 = n\sum_i (x_i - \bar x)^2$ is zero exactly when all $x_i$ are equal: a vertical cloud of points has no defined slope. That is the full-column-rank condition in this small case.`,
    },
    {
      id: 'line-means',
      expr: `bw = [[${YBAR} - ${XBAR}*(${SXY} - (${N1})*${XBAR}*${YBAR})/(${SXX} - (${N1})*${XBAR}^2)], [(${SXY} - (${N1})*${XBAR}*${YBAR})/(${SXX} - (${N1})*${XBAR}^2)]]`,
      tex: String.raw`\begin{aligned} \hat w &= \frac{\sum_i x_i y_i - n\bar x \bar y}{\sum_i x_i^2 - n\bar x^2} \\ &= \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}{\sum_i (x_i - \bar x)^2} \\ \hat b &= \bar y - \hat w\, \bar x \end{aligned}`,
      justification: { kind: 'equation' },
      move: String.raw`Write $\sum_i x_i = n\bar x$ and $\sum_i y_i = n\bar y$`,
      notes: String.raw`Listen for the reading: slope = sample covariance of $x$ and $y$ over sample variance of $x$, and the fitted line passes through the centroid $(\bar x, \bar y)$. The centred form on the right is the same number because $\sum_i (x_i - \bar x)(y_i - \bar y) = \sum_i x_i y_i - n\bar x\bar y$.`,
    },
    {
      id: 'estimator-noise',
      expr: 'bh = beta + inv(transpose(X)*X)*transpose(X)*e',
      tex: String.raw`y = X\beta + \varepsilon \;\Rightarrow\; \hat\beta = (X^\top X)^{-1} X^\top (X\beta + \varepsilon) = \beta + (X^\top X)^{-1} X^\top \varepsilon`,
      justification: { kind: 'substitute', bindings: { beta: 'bh', y: 'X*beta + e' } },
      from: 'solution',
      move: String.raw`Put in the model $y = X\beta + \varepsilon$, with $\beta$ now the true coefficients`,
      notes: String.raw`The estimate is the truth plus a linear function of the noise. Everything about its distribution follows from this line. Probe: “what must the noise satisfy for $\hat\beta$ to be unbiased?” ($\mathbb E[\varepsilon] = 0$; nothing else).`,
    },
    {
      id: 'estimator-mean',
      expr: 'bh = beta',
      tex: String.raw`\mathbb E[\hat\beta] = \beta + (X^\top X)^{-1} X^\top\, \mathbb E[\varepsilon] = \beta`,
      justification: { kind: 'substitute', bindings: { e: '0*e' } },
      move: String.raw`Take expectations: the line is affine in $\varepsilon$ and $\mathbb E[\varepsilon] = 0$`,
      notes: String.raw`Unbiased for every $\beta$, with $X$ fixed (or conditionally on $X$). Listen for the assumption being named: the noise has mean zero and is not correlated with the design.`,
    },
    {
      id: 'cov-linear-map',
      expr: 'A*C*transpose(A)',
      tex: String.raw`\operatorname{Cov}(A\varepsilon) = A \operatorname{Cov}(\varepsilon) A^\top = A\,C A^\top`,
      justification: { kind: 'assumption' },
      move: String.raw`The covariance of a linear map of the noise`,
      notes: String.raw`$\operatorname{Cov}(A\varepsilon) = \mathbb E[A\varepsilon\varepsilon^\top A^\top] = A\,\mathbb E[\varepsilon\varepsilon^\top] A^\top$ for zero-mean $\varepsilon$. The slip is $A^\top C A$, which does not even have the right shape.`,
    },
    {
      id: 'estimator-cov',
      expr: 'sigma^2*inv(transpose(X)*X)',
      tex: String.raw`\begin{aligned} \operatorname{Cov}(\varepsilon) = \sigma^2 I: \quad \operatorname{Cov}(\hat\beta) &= (X^\top X)^{-1} X^\top (\sigma^2 I)\, X (X^\top X)^{-1} \\ &= \sigma^2 (X^\top X)^{-1} \end{aligned}`,
      justification: { kind: 'substitute', bindings: { A: 'inv(transpose(X)*X)*transpose(X)', C: 'sigma^2*identity(n)' } },
      move: String.raw`Take $A = (X^\top X)^{-1}X^\top$ and uncorrelated noise of common variance $\sigma^2$`,
      notes: String.raw`The diagonal gives the standard errors of the coefficients. Probe: “what makes it large?” (nearly collinear columns: $X^\top X$ nearly singular, the same $\kappa$ as in the numerical story).`,
    },
    {
      id: 'gauss-markov',
      expr: 'sigma^2*inv(transpose(X)*X) + sigma^2*M*(identity(n) - X*inv(transpose(X)*X)*transpose(X))*transpose(M*(identity(n) - X*inv(transpose(X)*X)*transpose(X)))',
      tex: String.raw`\begin{aligned} &\tilde\beta = \big((X^\top X)^{-1}X^\top + D\big) y, \quad D = M(I - H): \\ &\operatorname{Cov}(\tilde\beta) = \sigma^2 (X^\top X)^{-1} + \sigma^2 D D^\top \end{aligned}`,
      justification: {
        kind: 'substitute',
        bindings: {
          A: 'inv(transpose(X)*X)*transpose(X) + M*(identity(n) - X*inv(transpose(X)*X)*transpose(X))',
          C: 'sigma^2*identity(n)',
        },
      },
      from: 'cov-linear-map',
      // A long expression in four matrices: numeric instances need more than the default budget on a busy machine.
      options: { timeLimitMs: 15000 },
      move: String.raw`Any other linear unbiased estimator adds a $D$ with $DX = 0$; the cross terms vanish`,
      notes: String.raw`Unbiased for every $\beta$ means $(A + D)X = I$, so $DX = 0$, and every such $D$ is $D(I - H)$. The cross term $(X^\top X)^{-1}X^\top D^\top = (X^\top X)^{-1}(DX)^\top = 0$, and $DD^\top$ is positive semidefinite. That is Gauss–Markov: least squares is the best linear unbiased estimator (BLUE), with no Gaussian assumption.`,
    },
    {
      id: 'svd-loss',
      expr: 'transpose(transpose(U)*y - S*transpose(V)*beta)*(transpose(U)*y - S*transpose(V)*beta)',
      tex: String.raw`\begin{aligned} L(\beta) &= \lVert y - U\Sigma V^\top \beta \rVert^2 \\ &= \lVert U^\top y - \Sigma\, V^\top \beta \rVert^2 \end{aligned}`,
      justification: { kind: 'substitute', bindings: { X: USV } },
      from: 'loss',
      move: String.raw`Put in the SVD $X = U\Sigma V^\top$; multiplying by $U^\top$ keeps lengths`,
      notes: String.raw`The point of this step: with $c = U^\top y$ and $z = V^\top\beta$ the loss is $\sum_{i \le r} (c_i - \sigma_i z_i)^2 + \sum_{i > r} c_i^2$. It decouples coordinate by coordinate, which is what makes the rank-deficient case easy. Listen for: the $z_i$ with $\sigma_i = 0$ do not affect the loss, and $\lVert\beta\rVert = \lVert z\rVert$, so the shortest minimiser sets them to zero.`,
    },
    {
      id: 'hessian-svd',
      expr: '2*V*transpose(S)*S*transpose(V)',
      tex: String.raw`\begin{aligned} \nabla^2_\beta L &= 2X^\top X \\ &= 2\,V\,\Sigma^\top\Sigma\,V^\top \\ &= 2\,V \operatorname{diag}\!\big(\sigma_1^2, \dots, \sigma_p^2\big) V^\top \end{aligned}`,
      justification: { kind: 'substitute', bindings: { X: USV } },
      from: 'hessian',
      move: 'Put the SVD into the Hessian: its eigenvalues are the squared singular values',
      notes: String.raw`Hence $\kappa(X^\top X) = \sigma_{\max}^2 / \sigma_{\min}^2 = \kappa(X)^2$. Strong candidates connect this to practice: forming $X^\top X$ squares the condition number, which is why solvers use QR or the SVD of $X$; and gradient descent on $L$ converges at a rate governed by $\kappa(X)^2$.`,
    },
    {
      id: 'qr-normal',
      expr: 'transpose(R)*R*beta = transpose(R)*transpose(Q)*y',
      tex: String.raw`X = QR: \quad R^\top Q^\top Q R\,\beta = R^\top Q^\top y \;\Longleftrightarrow\; R^\top R\,\beta = R^\top Q^\top y`,
      justification: { kind: 'substitute', bindings: { X: 'Q*R' } },
      from: 'normal-equations',
      move: String.raw`Put a QR factorisation $X = QR$ into the normal equations; $Q^\top Q = I$ cancels`,
      notes: String.raw`With $R = \begin{pmatrix} R_1 \\ 0 \end{pmatrix}$ and $R_1$ upper triangular and invertible, this is $R_1^\top R_1 \beta = R_1^\top Q_1^\top y$; cancel $R_1^\top$ to get $R_1\beta = Q_1^\top y$, solved by back-substitution. $X^\top X$ is never formed, so the condition number is not squared.`,
    },
    {
      id: 'ridge-loss',
      expr: 'transpose(y - X*beta)*(y - X*beta) + lambda*transpose(beta)*beta',
      tex: String.raw`L_\lambda(\beta) = \lVert y - X\beta \rVert^2 + \lambda \lVert \beta \rVert^2, \qquad \lambda > 0`,
      justification: { kind: 'definition' },
      move: 'Add an $L_2$ penalty on the coefficients',
      notes: String.raw`Ask why $\lambda > 0$ and whether the intercept should be penalised (usually not: centre the data or leave it out of the penalty). A strong candidate reads the penalty as a Gaussian prior on $\beta$ (the ML vs MAP derivation) and says the features must be on comparable scales, since the penalty is not scale-invariant.`,
    },
    {
      id: 'ridge-gradient',
      expr: '-2*transpose(X)*y + 2*transpose(X)*X*beta + 2*lambda*beta',
      tex: String.raw`\nabla_\beta L_\lambda = -2X^\top y + 2X^\top X\beta + 2\lambda\beta`,
      justification: { kind: 'derivative', wrt: 'beta' },
      move: String.raw`Take the gradient; the penalty adds $2\lambda\beta$`,
      notes: String.raw`The penalty is the quadratic rule again with $A = \lambda I$: gradient $2\lambda\beta$. Probe: “what does one gradient-descent step do to $\beta$?” (it multiplies $\beta$ by $1 - 2\eta\lambda$ before the data term acts: weight decay). The slip is writing $\lambda\beta$, correct only if the penalty had been $\tfrac{\lambda}{2}\lVert\beta\rVert^2$.`,
    },
    {
      id: 'ridge-normal',
      expr: '(transpose(X)*X + lambda*identity(p))*beta = transpose(X)*y',
      tex: String.raw`\big(X^\top X + \lambda I\big)\beta = X^\top y`,
      justification: { kind: 'equation' },
      move: String.raw`Set the gradient to zero and collect the terms in $\beta$`,
      notes: String.raw`Listen for the identity appearing because $\lambda\beta = \lambda I\beta$, and for it being $p \times p$. Probe: “what does $\lambda I$ do to the eigenvalues of $X^\top X$?” (adds $\lambda$ to each, so none is zero). The slip is $X^\top X + \lambda$, a scalar added to a matrix, or $XX^\top + \lambda I$.`,
    },
    {
      id: 'ridge-solution',
      notation: { beta_lambda_hat: 'beta' },
      expr: 'beta = inv(transpose(X)*X + lambda*identity(p))*transpose(X)*y',
      tex: String.raw`\hat\beta_\lambda = \big(X^\top X + \lambda I\big)^{-1} X^\top y`,
      justification: { kind: 'solve', for: 'beta' },
      move: String.raw`Invert $X^\top X + \lambda I$, positive definite for every $X$ when $\lambda > 0$`,
      notes: String.raw`Why the inverse always exists: $v^\top (X^\top X + \lambda I) v = \lVert Xv \rVert^2 + \lambda \lVert v \rVert^2 > 0$ for $v \ne 0$, whatever the rank of $X$. Its eigenvalues are $\sigma_i^2 + \lambda$, so the condition number drops to $(\sigma_{\max}^2 + \lambda) / (\sigma_{\min}^2 + \lambda)$.`,
    },
    {
      id: 'ridge-svd',
      notation: { beta_lambda_hat: 'beta' },
      expr: 'beta = V*inv(transpose(S)*S + lambda*identity(p))*transpose(S)*transpose(U)*y',
      tex: String.raw`\begin{aligned} \hat\beta_\lambda &= V \big(\Sigma^\top\Sigma + \lambda I\big)^{-1} \Sigma^\top U^\top y \\ &= \sum_{i} \frac{\sigma_i}{\sigma_i^2 + \lambda}\, v_i\, u_i^\top y \end{aligned}`,
      justification: { kind: 'substitute', bindings: { X: USV } },
      from: 'ridge-solution',
      move: String.raw`Put in the SVD: direction $i$ gets the factor $\sigma_i / (\sigma_i^2 + \lambda)$`,
      notes: String.raw`As $\lambda \to 0^+$, $\sigma/(\sigma^2 + \lambda) \to 1/\sigma$ when $\sigma > 0$ and stays $0$ when $\sigma = 0$: the ridge solution tends to the minimum-norm solution $V\Sigma^+ U^\top y$, even when $X$ is rank-deficient. This is the cleanest way to connect ridge and the pseudo-inverse.`,
    },
  ],
  mistakes: [
    {
      id: 'gradient-missing-two',
      from: 'expand',
      expr: '-2*transpose(X)*y + transpose(X)*X*beta',
      tex: String.raw`\nabla_\beta L \overset{?}{=} -2X^\top y + X^\top X\beta`,
      explanation: String.raw`The gradient of the quadratic form $\beta^\top A\beta$ is $(A + A^\top)\beta = 2A\beta$ for symmetric $A$, not $A\beta$. Dropping the 2 on one term and not the other doubles the solution: it would give $\beta = 2(X^\top X)^{-1} X^\top y$.`,
    },
    {
      id: 'gradient-sign',
      from: 'expand',
      expr: '2*transpose(X)*y + 2*transpose(X)*X*beta',
      tex: String.raw`\nabla_\beta L \overset{?}{=} 2X^\top y + 2X^\top X\beta`,
      explanation: String.raw`The cross term is $-2\beta^\top X^\top y$, so its gradient is $-2X^\top y$. Losing the minus sign flips the solution to $-(X^\top X)^{-1} X^\top y$, which fits the data worse than $\beta = 0$: its loss is $\lVert y \rVert^2 + 3\lVert X\hat\beta \rVert^2$.`,
    },
    {
      id: 'hat-is-identity',
      from: 'hat',
      expr: 'identity(n)',
      tex: String.raw`\begin{aligned} H &= X (X^\top X)^{-1} X^\top \\ &\overset{?}{=} X X^{-1} (X^\top)^{-1} X^\top = I \end{aligned}`,
      relation: { kind: 'matrix' },
      explanation: String.raw`Splitting $(X^\top X)^{-1}$ into $X^{-1} (X^\top)^{-1}$ needs $X$ to be square and invertible. For a tall $X$ ($n > p$) there is no $X^{-1}$: $H$ projects onto the $p$-dimensional column space, has rank $p < n$, and cannot be the identity. If it were, every residual would be zero.`,
    },
    {
      id: 'slope-without-intercept',
      from: 'line-system',
      expr: `bw = [[(${SY} - (${SX})*(${SXY})/(${SXX}))/(${N1})], [(${SXY})/(${SXX})]]`,
      tex: String.raw`\hat w \overset{?}{=} \frac{\sum_i x_i y_i}{\sum_i x_i^2}`,
      relation: { kind: 'solve', for: 'bw' },
      explanation: String.raw`$\sum_i x_i y_i / \sum_i x_i^2$ is the slope of the best line through the origin (the model $y = wx$ with no intercept). With an intercept the two normal equations are coupled and the slope uses centred data, $\sum_i (x_i - \bar x)(y_i - \bar y) / \sum_i (x_i - \bar x)^2$. The two agree only when $\bar x = 0$ or the fitted intercept happens to be zero.`,
    },
    {
      id: 'cov-sigma-not-squared',
      from: 'cov-linear-map',
      expr: 'sigma*inv(transpose(X)*X)',
      tex: String.raw`\operatorname{Cov}(\hat\beta) \overset{?}{=} \sigma\,(X^\top X)^{-1}`,
      explanation: String.raw`$\operatorname{Cov}(\varepsilon) = \sigma^2 I$ carries the variance, not the standard deviation: the noise's covariance enters once, between $A$ and $A^\top$. With $\sigma$ in its place every variance is off by the factor $1/\sigma$, and the units are wrong: the covariance of $\hat\beta$ scales with the square of the noise.`,
    },
  ],
  // The presenter shows each plot as a slide where the page places it.
  slides: [{ after: 'line-means', plot: 'least-squares-fit' }],
  rubric: {
    strong: [
      String.raw`Writes the loss in matrix form with the shapes stated ($X$ is $n \times p$, one row per sample), checks every product for compatible shapes, and merges the two cross terms with a reason.`,
      String.raw`Differentiates with the two vector-calculus rules (the gradients of $a^\top\beta$ and of $\beta^\top A\beta$ for symmetric $A$) and gets the factor 2 right on both terms.`,
      String.raw`States when $X^\top X$ is invertible before inverting it: $X$ has full column rank, so $n \ge p$ and no feature is a linear combination of the others. Calls $(X^\top X)^{-1} X^\top$ the pseudo-inverse.`,
      String.raw`Argues that the stationary point is a minimum: the Hessian $2X^\top X$ is positive semidefinite, and positive definite exactly under full column rank; or the exact expansion $L(\hat\beta + d) = L(\hat\beta) + \lVert Xd \rVert^2$.`,
      String.raw`Gives the geometric picture unprompted: $\hat y$ is the orthogonal projection of $y$ onto the column space, the residual is orthogonal to every column, and $H$ is symmetric and idempotent.`,
      String.raw`For $y = wx + b$, produces $\hat w = \sum_i (x_i - \bar x)(y_i - \bar y) / \sum_i (x_i - \bar x)^2$ and $\hat b = \bar y - \hat w\bar x$ (from memory or from the $2 \times 2$ system), reads the slope as covariance over variance, and says the line passes through the centroid.`,
      String.raw`Under $y = X\beta + \varepsilon$ with $\mathbb E[\varepsilon] = 0$, $\operatorname{Cov}(\varepsilon) = \sigma^2 I$: shows $\mathbb E[\hat\beta] = \beta$ and $\operatorname{Cov}(\hat\beta) = \sigma^2 (X^\top X)^{-1}$, and states Gauss–Markov (best linear unbiased, no Gaussian assumption needed).`,
      String.raw`Knows what to do when $X^\top X$ is singular or ill-conditioned: the minimum-norm solution via the SVD, ridge, and solving with QR or the SVD instead of forming $X^\top X$, which squares the condition number.`,
    ],
    mistakes: [
      'Drops the factor 2 on the quadratic term, or gets the sign of the cross term wrong, and reaches a solution that is off by a factor or a sign.',
      String.raw`Writes $X\beta$ with $X$ as $p \times n$ or $\beta$ as a row vector, so the shapes stop matching two lines later.`,
      String.raw`Inverts $X^\top X$ without any comment on when the inverse exists.`,
      String.raw`Gives the slope as $\sum_i x_i y_i / \sum_i x_i^2$, forgetting that the intercept centres the data.`,
      'Says "set the gradient to zero" and stops, without arguing that it is a minimum.',
    ],
    redFlags: [
      String.raw`Writes $\beta = X^{-1} y$, or splits $(X^\top X)^{-1}$ into $X^{-1} (X^\top)^{-1}$, for a non-square $X$.`,
      String.raw`Cannot say what the normal equations mean geometrically after the prompt "what is $X^\top$ times the residual?".`,
      'Claims least squares needs Gaussian noise to be derived (it does not: Gaussian noise is what makes it the maximum-likelihood estimate).',
      String.raw`Recommends inverting $X^\top X$ numerically in production code for an ill-conditioned problem.`,
    ],
  },
  followUps: [
    String.raw`Your $X$ has two identical columns. What happens to $X^\top X$, to the set of minimisers, and which one does numpy.linalg.lstsq return? Sketch: $X^\top X$ is singular and the minimisers form a line (any split of the weight between the two copies); lstsq returns the minimum-norm one, which splits the weight equally.`,
    String.raw`Show that the minimum-norm least-squares solution is $V\Sigma^+ U^\top y$. Sketch: in the coordinates $z = V^\top\beta$ the free coordinates do not change the loss, and $\lVert\beta\rVert = \lVert z\rVert$, so the shortest minimiser sets them to zero.`,
    String.raw`Why do numerical libraries solve least squares with a QR or SVD factorisation rather than by forming $X^\top X$? Sketch: $\kappa(X^\top X) = \kappa(X)^2$, so solving the normal equations can lose about $2\log_{10}\kappa(X)$ digits, while QR loses about $\log_{10}\kappa(X)$ when the residual is small; with a large residual the problem itself is sensitive at the level $\kappa(X)^2\tan\theta$ ($\theta$ the angle between $y$ and the column space), and the gap closes.`,
    String.raw`Under what noise model is the least-squares estimate the maximum-likelihood estimate? What changes if the noise has covariance $\sigma^2 W^{-1}$? Sketch: independent Gaussian noise with one common variance; with covariance $\sigma^2 W^{-1}$ the ML estimate is weighted least squares, $(X^\top W X)^{-1} X^\top W y$.`,
    String.raw`Derive ridge regression as a MAP estimate. What prior on $\beta$ gives $\lambda$, and what happens as $\lambda \to 0$ and $\lambda \to \infty$? Sketch: $\beta \sim \mathcal N(0, \sigma_0^2 I)$ gives $\lambda = \sigma^2/\sigma_0^2$; the solution tends to the minimum-norm solution $X^+ y$ as $\lambda \to 0^+$ and to $0$ as $\lambda \to \infty$.`,
    String.raw`What is $\operatorname{trace}(H)$, and how does it relate to the degrees of freedom of the fit? What are the effective degrees of freedom of ridge? Sketch: $\operatorname{trace}(H) = p$; for ridge they are $\sum_i \sigma_i^2/(\sigma_i^2 + \lambda)$, which fall from the rank of $X$ towards 0 as $\lambda$ grows.`,
    String.raw`One Newton step on $L$ from any starting point lands exactly on $\hat\beta$. Why, and what does gradient descent need instead? Sketch: $L$ is exactly quadratic, so Newton's second-order model is $L$ itself; gradient descent needs many steps, more the larger $\kappa(X)^2$.`,
  ],
});
