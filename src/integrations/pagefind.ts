import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pf from 'pagefind';

/**
 * Index the built site with Pagefind after `astro build`. Math is excluded:
 * KaTeX's HTML and MathML would fill the index with glyph soup, and nobody
 * searches for `\frac`.
 */
export function pagefind(): AstroIntegration {
  return {
    name: 'derivable:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pf.createIndex({
          rootSelector: 'main',
          excludeSelectors: ['.katex', '.katex-display', '[data-pagefind-ignore]', 'nav', '.heading-anchor'],
          forceLanguage: 'en',
        });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${site}pagefind` });
        if (written.errors.length) throw new Error(`Pagefind write failed: ${written.errors.join('; ')}`);
        logger.info(`indexed ${added.page_count} pages`);
        await pf.close();
      },
    },
  };
}
