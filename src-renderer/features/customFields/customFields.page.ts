import type { Locator, Page } from '@playwright/test';

/** Dialog "Custom fields": one group per field, named by its label. */
export class CustomFieldsDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Custom fields' });
  }

  /** Adds a field and fills it; returns its group. */
  async add(field: {
    label: string;
    kind?: string;
    required?: boolean;
    options?: string;
    column?: boolean;
  }): Promise<Locator> {
    await this.dialog.getByRole('button', { name: 'Add field' }).click();
    const group = this.dialog.getByRole('group').last();
    await group.getByLabel('Label', { exact: true }).fill(field.label);
    if (field.kind) await group.getByLabel('Kind', { exact: true }).selectOption(field.kind);
    if (field.options !== undefined) await group.getByLabel('Options', { exact: true }).fill(field.options);
    if (field.required) await group.getByRole('checkbox', { name: 'Required' }).check();
    if (field.column) await group.getByRole('checkbox', { name: 'Show in customer list' }).check();
    return group;
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save' }).click();
  }
}
