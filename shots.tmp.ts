import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';
const base = 'http://localhost:4371/';
const slugs = (process.argv[2] ?? 'bayes-rule,receptive-field,conjugate-priors,monte-carlo-clt,l1-l2-regularization').split(',');
const out = '/tmp/prob-shots';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const slug of slugs) {
  for (const vp of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    for (const scheme of (vp.name === 'desktop' ? ['light', 'dark'] : ['light']) as ('light' | 'dark')[]) {
      const page = await browser.newPage({ viewport: vp, colorScheme: scheme });
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}derivations/${slug}/`, { waitUntil: 'networkidle' });
      await page.screenshot({ path: `${out}/${slug}-${vp.name}-${scheme}-top.png` });
      const plots = page.locator('dv-plot');
      for (let i = 0; i < (await plots.count()); i++) {
        const p = plots.nth(i);
        await p.scrollIntoViewIfNeeded();
        await p.locator('xpath=..').waitFor();
        await page.waitForFunction((el) => el.getAttribute('data-ready') === 'true', await p.elementHandle(), { timeout: 30000 });
        await page.locator('figure.dv-figure').nth(i).screenshot({ path: `${out}/${slug}-${vp.name}-${scheme}-plot${i}.png` });
      }
      // A mistake block and the steps: one mid-page shot.
      const m = page.locator('.mistake, [data-mistake]').first();
      if (await m.count()) { await m.scrollIntoViewIfNeeded(); await page.screenshot({ path: `${out}/${slug}-${vp.name}-${scheme}-mistake.png` }); }
      console.log(slug, vp.name, scheme, 'errors:', JSON.stringify(errors));
      await page.close();
    }
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${base}present/${slug}/`, { waitUntil: 'networkidle' });
  await page.screenshot({ path: `${out}/${slug}-present-0.png` });
  for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/${slug}-present-6.png` });
  await page.close();
}
await browser.close();
