import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { DerivationFrontmatterSchema } from './site/schema';

const derivations = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/derivations' }),
  schema: DerivationFrontmatterSchema,
});

export const collections = { derivations };
