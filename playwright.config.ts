import { defineConfig } from '@playwright/test';

// The harness launches Debian's Chromium itself (test/harness/browser.ts); no browser download.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
