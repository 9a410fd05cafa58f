/**
 * PCA and the covariance matrix: the notepad question "how is PCA related
 * to the covariance matrix and how is it used to decorrelate an
 * N-dimensional Gaussian vector?", from the spectral decomposition to the
 * decorrelated coordinates, why that means independence only for a
 * Gaussian, whitening, PCA as a constrained maximisation, the SVD of the
 * centred data, and the explicit 2 x 2 case.
 *
 * Names in the engine expressions: Sigma the covariance, Q the orthogonal
 * matrix of eigenvectors, L = Lambda the diagonal matrix of eigenvalues, and
 * D = Lambda^(1/2) (so Sigma = Q D D Q'), since the engine has no matrix
 * square root. A is any linear map. Xc is the centred n x p data matrix
 * with full SVD U S V'; `N` is the number of samples n (a scalar, kept apart
 * from the dimension `n`).
 */
import { defineDerivation } from './define';

const SIGMA_SPECTRAL_SQRT = 'Q*D*D*transpose(Q)';

export default defineDerivation({
  slug: 'pca-decorrelation',
  title: 'PCA and the covariance matrix: decorrelating a Gaussian vector',
  variables: [
    { name: 'Sigma', shape: ['p', 'p'], structure: 'spd' },
    { name: 'Q', shape: ['p', 'p'], structure: 'orthogonal' },
    { name: 'L', shape: ['p', 'p'], structure: 'diagonal' },
    { name: 'D', shape: ['p', 'p'], structure: 'diagonal' },
    { name: 'A', shape: ['p', 'p'] },
    { name: 'u', shape: ['p', 1] },
    { name: 'Xc', shape: ['n', 'p'] },
    { name: 'U', shape: ['n', 'n'], structure: 'orthogonal' },
    { name: 'S', shape: ['n', 'p'] },
    { name: 'V', shape: ['p', 'p'], structure: 'orthogonal' },
    { name: 'N', assumptions: ['real', 'positive'] },
    { name: 'lambda', assumptions: ['real'] },
    { name: 'l1', assumptions: ['real', 'positive'] },
    { name: 'l2', assumptions: ['real', 'positive'] },
    { name: 's', assumptions: ['real'] },
    { name: 'z1', assumptions: ['real'] },
    { name: 'z2', assumptions: ['real'] },
    { name: 'a', assumptions: ['real'] },
    { name: 'b', assumptions: ['real'] },
    { name: 'c', assumptions: ['real'] },
    { name: 't', assumptions: ['real'] },
    { name: 'theta', assumptions: ['real'] },
  ],
  steps: [
    {
      id: 'spectral',
      expr: 'Sigma = Q*L*transpose(Q)',
      tex: String.raw`\begin{gathered} \Sigma = Q \Lambda Q^\top, \qquad Q^\top Q = I, \\ \Lambda = \operatorname{diag}(\lambda_1, \dots, \lambda_p), \\ \lambda_1 \ge \dots \ge \lambda_p \ge 0 \end{gathered}`,
      justification: { kind: 'assumption' },
      move: 'Diagonalise the covariance with the spectral theorem',
      notes:
        String.raw`Listen for why this exists: $\Sigma$ is symmetric, so it has real eigenvalues and an orthonormal basis of eigenvectors; it is positive semidefinite ($v^\top\Sigma v = \operatorname{Var}(v^\top x) \ge 0$), so the eigenvalues are nonnegative. A candidate who says "eigendecomposition" without "orthogonal" misses why the rotation preserves lengths.`,
    },
    {
      id: 'cov-linear',
      expr: 'A*Sigma*transpose(A)',
      tex: String.raw`\begin{aligned} \operatorname{Cov}(Ax + c) &= \mathbb{E}\big[A(x - \mu)(x - \mu)^\top A^\top\big] \\ &= A \Sigma A^\top \end{aligned}`,
      justification: { kind: 'definition' },
      move: 'Covariance of a linear map: the shift drops out, $A$ comes out on both sides',
      notes:
        String.raw`Two facts carry the line: $\mathbb{E}[Ax + c] = A\mu + c$, so the shift cancels in the deviation, and the constant $A$ comes out of the expectation. Probe: “what is $\operatorname{Var}(u^\top x)$?” ($u^\top\Sigma u$, used again for the Lagrangian). The slip is $A^\top\Sigma A$; for $A$ of shape $m \times p$ only $A\Sigma A^\top$ fits.`,
    },
    {
      id: 'cov-z',
      expr: 'transpose(Q)*Sigma*Q',
      tex: String.raw`z = Q^\top (x - \mu) \;\Rightarrow\; \operatorname{Cov}(z) = Q^\top \Sigma\, Q`,
      justification: { kind: 'substitute', bindings: { A: 'transpose(Q)' } },
      move: String.raw`Project the centred vector onto the eigenvectors: $A = Q^\top$`,
      notes:
        String.raw`$z$ holds the coordinates of $x - \mu$ in the eigenvector basis: $z_i = q_i^\top (x - \mu)$, the rows of $Q^\top$. Probe: “why $Q^\top$ and not $Q$?” The slip is $z = Q(x - \mu)$, which gives $Q\Sigma Q^\top$, not diagonal in general.`,
    },
    {
      id: 'cov-z-diagonal',
      expr: 'L',
      tex: String.raw`\operatorname{Cov}(z) = Q^\top Q\, \Lambda\, Q^\top Q = \Lambda`,
      justification: { kind: 'substitute', bindings: { Sigma: 'Q*L*transpose(Q)' } },
      move: String.raw`Substitute the spectral decomposition; $Q^\top Q = I$ on both sides`,
      notes:
        String.raw`The key line of the question. The coordinates $z_i = q_i^\top (x - \mu)$ are uncorrelated and $\operatorname{Var}(z_i) = \lambda_i$. Strong candidates add that the total variance is preserved: $\operatorname{trace}(\Lambda) = \operatorname{trace}(\Sigma)$.`,
    },
    {
      id: 'gauss-2d',
      expr: 'exp(-(l2*z1^2 - 2*s*z1*z2 + l1*z2^2)/(2*(l1*l2 - s^2)))/(2*pi*sqrt(l1*l2 - s^2))',
      tex: String.raw`\begin{aligned} C &= \begin{pmatrix} \sigma_1^2 & s \\ s & \sigma_2^2 \end{pmatrix}, \\ p(z) &= \frac{1}{2\pi\sqrt{\det C}} \exp\!\Big(-\frac{1}{2}\, z^\top C^{-1} z\Big) \\ &= \frac{1}{2\pi\sqrt{\sigma_1^2\sigma_2^2 - s^2}} \\ &\quad \times \exp\!\left(-\frac{\sigma_2^2 z_1^2 - 2 s z_1 z_2 + \sigma_1^2 z_2^2}{2(\sigma_1^2\sigma_2^2 - s^2)}\right) \end{aligned}`,
      justification: { kind: 'definition' },
      move: 'Write the density of a centred bivariate Gaussian with covariance $s$',
      notes:
        String.raw`Ask for $C^{-1}$ aloud: swap the diagonal, negate the off-diagonal, divide by $\sigma_1^2\sigma_2^2 - s^2$; that is where the cross term $-2 s z_1 z_2$ comes from. Probe: “for which $s$ is this a density?” ($s^2 < \sigma_1^2\sigma_2^2$: $C$ positive definite). The slip is leaving $\det C$ out of the normalising constant.`,
    },
    {
      id: 'gauss-uncorrelated',
      expr: 'exp(-(l2*z1^2 + l1*z2^2)/(2*l1*l2))/(2*pi*sqrt(l1*l2))',
      tex: String.raw`\begin{aligned} p(z)\big|_{s = 0} &= \frac{1}{2\pi\sqrt{\sigma_1^2\sigma_2^2}} \\ &\quad \times \exp\!\left(-\frac{\sigma_2^2 z_1^2 + \sigma_1^2 z_2^2}{2\sigma_1^2\sigma_2^2}\right) \end{aligned}`,
      justification: { kind: 'substitute', bindings: { s: '0' } },
      move: 'Make the coordinates uncorrelated: the cross term in the exponent disappears',
      notes:
        String.raw`With $s = 0$ the only term coupling $z_1$ and $z_2$ is gone: the exponent is $-\frac{z_1^2}{2\sigma_1^2} - \frac{z_2^2}{2\sigma_2^2}$, and for the principal coordinates $\sigma_i^2 = \lambda_i$. Probe: “is $s = 0$ assumed or derived?” (derived: $\operatorname{Cov}(z) = \Lambda$ from the rotation). The slip is believing this step works for any distribution; it uses the Gaussian form.`,
    },
    {
      id: 'gauss-factor',
      expr: 'exp(-z1^2/(2*l1))/sqrt(2*pi*l1) * exp(-z2^2/(2*l2))/sqrt(2*pi*l2)',
      tex: String.raw`\begin{aligned} p(z) &= \frac{e^{-z_1^2 / (2\sigma_1^2)}}{\sqrt{2\pi\sigma_1^2}} \cdot \frac{e^{-z_2^2 / (2\sigma_2^2)}}{\sqrt{2\pi\sigma_2^2}} \\ &= p(z_1)\, p(z_2) \end{aligned}`,
      justification: { kind: 'equal' },
      move: 'Split the exponential of a sum into a product: the joint density factorises',
      notes:
        String.raw`This is where "uncorrelated" becomes "independent", and it uses the Gaussian form: the only coupling between coordinates in a Gaussian density is the off-diagonal of the covariance. The same computation works in $p$ dimensions because $\Lambda^{-1}$ is diagonal, so $z^\top\Lambda^{-1}z = \sum_i z_i^2/\lambda_i$.`,
    },
    {
      id: 'dep-cov',
      expr: '((-1)^3 + 0^3 + 1^3)/3 - ((-1) + 0 + 1)/3 * ((-1)^2 + 0^2 + 1^2)/3',
      tex: String.raw`\begin{aligned} &x \sim \operatorname{Uniform}\{-1, 0, 1\}, \quad y = x^2: \\ &\operatorname{Cov}(x, y) = \mathbb{E}[x^3] - \mathbb{E}[x]\,\mathbb{E}[x^2] \\ &\quad = \tfrac{(-1)^3 + 0^3 + 1^3}{3} - \tfrac{-1 + 0 + 1}{3} \cdot \tfrac{(-1)^2 + 0^2 + 1^2}{3} \end{aligned}`,
      justification: { kind: 'definition' },
      move: 'Take a symmetric $x$ and $y = x^2$, which $x$ determines completely',
      notes:
        String.raw`The counterexample to “uncorrelated implies independent”: $y$ is a function of $x$, yet $\operatorname{Cov}(x, y) = \mathbb{E}[x^3] - \mathbb{E}[x]\,\mathbb{E}[x^2] = 0 - 0$. Probe: “why does the symmetry of $x$ matter?” (odd moments vanish). The slip is an asymmetric choice such as $x \in \{0, 1, 2\}$, where the covariance is $\tfrac43$, not 0.`,
    },
    {
      id: 'dep-cov-zero',
      expr: '0',
      tex: String.raw`\operatorname{Cov}(x, y) = 0`,
      justification: { kind: 'probability' },
      move: 'Evaluate exactly: the covariance is zero',
      notes:
        'Ask the candidate for a counterexample before showing this. $x$ and $x^2$ for any symmetric $x$ with a finite third moment (a standard normal works too) is the classic answer; a uniform point on a circle is another.',
    },
    {
      id: 'dep-joint',
      expr: '1/3',
      tex: String.raw`P(x = 0,\ y = 0) = P(x = 0) = \tfrac13`,
      justification: { kind: 'definition' },
      move: 'Look at one joint probability: $y = 0$ exactly when $x = 0$',
      notes:
        String.raw`Independence would need $P(x = 0, y = 0) = P(x = 0)\,P(y = 0) = \tfrac13 \cdot \tfrac13 = \tfrac19$, but it is $\tfrac13$. Probe: “why is one pair of events enough?” (independence must hold for every pair). The slip is asserting “$y$ depends on $x$, obviously” without exhibiting a probability that fails to factor.`,
    },
    {
      id: 'whiten-pca',
      expr: 'identity(p)',
      tex: String.raw`\begin{aligned} &W_{\mathrm{PCA}} = \Lambda^{-1/2} Q^\top, \\ &\operatorname{Cov}(W_{\mathrm{PCA}}\,x) \\ &\quad = \Lambda^{-1/2} Q^\top \big(Q \Lambda^{1/2} \Lambda^{1/2} Q^\top\big) Q \Lambda^{-1/2} \\ &\quad = I \end{aligned}`,
      justification: {
        kind: 'substitute',
        bindings: { A: 'inv(D)*transpose(Q)', Sigma: SIGMA_SPECTRAL_SQRT },
      },
      from: 'cov-linear',
      move: 'Rescale each decorrelated coordinate by its standard deviation: PCA whitening',
      notes:
        String.raw`Listen for the square root: the variance of $z_i$ is $\lambda_i$, so dividing by $\sqrt{\lambda_i}$ gives unit variance. Needs every $\lambda_i > 0$. The small components are where whitening amplifies noise, so in practice one divides by $\sqrt{\lambda_i + \epsilon}$ or drops them.`,
    },
    {
      id: 'whiten-zca',
      expr: 'identity(p)',
      tex: String.raw`\begin{aligned} &W_{\mathrm{ZCA}} = Q \Lambda^{-1/2} Q^\top = \Sigma^{-1/2}, \\ &\operatorname{Cov}(W_{\mathrm{ZCA}}\,x) \\ &\quad = Q \Lambda^{-1/2} Q^\top \big(Q \Lambda^{1/2} \Lambda^{1/2} Q^\top\big) \\ &\qquad \times Q \Lambda^{-1/2} Q^\top = I \end{aligned}`,
      justification: {
        kind: 'substitute',
        bindings: { A: 'Q*inv(D)*transpose(Q)', Sigma: SIGMA_SPECTRAL_SQRT },
      },
      from: 'cov-linear',
      move: 'Rotate the whitened vector back to the original axes: ZCA whitening',
      notes:
        String.raw`Whitening is not unique: if $W$ whitens, so does $RW$ for any orthogonal $R$. ZCA is the symmetric choice, the whitened vector closest to $x$ in mean squared distance, which is why it is used for images (whitened pixels still look like pixels). PCA whitening is the choice when you also want to drop components.`,
    },
    {
      id: 'variance-direction',
      expr: 'transpose(u)*Sigma*u',
      tex: String.raw`\operatorname{Var}(u^\top x) = u^\top \Sigma\, u`,
      justification: { kind: 'substitute', bindings: { A: 'transpose(u)' } },
      from: 'cov-linear',
      move: String.raw`The variance along a unit direction $u$: the covariance of a linear map with $A = u^\top$`,
      notes: String.raw`Listen for this being derived from $\operatorname{Cov}(Ax) = A\Sigma A^\top$, not recited.`,
    },
    {
      id: 'variance-eigenbasis',
      expr: 'transpose(transpose(Q)*u)*L*(transpose(Q)*u)',
      tex: String.raw`u^\top \Sigma\, u = (Q^\top u)^\top \Lambda\, (Q^\top u) = \sum_{i=1}^{p} \lambda_i\, (q_i^\top u)^2`,
      justification: { kind: 'substitute', bindings: { Sigma: 'Q*L*transpose(Q)' } },
      move: 'Write $u$ in the eigenvector basis: the variance is a weighted average of the eigenvalues',
      notes: String.raw`The weights $(q_i^\top u)^2$ are nonnegative and sum to $\lVert Q^\top u\rVert^2 = \lVert u\rVert^2 = 1$, so the variance is at most $\lambda_1$, with equality at $u = q_1$. That settles the maximum without calculus. The slip is to stop at the Lagrangian's stationary points without arguing that one of them is the maximum.`,
    },
    {
      id: 'lagrangian',
      expr: 'transpose(u)*Sigma*u - lambda*(transpose(u)*u - 1)',
      tex: String.raw`\begin{gathered} \max_{\lVert u \rVert = 1} \operatorname{Var}(u^\top x) = u^\top \Sigma u \\ \mathcal{L}(u, \lambda) = u^\top \Sigma u - \lambda \big(u^\top u - 1\big) \end{gathered}`,
      justification: { kind: 'definition' },
      move: 'Pose PCA as the unit direction of largest variance, with a Lagrange multiplier for the constraint',
      notes:
        String.raw`Without the constraint the variance is unbounded (scale $u$ up), so the constraint is the problem, not a detail. Listen for $\operatorname{Var}(u^\top x) = u^\top\Sigma u$ being derived from the covariance of a linear map, not recited.`,
    },
    {
      id: 'lagrangian-gradient',
      expr: '2*Sigma*u - 2*lambda*u',
      tex: String.raw`\nabla_u \mathcal{L} = 2\Sigma u - 2\lambda u`,
      justification: { kind: 'derivative', wrt: 'u' },
      move: String.raw`Differentiate with respect to $u$; $\Sigma$ is symmetric, so $u^\top\Sigma u$ gives $2\Sigma u$`,
      notes:
        String.raw`Two gradients: $\nabla_u\, u^\top\Sigma u = (\Sigma + \Sigma^\top)u = 2\Sigma u$ and $\nabla_u\, \lambda u^\top u = 2\lambda u$. Probe: “what if $\Sigma$ were not symmetric?” (you get $(\Sigma + \Sigma^\top)u$; a covariance always is). The slip is dropping the 2 on one term but not the other, which breaks the eigen-equation.`,
    },
    {
      id: 'eigen-equation',
      expr: 'Sigma*u = lambda*u',
      tex: String.raw`\Sigma u = \lambda u`,
      justification: { kind: 'equation' },
      move: 'Set the gradient to zero: every stationary direction is an eigenvector',
      notes:
        String.raw`The step candidates skip: which eigenvector? At a stationary point $u^\top\Sigma u = \lambda u^\top u = \lambda$, so the variance along $u$ is its eigenvalue and the maximum is the top eigenvector. The $k$-th component maximises the same objective orthogonally to the first $k - 1$.`,
    },
    {
      id: 'sample-cov',
      expr: 'transpose(Xc)*Xc/(N - 1)',
      tex: String.raw`\begin{gathered} \hat\Sigma = \frac{1}{n - 1} X_c^\top X_c, \qquad X_c = X - \mathbf{1}\bar x^\top \\ (n \times p,\ \text{one centred sample per row}) \end{gathered}`,
      justification: { kind: 'definition' },
      move: 'Estimate the covariance from centred data',
      notes:
        String.raw`Listen for the centring and for $n - 1$ (the mean is estimated from the same data). Probe: “what are the shapes?” ($X_c$ is $n \times p$, so $X_c^\top X_c$ is $p \times p$). The slips are $X_c X_c^\top$ (the $n \times n$ Gram matrix of the samples) and forgetting to centre, which adds $\frac{n}{n-1}\bar x \bar x^\top$.`,
    },
    {
      id: 'sample-cov-svd',
      expr: 'V*(transpose(S)*S/(N - 1))*transpose(V)',
      tex: String.raw`\begin{aligned} &X_c = U S V^\top \;\Rightarrow\; \hat\Sigma = V \, \frac{S^\top S}{n - 1} \, V^\top \\ &\hat\Sigma = V \operatorname{diag}\!\Big(\frac{s_1^2}{n-1}, \dots, \frac{s_p^2}{n-1}\Big) V^\top \end{aligned}`,
      justification: { kind: 'substitute', bindings: { Xc: 'U*S*transpose(V)' } },
      move: String.raw`Put in the SVD of the centred data: $U^\top U = I$ cancels`,
      notes:
        String.raw`Read it as a spectral decomposition: $Q = V$ (principal directions are the right singular vectors) and $\lambda_i = s_i^2/(n - 1)$. The scores are $X_c V = US$. Strong candidates say why one computes PCA this way: no need to form $X_c^\top X_c$, which squares the condition number.`,
    },
    {
      id: 'char-eq',
      expr: 'det([[a - t, b], [b, c - t]]) = 0',
      tex: String.raw`\begin{gathered} \Sigma = \begin{pmatrix} a & b \\ b & c \end{pmatrix}: \\ \det\begin{pmatrix} a - t & b \\ b & c - t \end{pmatrix} = 0 \end{gathered}`,
      justification: { kind: 'definition' },
      move: String.raw`The eigenvalues of a $2 \times 2$ covariance are the roots of its characteristic polynomial`,
      notes:
        String.raw`Listen for the reason: $\Sigma u = t u$ has a nonzero solution $u$ only if $\Sigma - tI$ is singular. Probe: “why is $t$ subtracted only on the diagonal?” (it is $tI$). The slip is subtracting $t$ from every entry.`,
    },
    {
      id: 'char-poly',
      expr: 't^2 - (a + c)*t + a*c - b^2 = 0',
      tex: String.raw`t^2 - (a + c)\,t + (ac - b^2) = 0`,
      justification: { kind: 'equation' },
      move: String.raw`Expand the determinant: $t^2 - (\operatorname{tr}\Sigma)\,t + \det\Sigma = 0$`,
      notes:
        String.raw`$(a - t)(c - t) - b^2$ expands to $t^2 - (a + c)\,t + ac - b^2$. Probe: “read off the sum and product of the eigenvalues without solving” (trace $a + c$, determinant $ac - b^2$). The slip is $+b^2$, which can make the roots complex: a red flag for a symmetric matrix.`,
    },
    {
      id: 'eig-plus',
      expr: 't = (a + c)/2 + sqrt(((a - c)/2)^2 + b^2)',
      tex: String.raw`\lambda_1 = \frac{a + c}{2} + \sqrt{\Big(\frac{a - c}{2}\Big)^2 + b^2}`,
      justification: { kind: 'solve', for: 't' },
      move: 'Solve the quadratic: the larger root',
      notes:
        String.raw`The discriminant is $(a + c)^2 - 4(ac - b^2) = (a - c)^2 + 4b^2$, a sum of squares, and halving it inside the root gives $\big(\frac{a - c}{2}\big)^2 + b^2$. Probe: “why is this root always real?” The slip is halving the root but forgetting the 4 on $b^2$, giving $b^2/4$ inside.`,
    },
    {
      id: 'eig-minus',
      expr: 't = (a + c)/2 - sqrt(((a - c)/2)^2 + b^2)',
      tex: String.raw`\lambda_2 = \frac{a + c}{2} - \sqrt{\Big(\frac{a - c}{2}\Big)^2 + b^2}`,
      justification: { kind: 'solve', for: 't' },
      from: 'char-poly',
      move: 'The smaller root',
      notes:
        String.raw`Checks a strong candidate does aloud: $\lambda_1 + \lambda_2 = a + c$ (the trace), $\lambda_1\lambda_2 = ac - b^2$ (the determinant), both roots real because the discriminant is a sum of squares, and they coincide only when $a = c$ and $b = 0$ (an isotropic cloud: every direction is principal).`,
    },
    {
      id: 'offdiag',
      expr: 'transpose([[cos(theta)], [sin(theta)]])*[[a, b], [b, c]]*[[-sin(theta)], [cos(theta)]] = 0',
      tex: String.raw`\begin{gathered} q_1 = \begin{pmatrix} \cos\theta \\ \sin\theta \end{pmatrix}, \quad q_2 = \begin{pmatrix} -\sin\theta \\ \cos\theta \end{pmatrix} \\ \big(Q^\top \Sigma Q\big)_{12} = q_1^\top \Sigma\, q_2 = 0 \end{gathered}`,
      justification: { kind: 'definition' },
      move: String.raw`Ask for the rotation by $\theta$ that makes the covariance diagonal`,
      notes:
        String.raw`$q_1, q_2$ are orthonormal for every $\theta$, so only the off-diagonal entry has to vanish. Probe: “why is one equation enough?” ($Q^\top\Sigma Q$ is symmetric, so its two off-diagonal entries are equal). The slip is setting the two diagonal entries equal instead.`,
    },
    {
      id: 'offdiag-trig',
      expr: 'b*cos(2*theta) - (a - c)/2*sin(2*theta) = 0',
      tex: String.raw`\begin{aligned} 0 &= b\,(\cos^2\theta - \sin^2\theta) \\ &\quad - (a - c)\sin\theta\cos\theta \\ &= b\cos 2\theta - \frac{a - c}{2}\sin 2\theta \end{aligned}`,
      justification: { kind: 'equation' },
      move: 'Multiply out and use the double-angle formulas',
      notes:
        String.raw`Multiplying out gives $b(\cos^2\theta - \sin^2\theta) - (a - c)\sin\theta\cos\theta$; then $\cos 2\theta$ and $\sin\theta\cos\theta = \tfrac12\sin 2\theta$. Probe: “where does the $\tfrac12$ come from?” The slip is losing that $\tfrac12$, which leads to $\tan 2\theta = b/(a - c)$ at the next step.`,
    },
    {
      id: 'rotation-angle',
      expr: '2*b/(a - c) = tan(2*theta)',
      tex: String.raw`\frac{2b}{a - c} = \tan 2\theta \qquad (a \ne c)`,
      justification: { kind: 'equation' },
      move: String.raw`Divide by $\cos 2\theta$: the angle of the principal axes`,
      notes:
        String.raw`$\tan 2\theta$ fixes $\theta$ only up to multiples of $\pi/2$: the two solutions in $[0, \pi)$ are the two principal axes. $\theta = \tfrac12\operatorname{atan2}(2b, a - c)$ picks the axis of the larger eigenvalue. When $a = c$ and $b \ne 0$ the axes are at $45^\circ$; when $b = 0$ the matrix is already diagonal.`,
    },
    {
      id: 'example-char-poly',
      expr: 't^2 - 7*t + 6 = 0',
      tex: String.raw`\Sigma = \begin{pmatrix} 5 & 2 \\ 2 & 2 \end{pmatrix}: \quad t^2 - 7t + 6 = 0`,
      justification: { kind: 'substitute', bindings: { a: '5', b: '2', c: '2' } },
      from: 'char-poly',
      move: String.raw`A worked example: $a = 5$, $b = 2$, $c = 2$; trace 7, determinant 6`,
      notes: String.raw`Ask the candidate to do this one by hand: it takes a minute and exercises every formula above.`,
    },
    {
      id: 'example-eigenvalues',
      expr: '(t - 6)*(t - 1) = 0',
      tex: String.raw`(t - 6)(t - 1) = 0: \quad \lambda_1 = 6, \quad \lambda_2 = 1`,
      justification: { kind: 'equation' },
      move: 'Factor: the eigenvalues are 6 and 1',
      notes: String.raw`Checks aloud: $6 + 1 = 7$ is the trace, $6 \cdot 1 = 6$ the determinant. The formula of the larger root gives $\tfrac72 + \sqrt{(3/2)^2 + 4} = \tfrac72 + \tfrac52 = 6$.`,
    },
    {
      id: 'example-decorrelated',
      expr: '[[6, 0], [0, 1]]',
      tex: String.raw`\begin{gathered} Q = \frac{1}{\sqrt 5}\begin{pmatrix} 2 & -1 \\ 1 & 2 \end{pmatrix}: \\ Q^\top \Sigma Q = \frac{1}{5}\begin{pmatrix} 2 & 1 \\ -1 & 2 \end{pmatrix} \begin{pmatrix} 5 & 2 \\ 2 & 2 \end{pmatrix} \begin{pmatrix} 2 & -1 \\ 1 & 2 \end{pmatrix} = \begin{pmatrix} 6 & 0 \\ 0 & 1 \end{pmatrix} \end{gathered}`,
      justification: { kind: 'substitute', bindings: { Q: '[[2, -1], [1, 2]]/sqrt(5)', Sigma: '[[5, 2], [2, 2]]' } },
      from: 'cov-z',
      move: String.raw`Rotate onto the eigenvectors $(2, 1)/\sqrt5$ and $(-1, 2)/\sqrt5$: the covariance becomes $\operatorname{diag}(6, 1)$`,
      notes: String.raw`The first eigenvector solves $(5 - 6)u_1 + 2u_2 = 0$, so $u_2 = u_1/2$. Its angle has $\tan\theta = \tfrac12$, and indeed $\tan 2\theta = \frac{2 \cdot 1/2}{1 - 1/4} = \tfrac43 = \frac{2b}{a - c}$. The decorrelated coordinates have variances 6 and 1; 6/7 of the variance lies along the first axis.`,
    },
  ],
  mistakes: [
    {
      id: 'whiten-with-inverse',
      from: 'cov-linear',
      expr: 'identity(p)',
      tex: String.raw`W = \Lambda^{-1} Q^\top, \quad \operatorname{Cov}(W x) \overset{?}{=} I`,
      relation: {
        kind: 'substitute',
        bindings: { A: 'inv(D*D)*transpose(Q)', Sigma: SIGMA_SPECTRAL_SQRT },
      },
      explanation:
        String.raw`The covariance picks up $W$ on both sides, so $W = \Lambda^{-1}Q^\top$ gives $\Lambda^{-1}\Lambda\Lambda^{-1} = \Lambda^{-1}$, not $I$. Unit variance needs the inverse standard deviation, $\Lambda^{-1/2}$, not the inverse variance.`,
    },
    {
      id: 'independent-by-zero-covariance',
      from: 'dep-joint',
      expr: '(1/3)*(1/3)',
      tex: String.raw`\begin{aligned} P(x = 0,\ y = 0) &\overset{?}{=} P(x = 0)\,P(y = 0) \\ &= \tfrac13 \cdot \tfrac13 \end{aligned}`,
      relation: { kind: 'probability' },
      explanation:
        String.raw`Zero covariance does not make $x$ and $y = x^2$ independent: the joint probability is $\tfrac13$, the product of the marginals is $\tfrac19$. Covariance only measures linear dependence; "uncorrelated implies independent" needs joint Gaussianity.`,
    },
    {
      id: 'eigenvalue-sign',
      from: 'char-poly',
      expr: 't = (a + c)/2 + sqrt(((a - c)/2)^2 - b^2)',
      tex: String.raw`\lambda_1 \overset{?}{=} \frac{a + c}{2} + \sqrt{\Big(\frac{a - c}{2}\Big)^2 - b^2}`,
      counterexample: { a: 2, b: 0.5, c: 1 },
      explanation:
        String.raw`The determinant is $(a - t)(c - t) - b^2$, so $b^2$ enters the discriminant with a plus sign. With a minus the square root would be imaginary for strongly correlated data, yet a symmetric matrix always has real eigenvalues.`,
    },
    {
      id: 'angle-not-doubled',
      from: 'offdiag-trig',
      expr: '2*b/(a - c) = tan(theta)',
      tex: String.raw`\frac{2b}{a - c} \overset{?}{=} \tan\theta`,
      explanation:
        String.raw`The off-diagonal entry depends on $\theta$ through $\cos 2\theta$ and $\sin 2\theta$, so the formula fixes the double angle. Reading it as $\tan\theta$ gives the wrong axes: for $a = 2$, $c = 1$, $b = \tfrac12$ it gives $45^\circ$ instead of $22.5^\circ$.`,
    },
  ],
  // The presenter shows each plot as a slide where the page places it.
  slides: [
    { after: 'whiten-zca', plot: 'pca-decorrelation' },
  ],
  rubric: {
    strong: [
      String.raw`Explains why the decomposition exists: $\Sigma$ is symmetric (real eigenvalues, orthonormal eigenvectors, so $Q$ is orthogonal) and positive semidefinite (nonnegative eigenvalues).`,
      String.raw`Derives $\operatorname{Cov}(Q^\top(x - \mu)) = Q^\top\Sigma Q = \Lambda$ from $\operatorname{Cov}(Ax) = A\Sigma A^\top$, and names the variances of the new coordinates as the eigenvalues.`,
      'Keeps two claims apart: the rotation decorrelates any random vector; only for a jointly Gaussian vector is that guaranteed to make the coordinates independent, because the density factorises.',
      String.raw`Has a counterexample to "uncorrelated implies independent" ready: $x$ and $x^2$ for a symmetric $x$.`,
      String.raw`Whitens with $\Lambda^{-1/2}$, knows whitening is unique only up to a rotation, and can contrast PCA and ZCA whitening.`,
      String.raw`Derives PCA as $\max u^\top\Sigma u$ subject to $\lVert u\rVert = 1$, and proves the top eigenvector is the maximiser: $u^\top\Sigma u = \sum_i \lambda_i (q_i^\top u)^2 \le \lambda_1$ with equality at $u = q_1$ (or: a maximum exists on the compact sphere, it is a stationary point of the Lagrangian, so an eigenvector, and the objective there is its eigenvalue).`,
      String.raw`Connects to practice: centre the data, take the SVD of the centred data; principal directions are the right singular vectors and the variances are $s_i^2/(n - 1)$.`,
    ],
    mistakes: [
      'Forgets to centre the data before computing the covariance or the SVD.',
      String.raw`Writes $\operatorname{Cov}(Q^\top x) = Q\Sigma Q^\top$ (the transpose on the wrong side).`,
      String.raw`Whitens by $\Lambda^{-1}$ instead of $\Lambda^{-1/2}$.`,
      String.raw`Gets the eigenvalues of a $2 \times 2$ matrix wrong (the sign of $b^2$, a missing $\tfrac12$), or answers $\tan\theta$ instead of $\tan 2\theta$ for the rotation angle.`,
      String.raw`States the Lagrangian condition $\Sigma u = \lambda u$ but cannot say which eigenvector maximises the variance.`,
    ],
    redFlags: [
      'Says that zero correlation always implies independence, or that PCA makes the components of any random vector independent.',
      'Confuses eigenvectors of the covariance with eigenvectors of the data matrix (which need not be square).',
      'Cannot explain why the eigenvalues of a covariance are real and nonnegative.',
      'Thinks PCA is scale-invariant (does not mention standardising features measured in different units).',
    ],
  },
  followUps: [
    String.raw`Your features are in metres and in grams. What happens to PCA, and what do you do about it? Sketch: PCA is not scale-invariant, so the feature with the largest numbers dominates $\Sigma$; standardise first, which is PCA of the correlation matrix.`,
    String.raw`How much of the variance do the first $k$ components explain, and how would you choose $k$? Sketch: the fraction $\sum_{i \le k}\lambda_i / \sum_i\lambda_i$; pick $k$ at a target fraction, at an elbow, or by validation on the downstream task.`,
    'PCA decorrelates; ICA looks for independence. Why is ICA impossible when the sources are Gaussian? Sketch: after whitening, any rotation of independent standard Gaussians is again independent standard Gaussians, so nothing singles out one rotation.',
    String.raw`Show that the first $k$ principal components give the best rank-$k$ reconstruction of the centred data in squared error (Eckart–Young). How does that relate to the truncated SVD? Sketch: the projection onto the first $k$ right singular vectors is the truncated SVD $U_k S_k V_k^\top$, and its error is $\sum_{i > k} s_i^2$.`,
    String.raw`$p = 10{,}000$ features and $n = 100$ samples. How do you compute the principal components without forming a $10{,}000 \times 10{,}000$ matrix? Sketch: take the SVD of the $100 \times 10{,}000$ centred data, or the eigenvectors of the $100 \times 100$ Gram matrix $X_c X_c^\top$.`,
    String.raw`Why does whitening amplify noise, and what does adding $\epsilon$ to the eigenvalues before taking $\Lambda^{-1/2}$ do? Sketch: directions of tiny variance are mostly noise and get multiplied by $1/\sqrt{\lambda_i}$; with $\epsilon$ the factor is at most $1/\sqrt\epsilon$.`,
    String.raw`How does the Mahalanobis distance $(x - \mu)^\top\Sigma^{-1}(x - \mu)$ look in whitened coordinates? Sketch: it is the ordinary squared length $\lVert\Lambda^{-1/2}Q^\top(x - \mu)\rVert^2$.`,
  ],
});
