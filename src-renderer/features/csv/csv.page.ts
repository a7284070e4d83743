import type { Locator, Page } from '@playwright/test';

/** Dialog "CSV import / export". */
export class CsvDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'CSV import / export' });
  }

  async choose(records: 'Customers' | 'Customer users' | 'Services'): Promise<void> {
    await this.dialog.getByLabel('Records').selectOption({ label: records });
  }

  button(name: string | RegExp): Locator {
    return this.dialog.getByRole('button', { name });
  }

  /** The bar of a file being read or imported, named by what is running ("Reading customers.csv"). */
  get progress(): Locator {
    return this.dialog.getByRole('progressbar');
  }

  /** The per-line error table of the dry run. */
  get errors(): Locator {
    return this.dialog.getByRole('table');
  }
}
