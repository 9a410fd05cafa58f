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
    throw new Error(`${opts.where ?? 'math'}: KaTeX cannot render ${JSON.stringify(tex)}: ${(e as Error).message}`);
  }
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
