/**
 * Readout templates (src/plots/readout-template.ts): the build renders each
 * readout skeleton with KaTeX once, the browser fills in the numbers. Here,
 * for every plot, readouts of states the build did not sample (another seed)
 * must all have a template, and the filled HTML must be KaTeX's own output:
 * the same markup and text, and the same lengths to within a fortieth of an
 * em. Two things KaTeX measures are not known to a template: in a readout of
 * several lines, a power of ten raises its line by 0.024 em, and a minus in a
 * matrix cell deepens its row by 0.024 em (0.4 px at the readout's size);
 * lines below are moved by the sum.
 * Elsewhere only the last digit of a strut's height may differ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import katex from 'katex';
import { buildTemplates } from '../../../src/cli/readout-templates';
import { compileTemplate, fillTemplate, skeletonOf, type PowerPieces, type Templates } from '../../../src/plots/readout-template';
import { PLOT_NAMES, readoutSamples } from '../../../src/plots/readout-samples';
import { READOUT_KATEX } from '../../../src/plots/readout-katex';

const render = (tex: string) => katex.renderToString(tex, READOUT_KATEX);

/** Lengths in em, and everything else, of a piece of KaTeX output. */
function split(html: string): { markup: string; lengths: number[] } {
  const LENGTH = /-?\d+(?:\.\d+)?em/g;
  return { markup: html.split(LENGTH).join('‖'), lengths: (html.match(LENGTH) ?? []).map((x) => parseFloat(x)) };
}

function expectLikeKatex(filled: string | undefined, tex: string): void {
  const katexHtml = render(tex);
  expect(filled, tex).toBeDefined();
  const a = split(filled!);
  const b = split(katexHtml);
  expect(a.markup, tex).toBe(b.markup);
  // The offsets add up down a multi-line readout: a fortieth of an em per line holding a power.
  const powered = tex.split('\\\\').filter((line) => line.includes('\\times 10^')).length;
  const tolerance = 0.025 * Math.max(1, powered);
  a.lengths.forEach((x, i) => expect(Math.abs(x - b.lengths[i]!), `${tex}: length ${i}`).toBeLessThanOrEqual(tolerance));
}

describe('readout skeletons', () => {
  it('takes numbers with their sign and power of ten, and leaves a minus between terms alone', () => {
    expect(skeletonOf(String.raw`\eta = -0.05,\ \rho = 1.2\times 10^{-5}`)).toEqual({
      skeleton: String.raw`\eta = ⟨#⟩,\ \rho = ⟨#⟩`,
      numbers: [
        { minus: true, digits: '0.05' },
        { minus: false, digits: '1.2', exponent: { minus: true, digits: '5' } },
      ],
    });
    expect(skeletonOf(String.raw`\tfrac{n-1}{n(n-2)} = 0.5`).skeleton).toBe(String.raw`\tfrac{n-1}{n(n-2)} = ⟨#⟩`);
    // The base of a power written in the TeX, and an index, are structure.
    expect(skeletonOf(String.raw`10^{3} + x_1`).skeleton).toBe(String.raw`10^{⟨#⟩} + x_1`);
  });

  it('spaces a minus as KaTeX does: binary after text, unary after a relation', () => {
    const tex = String.raw`\text{error } -0.01,\ e = -0.01`;
    const { skeleton } = skeletonOf(tex);
    const t = compileTemplate(skeleton, render)!;
    expect(t.slots.filter((s) => s.where === 'html').map((s) => s.bin === true)).toEqual([true, false]);
    // KaTeX also lets a line break after a binary minus at the top level (a new group, with its
    // own strut); the template does not.
    const unbroken = (html: string) =>
      html.replace(/<\/span><span class="katex-base">/g, '').replace(/<span class="katex-strut"[^>]*><\/span>/g, '');
    expect(unbroken(fillTemplate(tex, { [skeleton]: t }, POWER())!)).toBe(unbroken(render(tex)));
  });

  it('has no template for a skeleton the build never saw, so KaTeX draws it', () => {
    expect(fillTemplate(String.raw`a = 1`, {}, POWER())).toBeUndefined();
  });
});

let built: { templates: Record<string, Templates>; power: PowerPieces };
const POWER = () => built.power;
beforeAll(() => {
  built = buildTemplates();
}, 300_000);

describe('every plot readout', () => {
  for (const name of PLOT_NAMES) {
    it(`${name}: states the build did not sample have templates, and fill in as KaTeX draws them`, () => {
      for (const tex of readoutSamples(name, 25, 20261202)) {
        expect(built.templates[name]![skeletonOf(tex).skeleton], `no template for ${tex}`).toBeDefined();
        expectLikeKatex(fillTemplate(tex, built.templates[name]!, built.power), tex);
      }
    });
  }
});
