import { z } from 'astro/zod';
import { TOPICS, LEVELS } from './topics';

/**
 * Frontmatter of a derivation page: page metadata only. The math lives in
 * `src/derivations/<slug>.ts`; the prose lives in the MDX body.
 */
export const DerivationFrontmatterSchema = z.object({
  /** Page title, e.g. "Least squares and the pseudo-inverse". */
  title: z.string().min(3),
  /** One sentence shown under the title on the home page. */
  summary: z.string().min(10).max(200),
  /** Topic the home page groups by. */
  topic: z.enum(TOPICS),
  /** How hard the question is in an interview. */
  level: z.enum(LEVELS),
  /** The interview question as an interviewer would ask it. */
  question: z.string().min(10),
  /**
   * The same question with its math as inline TeX in `$…$`, for where it is shown large (the
   * presenter, the round, the page): `question` stays plain text for the home page, search and meta.
   */
  questionMath: z.string().min(10).optional(),
  /** Slugs of derivations to read first; each must exist (checked in `src/site/collection.ts`). */
  prerequisites: z.array(z.string()).default([]),
  /** Position within its topic on the home page (ascending). */
  order: z.number().int().nonnegative(),
  /** True while the page is a placeholder; it then says "coming soon" and has no derivation. */
  comingSoon: z.boolean().default(false),
});

export type DerivationFrontmatter = z.infer<typeof DerivationFrontmatterSchema>;
