import katex from 'katex';
import { groupParens, joinTrailingPunctuation } from './inline-math';
import { KATEX_OPTIONS } from './katex-options';

/**
 * TeX to HTML + MathML at build time, with the same settings as the prose
 * math. A formula KaTeX cannot parse throws, naming where it came from.
 */
export function renderTex(tex: string, opts: { display?: boolean; where?: string } = {}): string {
  try {
    const display = opts.display ?? false;
    // Inline math may wrap between terms, never inside parentheses.
    return katex.renderToString(display ? tex : groupParens(tex), { ...KATEX_OPTIONS, displayMode: display });
  } catch (e) {
    throw new Error(`${opts.where ?? 'math'}: KaTeX cannot render ${JSON.stringify(tex)}: ${(e as Error).message}`, { cause: e });
  }
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Prose from a derivation module (a step's move, a mistake's explanation,
 * interviewer notes): text with `$...$` inline TeX. Text is escaped; TeX is
 * rendered by KaTeX. `\$` is a literal dollar sign.
 */
export function renderInlineText(text: string, where = 'text'): string {
  const out: string[] = [];
  const re = /((?:\\\$|[^$])*)(?:\$((?:\\\$|[^$])+)\$)?/gy;
  let m: RegExpExecArray | null;
  let math: string | undefined;
  while ((m = re.exec(text)) && m[0] !== '') {
    let plain = escapeHtml(m[1]!.replace(/\\\$/g, '$'));
    // Keep the punctuation after a formula on the formula's line.
    if (math !== undefined) [math, plain] = joinTrailingPunctuation(math, plain);
    if (math !== undefined) out.push(math);
    out.push(plain);
    math = m[2] !== undefined ? renderTex(m[2], { where }) : undefined;
  }
  if (math !== undefined) out.push(math);
  if (re.lastIndex < text.length || (text.match(/(?<!\\)\$/g)?.length ?? 0) % 2 === 1) {
    throw new Error(`${where}: unbalanced $ in ${JSON.stringify(text)}`);
  }
  return out.join('');
}
