import { expect, type Locator, type Page } from '@playwright/test';

/** The import preview as a person finds it: by role and accessible name. */
export class ImportPreviewDialog {
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Import snapshot' });
  }

  section(title: string): Locator {
    return this.dialog.getByRole('region', { name: new RegExp(`^${title} \\(`) });
  }

  /** The radio group of one conflict ("ACME · Acme Corporation · city"). */
  conflict(name: string): Locator {
    return this.dialog.getByRole('radiogroup', { name });
  }

  async choose(
    group: string,
    choice: 'Take theirs' | 'Keep mine' | 'Same record: link' | 'Different: keep both',
  ): Promise<void> {
    await this.dialog.getByRole('radiogroup', { name: group }).getByRole('radio', { name: choice }).check();
  }

  async apply(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(this.dialog.getByRole('status')).toBeVisible();
  }

  get summary(): Locator {
    return this.dialog.getByRole('status');
  }
}
