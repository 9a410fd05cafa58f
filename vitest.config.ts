import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    // A ceiling for a stuck test, not an expectation: a cold verification cache checks every page's
    // steps, mistakes and displayed TeX (61 s seen for one page's test at load ~24).
    testTimeout: 300_000,
  },
});
