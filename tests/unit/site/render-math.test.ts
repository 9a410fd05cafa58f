import { describe, expect, it } from 'vitest';
import { renderInlineText } from '../../../src/site/render-math';

describe('renderInlineText', () => {
  it('escapes text and renders $...$ with KaTeX', () => {
    const html = renderInlineText('Invert <b> $X^\\top X$ & go');
    expect(html.startsWith('Invert &lt;b&gt; <span class="katex">')).toBe(true);
    expect(html).toContain('<annotation encoding="application/x-tex">X^\\top X</annotation>');
    expect(html.endsWith(' &amp; go')).toBe(true);
  });
  it('keeps plain text and escaped dollars', () => {
    expect(renderInlineText('costs \\$5')).toBe('costs $5');
  });
  it('names the place of an unbalanced dollar', () => {
    expect(() => renderInlineText('a $x', 'least-squares › step loss')).toThrow(/least-squares › step loss: unbalanced \$/);
  });
  it('names the place of bad TeX', () => {
    expect(() => renderInlineText('$\\frac{$', 'here')).toThrow(/here/);
  });
});
