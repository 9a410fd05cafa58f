/**
 * Least squares and the pseudo-inverse: the notepad question "derive the
 * least-squares solution for a sample set and a linear relationship", taken
 * from the loss to the normal equations, the closed form, why it is a
 * minimum, the line y = w x + b, the geometry of the fit, the SVD view of
 * the rank-deficient case, conditioning and ridge.
 *
 * Names in the engine expressions: X is the n x p design matrix, y the
 * targets, beta the coefficients, d a perturbation of the solution, U S V'
 * a full SVD of X (U n x n and V p x p orthogonal, S n x p). The scalar
 * line fit uses the sums N = n, Sx = sum x_i, Sy = sum y_i, Sxx = sum x_i^2,
 * Sxy = sum x_i y_i, the means xbar, ybar, and bw = (b, w)' for the
 * intercept and slope; `N` is used rather than `n` so the count never
 * collides with the matrix dimension `n`.
 */
import { defineDerivation } from './define';

const BETA_HAT = 'inv(transpose(X)*X)*transpose(X)*y';
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
    { name: 'N', assumptions: ['real', 'positive'] },
    { name: 'Sx', assumptions: ['real'] },
    { name: 'Sy', assumptions: ['real'] },
    { name: 'Sxx', assumptions: ['real'] },
    { name: 'Sxy', assumptions: ['real'] },
    { name: 'xbar', assumptions: ['real'] },
    { name: 'ybar', assumptions: ['real'] },
    { name: 'bw', shape: [2, 1] },
  ],
  steps: [
    {
      id: 'loss',
      expr: 'transpose(y - X*beta)*(y - X*beta)',
      tex: String.raw`L(\beta) = \lVert y - X\beta \rVert^2 = (y - X\beta)^\top (y - X\beta)`,
      justification: { kind: 'definition' },
      move: 'Write the loss as a squared norm, then as an inner product',
      notes:
        'Listen for the shapes being said out loud: X is n x p with one row per sample, beta is p x 1. A candidate who writes the sum of squared residuals and then turns it into (y - X beta)^T (y - X beta) unprompted is on track.',
    },
    {
      id: 'expand',
      expr: 'transpose(y)*y - 2*transpose(beta)*transpose(X)*y + transpose(beta)*transpose(X)*X*beta',
      tex: String.raw`L(\beta) = y^\top y - 2\,\beta^\top X^\top y + \beta^\top X^\top X \beta`,
      justification: { kind: 'matrix' },
      move: 'Expand the product and merge the two cross terms',
      notes:
        'The two cross terms y^T X beta and beta^T X^T y are equal because each is a 1 x 1 matrix and one is the transpose of the other. Ask "why can you add them?" if the candidate merges them silently.',
    },
    {
      id: 'gradient',
      expr: '-2*transpose(X)*y + 2*transpose(X)*X*beta',
      tex: String.raw`\nabla_\beta L = -2X^\top y + 2X^\top X\beta`,
      justification: { kind: 'derivative', wrt: 'beta' },
      move: 'Take the gradient with respect to beta',
      notes:
        'The two rules needed: the gradient of a^T beta is a, and the gradient of beta^T A beta is (A + A^T) beta, which is 2 A beta because A = X^T X is symmetric. Forgetting the 2 on the quadratic term is the most common slip here.',
    },
    {
      id: 'normal-equations',
      expr: 'transpose(X)*X*beta = transpose(X)*y',
      tex: String.raw`X^\top X\,\beta = X^\top y`,
      justification: { kind: 'equation' },
      move: 'Set the gradient to zero: the normal equations',
    },
    {
      id: 'solution',
      expr: `beta = ${BETA_HAT}`,
      tex: String.raw`\hat\beta = (X^\top X)^{-1} X^\top y = X^{+} y`,
      justification: { kind: 'solve', for: 'beta' },
      move: 'Invert X^T X, which needs X to have full column rank',
      notes:
        'The question the candidate must raise without prompting: when is X^T X invertible? Exactly when the columns of X are linearly independent (rank p, so n >= p). (X^T X)^{-1} X^T is the Moore-Penrose pseudo-inverse of a full-column-rank X.',
    },
    {
      id: 'hessian',
      expr: '2*transpose(X)*X',
      tex: String.raw`\nabla^2_\beta L = 2X^\top X`,
      justification: { kind: 'derivative', wrt: 'beta' },
      from: 'gradient',
      move: 'Differentiate the gradient once more: the Hessian',
      notes:
        'A stationary point is not automatically a minimum. Strong candidates note the Hessian does not depend on beta (the loss is a quadratic) and that d^T X^T X d = ||Xd||^2 >= 0.',
    },
    {
      id: 'perturb',
      expr: `transpose(y - X*(${BETA_HAT} + d))*(y - X*(${BETA_HAT} + d))`,
      tex: String.raw`L(\hat\beta + d) = \lVert y - X(\hat\beta + d) \rVert^2`,
      justification: { kind: 'substitute', bindings: { beta: `${BETA_HAT} + d` } },
      from: 'loss',
      move: 'Evaluate the loss at the solution moved by an arbitrary d',
    },
    {
      id: 'minimum',
      expr: `transpose(y - X*${BETA_HAT})*(y - X*${BETA_HAT}) + transpose(X*d)*(X*d)`,
      tex: String.raw`\begin{aligned} L(\hat\beta + d) &= L(\hat\beta) + \lVert X d \rVert^2 \\ &= L(\hat\beta) + \tfrac12\, d^\top \big(2X^\top X\big)\, d \end{aligned}`,
      justification: { kind: 'matrix' },
      move: 'The cross term vanishes at beta-hat; what is left is a squared norm',
      notes:
        'This is the exact second-order expansion: no remainder, because L is quadratic. ||Xd||^2 > 0 for every d != 0 exactly when X has full column rank, so beta-hat is the unique global minimiser. If X is rank-deficient, moving along the null space of X leaves the loss unchanged: a whole affine set of minimisers.',
    },
    {
      id: 'residual-orthogonal',
      expr: 'transpose(X)*(y - X*beta) = 0',
      tex: String.raw`X^\top \big(y - X\hat\beta\big) = 0`,
      justification: { kind: 'equation' },
      from: 'normal-equations',
      move: 'Read the normal equations as orthogonality of the residual to every column of X',
      notes:
        'The geometric reading: X beta-hat is the orthogonal projection of y onto the column space of X. Each row of X^T dotted with the residual is zero. A candidate who draws the picture (y, the plane, the perpendicular drop) understands least squares rather than remembering it.',
    },
    {
      id: 'hat',
      expr: 'X*inv(transpose(X)*X)*transpose(X)',
      tex: String.raw`\hat y = X\hat\beta = H y, \qquad H = X (X^\top X)^{-1} X^\top`,
      justification: { kind: 'definition' },
      move: 'Name the matrix that maps y to the fitted values: the hat matrix',
    },
    {
      id: 'hat-symmetric',
      expr: 'transpose(X*inv(transpose(X)*X)*transpose(X))',
      tex: String.raw`H^\top = X \big((X^\top X)^{-1}\big)^\top X^\top = X (X^\top X)^{-1} X^\top = H`,
      justification: { kind: 'matrix' },
      from: 'hat',
      move: 'Transpose H: the inverse of a symmetric matrix is symmetric',
    },
    {
      id: 'hat-idempotent',
      expr: 'X*inv(transpose(X)*X)*transpose(X)*X*inv(transpose(X)*X)*transpose(X)',
      tex: String.raw`H^2 = X (X^\top X)^{-1} \underbrace{X^\top X (X^\top X)^{-1}}_{I} X^\top = H`,
      justification: { kind: 'matrix' },
      from: 'hat',
      move: 'Square H: projecting twice is projecting once',
      notes:
        'Symmetric and idempotent is the definition of an orthogonal projection. Follow-up: trace(H) = p, the number of fitted parameters (the "degrees of freedom" of the fit).',
    },
    {
      id: 'line-system',
      expr: '[[N, Sx], [Sx, Sxx]] * bw = [[Sy], [Sxy]]',
      tex: String.raw`\begin{pmatrix} n & \sum_i x_i \\ \sum_i x_i & \sum_i x_i^2 \end{pmatrix} \begin{pmatrix} b \\ w \end{pmatrix} = \begin{pmatrix} \sum_i y_i \\ \sum_i x_i y_i \end{pmatrix}`,
      justification: { kind: 'definition' },
      from: 'normal-equations',
      move: 'For y = w x + b, take X with columns 1 and x and write X^T X and X^T y as sums',
      notes:
        'This is the seed question "write the explicit solution of W and b for a simple linear model". The entries of X^T X are inner products of the columns (1, x): n, sum x_i, sum x_i^2. Candidates who differentiate the scalar loss with respect to w and b directly reach the same two equations; either route is fine.',
    },
    {
      id: 'line-solution',
      expr: 'bw = [[Sxx*Sy - Sx*Sxy], [N*Sxy - Sx*Sy]] / (N*Sxx - Sx^2)',
      tex: String.raw`\begin{pmatrix} b \\ w \end{pmatrix} = \frac{1}{n\sum_i x_i^2 - \left(\sum_i x_i\right)^2} \begin{pmatrix} \sum_i x_i^2 \sum_i y_i - \sum_i x_i \sum_i x_i y_i \\ n\sum_i x_i y_i - \sum_i x_i \sum_i y_i \end{pmatrix}`,
      justification: { kind: 'solve', for: 'bw' },
      move: 'Solve the 2 x 2 system with the explicit inverse (swap the diagonal, negate the off-diagonal, divide by the determinant)',
      notes:
        'The determinant n sum x_i^2 - (sum x_i)^2 = n sum (x_i - xbar)^2 is zero exactly when all x_i are equal: a vertical cloud of points has no defined slope. That is the full-column-rank condition in this small case.',
    },
    {
      id: 'line-means',
      expr: 'bw = [[ybar - xbar*(Sxy - N*xbar*ybar)/(Sxx - N*xbar^2)], [(Sxy - N*xbar*ybar)/(Sxx - N*xbar^2)]]',
      tex: String.raw`\begin{gathered} \hat w = \frac{\sum_i x_i y_i - n\bar x \bar y}{\sum_i x_i^2 - n\bar x^2} = \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}{\sum_i (x_i - \bar x)^2} \\ \hat b = \bar y - \hat w\, \bar x \end{gathered}`,
      justification: { kind: 'substitute', bindings: { Sx: 'N*xbar', Sy: 'N*ybar' } },
      move: 'Write the sums of x and y as n times their means',
      notes:
        'Listen for the reading: slope = sample covariance of (x, y) over sample variance of x, and the fitted line passes through the centroid (xbar, ybar). The centred form on the right is the same number because sum (x_i - xbar)(y_i - ybar) = sum x_i y_i - n xbar ybar.',
    },
    {
      id: 'svd-loss',
      expr: 'transpose(transpose(U)*y - S*transpose(V)*beta)*(transpose(U)*y - S*transpose(V)*beta)',
      tex: String.raw`\begin{aligned} L(\beta) &= \lVert y - U\Sigma V^\top \beta \rVert^2 \\ &= \lVert U^\top y - \Sigma\, V^\top \beta \rVert^2 \end{aligned}`,
      justification: { kind: 'substitute', bindings: { X: USV } },
      from: 'loss',
      move: 'Put in the SVD X = U Sigma V^T and rotate by U^T, which preserves lengths',
      notes:
        'The point of this step: with c = U^T y and z = V^T beta the loss is sum_{i<=r} (c_i - sigma_i z_i)^2 + sum_{i>r} c_i^2. It decouples coordinate by coordinate, which is what makes the rank-deficient case easy. Listen for: the z_i with sigma_i = 0 do not affect the loss, and ||beta|| = ||z||, so the shortest minimiser sets them to zero.',
    },
    {
      id: 'hessian-svd',
      expr: '2*V*transpose(S)*S*transpose(V)',
      tex: String.raw`\begin{aligned} \nabla^2_\beta L = 2X^\top X &= 2\,V\,\Sigma^\top\Sigma\,V^\top \\ &= 2\,V \operatorname{diag}\!\big(\sigma_1^2, \dots, \sigma_p^2\big) V^\top \end{aligned}`,
      justification: { kind: 'substitute', bindings: { X: USV } },
      from: 'hessian',
      move: 'Put the SVD into the Hessian: its eigenvalues are the squared singular values',
      notes:
        'Hence kappa(X^T X) = sigma_max^2 / sigma_min^2 = kappa(X)^2. Strong candidates connect this to practice: forming X^T X squares the condition number, which is why solvers use QR or the SVD of X; and gradient descent on L converges at a rate governed by kappa(X)^2.',
    },
    {
      id: 'ridge-loss',
      expr: 'transpose(y - X*beta)*(y - X*beta) + lambda*transpose(beta)*beta',
      tex: String.raw`L_\lambda(\beta) = \lVert y - X\beta \rVert^2 + \lambda \lVert \beta \rVert^2, \qquad \lambda > 0`,
      justification: { kind: 'definition' },
      move: 'Add an L2 penalty on the coefficients',
    },
    {
      id: 'ridge-gradient',
      expr: '-2*transpose(X)*y + 2*transpose(X)*X*beta + 2*lambda*beta',
      tex: String.raw`\nabla_\beta L_\lambda = -2X^\top y + 2X^\top X\beta + 2\lambda\beta`,
      justification: { kind: 'derivative', wrt: 'beta' },
      move: 'Take the gradient; the penalty adds 2 lambda beta',
    },
    {
      id: 'ridge-normal',
      expr: '(transpose(X)*X + lambda*identity(p))*beta = transpose(X)*y',
      tex: String.raw`\big(X^\top X + \lambda I\big)\beta = X^\top y`,
      justification: { kind: 'equation' },
      move: 'Set the gradient to zero and collect the terms in beta',
    },
    {
      id: 'ridge-solution',
      expr: 'beta = inv(transpose(X)*X + lambda*identity(p))*transpose(X)*y',
      tex: String.raw`\hat\beta_\lambda = \big(X^\top X + \lambda I\big)^{-1} X^\top y`,
      justification: { kind: 'solve', for: 'beta' },
      move: 'Invert X^T X + lambda I, which is positive definite for every X when lambda > 0',
      notes:
        'Why the inverse always exists: v^T (X^T X + lambda I) v = ||Xv||^2 + lambda ||v||^2 > 0 for v != 0, whatever the rank of X. Its eigenvalues are sigma_i^2 + lambda, so the condition number drops to (sigma_max^2 + lambda) / (sigma_min^2 + lambda).',
    },
    {
      id: 'ridge-svd',
      expr: 'beta = V*inv(transpose(S)*S + lambda*identity(p))*transpose(S)*transpose(U)*y',
      tex: String.raw`\begin{aligned} \hat\beta_\lambda &= V \big(\Sigma^\top\Sigma + \lambda I\big)^{-1} \Sigma^\top U^\top y \\ &= \sum_{i} \frac{\sigma_i}{\sigma_i^2 + \lambda}\, v_i\, u_i^\top y \end{aligned}`,
      justification: { kind: 'substitute', bindings: { X: USV } },
      from: 'ridge-solution',
      move: 'Put the SVD into the ridge solution: each direction is shrunk by sigma_i / (sigma_i^2 + lambda)',
      notes:
        'As lambda -> 0+, sigma/(sigma^2 + lambda) -> 1/sigma when sigma > 0 and stays 0 when sigma = 0: the ridge solution tends to the minimum-norm solution V Sigma^+ U^T y, even when X is rank-deficient. This is the cleanest way to connect ridge and the pseudo-inverse.',
    },
  ],
  mistakes: [
    {
      id: 'gradient-missing-two',
      from: 'expand',
      expr: '-2*transpose(X)*y + transpose(X)*X*beta',
      tex: String.raw`\nabla_\beta L \overset{?}{=} -2X^\top y + X^\top X\beta`,
      explanation:
        'The gradient of the quadratic form beta^T A beta is (A + A^T) beta = 2 A beta for symmetric A, not A beta. Dropping the 2 on one term and not the other doubles the solution: it would give beta = 2 (X^T X)^{-1} X^T y.',
    },
    {
      id: 'gradient-sign',
      from: 'expand',
      expr: '2*transpose(X)*y + 2*transpose(X)*X*beta',
      tex: String.raw`\nabla_\beta L \overset{?}{=} 2X^\top y + 2X^\top X\beta`,
      explanation:
        'The cross term is -2 beta^T X^T y, so its gradient is -2 X^T y. Losing the minus sign flips the sign of the solution to -(X^T X)^{-1} X^T y, which fits the data worse than beta = 0.',
    },
    {
      id: 'hat-is-identity',
      from: 'hat',
      expr: 'identity(n)',
      tex: String.raw`H = X (X^\top X)^{-1} X^\top \overset{?}{=} X X^{-1} (X^\top)^{-1} X^\top = I`,
      relation: { kind: 'matrix' },
      explanation:
        'Splitting (X^T X)^{-1} into X^{-1} (X^T)^{-1} needs X to be square and invertible. For a tall X (n > p) there is no X^{-1}: H projects onto the p-dimensional column space, has rank p < n, and cannot be the identity. If it were, every residual would be zero.',
    },
    {
      id: 'slope-without-intercept',
      from: 'line-system',
      expr: 'bw = [[(Sy - Sx*Sxy/Sxx)/N], [Sxy/Sxx]]',
      tex: String.raw`\hat w \overset{?}{=} \frac{\sum_i x_i y_i}{\sum_i x_i^2}`,
      relation: { kind: 'solve', for: 'bw' },
      explanation:
        'sum x_i y_i / sum x_i^2 is the slope of the best line through the origin (the model y = w x with no intercept). With an intercept the two normal equations are coupled; the slope uses centred data, sum (x_i - xbar)(y_i - ybar) / sum (x_i - xbar)^2, and the two agree only when xbar = 0.',
    },
  ],
  rubric: {
    strong: [
      'Writes the loss in matrix form with the shapes stated (X is n x p, one row per sample) and expands it correctly, merging the two cross terms with a reason.',
      'Differentiates with the two vector-calculus rules (gradient of a^T beta, of beta^T A beta for symmetric A) and gets the factor 2 right on both terms.',
      'States when X^T X is invertible (X has full column rank, hence n >= p) before inverting it, and calls (X^T X)^{-1} X^T the pseudo-inverse.',
      'Justifies the minimum: the Hessian 2 X^T X is positive semidefinite, and positive definite exactly under full column rank, or the exact expansion L(beta-hat + d) = L(beta-hat) + ||X d||^2.',
      'Gives the geometric picture unprompted: the fitted values are the orthogonal projection of y onto the column space, the residual is orthogonal to every column, and H is symmetric and idempotent.',
      'For y = w x + b, produces w = sum (x_i - xbar)(y_i - ybar) / sum (x_i - xbar)^2 and b = ybar - w xbar, and says the line passes through the centroid.',
      'Knows what to do when X^T X is singular or ill-conditioned: the minimum-norm solution via the SVD, ridge, and solving with QR or the SVD instead of forming X^T X (kappa squares).',
    ],
    mistakes: [
      'Drops the factor 2 on the quadratic term, or gets the sign of the cross term wrong, then reaches a solution that is off by a factor or a sign.',
      'Writes X beta with X as p x n or beta as a row vector, so the shapes stop matching two lines later.',
      'Inverts X^T X without any comment on when the inverse exists.',
      'Gives the slope as sum x_i y_i / sum x_i^2, forgetting that the intercept centres the data.',
      'Says "set the gradient to zero" and stops, without arguing it is a minimum.',
    ],
    redFlags: [
      'Writes beta = X^{-1} y, or splits (X^T X)^{-1} into X^{-1} (X^T)^{-1}, for a non-square X.',
      'Cannot say what the normal equations mean geometrically after being prompted with "what is X^T times the residual?".',
      'Claims least squares needs Gaussian noise to be derived (it does not: Gaussian noise is what makes it the maximum-likelihood estimate).',
      'Recommends inverting X^T X numerically in production code for an ill-conditioned problem.',
    ],
  },
  followUps: [
    'Your X has two identical columns. What happens to X^T X, to the set of minimisers, and which one does numpy.linalg.lstsq return?',
    'Show that the minimum-norm least-squares solution is V Sigma^+ U^T y. Why does setting the free coordinates to zero give the shortest beta?',
    'Why do numerical libraries solve least squares with a QR or SVD factorisation rather than by forming X^T X? Quantify with the condition number.',
    'Under what noise model is the least-squares estimate the maximum-likelihood estimate? What changes if the noise has covariance sigma^2 W^{-1} (weighted least squares)?',
    'Derive ridge regression as a MAP estimate. What prior on beta gives lambda, and what happens to the solution as lambda goes to 0 and to infinity?',
    'What is trace(H), and how does it relate to the degrees of freedom of the fit? What is the effective degrees of freedom of ridge in terms of the singular values?',
    'One Newton step on L from any starting point lands exactly on beta-hat. Why, and what does gradient descent need instead?',
  ],
});
