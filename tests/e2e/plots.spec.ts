/**
 * Live plots on the built site: every plot a page places becomes ready with
 * no console error; a plot far below the fold does not fetch the plotting
 * library until the reader scrolls to it; controls change what is shown;
 * readouts are filled into their build-time templates (no KaTeX fetched).
 */
import { test, expect, type Page } from '@playwright/test';
import { builtPages } from './pages';

/** Observable Plot stamps this class prefix on every chart; it identifies the library's chunk. */
const PLOT_LIBRARY_MARKER = 'plot-d6a7b5';

const pages = builtPages().filter((p) => p.startsWith('derivations/') || p === 'plots/');

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Scroll each plot into view in turn and wait until it has drawn. */
async function readyAll(page: Page): Promise<string[]> {
  const plots = page.locator('dv-plot');
  const names: string[] = [];
  for (let i = 0; i < (await plots.count()); i++) {
    const plot = plots.nth(i);
    await plot.scrollIntoViewIfNeeded();
    await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    const name = (await plot.getAttribute('data-name'))!;
    await expect(plot).toHaveAttribute('data-plot', name);
    await expect(plot.locator('svg').first()).toBeVisible();
    // The readout came from its build-time template, not from KaTeX loaded in the browser.
    await expect(plot.locator('[data-readout]')).toHaveAttribute('data-readout', 'template');
    names.push(name);
  }
  return names;
}

for (const path of pages) {
  test(`/${path}: every plot becomes ready with no console error`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(path);
    const names = await readyAll(page);
    if (path.startsWith('derivations/')) expect(names.length, 'plots on the page').toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
}

test('the plots page shows every plot', async ({ page }) => {
  await page.goto('plots/');
  expect(await readyAll(page)).toEqual([
    'least-squares-fit',
    'ml-vs-map-estimates',
    'ml-vs-map-mse',
    'pca-decorrelation',
    'monty-hall-games',
    'newton-method',
    'bayes-rule-frequencies',
    'receptive-field-grid',
    'conjugate-priors-beta',
    'monte-carlo-pi',
    'clt-sample-mean',
    'l1-l2-regions',
    'gradient-descent',
    'momentum',
    'optimiser-race',
    'adam-bias-correction',
    'backprop-graph',
  ]);
});

test('a plot far below the fold loads the plotting library only when scrolled to', async ({ page }) => {
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push({ url: r.url(), body: r.text().catch(() => '') });
  });
  const hasLibrary = async () => (await Promise.all(scripts.map((s) => s.body))).some((b) => b.includes(PLOT_LIBRARY_MARKER));
  await page.goto('derivations/ml-vs-map/');
  await page.waitForLoadState('networkidle');
  const plot = page.locator('dv-plot').first();
  const { top, viewport } = await plot.evaluate((el) => ({ top: el.getBoundingClientRect().top, viewport: innerHeight }));
  expect(top, 'the first plot starts well below the fold').toBeGreaterThan(2 * viewport);
  expect(scripts.length, 'the page loads its small scripts up front').toBeGreaterThan(0);
  expect(await hasLibrary(), 'plot library fetched before scrolling').toBe(false);
  await expect(plot).not.toHaveAttribute('data-ready', 'true');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  expect(await hasLibrary(), 'plot library fetched after scrolling').toBe(true);
});

test('sliders move the ML and MAP estimates', async ({ page }) => {
  await page.goto('plots/');
  const plot = page.locator('dv-plot[data-name="ml-vs-map-estimates"]');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const readout = plot.locator('[data-readout]');
  const before = await readout.textContent();
  const slider = plot.getByLabel('Prior σ₀');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(readout).not.toHaveText(before!);
  await expect(plot.locator('output[data-output="sigma0"]')).toHaveText('3');
  // Keyboard steps on the sample-count slider redraw the estimates. The island times each redraw
  // (data-last-update-ms); timings are logged, not asserted, because a shared CI machine makes them noisy.
  const n = plot.getByLabel('Samples n');
  await n.focus();
  const mlBefore = await readout.textContent();
  const timings: string[] = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('ArrowRight');
    // Each key press redraws: wait for the readout of this step before the next one.
    await expect(plot.locator('output[data-output="n"]')).toHaveText(String(5 + i + 1));
    if ((await plot.getAttribute('data-last-update-kind')) === 'draft') timings.push((await plot.getAttribute('data-last-update-ms'))!);
  }
  console.log(`ml-vs-map-estimates draft update ms: ${timings.join(', ')}`);
  await expect(plot.locator('output[data-output="n"]')).toHaveText('15');
  await expect(readout).not.toHaveText(mlBefore!);
});

test('a least-squares point moves by keyboard and the fit follows', async ({ page }) => {
  await page.goto('plots/');
  const plot = page.locator('dv-plot[data-name="least-squares-fit"]');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const readout = plot.locator('[data-readout]');
  const before = await readout.textContent();
  const handle = plot.getByRole('button', { name: /^Point 1 at/ });
  await handle.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(handle).toHaveAttribute('aria-label', /Point 1 at x [\d.]+, y [\d.]+/);
  await expect(readout).not.toHaveText(before!);
  await expect(handle).toBeFocused();
});

test('Monty Hall: running 100 games updates the win rates, and a hand game can be played', async ({ page }) => {
  await page.goto('plots/');
  const plot = page.locator('dv-plot[data-name="monty-hall-games"]');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await plot.getByRole('button', { name: 'Run 100 games' }).click();
  await expect(plot.locator('[data-readout]')).toContainText('100');
  await plot.getByRole('button', { name: 'Door 2' }).click();
  await expect(plot.getByRole('button', { name: 'Stay with door 2' })).toBeVisible();
  await plot.getByRole('button', { name: 'Stay with door 2' }).click();
  await expect(plot).toContainText('stayed 1');
});
