/**
 * Every internal link and anchor in the built site resolves: pages, assets
 * and `#fragment`s (`/derivations/x/#step-y`, `href="#..."`). The static HTML
 * in dist/ is read from disk and parsed by Chromium's own parser, so what is
 * checked is what a reader's browser would see before any script runs.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtPages } from './pages';

const DIST = process.env.E2E_DIST ?? 'dist';
/** The site's base path (astro.config: DERIVABLE_BASE, default `/`). */
const BASE = (process.env.DERIVABLE_BASE ?? '/').replace(/\/?$/, '/');
const ORIGIN = 'http://derivable.invalid';

interface Extracted {
  links: { attr: string; value: string; tag: string }[];
  ids: string[];
}

/** The file in dist/ that serves a site path, or undefined. */
function fileFor(pathname: string): string | undefined {
  if (!pathname.startsWith(BASE)) return undefined;
  const rel = decodeURIComponent(pathname.slice(BASE.length));
  const candidates = rel === '' || rel.endsWith('/') ? [join(DIST, rel, 'index.html')] : [join(DIST, rel), join(DIST, rel, 'index.html')];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}

const pageUrl = (route: string) => `${ORIGIN}${BASE}${route}`;

test('every internal link, asset and #anchor in the built site resolves', async ({ page }) => {
  const routes = builtPages(DIST);
  expect(routes.length).toBeGreaterThan(5);
  await page.goto('about:blank');

  const parsed = new Map<string, Extracted>();
  const extract = async (file: string): Promise<Extracted> => {
    const hit = parsed.get(file);
    if (hit) return hit;
    const html = readFileSync(file, 'utf8');
    const out = await page.evaluate((src) => {
      const doc = new DOMParser().parseFromString(src, 'text/html');
      const links: { attr: string; value: string; tag: string }[] = [];
      for (const el of doc.querySelectorAll('[href], [src], [srcset]')) {
        for (const attr of ['href', 'src']) {
          const v = el.getAttribute(attr);
          if (v !== null) links.push({ attr, value: v, tag: el.tagName.toLowerCase() });
        }
      }
      const ids = [...doc.querySelectorAll('[id]')]
        .map((e) => e.id)
        .concat([...doc.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')!));
      return { links, ids };
    }, html);
    parsed.set(file, out);
    return out;
  };

  const broken: string[] = [];
  let checked = 0;
  let fragments = 0;
  for (const route of routes) {
    const file = route === '404.html' ? join(DIST, '404.html') : join(DIST, route, 'index.html');
    const from = pageUrl(route);
    const { links } = await extract(file);
    for (const link of links) {
      const v = link.value.trim();
      if (v === '' && link.tag === 'a') {
        broken.push(`/${route}: <a href=""> points nowhere`);
        continue;
      }
      if (/^(mailto|tel|data|blob|javascript):/i.test(v)) {
        if (/^javascript:/i.test(v)) broken.push(`/${route}: <${link.tag} ${link.attr}="${v}">`);
        continue;
      }
      const url = new URL(v, from);
      if (url.origin !== ORIGIN) continue; // external: not ours to check here
      checked++;
      const target = fileFor(url.pathname);
      if (!target) {
        broken.push(`/${route}: <${link.tag} ${link.attr}="${v}"> → ${url.pathname} does not exist in dist/`);
        continue;
      }
      if (url.hash.length > 1 && target.endsWith('.html')) {
        fragments++;
        const id = decodeURIComponent(url.hash.slice(1));
        const { ids } = await extract(target);
        if (!ids.includes(id)) broken.push(`/${route}: <${link.tag} ${link.attr}="${v}"> → no id="${id}" in ${target}`);
      }
    }
  }
  expect(broken).toEqual([]);
  // The site links between its pages and to step anchors; a parser that found nothing would pass vacuously.
  expect(checked).toBeGreaterThan(routes.length * 3);
  expect(fragments).toBeGreaterThan(0);
});

test('ids are unique on every built page (anchors resolve to one place)', async ({ page }) => {
  await page.goto('about:blank');
  const dupes: string[] = [];
  for (const route of builtPages(DIST)) {
    const file = route === '404.html' ? join(DIST, '404.html') : join(DIST, route, 'index.html');
    const ids = await page.evaluate(
      (src) => [...new DOMParser().parseFromString(src, 'text/html').querySelectorAll('[id]')].map((e) => e.id),
      readFileSync(file, 'utf8'),
    );
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) dupes.push(`/${route}: id="${id}" appears more than once`);
      seen.add(id);
    }
  }
  expect(dupes).toEqual([]);
});
