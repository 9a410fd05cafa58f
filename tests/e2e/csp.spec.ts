/**
 * Content-Security-Policy (astro.config.mjs `security.csp`): every page
 * carries a policy without inline script or eval, and nothing the site does
 * breaks it: no `securitypolicyviolation` fires while a page loads, its
 * plots draw, practice checks a line, the scratchpad checks, the search runs
 * (Pagefind's WebAssembly) or the presenter steps through.
 */
import { test, expect, type Page } from '@playwright/test';
import { builtPages } from './pages';

const CHECK_TIMEOUT = 30_000;

/** Record violations from the first byte of the page on. */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])), ...console];
}

async function policy(page: Page): Promise<string> {
  return (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';
}

for (const path of builtPages()) {
  test(`/${path} has a policy without inline script or eval, and breaks none of it`, async ({ page }) => {
    const violations = await watch(page);
    await page.goto(path);
    const csp = await policy(page);
    const script = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(script, 'script-src present').toContain("'self'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(csp).toMatch(/object-src 'none'/);
    // Bring every plot into view so its library loads and draws.
    for (const plot of await page.locator('dv-plot').all()) {
      // A plot on a presenter slide not yet shown is hidden: it cannot come into view, nor load.
      if (!(await plot.isVisible())) continue;
      await plot.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    }
    await page.waitForLoadState('networkidle');
    expect(await violations()).toEqual([]);
  });
}

test('practice mode checks lines in its worker under the policy', async ({ page }) => {
  const violations = await watch(page);
  await page.goto('derivations/newton-method/');
  await page.getByRole('button', { name: 'Practice this derivation' }).click();
  for (const line of ['0 = fk + dk*(x - xk)', String.raw`x = x_k - \frac{f_k}{d_k}`]) {
    const input = page.getByRole('textbox', { name: /^Your next step/ }).last();
    await input.fill(line);
    await input.press('Enter');
  }
  await expect(page.locator('.pline__verdict').first()).toHaveAttribute('data-status', 'verified', { timeout: CHECK_TIMEOUT });
  await expect(page.locator('.pline__verdict').nth(1)).not.toHaveAttribute('data-status', /pending|empty/, { timeout: CHECK_TIMEOUT });
  await page
    .getByRole('button', { name: 'Hint: show the next step' })
    .or(page.getByRole('button', { name: 'Hint: name the next move' }))
    .first()
    .click();
  expect(await violations()).toEqual([]);
});

test('the scratchpad and its share link work under the policy', async ({ page }) => {
  const violations = await watch(page);
  await page.goto('check/');
  for (const line of ['(x+1)^2', 'x^2 + 2*x + 1']) {
    const input = page.getByRole('textbox', { name: /^Your next step/ }).last();
    await input.fill(line);
    await input.press('Enter');
  }
  await expect(page.locator('.pline__verdict').nth(1)).toHaveAttribute('data-status', 'verified', { timeout: CHECK_TIMEOUT });
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveValue(/#s=/);
  expect(await violations()).toEqual([]);
});

test('search (Pagefind, WebAssembly) works under the policy', async ({ page }) => {
  const violations = await watch(page);
  await page.goto('search/?q=pseudo-inverse');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
  expect(await violations()).toEqual([]);
});

test('the presenter steps through every step, plots included, under the policy', async ({ page }) => {
  const violations = await watch(page);
  await page.goto('present/least-squares/');
  await page.keyboard.press('End');
  await page.waitForLoadState('networkidle');
  await page.goto('present/least-squares/notes/#3');
  await expect(page.locator('[data-now]:visible')).toHaveAttribute('data-now', '3');
  expect(await violations()).toEqual([]);
});
