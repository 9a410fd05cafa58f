import katex from 'katex';
import { KATEX_OPTIONS } from './katex-options';

/**
 * TeX to HTML + MathML at build time, with the same settings as the prose
 * math. A formula KaTeX cannot parse throws, naming where it came from.
 */
export function renderTex(tex: string, opts: { display?: boolean; where?: string } = {}): string {
  try {
    return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: opts.display ?? false });
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
  while ((m = re.exec(text)) && m[0] !== '') {
    out.push(escapeHtml(m[1]!.replace(/\\\$/g, '$')));
    if (m[2] !== undefined) out.push(renderTex(m[2], { where }));
  }
  if (re.lastIndex < text.length || (text.match(/(?<!\\)\$/g)?.length ?? 0) % 2 === 1) {
    throw new Error(`${where}: unbalanced $ in ${JSON.stringify(text)}`);
  }
  return out.join('');
}
