import type { KatexOptions } from 'katex';

/**
 * KaTeX settings for everything rendered at build time. MathML goes along
 * with the HTML so screen readers can read the math; `throwOnError` makes a
 * bad formula fail the build instead of shipping a red `.katex-error`.
 */
export const KATEX_OPTIONS = {
  output: 'htmlAndMathml',
  throwOnError: true,
  strict: 'error',
  trust: false,
} satisfies KatexOptions;
