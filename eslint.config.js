// Lint: ESLint's recommended rules and typescript-eslint's, over the TypeScript and JavaScript
// of the site, the engine, the scripts and the tests. Formatting is Prettier's (npm run format).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.e2e-dist/', '.astro/', 'node_modules/', '.bench/', 'test-results/', 'playwright-report/', 'public/pagefind/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_name` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The service worker and the theme script run as classic scripts in their own globals.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker, ...globals.browser } },
  },
);
