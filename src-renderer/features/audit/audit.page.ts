import { expect, type Locator, type Page } from '@playwright/test';

/** Dialog "Audit log". */
export class AuditLog {
  readonly dialog: Locator;
  readonly grid: Locator;
  readonly count: Locator;
  readonly record: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Audit log' });
    this.grid = this.dialog.getByRole('grid', { name: 'Audit events' });
    this.count = this.dialog.getByRole('status', { name: 'Audit events count' });
    this.record = this.dialog.getByRole('searchbox', { name: 'Record' });
    this.details = this.dialog.getByRole('region', { name: 'Selected change' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Audit log', exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  filter(label: 'Entity type' | 'Admin' | 'Action' | 'From' | 'To'): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  row(name: string | RegExp): Locator {
    return this.grid.getByRole('row', { name });
  }

  async expectCount(text: string): Promise<void> {
    await expect(this.count).toHaveText(text);
  }
}

/** The "History" section of an edit dialog. */
export class History {
  readonly summary: Locator;
  readonly list: Locator;

  constructor(readonly dialog: Locator) {
    this.summary = dialog.getByText('History', { exact: true });
    this.list = dialog.getByRole('list', { name: 'Changes' });
  }

  async open(): Promise<void> {
    await this.summary.click();
    await expect(this.list).toBeVisible();
  }

  get batches(): Locator {
    return this.list.getByRole('listitem');
  }

  /** The "Undo" button of the n-th Save shown (0 = newest). */
  undo(index: number): Locator {
    return this.batches.nth(index).getByRole('button', { name: /^Undo the change of/ });
  }
}

/** Dialog "Erase personal data" (confirmed by typing the login). */
export class EraseDialog {
  readonly dialog: Locator;
  readonly confirm: Locator;
  readonly eraseButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Erase personal data' });
    this.confirm = this.dialog.getByLabel('Type the login to confirm', { exact: true });
    this.eraseButton = this.dialog.getByRole('button', { name: 'Erase personal data', exact: true });
  }

  async erase(login: string): Promise<void> {
    await this.confirm.fill(login);
    await this.eraseButton.click();
  }
}
