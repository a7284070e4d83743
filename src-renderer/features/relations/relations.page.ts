import { expect, type Locator, type Page } from '@playwright/test';

/** One of the allocation dialogs: "Services of {customer}", "Customers of {service}", "Default services". */
export class AllocationDialog {
  readonly dialog: Locator;
  readonly filter: Locator;
  readonly selectAll: Locator;
  readonly showInvalid: Locator;
  readonly list: Locator;
  readonly summary: Locator;

  constructor(
    readonly page: Page,
    title: string | RegExp,
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
    this.filter = this.dialog.getByRole('searchbox', { name: 'Filter' });
    this.selectAll = this.dialog.getByRole('checkbox', { name: 'Select all' });
    this.showInvalid = this.dialog.getByRole('checkbox', { name: 'Show invalid' });
    this.list = this.dialog.getByRole('grid');
    this.summary = this.dialog.locator('.allocation-summary');
  }

  static customer(page: Page, name: string): AllocationDialog {
    return new AllocationDialog(page, `Services of ${name}`);
  }

  static service(page: Page, path: string): AllocationDialog {
    return new AllocationDialog(page, `Customers of ${path}`);
  }

  static defaults(page: Page): AllocationDialog {
    return new AllocationDialog(page, 'Default services');
  }

  /** A row's checkbox, named by the row's name (service path or customer name). */
  checkbox(name: string): Locator {
    return this.list.getByRole('checkbox', { name, exact: true });
  }

  /** A row's name as the button that opens its record (named by the service path or customer name). */
  nameButton(name: string): Locator {
    return this.list.getByRole('button', { name, exact: true });
  }

  details(name: string): Locator {
    return this.dialog.getByRole('button', { name: `Details of ${name}`, exact: true });
  }

  button(name: 'Save' | 'Save and finish' | 'Cancel'): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }

  /** "12 selected of 2,000". */
  get count(): Locator {
    return this.dialog.getByText(/selected of/);
  }

  async expectSummary(text: string | RegExp): Promise<void> {
    await expect(this.summary).toHaveText(text);
  }
}

/** The "Discard unsaved changes?" question. */
export function discardGuard(page: Page): Locator {
  return page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
}

/** Dialog "Assignment details". */
export class AssignmentDetailsDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Assignment details' });
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click();
  }
}
