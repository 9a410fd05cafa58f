import { describe, expect, it } from 'vitest';
import { defineDerivation } from '../../../src/derivations/define';
import { checkPlacement } from '../../../src/site/derivation-html';

const d = defineDerivation({
  slug: 'toy',
  title: 'Toy',
  variables: [{ name: 'x' }],
  steps: [
    { id: 'a', expr: 'x', tex: 'x', justification: { kind: 'definition' }, move: 'Start' },
    { id: 'b', expr: 'x', tex: 'x', justification: { kind: 'equal' }, move: 'Same' },
    { id: 'c', expr: 'x', tex: 'x', justification: { kind: 'equal' }, move: 'Same' },
  ],
});

describe('checkPlacement', () => {
  it('accepts every step once, in order', () => {
    expect(() => checkPlacement(d, ['a', 'b', 'c'], 'toy.mdx')).not.toThrow();
  });
  it('names an unknown id and lists the valid ones', () => {
    expect(() => checkPlacement(d, ['a', 'z', 'c'], 'toy.mdx')).toThrow(
      'toy.mdx: <Step id="z" /> is not a step of `toy`; valid ids, in order: a, b, c',
    );
  });
  it('reports a missing step', () => {
    expect(() => checkPlacement(d, ['a', 'c'], 'toy.mdx')).toThrow(/steps not placed: b; valid ids, in order: a, b, c/);
  });
  it('reports a duplicated step', () => {
    expect(() => checkPlacement(d, ['a', 'b', 'b', 'c'], 'toy.mdx')).toThrow(/placed twice/);
  });
  it('reports steps out of order', () => {
    expect(() => checkPlacement(d, ['a', 'c', 'b'], 'toy.mdx')).toThrow(/<Step id="c" \/> is out of order \(expected `b` there\)/);
  });
});
