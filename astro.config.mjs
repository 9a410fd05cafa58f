// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { pagefind } from './src/integrations/pagefind.ts';
import { verifyDerivations } from './src/integrations/verify.ts';
import { KATEX_OPTIONS } from './src/site/katex-options.ts';
import { rehypeScrollableMath } from './src/site/rehype-scrollable-math.ts';

// Host under a sub-path with DERIVABLE_BASE=/derivable/ (default: site root).
const base = process.env.DERIVABLE_BASE ?? '/';

export default defineConfig({
  site: process.env.DERIVABLE_SITE ?? 'http://localhost:4321',
  base,
  trailingSlash: 'always',
  integrations: [verifyDerivations(), mdx(), pagefind()],
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [
      [rehypeKatex, KATEX_OPTIONS],
      rehypeScrollableMath,
      [
        rehypeAutolinkHeadings,
        {
          behavior: 'append',
          properties: { className: ['heading-anchor'], ariaHidden: 'true', tabIndex: -1 },
          content: { type: 'text', value: '#' },
        },
      ],
    ],
  },
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
});
