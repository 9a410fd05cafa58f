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

/** KaTeX's faces that nearly every preview uses (the CSS declaring them is on the page). */
const COMMON_FACES = ['1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Size1', '1em KaTeX_Size2'];

/**
 * Fetch KaTeX and its common fonts ahead of the first preview (when a line
 * gets focus). Rendering with fonts that have not loaded yet ends in one long
 * main-thread task when they arrive (shaping the text again: ~80 ms seen on
 * the scratchpad); loaded here, each font is its own short task, before the
 * first line is typed.
 */
export function preloadMath(): void {
  void loadKatex();
  for (const face of COMMON_FACES) document.fonts.load(face).catch(() => undefined);
}

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
