import { expect, type Locator, type Page } from '@playwright/test';

/** The confirmation before a soft delete ("Delete Acme Corporation?"). */
export function deleteConfirmation(page: Page, name: string): Locator {
  return page.getByRole('alertdialog', { name: `Delete ${name}?` });
}

/**
 * Opens "Edit customer" for a customer-list row. The row opens the edit dialog directly, or the
 * allocation dialog "Services of …", which links to it; both ways lead here.
 */
export async function openCustomerRecord(page: Page, row: Locator): Promise<Locator> {
  await row.click();
  const edit = page.getByRole('dialog', { name: 'Edit customer' });
  const services = page.getByRole('dialog', { name: /^Services of / });
  await edit.or(services).first().waitFor();
  // The customer's name at the top of "Services of …" is the back link to its record (the first
  // "Edit …" link: the rows' names below it link to theirs).
  if (!(await edit.isVisible()))
    await services
      .getByTitle(/^Edit /)
      .first()
      .click();
  return edit;
}

/** Opens "Edit service" for a service-tree item, directly or through "Customers of …". */
export async function openServiceRecord(page: Page, item: Locator): Promise<Locator> {
  await item.click();
  const edit = page.getByRole('dialog', { name: 'Edit service' });
  const customers = page.getByRole('dialog', { name: /^Customers of / });
  await edit.or(customers).first().waitFor();
  if (!(await edit.isVisible()))
    await customers
      .getByTitle(/^Edit /)
      .first()
      .click();
  return edit;
}

/** Closes the dialogs left open (an allocation dialog under a closed record), back to the main window. */
export async function returnToMainWindow(page: Page): Promise<void> {
  const dialogs = page.getByRole('dialog');
  for (let attempt = 0; attempt < 5 && (await dialogs.count()) > 0; attempt += 1) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
  await expect(dialogs).toHaveCount(0);
}
