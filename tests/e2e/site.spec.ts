import { test, expect, type Page } from '@playwright/test';
import { builtPages } from './pages';
import { seriousViolations } from './axe';

const pages = builtPages();

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('the build has a home page and the five core derivations', () => {
  expect(pages).toContain('');
  for (const slug of ['least-squares', 'ml-vs-map', 'pca-decorrelation', 'monty-hall', 'newton-method']) {
    expect(pages).toContain(`derivations/${slug}/`);
  }
});

test('the accessibility audit reports a violation planted in a page (the settings that make it fast hide nothing)', async ({ page }) => {
  await page.goto('');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Grey on white is hard to read';
    p.style.color = '#eeeeee';
    p.style.background = '#ffffff';
    document.querySelector('main')!.append(p);
  });
  expect((await seriousViolations(page)).join('\n')).toMatch(/^color-contrast:/m);
});

for (const path of pages) {
  test(`/${path} loads without console errors or KaTeX errors`, async ({ page }) => {
    const errors = collectErrors(page);
    const res = await page.goto(path);
    expect(res?.ok(), 'HTTP status').toBe(true);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.katex-error')).toHaveCount(0);
    await expect(page.locator('h1')).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`/${path} has no serious accessibility violations (${scheme})`, async ({ page }) => {
      // A derivation page is ~14,000 nodes with KaTeX's MathML: on a busy machine an axe scan of
      // it took 96–108 s (load ~24), slow rather than wrong; the ceiling is three times the default.
      test.slow();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test('the theme toggle switches theme and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await bg()).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).not.toBe(light);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the theme follows the OS until the reader picks one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
});

test('searching "pseudo-inverse" finds the least-squares page', async ({ page }) => {
  await page.goto('');
  await page.getByRole('searchbox', { name: 'Search derivations' }).fill('pseudo-inverse');
  await page.getByRole('searchbox', { name: 'Search derivations' }).press('Enter');
  await expect(page).toHaveURL(/search\/\?q=pseudo-inverse/);
  const hit = page.locator('.pagefind-ui__result-link').filter({ hasText: /least squares/i });
  await expect(hit.first()).toBeVisible({ timeout: 15_000 });
  await expect(hit.first()).toHaveAttribute('href', /derivations\/least-squares\//);
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('an unknown address shows the 404 page', async ({ page }) => {
  const res = await page.goto('derivations/no-such-thing/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
