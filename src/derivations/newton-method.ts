import { defineDerivation } from './define';

/**
 * Newton's method. Generic f is written through symbols for its values at the
 * current iterate: fk = f(x_k), dk = f'(x_k); c stands for f''(xi_k) in the
 * Taylor remainder; r is the root. Worked cases substitute concrete functions
 * for fk and dk into the update, so every special case is checked against the
 * one general formula.
 */
export default defineDerivation({
  slug: 'newton-method',
  title: 'Newton’s method',
  variables: [
    { name: 'x', assumptions: ['real'] },
    // Positive: the worked cases (√a, the cube root) live on x_k > 0, and the
    // general identities hold there too. Concrete starts such as x_k = 0 are substitutions.
    { name: 'xk', assumptions: ['positive'] },
    { name: 'fk', assumptions: ['real'] },
    { name: 'dk', assumptions: ['real', 'nonzero'] },
    { name: 'r', assumptions: ['real'] },
    { name: 'c', assumptions: ['real'] },
    { name: 'a', assumptions: ['positive'] },
    { name: 'w', shape: ['p', 1] },
    { name: 'b', shape: ['p', 1] },
    { name: 'A', shape: ['p', 'p'], structure: 'spd' },
    { name: 'X', shape: ['m', 'p'], structure: 'full-column-rank' },
    { name: 'y', shape: ['m', 1] },
    { name: 'beta', shape: ['p', 1] },
  ],
  steps: [
    {
      id: 'tangent-line',
      expr: 'fk + dk*(x - xk)',
      tex: String.raw`\ell(x) = f(x_k) + f'(x_k)\,(x - x_k)`,
      justification: { kind: 'definition' },
      move: 'Replace $f$ by its tangent line at $x_k$',
      notes: 'The whole method is in this line: trust the linear model of $f$ near $x_k$. Ask what the linear model is the first two terms of (the Taylor series).',
    },
    {
      id: 'newton-update',
      expr: 'x = xk - fk/dk',
      tex: String.raw`\ell(x_{k+1}) = 0 \iff x_{k+1} = x_k - \frac{f(x_k)}{f'(x_k)}`,
      justification: { kind: 'solve', for: 'x' },
      move: 'Set the tangent line to zero and solve for $x$: the next iterate',
      notes: String.raw`Listen for the condition $f'(x_k) \ne 0$ being stated, not discovered later.`,
    },
    {
      id: 'babylonian-update',
      expr: 'x = (xk + a/xk)/2',
      tex: String.raw`\begin{aligned} &f(x) = x^2 - a: \\ &x_{k+1} = x_k - \frac{x_k^2 - a}{2x_k} \\ &\phantom{x_{k+1}} = \frac12\Big(x_k + \frac{a}{x_k}\Big) \end{aligned}`,
      justification: { kind: 'substitute', bindings: { fk: 'xk^2 - a', dk: '2*xk' } },
      from: 'newton-update',
      move: 'Apply the update to $f(x) = x^2 - a$: average $x_k$ and $a/x_k$',
      notes: String.raw`A nice remark to hear: if $x_k$ overestimates $\sqrt a$ then $a/x_k$ underestimates it, and the average is a better guess. This is the Babylonian (Heron) method.`,
    },
    {
      id: 'babylonian-x1',
      expr: 'x = 3/2',
      tex: String.raw`a = 2,\ x_0 = 1:\quad x_1 = \tfrac12\big(1 + \tfrac21\big) = \tfrac32`,
      justification: { kind: 'substitute', bindings: { a: '2', xk: '1' } },
      move: String.raw`First iterate for $\sqrt2$ from $x_0 = 1$`,
      notes:
        String.raw`Let the candidate do it by hand: $\tfrac12(1 + 2) = \tfrac32$, error about $0.086$. Probe: “is $x_1$ above or below $\sqrt2$, and what about later iterates?” (above; from any $x_0 > 0$ every iterate after the first is $\ge \sqrt2$). The slip is $f'(x) = x$ instead of $2x$, which gives $x_1 = 2$.`,
    },
    {
      id: 'babylonian-x2',
      expr: 'x = 17/12',
      tex: String.raw`x_2 = \tfrac12\big(\tfrac32 + \tfrac43\big) = \tfrac{17}{12}`,
      justification: { kind: 'substitute', bindings: { a: '2', xk: '3/2' } },
      from: 'babylonian-update',
      move: 'Second iterate',
      notes:
        String.raw`$2 / \tfrac32 = \tfrac43$, so $x_2 = \tfrac12\big(\tfrac96 + \tfrac86\big) = \tfrac{17}{12} \approx 1.41667$, error about $0.0025$. Probe: “predict $e_2$ from $e_1$ before computing” ($e_1^2 / (2x_1) \approx 0.0858^2 / 3 \approx 0.00245$). The usual slip is fraction arithmetic, so let them check against the decimal.`,
    },
    {
      id: 'babylonian-x3',
      expr: 'x = 577/408',
      tex: String.raw`x_3 = \tfrac12\big(\tfrac{17}{12} + \tfrac{24}{17}\big) = \tfrac{577}{408}`,
      justification: { kind: 'substitute', bindings: { a: '2', xk: '17/12' } },
      from: 'babylonian-update',
      move: 'Third iterate',
      notes: String.raw`$577/408 = 1.41421568\ldots$, against $\sqrt2 = 1.41421356\ldots$: errors $0.086$, $0.0025$, $0.0000021$. The number of correct digits roughly doubles each step.`,
    },
    {
      id: 'taylor-remainder',
      expr: '0 = fk + dk*(r - xk) + c/2*(r - xk)^2',
      tex: String.raw`\begin{aligned} 0 = f(r) &= f(x_k) + f'(x_k)\,(r - x_k) \\ &\quad + \tfrac12 f''(\xi_k)\,(r - x_k)^2 \end{aligned}`,
      justification: { kind: 'assumption' },
      move: 'Expand $f$ around $x_k$ and evaluate at the root $r$ (Taylor with Lagrange remainder)',
      notes: String.raw`Needs $f$ twice continuously differentiable near $r$; $\xi_k$ lies between $x_k$ and $r$.`,
    },
    {
      id: 'taylor-for-fk',
      expr: 'fk = -dk*(r - xk) - c/2*(r - xk)^2',
      tex: String.raw`\begin{aligned} f(x_k) &= -f'(x_k)\,(r - x_k) \\ &\quad - \tfrac12 f''(\xi_k)\,(r - x_k)^2 \end{aligned}`,
      justification: { kind: 'solve', for: 'fk' },
      move: 'Solve the expansion for $f(x_k)$',
      notes:
        String.raw`A pure rearrangement: $f(x_k)$ moved to one side. Listen for $\xi_k$ kept as is: it depends on $k$ and is unknown beyond lying between $x_k$ and $r$. Probe: “why expand around $x_k$ and evaluate at $r$, not the reverse?” (so that $f(x_k)$, which the update uses, appears). The slip is a sign error that makes the first-order terms add instead of cancel later.`,
    },
    {
      id: 'next-error',
      expr: 'xk - fk/dk - r',
      tex: String.raw`e_{k+1} = x_{k+1} - r = x_k - \frac{f(x_k)}{f'(x_k)} - r`,
      justification: { kind: 'definition' },
      from: 'newton-update',
      move: 'Write the next error using the update',
      notes:
        String.raw`Just the definition of $e_{k+1}$ with the update put in; the work is the next substitution. Probe: “what will cancel?” (the terms of first order in $e_k$: $f(x_k) \approx f'(x_k)(x_k - r)$, so $f(x_k)/f'(x_k) \approx x_k - r$). The slip is mixing $r - x_k$ and $x_k - r$ as the error, which flips the sign of $e_{k+1}$.`,
    },
    {
      id: 'newton-error',
      expr: 'c/(2*dk)*(xk - r)^2',
      tex: String.raw`e_{k+1} = \frac{f''(\xi_k)}{2 f'(x_k)}\,e_k^2, \qquad e_k = x_k - r`,
      justification: { kind: 'substitute', bindings: { fk: '-dk*(r - xk) - c/2*(r - xk)^2' } },
      move: 'Substitute the expansion of $f(x_k)$: the first-order terms cancel',
      notes:
        String.raw`As $x_k \to r$, $e_{k+1}/e_k^2 \to f''(r)/(2f'(r))$: quadratic convergence, provided $f'(r) \ne 0$ and $x_0$ is close enough. At a double root $f'(r) = 0$ and convergence drops to linear.`,
    },
    {
      id: 'sqrt-error',
      expr: '(xk - sqrt(a))^2/(2*xk)',
      tex: String.raw`\begin{aligned} &f(x) = x^2 - a: \\ &e_{k+1} = x_{k+1} - \sqrt a \\ &\phantom{e_{k+1}} = \frac{(x_k - \sqrt a)^2}{2x_k} = \frac{e_k^2}{2x_k} \end{aligned}`,
      justification: { kind: 'substitute', bindings: { fk: 'xk^2 - a', dk: '2*xk', r: 'sqrt(a)' } },
      from: 'next-error',
      move: String.raw`For the square root: $f(x_k) = x_k^2 - a$, $f'(x_k) = 2x_k$, $r = \sqrt a$`,
      notes: String.raw`Exact, no approximation, and it matches the general formula with $f'' = 2$. Two consequences worth hearing: for any $x_k > 0$ the next iterate is $\ge \sqrt a$ (the right side is $\ge 0$), and near $\sqrt2$ the error is squared and divided by about $2.83$ each step.`,
    },
    {
      id: 'quadratic-objective',
      expr: '1/2*transpose(w)*A*w - transpose(b)*w',
      tex: String.raw`\begin{gathered} g(w) = \tfrac12\, w^\top A w - b^\top w, \\ A \text{ symmetric positive definite} \end{gathered}`,
      justification: { kind: 'definition' },
      move: 'Take a quadratic objective',
      notes:
        String.raw`Ask why $A$ must be symmetric positive definite: symmetry makes the gradient $Aw - b$ (and any $A$ can be symmetrised without changing $g$), definiteness makes the stationary point the unique minimum. The slip is dropping the $\tfrac12$ and still quoting $A^{-1}b$ as the minimiser; it becomes $\tfrac12 A^{-1}b$.`,
    },
    {
      id: 'quadratic-gradient',
      expr: 'A*w - b',
      tex: String.raw`\nabla g(w) = A w - b`,
      justification: { kind: 'derivative', wrt: 'w' },
      move: String.raw`Take the gradient ($A$ is symmetric, so $\tfrac12(A + A^\top)w = Aw$)`,
      notes: 'The Hessian, the derivative of $Aw - b$, is $A$ itself: constant, so the quadratic model Newton builds is exact.',
    },
    {
      id: 'quadratic-newton-step',
      expr: 'w - inv(A)*(A*w - b)',
      tex: String.raw`w - H^{-1}\nabla g(w) = w - A^{-1}(Aw - b)`,
      justification: { kind: 'definition' },
      from: 'quadratic-gradient',
      move: String.raw`One Newton step from any $w$: subtract $A^{-1}$ times the gradient`,
      notes: String.raw`Newton for optimisation is root-finding on the gradient: $x_{k+1} = x_k - H^{-1}\nabla f$. Check they would solve $Hd = \nabla f$ in practice rather than form the inverse.`,
    },
    {
      id: 'quadratic-optimum',
      expr: 'inv(A)*b',
      tex: String.raw`w - A^{-1}(Aw - b) = A^{-1} b`,
      justification: { kind: 'matrix' },
      move: 'Expand: one step lands on the minimiser from any $w$',
      notes: 'The second-order model of a quadratic is the quadratic itself, so the step is exact. The same reason explains why Newton is fast near any smooth optimum: there the function is nearly quadratic.',
    },
    {
      id: 'ls-newton-step',
      expr: 'beta - inv(2*transpose(X)*X)*(-2*transpose(X)*(y - X*beta))',
      tex: String.raw`\beta - \big(2X^\top X\big)^{-1}\big(-2X^\top (y - X\beta)\big)`,
      justification: { kind: 'definition' },
      move: String.raw`One Newton step on $\lVert y - X\beta\rVert^2$: gradient $-2X^\top(y - X\beta)$, Hessian $2X^\top X$`,
      notes:
        String.raw`Listen for gradient and Hessian stated before they are substituted: $-2X^\top(y - X\beta)$ and $2X^\top X$, as on the least-squares page. Probe: “when does this step exist?” ($X$ of full column rank). The slip is a Hessian without its 2 while the gradient keeps it: the step doubles and lands at $2\hat\beta - \beta$.`,
    },
    {
      id: 'ls-newton-lands',
      expr: 'inv(transpose(X)*X)*transpose(X)*y',
      tex: String.raw`\begin{aligned} &\beta - \big(2X^\top X\big)^{-1}\big(-2X^\top (y - X\beta)\big) \\ &\quad = (X^\top X)^{-1} X^\top y \end{aligned}`,
      justification: { kind: 'matrix' },
      move: String.raw`Expand: the normal-equation solution, from any starting $\beta$`,
      notes:
        String.raw`The 2s cancel and $\beta - (X^\top X)^{-1}X^\top X\beta = 0$, leaving $(X^\top X)^{-1}X^\top y$ whatever $\beta$ was. Probe: “why does gradient descent need many steps on the same loss?” (a fixed step shrinks the error by a factor set by the conditioning of $X^\top X$; Newton rescales by the Hessian). The slip is expecting a few steps rather than exactly one.`,
    },
    {
      id: 'cycle-map',
      expr: 'x = xk - (xk^3 - 2*xk + 2)/(3*xk^2 - 2)',
      tex: String.raw`\begin{aligned} &f(x) = x^3 - 2x + 2: \\ &x_{k+1} = x_k - \frac{x_k^3 - 2x_k + 2}{3x_k^2 - 2} \end{aligned}`,
      justification: { kind: 'substitute', bindings: { fk: 'xk^3 - 2*xk + 2', dk: '3*xk^2 - 2' } },
      from: 'newton-update',
      move: 'Apply the update to a cubic',
      notes:
        String.raw`Listen for $f'(x) = 3x^2 - 2$ and for where it vanishes, $x = \pm\sqrt{2/3}$, the starts where the update blows up. Probe: “how many real roots?” (one, near $-1.77$: the local maximum and minimum of $f$ are both positive). The slip is the derivative $3x^2 - 2x$.`,
    },
    {
      id: 'cycle-from-zero',
      expr: 'x = 1',
      tex: String.raw`x_0 = 0:\quad x_1 = 0 - \frac{2}{-2} = 1`,
      justification: { kind: 'substitute', bindings: { xk: '0' } },
      move: 'Start at $x_0 = 0$',
      notes:
        String.raw`$f(0) = 2$ and $f'(0) = -2$, so $x_1 = 0 - \frac{2}{-2} = 1$. Probe: let the candidate compute $x_2$ and discover the cycle before you reveal the next step. The slip is the sign of $f'(0)$: with $+2$ one gets $x_1 = -1$ and misses the cycle.`,
    },
    {
      id: 'cycle-from-one',
      expr: 'x = 0',
      tex: String.raw`x_1 = 1:\quad x_2 = 1 - \frac{1}{1} = 0 = x_0`,
      justification: { kind: 'substitute', bindings: { xk: '1' } },
      from: 'cycle-map',
      move: 'Step again: back to 0, a 2-cycle',
      notes: String.raw`The real root is near $-1.77$; from $0$ the iterates never get there. Ask for a remedy: damping (a line search on $\lvert f\rvert$), a better start, or bracketing.`,
    },
    {
      id: 'cube-root-diverges',
      expr: 'x = -2*xk',
      tex: String.raw`\begin{aligned} &f(x) = x^{1/3}: \\ &x_{k+1} = x_k - \frac{x_k^{1/3}}{\tfrac13 x_k^{-2/3}} \\ &\phantom{x_{k+1}} = x_k - 3x_k = -2\,x_k \end{aligned}`,
      justification: { kind: 'substitute', bindings: { fk: 'xk^(1/3)', dk: '1/3*xk^(-2/3)' } },
      from: 'newton-update',
      move: String.raw`Apply the update to $x^{1/3}$ ($x_k > 0$; $x_k < 0$ by symmetry): each step doubles the distance to the root`,
      notes: String.raw`The root at 0 has infinite slope, so the Taylor argument fails ($f'(r)$ is not finite). $\lvert x_k\rvert = 2^k \lvert x_0\rvert$: divergence from every start except the root itself.`,
    },
  ],
  mistakes: [
    {
      id: 'update-sign-flipped',
      from: 'tangent-line',
      expr: 'x = xk + fk/dk',
      tex: String.raw`x_{k+1} \overset{?}{=} x_k + \frac{f(x_k)}{f'(x_k)}`,
      relation: { kind: 'solve', for: 'x' },
      counterexample: { xk: 2, fk: 1, dk: 1 },
      explanation:
        String.raw`With a plus sign the step moves away along the tangent: where $f$ and $f'$ have the same sign the root of the tangent lies to the left, and this goes right. Check on $f(x) = x - 1$ from $x = 2$: the correct step lands on 1, this one on 3.`,
    },
    {
      id: 'error-constant-without-half',
      from: 'next-error',
      expr: 'c/dk*(xk - r)^2',
      tex: String.raw`e_{k+1} \overset{?}{=} \frac{f''(\xi_k)}{f'(x_k)}\,e_k^2`,
      relation: { kind: 'substitute', bindings: { fk: '-dk*(r - xk) - c/2*(r - xk)^2' } },
      counterexample: { c: 2, dk: 1, xk: 2, r: 1 },
      explanation:
        String.raw`The $\tfrac12$ from the second-order Taylor term survives into the error constant. The square root makes this visible: the true error is $e_k^2/(2x_k)$, and without the $\tfrac12$ it would be $e_k^2/x_k$.`,
    },
    {
      id: 'ls-hessian-without-two',
      from: 'ls-newton-step',
      expr: 'beta - inv(transpose(X)*X)*(-2*transpose(X)*(y - X*beta))',
      tex: String.raw`\begin{aligned} &\beta - (X^\top X)^{-1}\big(-2X^\top (y - X\beta)\big) \\ &\quad \overset{?}{=} (X^\top X)^{-1} X^\top y \end{aligned}`,
      relation: { kind: 'matrix' },
      explanation:
        String.raw`Dropping the 2 in the Hessian but keeping it in the gradient doubles the step: it lands at $2\hat\beta - \beta$, overshooting the solution by as much as it started away from it. The factors of 2 must cancel.`,
    },
  ],
  // The presenter shows each plot as a slide where the page places it.
  slides: [
    { after: 'sqrt-error', plot: 'newton-method' },
  ],
  rubric: {
    strong: [
      String.raw`Derives the update from the tangent line rather than quoting it, and states $f'(x_k) \ne 0$ out loud.`,
      String.raw`Applies it to $x^2 - a$ and gets the Babylonian iteration, with a couple of exact iterates for $\sqrt2$.`,
      String.raw`Shows quadratic convergence from a Taylor expansion, $e_{k+1} = \frac{f''(\xi_k)}{2f'(x_k)}\,e_k^2$, and names the conditions: a simple root, $f''$ bounded, a start close enough.`,
      String.raw`Moves to optimisation: Newton on the gradient, $w - H^{-1}\nabla g$, and explains why one step solves a quadratic exactly (least squares in one step).`,
      'Gives concrete failure modes (a zero derivative, a cycle, divergence) and at least one remedy: damping or a line search, a better start, bracketing.',
      String.raw`Knows the cost: forming and solving with the Hessian is $O(p^3)$ per step for $p$ parameters, which is why large models use first-order or quasi-Newton methods.`,
    ],
    mistakes: [
      'Sign error in the update.',
      String.raw`Says Newton for minimisation is $x - g(x)/g'(x)$, applied to the objective rather than its gradient.`,
      'Claims Newton always converges, or always converges quadratically.',
      String.raw`Loses a factor of 2 between the gradient and the Hessian of $\lVert y - X\beta\rVert^2$.`,
    ],
    redFlags: [
      'Cannot write a tangent line.',
      'Believes Newton for optimisation always finds a minimum (it finds stationary points, and with an indefinite Hessian can step uphill).',
      'No idea why second-order methods are rarely used for large neural networks.',
    ],
  },
  followUps: [
    String.raw`What happens at a double root, for example $f(x) = x^2$? What is the convergence rate, and how would you restore quadratic convergence? Sketch: the update is $x_{k+1} = x_k/2$, linear convergence, since $f'(r) = 0$; multiplying the step by the root's multiplicity $m$ restores quadratic convergence.`,
    String.raw`Use Newton to compute $1/a$ without a division. What is the iteration and from which starting points does it converge? Sketch: Newton on $f(x) = 1/x - a$ gives $x_{k+1} = x_k(2 - a x_k)$, only multiplications; for $a > 0$ it converges exactly when $0 < x_0 < 2/a$.`,
    String.raw`For minimisation, what goes wrong when the Hessian is not positive definite, and how do damped Newton or Levenberg–Marquardt fix it? Sketch: the step heads for a stationary point, which may be a saddle or a maximum; adding $\mu I$ to the Hessian (Levenberg–Marquardt), a line search or a trust region makes it a descent direction.`,
    String.raw`Why is Newton’s method rarely used to train large neural networks? What do quasi-Newton methods such as BFGS and L-BFGS approximate? Sketch: the Hessian has $p^2$ entries and costs $O(p^3)$ to solve with; BFGS builds an approximation of the inverse Hessian from gradient differences, and L-BFGS keeps only the last few of them.`,
    String.raw`Gauss–Newton for non-linear least squares: which term of the Hessian does it drop, and when is that safe? Sketch: it keeps $J^\top J$ and drops the term weighted by the residuals, which is safe when the residuals at the solution are small.`,
    String.raw`Logistic regression has no closed form. What is Newton’s step there, and why is it called iteratively reweighted least squares? Sketch: each step solves a weighted least-squares problem with weights $p_i(1 - p_i)$ that change with the iterate.`,
  ],
});
