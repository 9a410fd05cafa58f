import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { derivations } from '../../../src/derivations/index';

const CORE = ['least-squares', 'ml-vs-map', 'pca-decorrelation', 'monty-hall', 'newton-method'];

describe('derivation registry', () => {
  const pages = readdirSync('content/derivations')
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => ({ slug: f.replace(/\.mdx$/, ''), text: readFileSync(`content/derivations/${f}`, 'utf8') }));

  it('has the five core derivations', () => {
    for (const slug of CORE) expect(derivations.has(slug), slug).toBe(true);
  });

  it('has a module for every written page and a page for every module', () => {
    const written = pages
      .filter((p) => !/^comingSoon:\s*true/m.test(p.text))
      .map((p) => p.slug)
      .sort();
    expect([...derivations.keys()].sort()).toEqual(written);
  });
});
