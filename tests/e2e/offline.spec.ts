import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';

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

// ---- One cache per build, deleted when the next build's worker activates; a bound on its size ----

const DIST = process.env.E2E_DIST ?? 'dist';
const BUILT_WORKER = readFileSync(join(DIST, 'sw.js'), 'utf8');
const VERSION_LINE = /^const VERSION = '([^']*)';$/m;
const MAX_LINE = /^const MAX_ENTRIES = (\d+);$/m;

interface Worker {
  /** The build's version in it. */
  version?: string;
  /** Its bound on the number of cache entries. */
  maxEntries?: number;
}

/**
 * Serve sw.js as the build wrote it, or as another build would: another
 * version and, if given, another bound. Change `worker` to serve another.
 */
async function serveWorker(context: BrowserContext, worker: Worker = {}): Promise<Worker> {
  expect(BUILT_WORKER).toMatch(VERSION_LINE);
  expect(BUILT_WORKER).toMatch(MAX_LINE);
  await context.route(/\/sw\.js(\?.*)?$/, (route) => {
    let body = BUILT_WORKER;
    if (worker.version !== undefined) body = body.replace(VERSION_LINE, `const VERSION = '${worker.version}';`);
    if (worker.maxEntries !== undefined) body = body.replace(MAX_LINE, `const MAX_ENTRIES = ${worker.maxEntries};`);
    return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body });
  });
  return worker;
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());
/** Every saved address, in every cache. */
const savedUrls = (page: Page) =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });

test('the build names the cache: a new build’s worker deletes the old build’s cache and its files', async ({ page, context }) => {
  const built = VERSION_LINE.exec(BUILT_WORKER)?.[1];
  expect(built, 'the build wrote a hash into sw.js').toMatch(/^[0-9a-f]{16}$/);
  const worker = await serveWorker(context);
  await page.goto('derivations/monty-hall/');
  await savedForOffline(page, '/derivations/monty-hall/');
  expect(await cacheNames(page)).toEqual([`derivable:/:${built}`]);
  const old = await savedUrls(page);
  expect(old.filter((u) => new URL(u).pathname.startsWith('/_astro/')).length).toBeGreaterThan(0);
  // A file only the old build had, the first worker's one cache, and another copy of the site on this origin.
  await page.evaluate(async (name) => {
    await (await caches.open(name)).put('/_astro/only-in-the-old-build.0ld0ld.js', new Response('old'));
    await (await caches.open('derivable-v1')).put('/_astro/from-the-first-worker.js', new Response('older'));
    await (await caches.open('derivable:/elsewhere/:abc')).put('/elsewhere/', new Response('not ours'));
  }, `derivable:/:${built}`);

  // The next build: its worker differs only in its version, as one whose pages changed would.
  worker.version = 'next-build';
  // The page registers the next build's worker (at another address: Playwright
  // cannot answer the browser's own update check of a registered worker).
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?build=next', { scope: '/' }).then(() => undefined));
  await expect
    .poll(() => cacheNames(page), { message: 'old caches deleted when the new worker activates' })
    .toEqual(['derivable:/elsewhere/:abc']);
  await page.reload();
  await savedForOffline(page, '/derivations/monty-hall/');
  expect((await cacheNames(page)).sort()).toEqual(['derivable:/:next-build', 'derivable:/elsewhere/:abc']);
  const now = await savedUrls(page);
  expect(now.filter((u) => /only-in-the-old-build|from-the-first-worker/.test(u))).toEqual([]);

  // And the page reads offline from the new build's cache.
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Monty Hall by Bayes’ theorem');
  await expect(page.locator('.katex-mathml').first()).toHaveCSS('position', 'absolute');
});

test('the cache keeps at most MAX_ENTRIES entries: the least recently opened page goes first, whole', async ({ browser }) => {
  test.setTimeout(180_000); // three browser profiles, each opening pages and saving them
  const built = Number(MAX_LINE.exec(BUILT_WORKER)?.[1]);
  expect(built).toBeGreaterThanOrEqual(200);

  /** Open pages in a new browser profile whose worker keeps `max` entries; return the saved addresses. */
  async function open(paths: string[], max: number, after?: (page: Page) => Promise<void>) {
    const context = await browser.newContext();
    await serveWorker(context, { maxEntries: max });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(path);
      await savedForOffline(page, `/${path}`);
      await page.waitForLoadState('networkidle');
    }
    await expect.poll(async () => (await savedUrls(page)).length, { message: `at most ${max} entries` }).toBeLessThanOrEqual(max);
    const urls = (await savedUrls(page)).sort();
    await after?.(page);
    await context.close();
    return urls;
  }
  const paths = (urls: string[]) => urls.map((u) => new URL(u).pathname);

  // What Newton's method saves, with room to spare; what the search page saves that Newton's method does not.
  const newton = paths(await open(['derivations/newton-method/'], built));
  const search = paths(await open(['search/'], built));
  const searchOnly = search.filter((p) => !newton.includes(p));
  expect(newton).toContain('/derivations/newton-method/');
  expect(searchOnly).toContain('/search/');
  expect(searchOnly.length, 'the search page saves files of its own').toBeGreaterThan(1);

  // The search page, then Newton's method, in a profile that keeps only as many entries as Newton's method needs.
  const kept = paths(
    await open(['search/', 'derivations/newton-method/'], newton.length, async (page) => {
      await page.context().setOffline(true);
      await page.reload();
      await expect(page.locator('h1')).toHaveText('Newton’s method');
      await expect(page.locator('.katex-mathml').first()).toHaveCSS('position', 'absolute');
    }),
  );
  // The search page went, and with it every file only it had saved; Newton's method is whole.
  expect(kept).toEqual(newton);
});
