import type { Locator, Page } from '@playwright/test';

/** Dialog "New customer user" / "Edit customer user". */
export class CustomerUserDialog {
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    title: 'New customer user' | 'Edit customer user',
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  /** Types into a customer combobox ("Customer", "Additional customers") and picks the option named `option`. */
  async pickCustomer(
    label: 'Customer' | 'Additional customers',
    search: string,
    option: string | RegExp,
  ): Promise<void> {
    await this.field(label).fill(search);
    await this.dialog.getByRole('option', { name: option }).first().click();
  }

  get services(): Locator {
    return this.dialog.getByRole('list', { name: 'Effective services' });
  }

  /** Footer button opening "Erase personal data" (edit only). */
  get eraseButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Erase personal data', exact: true });
  }

  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Create|Save)$/ }).click();
  }
}

/** A customer-user grid ("Customer users"), inside a customer dialog or the global list. */
export function customerUserGrid(scope: Locator): Locator {
  return scope.getByRole('grid', { name: 'Customer users' });
}
