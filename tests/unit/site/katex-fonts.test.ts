import { mkdtemp, mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as fontverter from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import {
  charsByFace,
  collectKatexChars,
  matchFace,
  parseFontFaces,
  parseKatexFontRules,
  requestKey,
  rewriteFontFaces,
  subsetCodePoints,
  unicodeRange,
  type FontRequest,
} from '../../../src/integrations/katex-font-subset';
import { subsetKatexFonts } from '../../../src/integrations/katex-fonts';
import { KATEX_OPTIONS } from '../../../src/site/katex-options';

const require = createRequire(import.meta.url);
const KATEX_CSS_FILE = require.resolve('katex/dist/katex.min.css');
const FONTS_DIR = join(KATEX_CSS_FILE, '../fonts');

const cps = (s: string) => new Set([...s].map((c) => c.codePointAt(0)!));
const str = (set: ReadonlySet<number> | undefined) => String.fromCodePoint(...[...(set ?? [])].sort((a, b) => a - b));
const render = (tex: string, displayMode = false) => katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode });

describe('collectKatexChars', async () => {
  const rules = parseKatexFontRules(await readFile(KATEX_CSS_FILE, 'utf8'));

  it('reads the font of every rule KaTeX uses to pick a font', () => {
    const bySelector = new Map(rules.map((r) => [r.selector, r.set]));
    expect(bySelector.get('.katex')).toEqual({ family: 'KaTeX_Main', style: 'normal', weight: 400 });
    expect(bySelector.get('.katex .mathnormal')).toEqual({ family: 'KaTeX_Math', style: 'italic' });
    expect(bySelector.get('.katex .mathbf')).toEqual({ family: 'KaTeX_Main', weight: 700 });
    expect(bySelector.get('.katex .delimsizing.mult .delim-size1>span')).toEqual({ family: 'KaTeX_Size1' });
  });

  it('puts each character of the HTML rendering under the font that draws it, and none of the MathML', () => {
    const html = `<p>Text outside math: Q</p>${render('\\mathcal{N}(x; \\mathbf{w}) + \\sum_i 2', true)}`;
    const chars = collectKatexChars(html, rules);
    expect(str(chars.get('KaTeX_Math|400|italic'))).toBe('ix');
    expect(str(chars.get('KaTeX_Caligraphic|400|normal'))).toBe('N');
    expect(str(chars.get('KaTeX_Main|700|normal'))).toBe('w');
    expect(str(chars.get('KaTeX_Size2|400|normal'))).toBe('∑'); // display-style large operator
    // U+200B: KaTeX's empty `.vlist-s` cells (a Safari fix) hold a zero-width space.
    expect(str(chars.get('KaTeX_Main|400|normal'))).toBe('()+2;\u200b');
    // "Q" is outside math; the MathML copy (<mi>x</mi>, the TeX annotation) is not drawn in KaTeX fonts.
    const all = new Set([...chars.values()].flatMap((s) => [...s]));
    expect(all.has('Q'.codePointAt(0)!)).toBe(false);
    expect(all.has('\\'.codePointAt(0)!)).toBe(false);
  });

  it('adds the digits and parentheses of automatic equation numbers', () => {
    const chars = collectKatexChars(
      katex.renderToString('\\begin{equation}a\\end{equation}', { ...KATEX_OPTIONS, displayMode: true, strict: false }),
      rules,
    );
    expect(str(chars.get('KaTeX_Main|400|normal'))).toBe('()0123456789\u200b');
  });

  it('accumulates over pages', () => {
    const into = collectKatexChars(render('a'), rules);
    collectKatexChars(render('b'), rules, into);
    expect(str(into.get('KaTeX_Math|400|italic'))).toBe('ab');
  });
});

describe('matchFace', () => {
  const faces: FontRequest[] = [
    { family: 'KaTeX_Main', weight: 400, style: 'normal' },
    { family: 'KaTeX_Main', weight: 700, style: 'normal' },
    { family: 'KaTeX_Main', weight: 400, style: 'italic' },
    { family: 'KaTeX_Math', weight: 400, style: 'italic' },
    { family: 'KaTeX_Size1', weight: 400, style: 'normal' },
  ];
  it('picks the face a browser picks: style first, then the nearest weight', () => {
    expect(matchFace(faces, { family: 'KaTeX_Main', weight: 700, style: 'italic' })).toBe(faces[2]); // no bold italic: italic wins over bold
    expect(matchFace(faces, { family: 'KaTeX_Math', weight: 400, style: 'normal' })).toBe(faces[3]); // only face of the family
    expect(matchFace(faces, { family: 'KaTeX_Size1', weight: 700, style: 'normal' })).toBe(faces[4]); // bold is synthesized
    expect(matchFace(faces, { family: 'KaTeX_Main', weight: 600, style: 'normal' })).toBe(faces[1]);
    expect(matchFace(faces, { family: 'Times', weight: 400, style: 'normal' })).toBeUndefined();
  });
  it('merges the characters of requests that land on the same face', () => {
    const byFace = charsByFace(
      faces,
      new Map([
        [requestKey({ family: 'KaTeX_Size1', weight: 400, style: 'normal' }), cps('∑')],
        [requestKey({ family: 'KaTeX_Size1', weight: 700, style: 'normal' }), cps('∏')],
        [requestKey({ family: 'serif', weight: 400, style: 'normal' }), cps('z')],
      ]),
    );
    expect([...byFace.keys()]).toEqual([faces[4]]);
    expect(str(byFace.get(faces[4]!))).toBe('∏∑');
  });
});

describe('subsetCodePoints', () => {
  it('keeps the used characters the font has, and its space when any is used', () => {
    expect(str(subsetCodePoints(cps(' abc'), cps('cz')))).toBe(' c');
    expect(subsetCodePoints(cps(' abc'), cps('z')).size).toBe(0); // a font nothing uses gets no subset
    expect(str(subsetCodePoints(cps('abc'), cps('a')))).toBe('a'); // no space in the font
  });
});

describe('unicodeRange', () => {
  it('merges runs and writes hex', () => {
    expect(unicodeRange([0x41, 0x42, 0x43, 0x2212, 0x20, 0x43])).toBe('U+20,U+41-43,U+2212');
    expect(unicodeRange([])).toBe('');
  });
});

describe('rewriteFontFaces', () => {
  const css =
    '.a{color:red}' +
    '@font-face{font-display:block;font-family:KaTeX_Main;font-style:normal;font-weight:400;src:url(/_astro/KaTeX_Main-Regular.X.woff2)format("woff2"),url(/_astro/KaTeX_Main-Regular.Y.woff)format("woff")}' +
    '@font-face{font-display:block;font-family:KaTeX_Size3;font-style:normal;font-weight:400;src:url(data:font/woff2;base64,AAAA)format("woff2"),url(/_astro/KaTeX_Size3-Regular.Z.ttf)format("truetype")}' +
    '@font-face{font-family:Other;src:url(/o.woff2)format("woff2")}' +
    '.b{color:blue}';

  it('keeps each original for the rest of its cmap and adds the subset after it, limited to cmap ∩ used', () => {
    const out = rewriteFontFaces(css, (face) =>
      face.family === 'KaTeX_Main'
        ? { cmap: cps('abcxyz'), subset: cps('ax'), subsetUrl: '/_astro/KaTeX_Main-Regular-subset.H.woff2' }
        : face.family === 'KaTeX_Size3'
          ? { cmap: cps('()'), subset: new Set(), subsetUrl: undefined, replaceDataUrl: '/_astro/KaTeX_Size3-Regular.F.woff2' }
          : undefined,
    );
    expect(out).toBe(
      '.a{color:red}' +
        '@font-face{font-display:block;font-family:KaTeX_Main;font-style:normal;font-weight:400;src:url(/_astro/KaTeX_Main-Regular.X.woff2)format("woff2"),url(/_astro/KaTeX_Main-Regular.Y.woff)format("woff");unicode-range:U+62-63,U+79-7a}' +
        '@font-face{font-display:block;font-family:KaTeX_Main;font-style:normal;font-weight:400;src:url(/_astro/KaTeX_Main-Regular-subset.H.woff2)format("woff2");unicode-range:U+61,U+78}' +
        // No character of this font is used: no subset face; its inlined data moves to a file.
        '@font-face{font-display:block;font-family:KaTeX_Size3;font-style:normal;font-weight:400;src:url(/_astro/KaTeX_Size3-Regular.F.woff2)format("woff2"),url(/_astro/KaTeX_Size3-Regular.Z.ttf)format("truetype");unicode-range:U+28-29}' +
        '@font-face{font-family:Other;src:url(/o.woff2)format("woff2")}' +
        '.b{color:blue}',
    );
    // The result parses back into the same pairs.
    expect(parseFontFaces(out).map((f) => [f.family, f.sources[0]!.url])).toEqual([
      ['KaTeX_Main', '/_astro/KaTeX_Main-Regular.X.woff2'],
      ['KaTeX_Main', '/_astro/KaTeX_Main-Regular-subset.H.woff2'],
      ['KaTeX_Size3', '/_astro/KaTeX_Size3-Regular.F.woff2'],
      ['Other', '/o.woff2'],
    ]);
  });

  it('drops the original when the subset covers its whole cmap (an empty unicode-range would mean every character)', () => {
    const out = rewriteFontFaces(css, (face) =>
      face.family === 'KaTeX_Main' ? { cmap: cps('ab'), subset: cps('ab'), subsetUrl: '/s.woff2' } : undefined,
    );
    const main = parseFontFaces(out).filter((f) => f.family === 'KaTeX_Main');
    expect(main.map((f) => [f.sources[0]!.url, f.declarations.find(([k]) => k === 'unicode-range')![1]])).toEqual([
      ['/s.woff2', 'U+61-62'],
    ]);
  });

  it('keeps semicolons inside data: URLs when parsing', () => {
    const [, size3] = parseFontFaces(css);
    expect(size3!.sources.map((s) => s.url)).toEqual(['data:font/woff2;base64,AAAA', '/_astro/KaTeX_Size3-Regular.Z.ttf']);
  });
});

describe('subsetKatexFonts on a small build', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  const cmapOf = async (file: string) =>
    new Set(new Face(new Blob(await fontverter.convert(await readFile(file), 'sfnt'))).collectUnicodes());

  async function smallBuild(): Promise<string> {
    const out = await mkdtemp(join(tmpdir(), 'katex-fonts-'));
    dirs.push(out);
    await mkdir(join(out, '_astro'));
    await mkdir(join(out, 'page'));
    for (const f of ['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2', 'KaTeX_Fraktur-Regular.woff2', 'KaTeX_Size3-Regular.ttf']) {
      await copyFile(join(FONTS_DIR, f), join(out, '_astro', f.replace('.', '.hash.')));
    }
    const size3 = (await readFile(join(FONTS_DIR, 'KaTeX_Size3-Regular.woff2'))).toString('base64');
    const katexRules = (await readFile(KATEX_CSS_FILE, 'utf8')).replace(/@font-face\{[^}]*\}/g, '');
    const face = (family: string, style: string, src: string) =>
      `@font-face{font-display:block;font-family:${family};font-style:${style};font-weight:400;src:${src}}`;
    const css =
      face('KaTeX_Main', 'normal', 'url(/docs/_astro/KaTeX_Main-Regular.hash.woff2)format("woff2")') +
      face('KaTeX_Math', 'italic', 'url(./KaTeX_Math-Italic.hash.woff2)format("woff2")') +
      face('KaTeX_Fraktur', 'normal', 'url(/docs/_astro/KaTeX_Fraktur-Regular.hash.woff2)format("woff2")') +
      face(
        'KaTeX_Size3',
        'normal',
        `url(data:font/woff2;base64,${size3})format("woff2"),url(/docs/_astro/KaTeX_Size3-Regular.hash.ttf)format("truetype")`,
      ) +
      katexRules;
    await writeFile(join(out, '_astro', 'site.css'), css);
    await writeFile(
      join(out, 'page', 'index.html'),
      `<!doctype html><title>t</title><link rel="stylesheet" href="/docs/_astro/site.css"><p>${render('x + y = 1')}</p>`,
    );
    return out;
  }

  it('writes subsets with exactly the used characters, under a base path, and moves inlined fonts out of the CSS', async () => {
    const out = await smallBuild();
    const summary = await subsetKatexFonts(out, '/docs/');
    expect(summary).toMatchObject({ pages: 1, subset: 2, unused: 2 });

    const files = await readdir(join(out, '_astro'));
    const mainSubset = files.find((f) => /^KaTeX_Main-Regular-subset\.[\w-]{8}\.woff2$/.test(f));
    const mathSubset = files.find((f) => /^KaTeX_Math-Italic-subset\.[\w-]{8}\.woff2$/.test(f));
    expect(mainSubset && mathSubset).toBeTruthy();
    expect(files.some((f) => f.startsWith('KaTeX_Fraktur-Regular-subset'))).toBe(false);
    // The space rides along (see subsetCodePoints).
    expect(str(await cmapOf(join(out, '_astro', mainSubset!)))).toBe(' +1=');
    expect(str(await cmapOf(join(out, '_astro', mathSubset!)))).toBe(' xy');

    // The rewritten CSS has a new name (its contents changed after Vite hashed it), and the page links to it.
    const cssName = files.find((f) => /^site\.[\w-]{8}\.css$/.test(f))!;
    expect(files).not.toContain('site.css');
    expect(await readFile(join(out, 'page', 'index.html'), 'utf8')).toContain(`href="/docs/_astro/${cssName}"`);
    const rewritten = await readFile(join(out, '_astro', cssName), 'utf8');
    const faces = parseFontFaces(rewritten);
    expect(faces.map((f) => f.sources[0]!.url)).toEqual([
      '/docs/_astro/KaTeX_Main-Regular.hash.woff2',
      `/docs/_astro/${mainSubset}`,
      './KaTeX_Math-Italic.hash.woff2',
      `./${mathSubset}`,
      '/docs/_astro/KaTeX_Fraktur-Regular.hash.woff2',
      expect.stringMatching(/^\/docs\/_astro\/KaTeX_Size3-Regular\.[\w-]{8}\.woff2$/),
    ]);
    expect(rewritten).not.toContain('data:font');
    expect(rewritten).toContain('unicode-range:U+20,U+2b,U+31,U+3d}');
    const size3File = faces[5]!.sources[0]!.url.replace('/docs/', '');
    expect(await readFile(join(out, size3File))).toEqual(await readFile(join(FONTS_DIR, 'KaTeX_Size3-Regular.woff2')));
  });

  it('with autohintReference, adds the auto-hinter reference glyphs to the file but not to its unicode-range', async () => {
    const out = await smallBuild();
    await subsetKatexFonts(out, '/docs/', { autohintReference: true });
    const files = await readdir(join(out, '_astro'));
    const mathSubset = files.find((f) => f.startsWith('KaTeX_Math-Italic-subset.'))!;
    const cmap = await cmapOf(join(out, '_astro', mathSubset));
    for (const c of 'xyHOoαλ') expect(cmap.has(c.codePointAt(0)!), c).toBe(true);
    const css = await readFile(
      join(
        out,
        '_astro',
        files.find((f) => /^site\..+\.css$/.test(f))!,
      ),
      'utf8',
    );
    expect(parseFontFaces(css).find((f) => f.sources[0]!.url.endsWith(mathSubset))!.declarations).toContainEqual([
      'unicode-range',
      'U+20,U+78-79',
    ]);
  });
});
