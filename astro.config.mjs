// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { pagefind } from './src/integrations/pagefind.ts';
import { verifyDerivations } from './src/integrations/verify.ts';
import { katexFonts } from './src/integrations/katex-fonts.ts';
import { serviceWorkerVersion } from './src/integrations/sw-version.ts';
import { compiledSteps } from './src/integrations/compiled-steps.ts';
import { readoutTemplates } from './src/integrations/readout-templates.ts';
import { KATEX_OPTIONS } from './src/site/katex-options.ts';
import { rehypeScrollableMath } from './src/site/rehype-scrollable-math.ts';
import { rehypeMathPunctuation, remarkUnbreakableParens } from './src/site/inline-math.ts';

// Host under a sub-path with DERIVABLE_BASE=/derivable/ (default: site root).
const base = process.env.DERIVABLE_BASE ?? '/';

export default defineConfig({
  site: process.env.DERIVABLE_SITE ?? 'http://localhost:4321',
  base,
  trailingSlash: 'always',
  // serviceWorkerVersion last: it hashes what the others wrote.
  integrations: [verifyDerivations(), compiledSteps(), readoutTemplates(), mdx(), pagefind(), katexFonts(), serviceWorkerVersion()],
  markdown: {
    // The pages show math, not code: no highlighter (Shiki's inline styles would need 'unsafe-inline').
    syntaxHighlight: false,
    processor: unified({
      remarkPlugins: [remarkMath, remarkUnbreakableParens],
      rehypePlugins: [
        [rehypeKatex, KATEX_OPTIONS],
        rehypeMathPunctuation,
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
    }),
  },
  build: { inlineStylesheets: 'never' },
  vite: {
    plugins: [
      {
        // plotly.js's registry requires maplibre's stylesheet for map traces, which the partial
        // bundle (surface, scatter3d) never registers; bundled, those 83 KB of CSS would be linked
        // from every page with a plot. An empty module stands in for it.
        name: 'derivable:no-maplibre-css',
        enforce: 'pre',
        resolveId: (id) => (id === 'maplibre-gl/dist/maplibre-gl.css' ? '\0derivable:empty-css' : undefined),
        load: (id) => (id === '\0derivable:empty-css' ? 'export default {};' : undefined),
      },
    ],
  },
  // Content-Security-Policy as a <meta> tag on every page: no inline script and no eval.
  // Astro adds the hashes of its own inline scripts and styles. What the libraries need:
  // KaTeX and the plot panels set inline style attributes (style-src-attr); Observable Plot
  // writes a <style> element into each chart (style-src-elem); Pagefind compiles WebAssembly
  // ('wasm-unsafe-eval', which allows wasm only, not JS eval); the practice checker is a
  // same-origin module worker (worker-src 'self'). nerdamer-prime's one `new Function` is
  // never reached by checking; mathjs and compute-engine's parser need no eval.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:", // data: for astro dev, where Vite inlines KaTeX's smallest font (Size3); a build serves it as a file
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: {
        // The one <style> text Observable Plot 0.6 writes into every chart (default class
        // plot-d6a7b5). After a Plot upgrade tests/e2e/csp.spec.ts fails and the browser's
        // message names the new hash.
        hashes: ['sha256-jSYQUrW7J0b3jPqhZP9C2Xh1PyJKHKXd4s0fpGGKrww='],
        resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
  devToolbar: { enabled: false },
});
