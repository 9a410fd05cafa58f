import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontverter from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import subsetFont from 'subset-font';
import {
  AUTOHINT_REFERENCE,
  charsByFace,
  collectKatexChars,
  faceDescriptor,
  parseFontFaces,
  parseKatexFontRules,
  requestKey,
  rewriteFontFaces,
  subsetCodePoints,
  woff2Source,
  type CharsByFont,
  type FacePlan,
  type FontFace,
  type FontRequest,
  type FontSource,
} from './katex-font-subset';

/**
 * After `astro build`: subset KaTeX's fonts to the characters the built pages
 * draw, and point the built CSS at the subsets while keeping the whole fonts
 * for math rendered in the browser (how: `katex-font-subset.ts`). A whole
 * KaTeX font is 4–28 KB; a page draws a few dozen of its glyphs.
 *
 * Only faces whose family starts with `KaTeX_` are touched; subsets are
 * written next to the originals as `<font>-subset.<hash>.woff2`.
 */
export interface KatexFontsOptions {
  /** Also put FreeType's auto-hinter reference glyphs in each subset (pixel-identical on Linux; see AUTOHINT_REFERENCE). */
  autohintReference?: boolean;
}

export function katexFonts(options: KatexFontsOptions = {}): AstroIntegration {
  let base = '/';
  return {
    name: 'derivable:katex-fonts',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const t0 = performance.now();
        const out = fileURLToPath(dir);
        const summary = await subsetKatexFonts(out, base, options);
        const kb = (n: number) => (n / 1024).toFixed(1);
        logger.info(
          `${summary.subset} KaTeX fonts subset to ${summary.used} characters used on ${summary.pages} pages ` +
            `(${summary.unused} fonts used nowhere: no subset): ${kb(summary.bytesBefore)} KB → ${kb(summary.bytesAfter)} KB WOFF2 ` +
            `in ${((performance.now() - t0) / 1000).toFixed(1)} s (reading pages ${(summary.readMs / 1000).toFixed(1)} s)`,
        );
      },
    },
  };
}

interface Summary {
  pages: number;
  used: number;
  subset: number;
  unused: number;
  /** Bytes of the original WOFF2 files that were subset (every KaTeX font). */
  bytesBefore: number;
  /** Bytes of the subsets. */
  bytesAfter: number;
  /** Time spent reading the pages for characters (ms). */
  readMs: number;
}

async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(ext)).map((e) => join(e.parentPath, e.name));
}

const shortHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64url').slice(0, 8);

/** The code points a font maps, read with HarfBuzz from the decompressed font. */
function cmapOf(sfnt: Uint8Array): Set<number> {
  return new Set(new Face(new Blob(sfnt)).collectUnicodes());
}

/** A font file the CSS names: where it is on disk and how the CSS spells a sibling of it. */
interface FontRef {
  /** Bytes of the WOFF2. */
  bytes: Uint8Array;
  /** Directory on disk for files written beside it. */
  dir: string;
  /** URL prefix (as written in the CSS) for files in that directory. */
  urlDir: string;
  /** File name stem without Vite's hash: `KaTeX_Main-Regular`. */
  stem: string;
  /** Set when the CSS inlines the font as a `data:` URL. */
  inline: boolean;
}

/** Subset every KaTeX font referenced by the CSS under `out`; returns what was done. */
export async function subsetKatexFonts(out: string, base: string, options: KatexFontsOptions = {}): Promise<Summary> {
  const cssFiles = await filesUnder(out, '.css');
  const stylesheets = await Promise.all(cssFiles.map(async (file) => ({ file, css: await readFile(file, 'utf8') })));
  const rules = stylesheets.flatMap(({ css }, i) => parseKatexFontRules(css, i * 1e6));
  const chars: CharsByFont = new Map();
  const pages = await filesUnder(out, '.html');
  const t0 = performance.now();
  for (const page of pages) collectKatexChars(await readFile(page, 'utf8'), rules, chars);
  const readMs = performance.now() - t0;
  // Every KaTeX face any stylesheet declares, once per family/weight/style; the characters each is asked to draw.
  const descriptors = new Map<string, FontRequest>();
  for (const { css } of stylesheets) {
    for (const face of parseFontFaces(css)) {
      if (!face.family.startsWith('KaTeX_')) continue;
      const d = faceDescriptor(face);
      descriptors.set(requestKey(d), d);
    }
  }
  const usedByFace = charsByFace([...descriptors.values()], chars);
  const usedOf = (face: FontFace) => usedByFace.get(descriptors.get(requestKey(faceDescriptor(face)))!) ?? new Set<number>();
  const allUsed = new Set([...chars.values()].flatMap((set) => [...set]));

  /** The file a URL in `cssFile` points to, when it is inside the build. */
  const fileOf = (url: string, cssFile: string): string | undefined => {
    if (url.startsWith('data:')) return undefined;
    const cssUrl = new URL(base + cssFile.slice(out.length).replace(/^\/+/, ''), 'http://site/');
    const path = decodeURIComponent(new URL(url, cssUrl).pathname);
    if (!path.startsWith(base)) return undefined;
    return join(out, path.slice(base.length));
  };
  const urlDirOf = (url: string) => url.slice(0, url.lastIndexOf('/') + 1);
  const stemOf = (path: string) => basename(path).split('.')[0]!;

  async function refOf(face: FontFace, woff2: FontSource, cssFile: string): Promise<FontRef | undefined> {
    if (woff2.url.startsWith('data:')) {
      // Vite inlined it; take the name and folder from a file source of the same face (its .woff or .ttf).
      const sibling = face.sources.map((s) => ({ s, file: fileOf(s.url, cssFile) })).find((x) => x.file);
      if (!sibling?.file) return undefined;
      const b64 = /;base64,(.*)$/s.exec(woff2.url)?.[1];
      if (!b64) return undefined;
      return {
        bytes: Buffer.from(b64, 'base64'),
        dir: dirname(sibling.file),
        urlDir: urlDirOf(sibling.s.url),
        stem: stemOf(sibling.file),
        inline: true,
      };
    }
    const file = fileOf(woff2.url, cssFile);
    if (!file) return undefined;
    return { bytes: await readFile(file), dir: dirname(file), urlDir: urlDirOf(woff2.url), stem: stemOf(file), inline: false };
  }

  const summary: Summary = { pages: pages.length, used: allUsed.size, subset: 0, unused: 0, bytesBefore: 0, bytesAfter: 0, readMs };
  /** One plan per font content, shared by every CSS file that names the font. */
  const plans = new Map<string, FacePlan>();

  async function planFor(ref: FontRef, used: ReadonlySet<number>): Promise<FacePlan> {
    const key = shortHash(ref.bytes);
    const known = plans.get(key);
    if (known) return known;
    const sfnt = await fontverter.convert(ref.bytes, 'sfnt');
    const cmap = cmapOf(sfnt);
    const subset = subsetCodePoints(cmap, used);
    let subsetUrl: string | undefined;
    if (subset.size > 0) {
      const glyphs = options.autohintReference
        ? [...subset, ...[...AUTOHINT_REFERENCE].map((c) => c.codePointAt(0)!).filter((c) => cmap.has(c))]
        : [...subset];
      const bytes = await subsetFont(sfnt, String.fromCodePoint(...glyphs), { targetFormat: 'woff2' });
      const name = `${ref.stem}-subset.${shortHash(bytes)}.woff2`;
      await writeFile(join(ref.dir, name), bytes);
      subsetUrl = ref.urlDir + name;
      summary.subset++;
      summary.bytesAfter += bytes.length;
    } else {
      summary.unused++;
    }
    summary.bytesBefore += ref.bytes.length;
    let replaceDataUrl: string | undefined;
    if (ref.inline) {
      // The whole font moves out of the CSS into a file of its own: every page downloads the CSS, few need the whole font.
      const name = `${ref.stem}.${key}.woff2`;
      await writeFile(join(ref.dir, name), ref.bytes);
      replaceDataUrl = ref.urlDir + name;
    }
    const plan: FacePlan = { cmap, subset, subsetUrl, replaceDataUrl };
    plans.set(key, plan);
    return plan;
  }

  /** Rewritten stylesheets: old path → new path. */
  const renames = new Map<string, string>();
  for (const { file: cssFile, css } of stylesheets) {
    // Plan asynchronously first, then rewrite synchronously with the answers.
    const answers = new Map<string, FacePlan>();
    for (const face of parseFontFaces(css)) {
      const woff2 = woff2Source(face);
      if (!face.family.startsWith('KaTeX_') || !woff2) continue;
      const ref = await refOf(face, woff2, cssFile);
      if (ref) answers.set(woff2.url, await planFor(ref, usedOf(face)));
    }
    if (answers.size === 0) continue;
    const rewritten = rewriteFontFaces(css, (_face, woff2) => answers.get(woff2.url));
    if (rewritten === css) continue;
    await writeFile(cssFile, rewritten);
    renames.set(cssFile, await renameByContent(cssFile, rewritten));
  }
  if (renames.size > 0) await updateReferences(out, renames);
  return summary;
}

/**
 * The rewritten CSS gets a new content hash in its name. Vite hashed the CSS
 * before the rewrite, so an edit that only changes which glyphs the pages use
 * would otherwise ship new contents under an old, cacheable name (in browser
 * caches and in the offline cache), pointing at subsets the new build no
 * longer has.
 */
async function renameByContent(file: string, css: string): Promise<string> {
  const name = basename(file);
  const hash = shortHash(Buffer.from(css));
  const renamed = /^(.*)\.[A-Za-z0-9_-]+\.css$/.test(name)
    ? name.replace(/\.[A-Za-z0-9_-]+\.css$/, `.${hash}.css`)
    : name.replace(/\.css$/, `.${hash}.css`);
  await rename(file, join(dirname(file), renamed));
  return join(dirname(file), renamed);
}

/** Point every page (and script) of the build at the renamed stylesheets. */
async function updateReferences(out: string, renames: ReadonlyMap<string, string>): Promise<void> {
  const names = [...renames].map(([from, to]) => [basename(from), basename(to)] as const);
  const files = [...(await filesUnder(out, '.html')), ...(await filesUnder(out, '.js'))];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    let next = text;
    for (const [from, to] of names) next = next.split(from).join(to);
    if (next !== text) await writeFile(file, next);
  }
}
