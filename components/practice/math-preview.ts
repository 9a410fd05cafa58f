/**
 * Live KaTeX preview of untrusted input. KaTeX is loaded on first use, runs
 * with `trust: false` (no \href, \url, \htmlClass...), bounded `maxSize` and
 * `maxExpand`, and a length limit; an error is shown as text, never as HTML.
 */
import type { KatexOptions } from 'katex';
import { MAX_LINE_LENGTH } from './logic';

export const SAFE_KATEX: KatexOptions = {
  trust: false,
  strict: 'ignore',
  throwOnError: true,
  maxSize: 20,
  maxExpand: 200,
  output: 'htmlAndMathml',
};

let katexPromise: Promise<typeof import('katex').default> | undefined;
const loadKatex = () => (katexPromise ??= import('katex').then((m) => m.default));

/** Render `tex` into `el`; on failure put the message in as text. Returns false on failure. */
export async function renderMath(el: HTMLElement, tex: string, display = true): Promise<boolean> {
  if (tex.length > MAX_LINE_LENGTH * 4) {
    el.textContent = 'too long to preview';
    return false;
  }
  const katex = await loadKatex();
  try {
    katex.render(tex, el, { ...SAFE_KATEX, displayMode: display });
    return true;
  } catch (e) {
    el.textContent = `cannot preview: ${e instanceof Error ? e.message : String(e)}`;
    return false;
  }
}
