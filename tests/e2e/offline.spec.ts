import { test, expect, type Page } from '@playwright/test';

/** Wait until the service worker controls the page and has saved `path`. */
async function savedForOffline(page: Page, path: string) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate((p) => caches.match(new URL(p, location.href).href).then((r) => r !== undefined), path), {
      message: `${path} saved by the service worker`,
      timeout: 15_000,
    })
    .toBe(true);
}

test('a derivation opened once reads offline: text, rendered math and its fonts', async ({ page, context }) => {
  await page.goto('derivations/monty-hall/');
  await savedForOffline(page, '/derivations/monty-hall/');
  const online = await page.locator('.katex').count();

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Monty Hall by Bayes’ theorem');
  expect(await page.locator('.katex').count()).toBe(online);
  // The stylesheet came from the saved copy: KaTeX's layout rules apply (the MathML copy is hidden).
  await expect(page.locator('.katex-mathml').first()).toHaveCSS('position', 'absolute');
  // Every font the page uses is available offline.
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status !== 'unloaded').map((f) => `${f.family}:${f.status}`);
  });
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.filter((f) => !f.endsWith(':loaded'))).toEqual([]);
});

test('offline, a page never opened says so and lists the pages that work', async ({ page, context }) => {
  await page.goto('derivations/newton-method/');
  await savedForOffline(page, '/derivations/newton-method/');
  await context.setOffline(true);
  const res = await page.goto('derivations/least-squares/');
  expect(res?.status()).toBe(503);
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await expect(page.getByText('/derivations/least-squares/')).toBeVisible();
  await page.getByRole('link', { name: /Newton’s method/ }).click();
  await expect(page.locator('h1')).toHaveText('Newton’s method');
});

test('online, pages come from the network, not from the saved copy', async ({ page }) => {
  await page.goto('derivations/monty-hall/');
  await savedForOffline(page, '/derivations/monty-hall/');
  const res = await page.reload();
  expect(res?.fromServiceWorker()).toBe(true);
  // Network first: the worker passed the request on and the server answered it.
  const [request] = await Promise.all([
    page.context().waitForEvent('request', (r) => r.url().endsWith('/derivations/monty-hall/') && r.serviceWorker() !== null),
    page.reload(),
  ]);
  expect((await request.response())?.status()).toBe(200);
});
