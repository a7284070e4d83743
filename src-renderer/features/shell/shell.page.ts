import type { Locator, Page } from '@playwright/test';

/** The main window as a person finds it: by role and accessible name (docs/ARCHITECTURE.md#names-on-screen). */
export class MainWindow {
  constructor(readonly page: Page) {}

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  dialogNamed(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  get status(): Locator {
    return this.page.getByRole('status', { name: 'Notifications' });
  }

  emptyState(): Locator {
    return this.page.getByRole('region', { name: 'Welcome to Service Allocator' });
  }
}
