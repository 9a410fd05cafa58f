import { test, expect, type Page } from '@playwright/test';
import { builtPages } from './pages';

// KaTeX fonts are subset at build time (src/integrations/katex-fonts.ts): a page
// must fetch only subsets, and its math must lay out exactly as with the whole fonts.

const SUBSET = /\/KaTeX_[\w-]+-subset\.[\w-]{8}\.woff2$/;
const pages = [...builtPages().filter((p) => /^derivations\/[^/]+\/$/.test(p)), 'present/pca-decorrelation/notes/'];

/** Font files the page fetches from now on (paths). */
function fontRequests(page: Page): string[] {
  const fonts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'font' || /\.(woff2?|ttf|otf)$/.test(new URL(req.url()).pathname)) fonts.push(new URL(req.url()).pathname);
  });
  return fonts;
}

async function settle(page: Page): Promise<void> {
  // Steps off screen are not rendered (content-visibility: auto), so their fonts are only fetched
  // when the reader scrolls to them: render every one, as a reader reaching the end would.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('.step, .mistake')) el.style.contentVisibility = 'visible';
  });
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Size of every line of math (`.katex-base`: inline-block, as wide as its glyphs), in document order. */
function mathBoxes(page: Page): Promise<[number, number][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main .katex-html > .katex-base')].map((el) => {
      const r = el.getBoundingClientRect();
      return [r.width, r.height] as [number, number];
    }),
  );
}

/**
 * The same page as it would be without subsetting: the CSS without the subset faces, and the whole
 * fonts' faces without their unicode-range (as KaTeX ships them), so the whole fonts draw everything.
 */
async function withoutSubsets(page: Page): Promise<void> {
  await page.route('**/*.css', async (route) => {
    const res = await route.fetch();
    const css = (await res.text())
      .replace(/@font-face\{[^}]*-subset\.[^}]*\}/g, '')
      .replace(/(@font-face\{[^}]*font-family:KaTeX_[^}]*?);unicode-range:[^;}]*/g, '$1');
    await route.fulfill({ response: res, body: css });
  });
}

test('the pages under test include every derivation', () => {
  expect(pages.length).toBeGreaterThanOrEqual(6);
});

for (const path of pages) {
  test(`/${path} fetches only font subsets, and its math lays out as with the whole fonts`, async ({ browser }) => {
    const subsetPage = await browser.newPage();
    const fetched = fontRequests(subsetPage);
    await subsetPage.goto(path);
    await settle(subsetPage);
    expect(fetched.length, 'the page draws math, so it fetches fonts').toBeGreaterThan(0);
    expect(
      fetched.filter((f) => !SUBSET.test(f)),
      'fonts fetched that are not subsets',
    ).toEqual([]);
    const failed = await subsetPage.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'error').map((f) => `${f.family} ${f.weight} ${f.style}`),
    );
    expect(failed, 'font faces that failed to load').toEqual([]);
    // A family's "first available font" is the face whose range holds U+0020, and Chromium may fetch it for
    // line metrics alone: for every family drawn here that must be the subset (loaded), not the whole font.
    const spaceInWholeFont = await subsetPage.evaluate(() => {
      const coversSpace = (range: string) =>
        range.split(',').some((r) => {
          const [a, b = a] = r
            .trim()
            .replace(/^U\+/i, '')
            .split('-')
            .map((h) => parseInt(h, 16));
          return a! <= 0x20 && 0x20 <= b!;
        });
      const faces = [...document.fonts].filter((f) => f.family.startsWith('KaTeX_'));
      return faces
        .filter((f) => f.status === 'loaded')
        .flatMap((sub) =>
          faces.filter(
            (f) => f !== sub && f.family === sub.family && f.weight === sub.weight && f.style === sub.style && coversSpace(f.unicodeRange),
          ),
        )
        .map((f) => `${f.family} ${f.weight} ${f.style}`);
    });
    expect(spaceInWholeFont, 'whole fonts whose unicode-range holds the space').toEqual([]);
    const subsetBoxes = await mathBoxes(subsetPage);
    await subsetPage.close();

    const fullPage = await browser.newPage();
    const fetchedFull = fontRequests(fullPage);
    await withoutSubsets(fullPage);
    await fullPage.goto(path);
    await settle(fullPage);
    expect(
      fetchedFull.filter((f) => SUBSET.test(f)),
      'the comparison page uses whole fonts',
    ).toEqual([]);
    expect(fetchedFull.length).toBeGreaterThan(0);
    const fullBoxes = await mathBoxes(fullPage);
    await fullPage.close();

    expect(subsetBoxes.length).toBeGreaterThan(0);
    expect(subsetBoxes.length).toBe(fullBoxes.length);
    const differ = subsetBoxes
      .map((subset, i) => ({ i, subset, full: fullBoxes[i]! }))
      .filter(({ subset: [w, h], full: [fw, fh] }) => Math.abs(w - fw) > 0.01 || Math.abs(h - fh) > 0.01);
    expect(differ, 'math lines whose size differs between subset and whole fonts').toEqual([]);
  });
}

test('a glyph the pages never use still comes from the whole KaTeX font (math rendered in the browser)', async ({ page }) => {
  const fetched = fontRequests(page);
  await page.goto('derivations/monty-hall/');
  await settle(page);
  expect(fetched.every((f) => SUBSET.test(f))).toBe(true);
  // ♠ (U+2660) is in KaTeX_Main-Regular and on no page.
  const width = await page.evaluate(async () => {
    const probe = document.createElement('span');
    probe.className = 'katex';
    probe.textContent = '\u2660';
    document.querySelector('main')!.append(probe);
    await document.fonts.ready;
    const face = [...document.fonts].find(
      (f) =>
        f.family === 'KaTeX_Main' && f.weight === '400' && f.style === 'normal' && f.status === 'loaded' && f.unicodeRange.includes('2660'),
    );
    return face ? probe.getBoundingClientRect().width : -1;
  });
  expect(fetched.filter((f) => /\/KaTeX_Main-Regular\.[\w-]+\.woff2$/.test(f) && !SUBSET.test(f))).toHaveLength(1);
  expect(width).toBeGreaterThan(0);
});
