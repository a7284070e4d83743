import { test as base } from '@playwright/test';
import { launchApp, type LaunchedApp, type LaunchOptions } from '../harness';

/** `launch(options)` opens the app through the harness; everything it opened is closed after the test. */
export const test = base.extend<{ launch: (options?: LaunchOptions) => Promise<LaunchedApp> }>({
  // Playwright reads the fixture's dependencies from this (empty) pattern.
  // eslint-disable-next-line no-empty-pattern
  launch: async ({}, use) => {
    const launched: LaunchedApp[] = [];
    await use(async (options) => {
      const app = await launchApp(options);
      launched.push(app);
      return app;
    });
    for (const app of launched) await app.close();
  },
});

export { expect } from '@playwright/test';
