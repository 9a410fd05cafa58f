import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4322);
/** Serve another build directory (E2E_DIST=.bench/dist) so parallel work does not share dist/. */
const DIST = process.env.E2E_DIST;

/** End-to-end tests run against the built site (`astro build` first), served by `astro preview`. */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  // Ceilings, not expectations: every test waits for conditions, so a loaded machine only makes
  // it slower. They are generous so that CI with other work beside it stays green.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `astro preview --port ${PORT}${DIST ? ` --outDir ${DIST} --ignore-lock` : ''}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
