/**
 * Shared look of every plot: colours are CSS variables from global.css, so a
 * plot follows the light/dark theme; sizes are chosen to stay legible on a
 * projector (text at least 14px, lines at least 2px).
 */
export const COLORS = {
  text: 'var(--text)',
  muted: 'var(--muted)',
  rule: 'var(--rule)',
  accent: 'var(--accent)',
  bad: 'var(--bad)',
  ok: 'var(--ok)',
  warn: 'var(--warn)',
  surface: 'var(--surface)',
} as const;

export const FONT_SIZE = 15;
export const LINE = 2.5;
export const THIN = 2;

/** Plot's top-level `style`, shared by every chart. */
export const PLOT_STYLE = {
  // The presenter sets --plot-font so ticks and labels are at least 20px on a projector.
  fontSize: `var(--plot-font, ${FONT_SIZE}px)`,
  fontFamily: 'var(--font-ui)',
  color: COLORS.text,
  background: 'transparent',
  overflow: 'visible',
} as const;

/** Height for a panel of the given width and aspect ratio (width / height). */
export function heightFor(width: number, aspect: number): number {
  return Math.round(width / aspect);
}

/** Compact number for labels and readouts. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(digits - 1).replace('e', '×10^');
  return Number(x.toPrecision(digits)).toString();
}

/** A number as TeX (a leading minus becomes a real minus, powers of ten are typeset). */
export function texNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : x < 0 ? '-\\infty' : '\\text{undefined}';
  const s = fmt(x, digits);
  const m = /^(-?[\d.]+)×10\^([+-]?\d+)$/.exec(s);
  if (m) return `${m[1]}\\times 10^{${Number(m[2])}}`;
  return s;
}
