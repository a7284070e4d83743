import { defineConfig } from '@playwright/test';

// The harness launches the Chromium that test/setup/chromium.ts finds (test/harness/browser.ts).
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
