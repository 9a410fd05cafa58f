import type { KatexOptions } from 'katex';

/** How a plot's readout is drawn: display style, HTML for the eye and MathML for screen readers. */
export const READOUT_KATEX = { displayMode: true, throwOnError: false, output: 'htmlAndMathml' } satisfies KatexOptions;
