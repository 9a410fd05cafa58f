import { describe, expect, it } from 'vitest';
import { checkPrerequisites } from '../../../src/site/prerequisites';
import { DerivationFrontmatterSchema } from '../../../src/site/schema';

describe('checkPrerequisites', () => {
  const page = (id: string, prerequisites: string[] = []) => ({ id, file: `content/derivations/${id}.mdx`, prerequisites });

  it('accepts prerequisites that name existing pages', () => {
    expect(() => checkPrerequisites([page('a'), page('b', ['a'])])).not.toThrow();
  });

  it('names the file, the field and the known slugs for an unknown slug', () => {
    expect(() => checkPrerequisites([page('a'), page('b', ['nope'])])).toThrow(
      'content/derivations/b.mdx: frontmatter field "prerequisites" names "nope", which is not a derivation; known slugs: a, b',
    );
  });

  it('rejects a page that requires itself', () => {
    expect(() => checkPrerequisites([page('a', ['a'])])).toThrow(/lists the page itself/);
  });
});

describe('DerivationFrontmatterSchema', () => {
  const good = {
    title: 'Least squares',
    summary: 'Fit a line by minimising squared error.',
    topic: 'linear-models',
    level: 'core',
    question: 'Derive the least-squares estimate.',
    order: 1,
  };

  it('fills defaults', () => {
    const parsed = DerivationFrontmatterSchema.parse(good);
    expect(parsed.prerequisites).toEqual([]);
    expect(parsed.comingSoon).toBe(false);
  });

  it('reports the field that is wrong', () => {
    const r = DerivationFrontmatterSchema.safeParse({ ...good, level: 'hard' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['level']);
  });
});
