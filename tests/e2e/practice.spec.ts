import { test, expect, type Page, type Locator } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import mlVsMap from '../../src/derivations/ml-vs-map';
import newton from '../../src/derivations/newton-method';
import { mutants } from '../../src/derivations/mutants';

/** Checks run in a worker; the first one also downloads the engine. */
const CHECK_TIMEOUT = 30_000;

interface PageCase {
  slug: string;
  /** Lines that follow one another from the page's starting step. */
  chain: string[];
  /** The step number the last line of the chain reaches. */
  reaches: number;
  /** A wrong next line after the chain. */
  wrong: string;
}

const CASES: PageCase[] = [
  {
    slug: 'ml-vs-map',
    chain: ['-2*transpose(t)*(y - v*t)', 'v = transpose(t)*y/(transpose(t)*t)'],
    reaches: 3,
    wrong: 'v = transpose(t)*y/(2*transpose(t)*t)',
  },
  {
    // The tangent's root, then the module's own next two steps (a solve, then a substitution
    // that is only recognised through the reference step it matches).
    slug: 'newton-method',
    chain: ['0 = fk + dk*(x - xk)', newton.step('newton-update').expr, newton.step('babylonian-update').expr],
    reaches: newton.step('babylonian-update').number,
    wrong: 'x = (xk - a/xk)/2',
  },
];

const lines = (page: Page) => page.locator('.pline');
const verdict = (line: Locator) => line.locator('.pline__verdict');

async function typeLines(page: Page, texts: readonly string[]): Promise<void> {
  for (const t of texts) {
    const input = page.getByRole('textbox', { name: /^Your next step/ }).last();
    await input.fill(t);
    await input.press('Enter');
  }
}

async function expectStatus(line: Locator, status: string, text?: RegExp): Promise<void> {
  await expect(verdict(line)).toHaveAttribute('data-status', status, { timeout: CHECK_TIMEOUT });
  if (text) await expect(verdict(line)).toHaveText(text);
}

/** The statuses `npm run check --json` gives each line of these chains ("given" shown as the page's "start"). */
function cliStatuses(chains: readonly (readonly string[])[]): string[][] {
  const cli = spawnSync('npx', ['tsx', 'src/cli/check.ts', '--json', '-'], {
    input: chains.map((c) => c.join('\n')).join('\n\n'),
    encoding: 'utf8',
  });
  return (JSON.parse(cli.stdout) as { chains: { lines: { status: string }[] }[] }).chains.map((c) =>
    c.lines.map((l) => (l.status === 'given' ? 'start' : l.status)),
  );
}

/** Fails the test if anything from input runs as script or opens a dialog. */
async function guardXss(page: Page): Promise<() => Promise<void>> {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    await expect(page.locator('.pline img, .pline a[href^="javascript"], .scratchpad__message img')).toHaveCount(0);
  };
}

for (const c of CASES) {
  test.describe(`practice on ${c.slug}`, () => {
    test('a correct chain is verified, a wrong step refuted, garbage named, and the lines survive a reload', async ({ page }) => {
      // Each refuted line is also compared with the expected step's slips: more checks on a shared machine.
      test.setTimeout(120_000);
      await page.goto(`derivations/${c.slug}/`);
      const reference = page.locator('article.derivation-prose');
      await expect(reference).toBeVisible();
      await page.getByRole('button', { name: 'Practice this derivation' }).click();
      await expect(reference).toBeHidden();
      await expect(page.getByRole('heading', { name: 'Practice: your derivation' })).toBeVisible();

      await typeLines(page, c.chain);
      for (let i = 0; i < c.chain.length; i++) await expectStatus(lines(page).nth(i), 'verified', /^✓/);
      await expect(
        lines(page)
          .nth(c.chain.length - 1)
          .locator('.pline__reach'),
      ).toHaveText(new RegExp(`You have reached step ${c.reaches} of \\d+\\.`), { timeout: CHECK_TIMEOUT });

      await typeLines(page, [c.wrong]);
      const wrong = lines(page).nth(c.chain.length);
      await expectStatus(wrong, 'refuted', /✗.*refuted: at .+ your line gives .+, the line before gives .+/);
      // No slip of the expected step matches this line: a plain counterexample, no name.
      await expect(wrong.locator('.pline__slip')).toHaveCount(0);

      await typeLines(page, ['x^2 +* 3']);
      await expectStatus(lines(page).nth(c.chain.length + 1), 'error', /cannot read this line: column \d+: /);

      await page.reload();
      await expect(reference).toBeHidden();
      const inputs = page.locator('.pline__input');
      await expect(inputs.nth(0)).toHaveValue(c.chain[0]!);
      await expect(inputs.nth(c.chain.length)).toHaveValue(c.wrong);
      await expectStatus(lines(page).nth(0), 'verified');
      await expectStatus(lines(page).nth(c.chain.length), 'refuted');
    });
  });
}

test('a reading page loads neither KaTeX nor the engine until practice is used', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || /\.js(\?|$)/.test(r.url())) scripts.push(r.url());
  });
  await page.goto('derivations/ml-vs-map/');
  await page.waitForLoadState('networkidle');
  const reading = [...scripts];
  expect(reading.filter((u) => /worker|katex/.test(u))).toEqual([]);
  await page.getByRole('button', { name: 'Practice this derivation' }).click();
  await typeLines(page, ['-2*transpose(t)*(y - v*t)']);
  await expectStatus(lines(page).nth(0), 'verified');
  const practising = scripts.slice(reading.length);
  expect(practising.some((u) => /worker/.test(u))).toBe(true);
  // The editor's own code (whatever its chunk is named) also came only now, not with the reading page.
  expect(practising.filter((u) => !/worker|katex|cas-script|latex-script|sw\.js/.test(u)).length).toBeGreaterThan(0);
});

test('practice: the hint ladder names the move, shows the math, then the reference', async ({ page }) => {
  await page.goto('derivations/ml-vs-map/');
  await page.getByRole('button', { name: 'Practice this derivation' }).click();
  const box = page.locator('[data-practice-hint-box]');
  await page.getByRole('button', { name: 'Hint: name the next move' }).click();
  await expect(box).toContainText('Next move (step 2 of');
  await expect(box).toContainText('Differentiate with respect to v');
  await page.getByRole('button', { name: 'Hint: show the next step' }).click();
  await expect(box.locator('.step__math .katex-display')).toBeVisible();
  await page.getByRole('button', { name: 'Hint: show the whole reference' }).click();
  await expect(page.locator('article.derivation-prose')).toBeVisible();
});

test('practice: clear asks first, and only deletes on confirmation', async ({ page }) => {
  await page.goto('derivations/newton-method/');
  await page.getByRole('button', { name: 'Practice this derivation' }).click();
  await typeLines(page, ['0 = fk + dk*(x - xk)']);
  await page.getByRole('button', { name: 'Clear my lines…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep my lines' }).click();
  await expect(page.locator('.pline__input').first()).toHaveValue('0 = fk + dk*(x - xk)');
  await page.getByRole('button', { name: 'Clear my lines…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.pline__input')).toHaveCount(1);
  await expect(page.locator('.pline__input').first()).toHaveValue('');
  await page.reload();
  await expect(page.locator('.pline__input').first()).toHaveValue('');
});

/**
 * Records every state the verdict of each line goes through ([line, status, stage, text], repeats
 * dropped), from a MutationObserver in the page: states that last a few ms are not missed.
 */
async function recordVerdicts(page: Page): Promise<() => Promise<[number, string, string, string][]>> {
  await page.evaluate(() => {
    const log: [number, string, string, string][] = [];
    (window as unknown as { __verdicts: typeof log }).__verdicts = log;
    const last = new Map<number, string>();
    const snap = () =>
      document.querySelectorAll<HTMLElement>('.pline__verdict').forEach((v, i) => {
        const state: [number, string, string, string] = [i, v.dataset['status'] ?? '', v.dataset['stage'] ?? '', v.textContent ?? ''];
        const key = JSON.stringify(state);
        if (last.get(i) !== key) {
          last.set(i, key);
          log.push(state);
        }
      });
    new MutationObserver(snap).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __verdicts: [number, string, string, string][] }).__verdicts);
}

test.describe('scratchpad: progressive verdicts', () => {
  test('a line the CAS must prove shows the numeric verdict first, then the symbolic one', async ({ page }) => {
    await page.goto('check/');
    const states = await recordVerdicts(page);
    // Our own normal form cannot prove this (exp is an opaque atom): nerdamer must.
    await typeLines(page, ['exp(2*x)', 'exp(x)^2']);
    await expectStatus(lines(page).nth(1), 'verified');
    await expect(verdict(lines(page).nth(1))).not.toHaveAttribute('data-stage', 'provisional', { timeout: CHECK_TIMEOUT });
    const seen = (await states())
      .filter(([i, status]) => i === 1 && status !== '' && status !== 'empty')
      .map(([, status, stage, text]) => [status, stage, text]);
    expect(seen).toEqual([
      ['pending', '', '…checking…'],
      ['verified', 'provisional', '✓checked at 10 random points · looking for a symbolic proof…'],
      ['verified', '', '✓verified symbolically'],
    ]);
  });

  test('LaTeX lines are read once the LaTeX reader has loaded: previewed, checked, refuted', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => void scripts.push(r.url()));
    await page.goto('check/');
    await typeLines(page, ['(x+1)^2', 'x^2 + 2*x + 1']);
    await expectStatus(lines(page).nth(1), 'verified');
    // ASCII lines do not load it.
    expect(scripts.filter((u) => /latex-script/.test(u))).toEqual([]);
    await typeLines(page, [String.raw`\frac{x^{3} + 3x^{2} + 3x + 1}{x + 1}`, String.raw`\left(x + 2\right)^{2}`]);
    await expectStatus(lines(page).nth(2), 'verified', /^✓/);
    await expectStatus(lines(page).nth(3), 'refuted', /refuted: at x = /);
    await expect(lines(page).nth(3).locator('.pline__preview .katex')).toBeVisible();
    expect(scripts.filter((u) => /latex-script/.test(u)).length).toBeGreaterThan(0);
  });

  test('an edited line never shows the verdict of its old text', async ({ page }) => {
    await page.goto('check/');
    await typeLines(page, ['1 - cos(x)^2', 'x']);
    await expectStatus(lines(page).nth(1), 'refuted');
    const states = await recordVerdicts(page);
    // Right: the numeric verdict at once, then a proof. The page edits the line to a wrong one the
    // moment the numeric verdict shows, while the proof of the old text is queued or running.
    await page.evaluate(() => {
      const v = document.querySelectorAll<HTMLElement>('.pline__verdict')[1]!;
      const input = document.querySelectorAll<HTMLInputElement>('.pline__input')[1]!;
      const watch = new MutationObserver(() => {
        if (v.dataset['stage'] !== 'provisional') return;
        watch.disconnect();
        input.value = 'sin(x)^2 + 1';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      watch.observe(v, { attributes: true });
    });
    await page.locator('.pline__input').nth(1).fill('sin(x)^2');
    await expect(page.locator('.pline__input').nth(1)).toHaveValue('sin(x)^2 + 1', { timeout: CHECK_TIMEOUT });
    await expectStatus(lines(page).nth(1), 'refuted', /refuted: at x = /);
    // Let any late answer for the old text arrive: the engine answers in order, so once a line
    // typed after the edit has its final verdict, every answer queued before it has come back.
    await typeLines(page, ['2 - cos(x)^2']);
    await expectStatus(lines(page).nth(2), 'verified');
    await expect(verdict(lines(page).nth(2))).not.toHaveAttribute('data-stage', 'provisional', { timeout: CHECK_TIMEOUT });
    await expectStatus(lines(page).nth(1), 'refuted', /refuted: at x = /);
    const seen = (await states()).filter(([i]) => i === 1).map(([, status, stage]) => `${status}${stage ? `/${stage}` : ''}`);
    // The old text: checking…, its numeric verdict. The edit: checking…, its refutation; nothing else.
    expect(seen).toEqual(['pending', 'verified/provisional', 'pending', 'refuted']);
  });
});

test.describe('scratchpad', () => {
  test('checks a chain with assumptions, refutes a wrong step, names garbage, and keeps lines over a reload', async ({ page }) => {
    await page.goto('check/');
    await expect(page.getByRole('link', { name: 'Scratchpad' })).toHaveAttribute('aria-current', 'page');
    await typeLines(page, [
      '(x+1)^2',
      'x^2 + 2*x + 1',
      'x*(x + 2) + 1',
      'x^2 + 1',
      '(x+1)^2 = 4 +',
      'assume x > 0',
      'log(x^2)',
      '2*log(x)',
    ]);
    await expectStatus(lines(page).nth(0), 'start');
    await expectStatus(lines(page).nth(1), 'verified', /^✓/);
    await expectStatus(lines(page).nth(2), 'verified', /^✓/);
    await expectStatus(lines(page).nth(3), 'refuted', /refuted: at x = .+ your line gives .+, the line before gives .+/);
    await expectStatus(lines(page).nth(4), 'error', /cannot read this line: .*column \d+/);
    await expectStatus(lines(page).nth(5), 'assume', /assuming x: real, positive/);
    await expectStatus(lines(page).nth(7), 'verified', /^✓/);
    await page.reload();
    await expect(page.locator('.pline__input').nth(6)).toHaveValue('log(x^2)');
    await expectStatus(lines(page).nth(7), 'verified');
  });

  test('an equation step that gains a solution is a warning naming it; one that loses a solution is refuted', async ({ page }) => {
    await page.goto('check/');
    await typeLines(page, ['x = 2', 'x^2 = 4', 'x = 2']);
    const gained = lines(page).nth(1);
    await expectStatus(gained, 'verified', /^⚠.*x = −2 solves the new line but not the previous one/);
    await expect(verdict(gained)).toHaveAttribute('data-warning', 'extraneous-solution');
    await expect(gained).toHaveAttribute('data-warning', 'extraneous-solution');
    const lost = lines(page).nth(2);
    await expectStatus(lost, 'refuted', /x = −2 solves the line before but not your line: a solution was lost/);
    await expect(verdict(lost)).not.toHaveAttribute('data-warning');
  });

  test('matrices declared with assume are matrices: XᵀX ≠ XXᵀ, and a bad declaration says why', async ({ page }) => {
    await page.goto('check/');
    await typeLines(page, ['transpose(X)*X', 'X*transpose(X)']);
    // Undeclared, X is a real number, and for numbers the two agree: the verdict says what X was taken to be.
    await expectStatus(
      lines(page).nth(1),
      'verified',
      /X is a number here: to check matrix algebra, declare it first, e\.g\. assume X n×p/,
    );
    await page.getByRole('button', { name: 'Add chain' }).click();
    await typeLines(page, [
      'assume X n×p, beta vector p',
      'transpose(X)*X',
      'X*transpose(X)',
      'transpose(X*beta)*(X*beta)',
      'transpose(beta)*transpose(X)*X*beta',
      'assume A 3x2 symmetric',
    ]);
    // Chain 1 keeps an empty line for the next step: chain 2 starts at line 3.
    await expectStatus(lines(page).nth(3), 'assume', /assuming X: n×p matrix; beta: vector of length p/);
    await expectStatus(lines(page).nth(5), 'refuted', /3×3 matrix.*2×2 matrix/);
    await expectStatus(lines(page).nth(7), 'verified', /matrices/);
    await expect(verdict(lines(page).nth(7))).not.toContainText('is a number here');
    await expectStatus(lines(page).nth(8), 'error', /a symmetric matrix is square/);
  });

  test('a LaTeX sum with subscripts and a transposed inverse are read and checked as npm run check reads them', async ({ page }) => {
    const chains = [
      [
        String.raw`\sum_{i=1}^{3} (y_i - w x_i)^2`,
        'y_1^2 + y_2^2 + y_3^2 - 2*w*(x_1*y_1 + x_2*y_2 + x_3*y_3) + w^2*(x_1^2 + x_2^2 + x_3^2)',
        'y_1^2 + y_2^2 + y_3^2 - 2*w*(x_1*y_1 + x_2*y_2 + x_3*y_3) + w*(x_1^2 + x_2^2 + x_3^2)',
      ],
      [
        'assume X n×p, y vector n',
        'inv(transpose(X)*X)*transpose(X)*y',
        String.raw`(X^\top X)^{-1} X^\top y`,
        String.raw`2 (X^T X)^{-1} X^T y`,
      ],
    ];
    // npm run check on the same notepad: its statuses are what the page must show.
    const statuses = cliStatuses(chains);
    expect(statuses).toEqual([
      ['start', 'verified', 'refuted'],
      ['start', 'verified', 'refuted'],
    ]);
    await page.goto('check/');
    await typeLines(page, chains[0]!);
    await page.getByRole('button', { name: 'Add chain' }).click();
    await typeLines(page, chains[1]!);
    // Chain 1 keeps an empty line for the next step: chain 2 starts at line 4 (its assume line).
    const shown = [
      [0, 1, 2],
      [5, 6, 7],
    ];
    for (const [c, idx] of shown.entries()) for (const [k, i] of idx.entries()) await expectStatus(lines(page).nth(i), statuses[c]![k]!);
    await expectStatus(lines(page).nth(4), 'assume', /assuming X: n×p matrix; y: vector of length n/);
    await expect(lines(page).nth(0).locator('.pline__preview .katex')).toBeVisible();
    await expectStatus(lines(page).nth(2), 'refuted', /refuted/);
    await expectStatus(lines(page).nth(6), 'verified', /matrices/);
  });

  test('a sum over i = 1…n, an expectation and a partial derivative of a defined function are read and checked as npm run check reads them', async ({
    page,
  }) => {
    const chains = [
      [
        String.raw`\sum_{i=1}^{n} (y_i - v t_i)^2`,
        String.raw`\sum_{i=1}^{n} y_i^2 - 2v\sum_{i=1}^{n} t_i y_i + v^2 \sum_{i=1}^{n} t_i^2`,
        String.raw`\sum_{i=1}^{n} y_i^2 - 2v\sum_{i=1}^{n} t_i y_i + v \sum_{i=1}^{n} t_i^2`,
      ],
      [
        'assume X, Y independent',
        String.raw`\operatorname{Var}(aX + Y)`,
        String.raw`a^2 \operatorname{Var}(X) + \operatorname{Var}(Y)`,
        String.raw`a \operatorname{Var}(X) + \operatorname{Var}(Y)`,
      ],
      [
        'L(w) = sum((y_i - w*x_i)^2, i, 1, n)',
        String.raw`\frac{\partial L}{\partial w}`,
        String.raw`= -2\sum_{i=1}^{n} x_i (y_i - w x_i)`,
        String.raw`= 2\sum_{i=1}^{n} x_i (y_i - w x_i)`,
      ],
    ];
    const statuses = cliStatuses(chains);
    expect(statuses).toEqual([
      ['start', 'verified', 'refuted'],
      ['start', 'verified', 'refuted'],
      ['start', 'start', 'verified', 'refuted'],
    ]);
    await page.goto('check/');
    await typeLines(page, chains[0]!);
    await page.getByRole('button', { name: 'Add chain' }).click();
    await typeLines(page, chains[1]!);
    await page.getByRole('button', { name: 'Add chain' }).click();
    await typeLines(page, chains[2]!);
    // Each chain keeps an empty line for the next step: chain 2 starts at line 4 (its assume line), chain 3 at line 9.
    const shown = [
      [0, 1, 2],
      [5, 6, 7],
      [9, 10, 11, 12],
    ];
    for (const [c, idx] of shown.entries()) for (const [k, i] of idx.entries()) await expectStatus(lines(page).nth(i), statuses[c]![k]!);
    await expectStatus(lines(page).nth(1), 'verified', /checked at n = 1…8 with random data/);
    await expectStatus(lines(page).nth(4), 'assume', /assuming X: random, independent; Y: random, independent/);
    await expectStatus(lines(page).nth(6), 'verified', /random finite distributions of X, Y/);
    await expectStatus(lines(page).nth(10), 'start', /a derivative of a function defined above/);
    await expect(lines(page).nth(10).locator('.pline__preview .katex')).toBeVisible();
    await expectStatus(lines(page).nth(11), 'verified', /checked at n = 1…8/);
  });

  test('a share link opens the same chains, checked', async ({ page, browser }) => {
    await page.goto('check/');
    await typeLines(page, ['(a - b)*(a + b)', 'a^2 - b^2']);
    await page.getByRole('button', { name: 'Add chain' }).click();
    await typeLines(page, ['x^3', 'd/dx: 3*x^2']);
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(/\/check\/#s=[A-Za-z0-9_-]+$/);

    // Another browser (its own storage): the link's chains are all there is.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByRole('heading', { name: 'Chain 2' })).toBeVisible();
    const ol = other.locator('.pline');
    await expect(other.locator('.pline__input')).toHaveCount(4);
    await expect(other.locator('.pline__input').nth(1)).toHaveValue('a^2 - b^2');
    await expectStatus(ol.nth(1), 'verified', /^✓/);
    await expectStatus(ol.nth(3), 'verified', /^✓/);
    await expect(other.getByRole('status')).toHaveText('Loaded 2 chains from the share link.');
    await fresh.close();
  });

  test('a damaged share link says so', async ({ page }) => {
    await page.goto('check/#s=not*base64');
    await expect(page.getByRole('status')).toHaveText(/^This share link could not be read: /);
  });

  test('pasting a notepad checks every line; a blank line starts a new chain', async ({ page }) => {
    await page.goto('check/');
    const input = page.getByRole('textbox', { name: /^Your next step/ });
    await input.focus();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'sin(x)^2 + cos(x)^2\n1\n\nexp(a + b)\nexp(a)*exp(b)\nexp(a)\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect(page.getByRole('heading', { name: 'Chain 2' })).toBeVisible();
    await expect(page.locator('.pline__input')).toHaveCount(5);
    await expectStatus(lines(page).nth(1), 'verified');
    await expectStatus(lines(page).nth(3), 'verified');
    await expectStatus(lines(page).nth(4), 'refuted');
  });

  test('keyboard only: type, Enter, arrows, Backspace on an empty line', async ({ page }) => {
    await page.goto('check/');
    await page.getByRole('textbox', { name: /^Your next step/ }).focus();
    await page.keyboard.type('(x+2)^2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('x^2 + 4*x + 4');
    await page.keyboard.press('Enter');
    await expect(page.locator('.pline__input')).toHaveCount(3);
    await page.keyboard.press('Backspace');
    await expect(page.locator('.pline__input')).toHaveCount(2);
    await expect(page.locator('.pline__input').nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('.pline__input').nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.pline__input').nth(1)).toBeFocused();
    await expect(page.getByRole('textbox', { name: /^Your next step/ })).toBeFocused();
    await expectStatus(lines(page).nth(1), 'verified', /^✓/);
    await expect(page.locator('[data-live]')).toContainText('verified');
  });

  test('hostile input in lines and in the share hash never runs', async ({ page, context }) => {
    const check = await guardXss(page);
    await page.goto('check/');
    const payloads = [
      '<img src=x onerror="window.__pwned=1">',
      String.raw`\href{javascript:window.__pwned=1}{x}`,
      String.raw`\url{javascript:window.__pwned=1}`,
      '"><script>window.__pwned=1</script>',
    ];
    await typeLines(page, payloads);
    for (let i = 0; i < payloads.length; i++) {
      await expect(verdict(lines(page).nth(i))).not.toHaveAttribute('data-status', 'pending', { timeout: CHECK_TIMEOUT });
    }
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    await check();

    const other = await context.newPage();
    const checkOther = await guardXss(other);
    await other.goto(link);
    await expect(other.locator('.pline__input').nth(0)).toHaveValue(payloads[0]!);
    await expect(verdict(other.locator('.pline').nth(1))).not.toHaveAttribute('data-status', 'pending', { timeout: CHECK_TIMEOUT });
    await checkOther();
  });
});

/** A share link's hash made here, as the scratchpad makes it (deflate-raw, base64url). */
const shareHash = (payload: Buffer | string) =>
  `#s=${deflateRawSync(typeof payload === 'string' ? Buffer.from(payload) : payload).toString('base64url')}`;
const linkOf = (chains: string[][]) => `check/${shareHash(JSON.stringify({ v: 1, chains }))}`;
const message = (page: Page) => page.locator('[data-message]');

async function pasteInto(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

test.describe('scratchpad: no lost work', () => {
  test('a share link adds its chains beside the stored ones, and only once', async ({ page }) => {
    await page.goto('check/');
    await typeLines(page, ['(x + 1)^2', 'x^2 + 2*x + 1']);
    await expectStatus(lines(page).nth(1), 'verified');
    await page.goto(linkOf([['sin(x)^2 + cos(x)^2', '1']]));
    await expect(message(page)).toHaveText('Added 1 chain from the share link below your own 1 chain (chain 2); your lines are kept.');
    const inputs = page.locator('.pline__input');
    await expect(inputs.nth(0)).toHaveValue('(x + 1)^2');
    await expect(inputs.nth(1)).toHaveValue('x^2 + 2*x + 1');
    await expect(page.getByRole('heading', { name: 'Chain 2' })).toBeVisible();
    await expect(inputs.nth(3)).toHaveValue('sin(x)^2 + cos(x)^2');
    await expectStatus(lines(page).nth(4), 'verified');
    // The hash is gone, and the same link again adds nothing.
    expect(new URL(page.url()).hash).toBe('');
    await page.goto(linkOf([['sin(x)^2 + cos(x)^2', '1']]));
    await expect(message(page)).toHaveText("The share link's 1 chain is already on your scratchpad: nothing was added.");
    await expect(page.getByRole('heading', { name: /^Chain/ })).toHaveCount(2);
  });

  test("two tabs never overwrite each other: each shows the other's lines", async ({ context }) => {
    const a = await context.newPage();
    const b = await context.newPage();
    await a.goto('check/');
    await b.goto('check/');
    await typeLines(a, ['(a + b)^2']);
    await expect(b.locator('.pline__input').first()).toHaveValue('(a + b)^2');
    await expect(message(b)).toHaveText('Updated from another tab.');
    await typeLines(b, ['a^2 + 2*a*b + b^2']);
    await expect(a.locator('.pline__input').nth(1)).toHaveValue('a^2 + 2*a*b + b^2');
    await expectStatus(a.locator('.pline').nth(1), 'verified');
    const stored = await a.evaluate(() => JSON.parse(localStorage.getItem('derivable:scratchpad') ?? 'null') as { chains: string[][] });
    expect(stored.chains[0]!.slice(0, 2)).toEqual(['(a + b)^2', 'a^2 + 2*a*b + b^2']);
  });

  test("two tabs writing at once: the other tab's chain is added, not lost", async ({ context }) => {
    const a = await context.newPage();
    await a.goto('check/');
    await typeLines(a, ['x + x']);
    // Another tab's write that this tab has not heard of yet (as when both type at the same moment).
    await a.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('derivable:scratchpad')!) as { rev: number };
      localStorage.setItem('derivable:scratchpad', JSON.stringify({ v: 1, chains: [['y*y', 'y^2']], rev: s.rev + 5 }));
    });
    await typeLines(a, ['2*x']);
    await expect(message(a)).toHaveText(
      /^Another tab changed the scratchpad at the same time: its chain was added below yours, so neither is lost\.$/,
    );
    await expect(a.getByRole('heading', { name: 'Chain 2' })).toBeVisible();
    const stored = await a.evaluate(() => JSON.parse(localStorage.getItem('derivable:scratchpad') ?? 'null') as { chains: string[][] });
    expect(stored.chains).toHaveLength(2);
    expect(stored.chains[0]!.slice(0, 2)).toEqual(['x + x', '2*x']);
    expect(stored.chains[1]!.slice(0, 2)).toEqual(['y*y', 'y^2']);
  });

  test('a paste or a link that is cut says what was left out', async ({ page }) => {
    await page.goto('check/');
    await page.getByRole('textbox', { name: /^Your next step/ }).focus();
    await pasteInto(page, ['y'.repeat(600), ...Array.from({ length: 230 }, (_, i) => `x + ${i}`)].join('\n'));
    await expect(message(page)).toHaveText(
      'The pasted text was too long for the scratchpad, and not all of it was kept: 31 lines past the limit of 200 lines a chain left out; 1 line was cut to 500 characters.',
    );
    await expect(page.locator('.pline__input')).toHaveCount(200);

    await page.goto('about:blank');
    await page.goto(linkOf([Array.from({ length: 250 }, (_, i) => `x + ${i}`)]));
    await expect(message(page)).toContainText(
      'The share link was too long for the scratchpad, and not all of it was kept: 50 lines past the limit of 200 lines a chain left out.',
    );
  });

  test('a link that would inflate to 70 MB is refused, and the stored lines stay', async ({ page }) => {
    await page.goto('check/');
    await typeLines(page, ['2*x + 3*x', '5*x']);
    const bomb = deflateRawSync(Buffer.concat([Buffer.from('{"v":1,"chains":[["'), Buffer.alloc(70_000_000, 'x'), Buffer.from('"]]}')]));
    await page.goto(`check/#s=${bomb.toString('base64url')}`);
    await expect(message(page)).toHaveText('This share link could not be read: the link expands to more than 1 MB of text.');
    await expect(page.locator('.pline__input').nth(1)).toHaveValue('5*x');
    await expectStatus(lines(page).nth(1), 'verified');
  });

  test('a 4,000-line link is checked lazily: lines far below wait until they are scrolled to', async ({ page }) => {
    // 4,000 inputs on a machine shared with other jobs: more time for the page to lay them out (no time is asserted).
    test.setTimeout(180_000);
    // A 500-character link: 20 chains of 200 lines, each a line and its expansion, over and over.
    const chains = Array.from({ length: 20 }, () => Array.from({ length: 200 }, (_, i) => (i % 2 ? 'x^2 + 2*x + 1' : '(x + 1)^2')));
    const link = linkOf(chains);
    expect(link.length).toBeLessThan(600);
    await page.goto(link);
    await expect(message(page)).toHaveText('Loaded 20 chains from the share link.');
    await expect(page.locator('.pline__input')).toHaveCount(4000, { timeout: 120_000 });
    await expectStatus(lines(page).nth(1), 'verified');
    const last = lines(page).last();
    await expect(verdict(last)).toHaveAttribute('data-status', 'waiting', { timeout: CHECK_TIMEOUT });
    await expect(verdict(last)).toHaveText(/checked when it scrolls into view/, { timeout: CHECK_TIMEOUT });
    // The page still answers while thousands of lines wait.
    await page.getByRole('button', { name: 'Add chain' }).scrollIntoViewIfNeeded();
    await last.scrollIntoViewIfNeeded();
    await expectStatus(last, 'verified');
    expect(await page.locator('.pline__verdict[data-status="waiting"]').count()).toBeGreaterThan(3000);
  });
});

test('practice mode reads the notepad notation too: a sum over i, a defined function and its partial derivative, an expectation, a transposed inverse', async ({
  page,
}) => {
  await page.goto('derivations/ml-vs-map/');
  await page.getByRole('button', { name: 'Practice this derivation' }).click();
  await typeLines(page, [
    String.raw`J(v) = \sum_{i=1}^{n} (y_i - v t_i)^2`,
    String.raw`\frac{\partial J}{\partial v}`,
    String.raw`= -2\sum_{i=1}^{n} t_i (y_i - v t_i)`,
    String.raw`= 2\sum_{i=1}^{n} t_i (y_i - v t_i)`,
    'assume X, Y independent',
    'E[X*Y]',
    'E[X]*E[Y]',
    'assume A n×n, b vector n',
    String.raw`((A^\top A)^{-1})^\top`,
    String.raw`(A^\top A)^{-1}`,
  ]);
  await expectStatus(lines(page).nth(0), 'start', /defines J/);
  await expectStatus(lines(page).nth(1), 'start', /a derivative of a function defined above/);
  await expectStatus(lines(page).nth(2), 'verified', /checked at n = 1…8 with random data/);
  await expectStatus(lines(page).nth(3), 'refuted');
  await expectStatus(lines(page).nth(4), 'assume', /X: random, independent/);
  await expectStatus(lines(page).nth(6), 'verified', /random finite distributions of X, Y/);
  await expectStatus(lines(page).nth(9), 'verified');
});

test.describe('practice: feedback a candidate can use', () => {
  test('a sign-flipped step is named as a sign slip (ml-vs-map)', async ({ page }) => {
    await page.goto('derivations/ml-vs-map/');
    await page.getByRole('button', { name: 'Practice this derivation' }).click();
    const gradient = mlVsMap.step('ls-gradient');
    const flipped = mutants(gradient.expr, mlVsMap.variables).find((m) => m.kind === 'sign' && m.expr.startsWith('-('))!;
    expect(flipped).toBeDefined();
    const typed = flipped.expr.replace(/^-\(-(.*)\)$/, '$1');
    await typeLines(page, [typed]);
    const line = lines(page).nth(0);
    await expectStatus(
      line,
      'refuted',
      /as the derivative with respect to v: refuted: at .+ your line gives .+, the derivative of the line before with respect to v gives .+/,
    );
    await expect(line.locator('.pline__slip')).toHaveText(`Looks like a sign slip: your line is step ${gradient.number} with that slip.`, {
      timeout: CHECK_TIMEOUT,
    });
    await expect(line.locator('.pline__slip')).toHaveAttribute('data-slip', 'sign');
  });

  test('a step with a factor of 2 too many is named as a factor-2 slip (newton-method)', async ({ page }) => {
    await page.goto('derivations/newton-method/');
    await page.getByRole('button', { name: 'Practice this derivation' }).click();
    await typeLines(page, ['0 = fk + dk*(x - xk)', newton.step('newton-update').expr, 'x = xk + a/xk']);
    const line = lines(page).nth(2);
    await expectStatus(line, 'refuted', /refuted: at .+ your line gives/);
    await expect(line.locator('.pline__slip')).toHaveText(
      `Looks like a factor-2 slip: your line is step ${newton.step('babylonian-update').number} with that slip.`,
      { timeout: CHECK_TIMEOUT },
    );
  });

  test('restating a later line does not claim the steps between; a verified jump says what it skipped', async ({ page }) => {
    await page.goto('derivations/newton-method/');
    await page.getByRole('button', { name: 'Practice this derivation' }).click();
    const sqrtError = newton.step('sqrt-error');
    const nextError = newton.step('next-error');
    // Straight from the start: not derived, so no step is reached.
    await typeLines(page, [sqrtError.expr]);
    await expect(verdict(lines(page).nth(0))).not.toHaveAttribute('data-status', /pending|verified/, { timeout: CHECK_TIMEOUT });
    await expect(lines(page).nth(0).locator('.pline__reach')).toBeHidden();
    await expect(page.locator('[data-practice-progress]')).toHaveText(/Your lines have not reached one yet/);

    await page.getByRole('button', { name: 'Clear my lines…' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    // From the error's definition, the square-root case by substitution: a jump over one step.
    await typeLines(page, [nextError.expr, sqrtError.expr]);
    await expectStatus(lines(page).nth(0), 'start');
    await expectStatus(lines(page).nth(1), 'verified');
    const skipped = Array.from({ length: sqrtError.number - nextError.number - 1 }, (_, k) => nextError.number + 1 + k);
    await expect(lines(page).nth(1).locator('.pline__reach')).toHaveText(
      new RegExp(
        `You have reached step ${sqrtError.number} of \\d+\\. You jumped to step ${sqrtError.number}; step${skipped.length > 1 ? 's' : ''} ${skipped[0]}.* not shown\\.`,
      ),
      { timeout: CHECK_TIMEOUT },
    );
    await expect(page.locator('[data-practice-progress]')).toHaveText(new RegExp(`You are at step ${sqrtError.number} of`));
    // The next hint follows from there.
    await page.getByRole('button', { name: 'Hint: name the next move' }).click();
    await expect(page.locator('[data-practice-hint-box]')).toContainText(`Next move (step ${sqrtError.number + 1} of`);
  });

  test('after showing the whole reference, Hint does not hide it', async ({ page }) => {
    await page.goto('derivations/ml-vs-map/');
    await page.getByRole('button', { name: 'Practice this derivation' }).click();
    await page.getByRole('button', { name: 'Hint: name the next move' }).click();
    await page.getByRole('button', { name: 'Hint: show the next step' }).click();
    await page.getByRole('button', { name: 'Hint: show the whole reference' }).click();
    const reference = page.locator('article.derivation-prose');
    await expect(reference).toBeVisible();
    await page.getByRole('button', { name: 'Hint: go to the reference' }).click();
    await expect(reference).toBeVisible();
    await page.getByRole('button', { name: 'Hide the reference' }).click();
    await expect(reference).toBeHidden();
  });

  test('a refutation caused only by a domain suggests the assume line', async ({ page }) => {
    await page.goto('check/');
    await typeLines(page, ['sqrt(x)*sqrt(x)', 'x']);
    const line = lines(page).nth(1);
    await expectStatus(line, 'refuted', /refuted: at x = −/);
    await expect(line.locator('.pline__assume')).toHaveText('It follows when x is positive: add the line “assume x > 0” above it.', {
      timeout: CHECK_TIMEOUT,
    });
  });
});

test('practice in two tabs: a line typed in one shows in the other', async ({ context }) => {
  test.setTimeout(120_000);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('derivations/newton-method/');
  await a.getByRole('button', { name: 'Practice this derivation' }).click();
  await expect(a.getByRole('textbox', { name: /^Your next step/ })).toBeVisible();
  // The second tab opens in practice mode, as the first left it.
  await b.goto('derivations/newton-method/');
  await expect(b.getByRole('textbox', { name: /^Your next step/ })).toBeVisible({ timeout: CHECK_TIMEOUT });
  await typeLines(a, ['0 = fk + dk*(x - xk)']);
  await expect(b.locator('.pline__input').first()).toHaveValue('0 = fk + dk*(x - xk)');
  await expectStatus(b.locator('.pline').first(), 'verified');
  await typeLines(b, [newton.step('newton-update').expr]);
  await expect(a.locator('.pline__input').nth(1)).toHaveValue(newton.step('newton-update').expr);
});
