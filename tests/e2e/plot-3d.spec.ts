/**
 * The 3-D view of the optimiser race (adaptive-methods page): plotly.js is
 * fetched only once the reader presses the button, then the surface and the
 * paths render into a WebGL canvas with no console error and no breach of the
 * Content-Security-Policy; turning a slider redraws it.
 */
import { test, expect } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';

/** A message only plotly.js's core carries: it identifies the library's chunk. */
const PLOTLY_MARKER = 'Cannot addRelatedStyleRule';

// WebGL needs a renderer: without a GPU, Chromium's software one (SwiftShader), which it only
// offers to pages when asked.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-swiftshader'],
  },
});

test('the 3-D view fetches plotly.js only when opened, and renders with no console error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push({ url: r.url(), body: r.text().catch(() => '') });
  });
  const plotlyFetched = async () => (await Promise.all(scripts.map((s) => s.body))).some((b) => b.includes(PLOTLY_MARKER));

  await page.goto('derivations/adaptive-methods/');
  const plot = page.locator('dv-plot[data-name="optimiser-race"]');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  expect(await plotlyFetched(), 'plotly.js fetched before the button').toBe(false);

  const open = plot.getByRole('button', { name: 'Open the 3-D view' });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(plot).toHaveAttribute('data-view3d', 'ready', { timeout: 60_000 });
  expect(await plotlyFetched(), 'plotly.js fetched after the button').toBe(true);
  const view = plot.getByRole('group', { name: /Loss surface in 3-D/ });
  await expect(view).toBeVisible();
  await expect(view.locator('canvas').first()).toBeVisible();
  await expect(plot.getByRole('button', { name: 'Close the 3-D view' })).toHaveAttribute('aria-expanded', 'true');

  // Another landscape redraws the open view.
  await plot.getByRole('radio', { name: /curved valley/ }).check();
  await expect(plot.locator('[data-readout]')).toContainText('valley');
  await expect(plot).toHaveAttribute('data-view3d', 'ready');

  expect(errors).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
});
