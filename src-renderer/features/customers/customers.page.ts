import { expect, type Locator, type Page } from '@playwright/test';

/** Region "Customers" of the main window. */
export class CustomersPane {
  readonly region: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly grid: Locator;
  readonly showInvalid: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Customers' });
    this.search = this.region.getByRole('searchbox', { name: 'Search customers' });
    this.count = this.region.getByRole('status', { name: 'Customers count' });
    this.grid = this.region.getByRole('grid', { name: 'Customers' });
    this.showInvalid = this.region.getByRole('checkbox', { name: 'Show invalid' });
  }

  /** A row by its accessible name ("ACME Acme Corporation"). */
  row(name: string | RegExp): Locator {
    return this.grid.getByRole('row', { name });
  }

  async filter(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async expectCount(text: string, options: { timeout?: number } = {}): Promise<void> {
    await expect(this.count).toHaveText(text, options);
  }
}

/** Dialog "New customer" / "Edit customer". */
export class CustomerDialog {
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    title: 'New customer' | 'Edit customer',
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  async fill(values: Readonly<Record<string, string>>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const field = this.field(label);
      // Page models are built without the DOM's types: the element is typed by what is read of it.
      if ((await field.evaluate((element: { readonly tagName: string }) => element.tagName)) === 'SELECT')
        await field.selectOption(value);
      else await field.fill(value);
    }
  }

  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Create|Save)$/ }).click();
  }
}
