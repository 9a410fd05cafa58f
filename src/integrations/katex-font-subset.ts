/**
 * The pure half of KaTeX font subsetting (see `katex-fonts.ts` for the
 * integration that reads and writes files): which characters the built pages
 * draw with KaTeX, and how the built CSS is rewritten so the browser fetches
 * small subsets for those and the whole font only for anything else.
 *
 * The CSS trick. Each original `@font-face` is kept and followed by a second
 * face of the same family, weight and style whose `src` is the subset; their
 * `unicode-range`s split the font's cmap: the subset gets cmap ∩ used
 * characters, the original the rest of its cmap. So build-time math fetches
 * only subsets, while math that KaTeX renders in the browser (practice
 * preview, plot readouts) still gets a glyph the pages never used, from the
 * whole font, and a character no KaTeX font has fetches nothing.
 *
 * Why disjoint ranges, not the original over its whole cmap with the subset
 * declared last (CSS Fonts 4: the last-declared face is checked first)? Then
 * no character the pages use can reach the whole font by any path, such as
 * Chromium falling through to the next face covering a character while the
 * subset is still loading; the order of the faces no longer matters.
 */
import type { Element, Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/s, '$2');

/** Characters drawn by CSS generated content on KaTeX elements: `.eqn-num::before { content: "(" counter(katexEqnNo) ")" }`. */
const EQN_NUM_CHARS = '()0123456789';

/** A font as CSS asks for it: family, weight, style (`KaTeX_Main|400|normal`). */
export interface FontRequest {
  family: string;
  weight: number;
  style: 'normal' | 'italic' | 'oblique';
}

export const requestKey = (r: FontRequest) => `${r.family}|${r.weight}|${r.style}`;

/** One compound selector (`span.delimsizing.mult`) and the combinator before it. */
interface Compound {
  tag: string | undefined;
  classes: string[];
  /** How it relates to the compound after it: ' ' descendant, '>' child. */
  combinator: ' ' | '>';
}

/** A style rule of the KaTeX stylesheet that sets font properties. */
export interface FontRule {
  selector: string;
  /** Compounds left to right. */
  compounds: Compound[];
  /** Classes and type selectors: the only kinds these selectors have. */
  specificity: number;
  /** Position in the CSS, for the cascade. */
  order: number;
  set: Partial<FontRequest>;
}

const WEIGHTS: Record<string, number> = { normal: 400, bold: 700, bolder: 700, lighter: 400 };

function parseWeight(v: string): number | undefined {
  const t = v.trim().toLowerCase();
  return WEIGHTS[t] ?? (/^\d+$/.test(t) ? Number(t) : undefined);
}

function parseStyle(v: string): FontRequest['style'] | undefined {
  const t = v.trim().toLowerCase().split(/\s+/)[0];
  return t === 'normal' || t === 'italic' || t === 'oblique' ? t : undefined;
}

const firstFamily = (v: string) => unquote(splitTopLevel(v, ',')[0] ?? '');

/** The `font` shorthand: `[style] [variant] [weight] size[/line-height] family, ...`; what it leaves out resets to normal. */
function parseFontShorthand(v: string): Partial<FontRequest> {
  const out: Partial<FontRequest> = { style: 'normal', weight: 400 };
  const tokens = v.trim().split(/\s+/);
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^[\d.]+[a-z%]+(\/.*)?$/i.test(t) || /^(xx?-)?(small|large)|medium|smaller|larger$/i.test(t.split('/')[0]!)) break;
    const style = parseStyle(t);
    const weight = /^\d+$/.test(t) || t in WEIGHTS ? parseWeight(t) : undefined;
    if (style && t !== 'normal') out.style = style;
    else if (weight !== undefined && t !== 'normal') out.weight = weight;
  }
  const family = tokens.slice(i + 1).join(' ');
  if (family) out.family = firstFamily(family);
  return out;
}

function parseSelector(selector: string): Compound[] | undefined {
  const compounds: Compound[] = [];
  let combinator: Compound['combinator'] = ' ';
  for (const token of selector
    .trim()
    .replace(/\s*>\s*/g, ' > ')
    .split(/\s+/)) {
    if (token === '>') {
      combinator = '>';
      continue;
    }
    const m = /^([a-z][\w-]*|\*)?((?:\.[\w-]+)*)$/i.exec(token);
    if (!m) return undefined;
    compounds.push({ tag: m[1] === '*' ? undefined : m[1]?.toLowerCase(), classes: m[2]!.split('.').filter(Boolean), combinator });
    combinator = ' ';
  }
  return compounds.length ? compounds : undefined;
}

/**
 * The rules of a CSS text that choose a font inside KaTeX output: selectors
 * that mention `.katex` and set `font`, `font-family`, `font-weight` or
 * `font-style`. (The site's own CSS sets no font inside `.katex`, and
 * `.katex { font: ... }` resets weight and style, so the page around the math
 * does not matter.) Selectors beyond classes, types and `>` are skipped.
 */
export function parseKatexFontRules(css: string, orderFrom = 0): FontRule[] {
  const rules: FontRule[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let order = orderFrom;
  for (const m of text.matchAll(/([^{};@]+)\{([^{}]*)\}/g)) {
    const selectors = m[1]!.trim();
    if (!/\.katex\b/.test(selectors)) continue;
    const set: Partial<FontRequest> = {};
    for (const decl of splitTopLevel(m[2]!, ';')) {
      const colon = decl.indexOf(':');
      if (colon < 0) continue;
      const prop = decl.slice(0, colon).trim().toLowerCase();
      const value = decl
        .slice(colon + 1)
        .replace(/!important/i, '')
        .trim();
      if (prop === 'font') Object.assign(set, parseFontShorthand(value));
      else if (prop === 'font-family') set.family = firstFamily(value);
      else if (prop === 'font-weight') {
        const w = parseWeight(value);
        if (w !== undefined) set.weight = w;
      } else if (prop === 'font-style') {
        const st = parseStyle(value);
        if (st) set.style = st;
      }
    }
    if (Object.keys(set).length === 0) continue;
    for (const selector of splitTopLevel(selectors, ',')) {
      const compounds = parseSelector(selector);
      if (!compounds) continue;
      const specificity = compounds.reduce((n, c) => n + c.classes.length + (c.tag ? 1 : 0), 0);
      rules.push({ selector: selector.trim(), compounds, specificity, order: order++, set });
    }
  }
  return rules;
}

interface Ancestor {
  tag: string;
  classes: ReadonlySet<string>;
}

const compoundMatches = (c: Compound, el: Ancestor) => (!c.tag || c.tag === el.tag) && c.classes.every((k) => el.classes.has(k));

/** Does `rule` match the last element of `chain` (root first)? Right to left, backtracking over descendant combinators. */
function matches(compounds: readonly Compound[], chain: readonly Ancestor[]): boolean {
  const go = (ci: number, ei: number): boolean => {
    if (!compoundMatches(compounds[ci]!, chain[ei]!)) return false;
    if (ci === 0) return true;
    if (compounds[ci]!.combinator === '>') return ei > 0 && go(ci - 1, ei - 1);
    for (let e = ei - 1; e >= 0; e--) if (go(ci - 1, e)) return true;
    return false;
  };
  return chain.length > 0 && go(compounds.length - 1, chain.length - 1);
}

function classes(el: Element): string[] {
  const c: unknown = el.properties['className'];
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

/** Characters per requested font: `requestKey` → code points. */
export type CharsByFont = Map<string, Set<number>>;

/**
 * Add to `into` the characters KaTeX draws on a page, by the font each is
 * drawn in: the text inside `.katex-html` (the visible rendering; the MathML
 * beside it is drawn in the browser's `math` font, not KaTeX's) and the digits
 * and parentheses of automatic equation numbers. Which font: the cascade of
 * `rules` (from `parseKatexFontRules`) over the element's classes, inherited
 * from the `.katex` element down.
 */
export function collectKatexChars(html: string, rules: readonly FontRule[], into: CharsByFont = new Map()): CharsByFont {
  const add = (font: Partial<FontRequest>, text: string) => {
    if (!font.family) return;
    const key = requestKey({ family: font.family, weight: font.weight ?? 400, style: font.style ?? 'normal' });
    let set = into.get(key);
    if (!set) into.set(key, (set = new Set()));
    for (const ch of text) set.add(ch.codePointAt(0)!);
  };
  // Rules indexed by a class their subject (last compound) needs: most KaTeX spans match none.
  const byClass = new Map<string, FontRule[]>();
  const anyElement: FontRule[] = [];
  for (const rule of rules) {
    const key = rule.compounds.at(-1)!.classes[0];
    if (key === undefined) anyElement.push(rule);
    else byClass.set(key, [...(byClass.get(key) ?? []), rule]);
  }
  const chain: Ancestor[] = [];
  const computed = (cls: readonly string[], parent: Partial<FontRequest>): Partial<FontRequest> => {
    const candidates = new Set([...anyElement, ...cls.flatMap((c) => byClass.get(c) ?? [])]);
    const winners = [...candidates].filter((r) => matches(r.compounds, chain));
    if (winners.length === 0) return parent;
    winners.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
    return Object.assign({}, parent, ...winners.map((r) => r.set));
  };
  const walk = (node: Nodes, font: Partial<FontRequest>, inKatex: boolean, inKatexHtml: boolean) => {
    if (node.type === 'text') {
      if (inKatexHtml) add(font, node.value);
      return;
    }
    if (node.type === 'root') {
      for (const child of node.children) walk(child, font, inKatex, inKatexHtml);
      return;
    }
    if (node.type !== 'element') return;
    const cls = classes(node);
    chain.push({ tag: node.tagName, classes: new Set(cls) });
    // Outside KaTeX the page's fonts are none of our business: only `.katex` and below are computed.
    const katex = inKatex || cls.includes('katex');
    const own = katex ? computed(cls, font) : font;
    const inside = inKatexHtml || cls.includes('katex-html');
    if (inside && cls.includes('eqn-num')) add(own, EQN_NUM_CHARS);
    const children = node.tagName === 'template' && node.content ? node.content.children : node.children;
    for (const child of children) walk(child, own, katex, inside);
    chain.pop();
  };
  walk(fromHtml(html), {}, false, false);
  return into;
}

// ---------------------------------------------------------------------------
// CSS.

/** One `src` entry of an `@font-face`. */
export interface FontSource {
  /** The URL as written in the CSS (a path, a relative URL or a `data:` URL). */
  url: string;
  /** The `format()` hint, if any. */
  format: string | undefined;
}

/** One `@font-face` rule of a CSS text. */
export interface FontFace {
  /** Offsets of the whole rule in the CSS text: `css.slice(start, end)` is `@font-face{...}`. */
  start: number;
  end: number;
  /** Declarations in order, property names lower-cased, values as written. */
  declarations: [string, string][];
  /** The family name without quotes. */
  family: string;
  sources: FontSource[];
}

/** Split `text` on `separator` where it is outside quotes and parentheses (so `url(data:font/woff2;base64,...)` stays whole). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

function parseSources(src: string): FontSource[] {
  return splitTopLevel(src, ',').flatMap((entry) => {
    const url = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/.exec(entry);
    if (!url) return []; // local(...)
    const format = /format\(\s*["']?([^"')]+)["']?\s*\)/.exec(entry);
    return [{ url: url[1] ?? url[2] ?? url[3] ?? '', format: format?.[1] }];
  });
}

/** Every `@font-face` rule of a CSS text (minified or not; comments are skipped). */
export function parseFontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  const re = /\/\*[\s\S]*?\*\/|@font-face\s*\{/gi;
  for (let m = re.exec(css); m; m = re.exec(css)) {
    if (m[0].startsWith('/*')) continue;
    const close = css.indexOf('}', m.index + m[0].length);
    if (close < 0) break;
    const body = css.slice(m.index + m[0].length, close);
    const declarations = splitTopLevel(body, ';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d): [string, string] => {
        const colon = d.indexOf(':');
        return [d.slice(0, colon).trim().toLowerCase(), d.slice(colon + 1).trim()];
      });
    const get = (name: string) => declarations.find(([k]) => k === name)?.[1];
    faces.push({
      start: m.index,
      end: close + 1,
      declarations,
      family: unquote(get('font-family') ?? ''),
      sources: parseSources(get('src') ?? ''),
    });
    re.lastIndex = close + 1;
  }
  return faces;
}

/** The WOFF2 source of a face, the one every browser that runs this site picks. */
export function woff2Source(face: FontFace): FontSource | undefined {
  return face.sources.find((s) => s.format === 'woff2' || /\.woff2(?:[?#]|$)/.test(s.url) || s.url.startsWith('data:font/woff2'));
}

/** `unicode-range` value for a set of code points: sorted, runs merged (`U+20-22,U+2d`). */
export function unicodeRange(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const a = sorted[i]!.toString(16);
    out.push(i === j ? `U+${a}` : `U+${a}-${sorted[j]!.toString(16)}`);
    i = j + 1;
  }
  return out.join(',');
}

/** The family, weight and style an `@font-face` declares. */
export function faceDescriptor(face: FontFace): FontRequest {
  const get = (name: string) => face.declarations.find(([k]) => k === name)?.[1];
  return {
    family: face.family,
    weight: parseWeight(get('font-weight') ?? 'normal') ?? 400,
    style: parseStyle(get('font-style') ?? 'normal') ?? 'normal',
  };
}

const STYLE_ORDER: Record<FontRequest['style'], FontRequest['style'][]> = {
  normal: ['normal', 'oblique', 'italic'],
  italic: ['italic', 'oblique', 'normal'],
  oblique: ['oblique', 'italic', 'normal'],
};

/** Rank of weight `w` for a desired weight `want` (lower is better), as in CSS Fonts 4 §5.2 font matching. */
function weightRank(want: number, w: number): number {
  if (w === want) return 0;
  if (want >= 400 && want <= 500) {
    if (w > want && w <= 500) return w - want;
    if (w < want) return 1000 + (want - w);
    return 2000 + (w - want);
  }
  if (want < 400) return w < want ? want - w : 1000 + (w - want);
  return w > want ? w - want : 1000 + (want - w);
}

/** The face the browser picks for a request among the faces of its family (style first, then weight), if any. */
export function matchFace<F extends FontRequest>(faces: readonly F[], want: FontRequest): F | undefined {
  const family = faces.filter((f) => f.family === want.family);
  for (const style of STYLE_ORDER[want.style]) {
    const candidates = family.filter((f) => f.style === style);
    if (candidates.length)
      return candidates.reduce((best, f) => (weightRank(want.weight, f.weight) < weightRank(want.weight, best.weight) ? f : best));
  }
  return undefined;
}

/**
 * The characters each face is asked to draw: every request is matched to the
 * face the browser would pick, and its characters go to that face.
 */
export function charsByFace<F extends FontRequest>(faces: readonly F[], chars: CharsByFont): Map<F, Set<number>> {
  const out = new Map<F, Set<number>>();
  for (const [key, set] of chars) {
    const [family, weight, style] = key.split('|') as [string, string, FontRequest['style']];
    const face = matchFace(faces, { family, weight: Number(weight), style });
    if (!face) continue;
    const into = out.get(face) ?? new Set<number>();
    for (const c of set) into.add(c);
    out.set(face, into);
  }
  return out;
}

/** What to do with one KaTeX face, decided from its font file. */
export interface FacePlan {
  /** Every code point the font maps (its cmap). */
  cmap: ReadonlySet<number>;
  /** URL of the subset in the CSS, or undefined when the pages use none of the font's characters. */
  subsetUrl: string | undefined;
  /** Code points in the subset: cmap ∩ used characters. */
  subset: ReadonlySet<number>;
  /** A file URL to put in place of the original's `data:` URL (Vite inlines the smallest font), if any. */
  replaceDataUrl?: string | undefined;
}

/**
 * The reference characters FreeType's auto-hinter measures a font by (blue
 * zones and standard stems of its Latin and Greek scripts; `afblue.dat`).
 * Linux desktops hint text with it ("hintslight"), so a subset without them
 * rasterizes some glyphs a shade differently (layout is unchanged). Putting
 * them in the subset file, though not in its `unicode-range`, makes the pixels
 * identical too, at about 11 KB more over all subsets: off by default.
 */
export const AUTOHINT_REFERENCE = 'THEZOCQSLUfijkdbhxzroescpqgjyO0ΓΒΕΖΘΟΩΔΞβθδζλξαειοπστωγημρφχψ';

const SPACE = 0x20;

/**
 * The subset code points of a font: the ones the pages use that the font has,
 * plus the space when any is used. The space is there for the browser, not
 * the text: CSS takes a family's "first available font" (line metrics, `ex`
 * units) from the face whose unicode-range holds U+0020, and Chromium
 * sometimes fetches that face just for this. Left to the whole font, the
 * space made about 1 page load in 16 (CPU throttled) fetch a whole
 * KaTeX_Main-Regular or KaTeX_Math-Italic beside its subset.
 */
export function subsetCodePoints(cmap: ReadonlySet<number>, used: ReadonlySet<number>): Set<number> {
  const subset = new Set([...used].filter((c) => cmap.has(c)));
  if (subset.size > 0 && cmap.has(SPACE)) subset.add(SPACE);
  return subset;
}

function serializeFace(declarations: readonly [string, string][]): string {
  return `@font-face{${declarations.map(([k, v]) => `${k}:${v}`).join(';')}}`;
}

/**
 * Rewrite the `@font-face` rules of a CSS text. `plan` answers for each face
 * (by its WOFF2 source URL as written); faces it leaves undefined are kept as
 * they are. A planned face becomes the original restricted to the part of
 * its cmap the subset lacks, followed by the subset face restricted to the
 * subset (no subset face when it would be empty; no original when the subset
 * covers the whole cmap: an empty `unicode-range` is invalid and would mean
 * every character).
 */
export function rewriteFontFaces(css: string, plan: (face: FontFace, woff2: FontSource) => FacePlan | undefined): string {
  let out = '';
  let at = 0;
  for (const face of parseFontFaces(css)) {
    const woff2 = woff2Source(face);
    const p = woff2 && plan(face, woff2);
    if (!woff2 || !p) continue;
    const kept = face.declarations.filter(([k]) => k !== 'unicode-range');
    const original = kept.map(([k, v]): [string, string] =>
      k === 'src' && p.replaceDataUrl ? [k, v.replace(woff2.url, () => p.replaceDataUrl!)] : [k, v],
    );
    const subset = p.subsetUrl ? p.subset : new Set<number>();
    const rest = [...p.cmap].filter((c) => !subset.has(c));
    let rules = '';
    if (rest.length > 0) rules += serializeFace([...original, ['unicode-range', unicodeRange(rest)]]);
    if (subset.size > 0) {
      const face = kept.map(([k, v]): [string, string] => (k === 'src' ? [k, `url(${p.subsetUrl})format("woff2")`] : [k, v]));
      rules += serializeFace([...face, ['unicode-range', unicodeRange(subset)]]);
    }
    out += css.slice(at, face.start) + rules;
    at = face.end;
  }
  return out + css.slice(at);
}
