import { describe, expect, it } from 'vitest';
import { defineDerivation, type DerivationSpec } from '../../../src/derivations/define';

const base: DerivationSpec = {
  slug: 'toy',
  title: 'Toy',
  variables: [{ name: 'x' }],
  steps: [
    { id: 'start', expr: '(x+1)^2', tex: '(x+1)^2', justification: { kind: 'definition' }, move: 'Start' },
    { id: 'expand', expr: 'x^2+2*x+1', tex: 'x^2+2x+1', justification: { kind: 'equal' }, move: 'Expand' },
  ],
};

describe('defineDerivation', () => {
  it('numbers steps and cites the previous step by default', () => {
    const d = defineDerivation(base);
    expect(d.steps.map((s) => [s.id, s.number, s.cites])).toEqual([
      ['start', 1, []],
      ['expand', 2, ['start']],
    ]);
    expect(d.step('expand').number).toBe(2);
  });

  it('lists the known ids for an unknown step', () => {
    expect(() => defineDerivation(base).step('nope')).toThrow('unknown step id `nope`; known ids: start, expand');
  });

  it('rejects duplicate and non-kebab ids', () => {
    expect(() => defineDerivation({ ...base, steps: [base.steps[0]!, { ...base.steps[1]!, id: 'start' }] })).toThrow(/duplicate id/);
    expect(() => defineDerivation({ ...base, steps: [{ ...base.steps[0]!, id: 'Start' }] })).toThrow(/kebab-case/);
  });

  it('rejects a citation of a later or unknown step', () => {
    const steps = [base.steps[0]!, { ...base.steps[1]!, from: 'later' }];
    expect(() => defineDerivation({ ...base, steps })).toThrow(/cites `later`, which is not an earlier step; earlier ids: start/);
  });

  it('requires the first step to be a starting line', () => {
    expect(() => defineDerivation({ ...base, steps: [base.steps[1]!] })).toThrow(/first step must be a definition or assumption/);
  });

  it('rejects a mistake that cites an unknown step', () => {
    const mistakes = [{ id: 'oops', from: 'missing', expr: 'x', tex: 'x', explanation: 'no' }];
    expect(() => defineDerivation({ ...base, mistakes })).toThrow(/mistake `oops`: cites unknown step `missing`/);
  });

  it('keeps plot slides and checks that each follows a known step, once per plot', () => {
    expect(defineDerivation(base).slides).toEqual([]);
    const d = defineDerivation({ ...base, slides: [{ after: 'expand', plot: 'toy-plot' }] });
    expect(d.slides).toEqual([{ after: 'expand', plot: 'toy-plot' }]);
    expect(() => defineDerivation({ ...base, slides: [{ after: 'nope', plot: 'toy-plot' }] })).toThrow(
      'derivation `toy`, slides[0]: `after` names unknown step `nope`; known ids: start, expand',
    );
    expect(() => defineDerivation({ ...base, slides: [{ after: 'start', plot: 'Toy Plot' }] })).toThrow(
      /slides\[0\]: plot name `Toy Plot` must be kebab-case/,
    );
    const twice = [
      { after: 'start', plot: 'toy-plot' },
      { after: 'expand', plot: 'toy-plot' },
    ];
    expect(() => defineDerivation({ ...base, slides: twice })).toThrow(/slides\[1\]: plot `toy-plot` is already a slide/);
  });
});
