/**
 * Screenshots of built pages, for looking at what we ship:
 *   npx tsx scripts/screenshot.ts http://localhost:4321/ out-dir [path ...]
 * Writes <name>-<viewport>-<theme>.png for 1280x800 and 390x844, light and dark.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const [base = 'http://localhost:4321/', out = '.bench/shots', ...paths] = process.argv.slice(2);
const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const path of paths.length ? paths : ['']) {
  for (const vp of viewports) {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: vp, colorScheme: scheme, deviceScaleFactor: 1 });
      await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
      const name = (path.replace(/\/$/, '').replace(/\//g, '_') || 'home') + `-${vp.name}-${scheme}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: process.env.FULL === '1' });
      await page.close();
      console.log(`${out}/${name}`);
    }
  }
}
await browser.close();
