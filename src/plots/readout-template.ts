/**
 * Readouts without KaTeX in the browser. A readout is TeX whose structure is
 * fixed and whose numbers change (`\eta = 0.05,\ \rho = 0.9`). At build time
 * KaTeX renders each structure (its *skeleton*: the TeX with every number
 * replaced by a slot) with marker digits in the slots, and the output is cut
 * at the markers into a template. In the browser a readout is its skeleton's
 * template with each number written in as KaTeX writes a number: the same
 * spans, classes and MathML, so it looks the same, without shipping KaTeX.
 *
 * A number is what `texNumber` prints: an optional sign, digits with an
 * optional decimal point, and an optional `\times 10^{e}`. A skeleton the
 * build never saw has no template; the island then loads KaTeX itself.
 */

/** Where a slot's text sits in KaTeX's output. */
type Where = 'tex' | 'mathml' | 'html';

/** One number's place in the template. */
export interface Slot {
  /** Index of the number in the readout, in order of appearance in the TeX. */
  n: number;
  where: Where;
  /**
   * How the marker was wrapped: `mn` (`<mn>…</mn>`), `mord` (`<span class="mord">…</span>`),
   * `tight` (the same in a script, `mord mtight`), or `bare` (text only: only unsigned plain numbers fit).
   */
  wrap: 'mn' | 'mord' | 'tight' | 'bare';
  /** A leading minus here is binary (after text or an ordinary atom), spaced as KaTeX spaces it. */
  bin?: boolean;
  /** The number is alone in its group: in MathML a signed or scaled number is then one `<mrow>`. */
  alone?: boolean;
  /** Height and shift (em) of an exponent written here, as KaTeX places it in this style (HTML slots). */
  sup?: [string, string];
}

/** Literal HTML between slots: parts[0] slot[0] parts[1] … slot[k-1] parts[k]. */
export interface ReadoutTemplate {
  parts: string[];
  slots: Slot[];
}

/** HTML pieces of KaTeX's `\times 10^{…}`, with the exponent's digits cut out and its place as `{H}`, `{T}`. */
export interface PowerPieces {
  /** `\times` with its spaces, then `10^{` up to the exponent's digits, for HTML. */
  htmlBefore: string;
  /** From after the exponent's digits to the end of the power, HTML. */
  htmlAfter: string;
  /** A minus inside the exponent, HTML. */
  htmlMinus: string;
}

export type Templates = Record<string, ReadoutTemplate>;

/** The numbers of a readout; a minus is taken only where it starts a number (not `n-1`). */
const NUMBER = /(^|[=({},\s&:;]|\\[,;: ]|\\quad)(-?)(\d+(?:\.\d+)?)(\\times 10\^\{(-?)(\d+)\})?(?![\d^_])/g;

export interface ReadoutNumber {
  minus: boolean;
  digits: string;
  /** The power of ten, when the number is written `m \times 10^{e}`. */
  exponent?: { minus: boolean; digits: string };
}

/** The skeleton of a readout (its numbers as `⟨#⟩`) and its numbers in order. */
export function skeletonOf(tex: string): { skeleton: string; numbers: ReadoutNumber[] } {
  const numbers: ReadoutNumber[] = [];
  const skeleton = tex.replace(
    NUMBER,
    (_all, before: string, minus: string, digits: string, power?: string, eMinus?: string, eDigits?: string) => {
      numbers.push({ minus: minus === '-', digits, ...(power ? { exponent: { minus: eMinus === '-', digits: eDigits! } } : {}) });
      return `${before}⟨#⟩`;
    },
  );
  return { skeleton, numbers };
}

/** Marker digits for slot i: no readout prints them, and they are found again in KaTeX's output. */
const marker = (i: number) => `90817${String(i).padStart(3, '0')}26354`;
const MARKER = /90817\d{3}26354/;

/** The TeX of a skeleton with marker digits in its slots (and optionally a minus before slot `neg`). */
function withMarkers(skeleton: string, neg = -1): string {
  let i = 0;
  return skeleton.replace(/⟨#⟩/g, () => {
    const k = i++;
    return `${k === neg ? '-' : ''}${marker(k)}`;
  });
}

/** Escape text as KaTeX escapes it (the TeX annotation). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c]!);
}

/**
 * Build time: the template of one skeleton, from a KaTeX `render` (display mode, HTML and MathML).
 * Returns undefined when KaTeX's output cannot be cut cleanly at the numbers.
 */
export function compileTemplate(skeleton: string, render: (tex: string) => string): ReadoutTemplate | undefined {
  const html = render(withMarkers(skeleton));
  const count = skeleton.split('⟨#⟩').length - 1;
  const semantics = html.indexOf('<semantics>');
  const annotation = html.indexOf('<annotation');
  const htmlStart = html.indexOf('class="katex-html"');
  if (semantics < 0 || annotation < 0 || htmlStart < 0) return undefined;
  const parts: string[] = [];
  const slots: Slot[] = [];
  // Each marker with its wrapper, so a minus or a power can go inside it.
  const WRAPPED = /<mn>90817(\d{3})26354<\/mn>|<span class="mord( mtight)?">90817(\d{3})26354<\/span>|90817(\d{3})26354/g;
  let last = 0;
  const seen = new Map<number, number>();
  for (const m of html.matchAll(WRAPPED)) {
    const at = m.index;
    const n = Number(m[1] ?? m[3] ?? m[4]);
    const where: Where = at > htmlStart ? 'html' : at > annotation ? 'tex' : 'mathml';
    const wrap: Slot['wrap'] = m[1] !== undefined ? 'mn' : m[3] !== undefined ? (m[2] ? 'tight' : 'mord') : 'bare';
    if (where === 'tex' && wrap !== 'bare') return undefined;
    parts.push(html.slice(last, at));
    slots.push({ n, where, wrap });
    seen.set(n, (seen.get(n) ?? 0) + 1);
    last = at + m[0].length;
  }
  parts.push(html.slice(last));
  // Every number exactly once in each of the three places, or the cut is not trustworthy.
  if (seen.size !== count || [...seen.values()].some((c) => c !== 3)) return undefined;
  if (parts.some((p) => MARKER.test(p))) return undefined;
  // Where a leading minus would be binary: KaTeX then writes an `mbin` minus.
  const bins = (html.match(/<span class="mbin">−<\/span>/g) ?? []).length;
  for (let k = 0; k < count; k++) {
    const neg = render(withMarkers(skeleton, k));
    const bin = (neg.match(/<span class="mbin">−<\/span>/g) ?? []).length > bins;
    const alone = neg.includes(`<mrow><mo>−</mo><mn>${marker(k)}</mn></mrow>`);
    const power = render(withMarkers(skeleton).replace(marker(k), `1\\times 10^{${marker(k)}}`));
    const sup = SUP(marker(k)).exec(power);
    for (const s of slots) {
      if (s.n !== k) continue;
      if (bin) s.bin = true;
      if (alone && s.where === 'mathml') s.alone = true;
      if (sup && s.where === 'html') s.sup = [sup[1]!, sup[2]!];
    }
  }
  return { parts, slots };
}

/** Where KaTeX put an exponent: the vlist's height and the superscript's shift. */
const SUP = (m: string) =>
  new RegExp(
    `<span class="vlist" style="height:([\\d.]+)em;"><span style="top:(-[\\d.]+)em;margin-right:0.05em;"><span class="pstrut" style="height:2.7em;"></span><span class="katex-sizing reset-size6 size3 mtight"><span class="mord mtight"><span class="mord mtight">${m}</span>`,
  );

/** Build time: the pieces of `\times 10^{e}` as KaTeX draws them (display style, top level). */
export function compilePower(render: (tex: string) => string): PowerPieces {
  const plain = render(`1\\times 10^{${marker(0)}}`);
  const neg = render(`1\\times 10^{-${marker(0)}}`);
  const html = (s: string) => s.slice(s.indexOf('class="katex-html"'));
  const h = html(plain);
  const times = h.indexOf('<span class="mspace"');
  const ten = h.indexOf('<span class="mord">1</span><span class="mord"><span class="mord">0</span>', times);
  const at = h.indexOf(`<span class="mord mtight">${marker(0)}</span>`);
  if (times < 0 || ten < 0 || at < 0) throw new Error('readout templates: KaTeX draws 1 \\times 10^{e} in a way this build does not know');
  // The power ends where the base, katex-html, katex and katex-display close.
  const end = h.length - '</span>'.length * 4;
  if (!h.endsWith('</span>'.repeat(4))) throw new Error('readout templates: unexpected end of KaTeX output');
  // `\times` and its spaces, minus the base break KaTeX puts after a binary operator.
  const timesHtml = h.slice(times, ten).replace(/<\/span><span class="katex-base"><span class="katex-strut"[^>]*><\/span>/g, '');
  const sup = SUP(marker(0)).exec(h);
  if (!sup) throw new Error("readout templates: no exponent found in KaTeX's 10^{e}");
  const htmlBefore = (timesHtml + h.slice(ten, at)).replace(
    `height:${sup[1]}em;"><span style="top:${sup[2]}em;`,
    'height:{H}em;"><span style="top:{T}em;',
  );
  const after = h.slice(at + `<span class="mord mtight">${marker(0)}</span>`.length, end);
  const minus = html(neg).match(/<span class="mord mtight">−<\/span>/);
  if (!minus) throw new Error("readout templates: no minus found in KaTeX's 10^{-e}");
  return { htmlBefore, htmlAfter: after, htmlMinus: minus[0] };
}

const MINUS_BIN =
  '<span class="mspace" style="margin-right:0.2222em;"></span><span class="mbin">−</span><span class="mspace" style="margin-right:0.2222em;"></span>';

function numberTex(x: ReadoutNumber): string {
  const e = x.exponent ? `\\times 10^{${x.exponent.minus ? '-' : ''}${x.exponent.digits}}` : '';
  return `${x.minus ? '-' : ''}${x.digits}${e}`;
}

function numberMathml(x: ReadoutNumber, alone: boolean): string {
  let s = `${x.minus ? '<mo>−</mo>' : ''}<mn>${x.digits}</mn>`;
  if (x.exponent) {
    const e = x.exponent.minus ? `<mrow><mo>−</mo><mn>${x.exponent.digits}</mn></mrow>` : `<mn>${x.exponent.digits}</mn>`;
    s += `<mo>×</mo><msup><mn>10</mn>${e}</msup>`;
  }
  return alone && (x.minus || x.exponent) ? `<mrow>${s}</mrow>` : s;
}

function numberHtml(x: ReadoutNumber, slot: Slot, power: PowerPieces): string | undefined {
  if (slot.wrap === 'tight' || slot.wrap === 'bare') {
    // In a script or outside a plain atom only unsigned plain numbers are written in.
    if (x.minus || x.exponent) return undefined;
    return slot.wrap === 'tight' ? `<span class="mord mtight">${x.digits}</span>` : x.digits;
  }
  // U+E000 and U+E001 (private use, never in KaTeX output) mark a minus and a power for the struts (see `fixStruts`), then go.
  let s = x.minus ? (slot.bin ? MINUS_BIN : '<span class="mord">−</span>') + '\uE000' : '';
  s += `<span class="mord">${x.digits}</span>`;
  if (x.exponent && !slot.sup) return undefined;
  if (x.exponent)
    s += `${power.htmlBefore.replace('{H}', slot.sup![0]).replace('{T}', slot.sup![1])}${x.exponent.minus ? power.htmlMinus : ''}<span class="mord mtight">${x.exponent.digits}</span>${power.htmlAfter}\uE001${slot.sup![0]}\uE001`;
  return s;
}

/**
 * Browser: the readout's HTML from its skeleton's template, or undefined when the build made none
 * for this skeleton (or a number does not fit its slot), and KaTeX must draw it.
 */
export function fillTemplate(tex: string, templates: Templates, power: PowerPieces): string | undefined {
  const { skeleton, numbers } = skeletonOf(tex);
  const t = templates[skeleton];
  if (!t) return undefined;
  let out = t.parts[0]!;
  for (let i = 0; i < t.slots.length; i++) {
    const slot = t.slots[i]!;
    const x = numbers[slot.n];
    if (!x) return undefined;
    let piece: string | undefined;
    if (slot.where === 'tex') piece = escapeHtml(numberTex(x));
    else if (slot.where === 'mathml')
      piece = slot.wrap === 'mn' ? numberMathml(x, slot.alone === true) : x.minus || x.exponent ? undefined : x.digits;
    else piece = numberHtml(x, slot, power);
    if (piece === undefined) return undefined;
    out += piece + t.parts[i + 1]!;
  }
  return fixStruts(out);
}

/** Depth of KaTeX's minus (KaTeX_Main-Regular), in em. */
const MINUS_DEPTH = 0.08333;
const em = (x: number) => `${+x.toFixed(4)}em`;

/**
 * A line-break group of KaTeX's output (`katex-base`) starts with a strut as tall and as deep as
 * its contents. The template's struts were measured with unsigned plain numbers; a minus reaches
 * below the baseline and a power above the digits, so a group holding one gets the strut KaTeX
 * gives it. Markers left by `numberHtml` say where.
 */
function fixStruts(html: string): string {
  if (!/[\uE000\uE001]/.test(html)) return html;
  const STRUT = '<span class="katex-base"><span class="katex-strut" style="';
  const groups = html.split(STRUT);
  for (let g = 1; g < groups.length; g++) {
    const text = groups[g]!;
    const deep = text.includes('\uE000');
    const tall = [...text.matchAll(/\uE001([\d.]+)\uE001/g)].map((m) => Number(m[1]));
    if (!deep && tall.length === 0) continue;
    const m = /^height:([\d.]+)em;(?:vertical-align:-([\d.]+)em;)?/.exec(text);
    if (!m) continue;
    const depth0 = Number(m[2] ?? 0);
    const height = Math.max(Number(m[1]) - depth0, ...tall);
    const depth = deep ? Math.max(depth0, MINUS_DEPTH) : depth0;
    groups[g] = `height:${em(height + depth)};${depth > 0 ? `vertical-align:${em(-depth)};` : ''}${text.slice(m[0].length)}`;
  }
  return groups.join(STRUT).replace(/\uE000|\uE001[\d.]+\uE001/g, '');
}
