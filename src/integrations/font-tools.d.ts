// Types for the two untyped CommonJS font packages used at build time by
// katex-fonts.ts, limited to what it calls.

declare module 'subset-font' {
  interface SubsetFontOptions {
    /** Output format; defaults to the input's. */
    targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
  }
  /** A font holding only the glyphs needed to draw `text` (plus layout closure). */
  export default function subsetFont(font: Uint8Array, text: string, options?: SubsetFontOptions): Promise<Buffer>;
}

declare module 'fontverter' {
  type Format = 'sfnt' | 'truetype' | 'woff' | 'woff2';
  export function convert(font: Uint8Array, toFormat: Format, fromFormat?: Format): Promise<Buffer>;
  export function detectFormat(font: Uint8Array): Format;
}
