import { describe, expect, it } from 'vitest';
import { groupParens, joinTrailingPunctuation } from '../../../src/site/inline-math';
import { renderInlineText, renderTex } from '../../../src/site/render-math';
import { estimatedMathRem } from '../../../src/site/derivation-html';

/** The `.base` boxes of a KaTeX rendering: KaTeX lets a line wrap only between them. */
const bases = (html: string) => html.split('class="katex-base"').length - 1;

describe('inline math never wraps inside parentheses', () => {
  it.each([
    ['(v - \\mu_0)^2 < 2\\sigma_0^2', '({v - \\mu_0})^2 < 2\\sigma_0^2'],
    ['\\log(2\\pi\\sigma^2)', '\\log({2\\pi\\sigma^2})'],
    ['a \\big(b + c\\big) d', 'a \\big({b + c}\\big) d'],
    ['\\bigl(x + y\\bigr)', '\\bigl({x + y}\\bigr)'],
    ['f(x) = \\frac{(a+b)}{2}', 'f({x}) = \\frac{(a+b)}{2}'],
  ])('groups %s', (tex, grouped) => {
    expect(groupParens(tex)).toBe(grouped);
  });

  it.each(['\\left( a + b \\right)', '[0, 1)', '(a', 'x = 1'])('leaves %s alone', (tex) => {
    expect(groupParens(tex)).toBe(tex);
  });

  it('leaves a break only outside the parentheses', () => {
    // Before: a break after "−" inside the parentheses and after "<"; after: only after "<".
    expect(bases(renderTex('(v - \\mu_0)^2 < 2'))).toBe(2);
    // Display math never wraps, so it is rendered as written: three boxes.
    expect(bases(renderTex('(v - \\mu_0)^2 < 2', { display: true }))).toBe(3);
  });

  it('keeps the spacing after an operator name', () => {
    const plain = renderTex('\\log(x)').replace(/<annotation[^]*?<\/annotation>/, '');
    expect(plain).not.toContain('mspace');
  });
});

describe('punctuation stays on the line of the formula before it', () => {
  it('wraps the formula and its full stop together', () => {
    expect(joinTrailingPunctuation('<M>', '., then')).toEqual(['<span class="math-punct"><M>.,</span>', ' then']);
    expect(joinTrailingPunctuation('<M>', ' and')).toEqual(['<M>', ' and']);
  });

  it('does so in module prose', () => {
    const html = renderInlineText('at $x = 1$. Then $y$');
    expect(html).toMatch(/^at <span class="math-punct"><span class="katex">[^]*<\/span>\.<\/span> Then <span class="katex">/);
  });
});

describe('placeholder height of a step', () => {
  it('grows with rows, fractions, sums with limits and matrices', () => {
    const one = estimatedMathRem('x = 1');
    expect(estimatedMathRem('x = \\frac{1}{2}')).toBeGreaterThan(one);
    expect(estimatedMathRem('\\begin{aligned} a &= b \\\\ &= c \\end{aligned}')).toBeCloseTo(2 * one);
    expect(estimatedMathRem('\\sum_{i=1}^{n} x_i')).toBeGreaterThan(estimatedMathRem('\\sum_i x_i'));
    expect(estimatedMathRem('\\begin{pmatrix} a \\\\ b \\\\ c \\end{pmatrix}')).toBeGreaterThan(
      estimatedMathRem('\\begin{pmatrix} a \\\\ b \\end{pmatrix}'),
    );
  });
});

describe('rehypeMathPunctuation', () => {
  it('wraps each formula once, with the punctuation after it', async () => {
    const { rehypeMathPunctuation } = await import('../../../src/site/inline-math');
    const katex = { type: 'element' as const, tagName: 'span', properties: { className: ['katex'] }, children: [] };
    const p = {
      type: 'element' as const,
      tagName: 'p',
      properties: {},
      children: [{ type: 'text' as const, value: 'at ' }, katex, { type: 'text' as const, value: '. Then' }],
    };
    const tree = { type: 'root' as const, children: [p] };
    rehypeMathPunctuation()(tree);
    expect(p.children).toEqual([
      { type: 'text', value: 'at ' },
      { type: 'element', tagName: 'span', properties: { className: ['math-punct'] }, children: [katex, { type: 'text', value: '.' }] },
      { type: 'text', value: ' Then' },
    ]);
  });
});
