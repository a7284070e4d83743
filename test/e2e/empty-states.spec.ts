import type { Locator } from '@playwright/test';
import { CustomersPane } from '../../src-renderer/features/customers/customers.page';
import { AllocationDialog } from '../../src-renderer/features/relations/relations.page';
import { ServicesPane } from '../../src-renderer/features/services/services.page';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import { expect, test } from './fixtures';

/** An empty state says what to do next, never `Nothing matches ""`. */
async function expectEmpty(where: Locator, text: string): Promise<void> {
  await expect(where.getByText(text, { exact: true })).toBeVisible();
  await expect(where.getByText('Nothing matches ""')).toHaveCount(0);
}

test('the dialogs of an empty database say what to do next', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'empty' });
  const main = new MainWindow(page);
  await expect(main.emptyState()).toBeVisible();

  await main.button('Audit log').click();
  await expectEmpty(
    main.dialogNamed('Audit log'),
    'No changes recorded yet. Every Save, import and delete will be listed here.',
  );
  await page.keyboard.press('Escape');
  await main.button('Customer users').click();
  await expectEmpty(
    main.dialogNamed('Customer users'),
    'No customer users yet. Use Add customer user to create the first one.',
  );
  await page.keyboard.press('Escape');
  await main.button('Edit default services').click();
  const defaults = AllocationDialog.defaults(page);
  await expectEmpty(
    defaults.dialog,
    'No valid services to choose from. Add one with Add service in the main window, or tick Show invalid to list invalid ones.',
  );
  await page.keyboard.press('Escape');
  await expect(defaults.dialog).toBeHidden();

  // One customer and no service: "Services of …" has nothing to list and nothing effective.
  const created = await app.call('customers:create', { code: 'ACME', name: 'Acme' });
  expect(created.ok).toBe(true);
  await new CustomersPane(page).row('ACME Acme').click();
  const services = AllocationDialog.customer(page, 'Acme');
  await expectEmpty(
    services.dialog,
    'No valid services to choose from. Add one with Add service in the main window, or tick Show invalid to list invalid ones.',
  );
  await expect(
    services.dialog.getByText(
      'None: there are no default services yet. Tick services here to give this customer its own, or use Edit default services.',
    ),
  ).toBeVisible();
  await services.showInvalid.check();
  await expectEmpty(services.dialog, 'No services to choose from. Add one with Add service in the main window.');
  await services.filter.fill('mail');
  await expect(services.dialog.getByText('Nothing matches "mail". Change the filter or clear it.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(services.dialog).toBeHidden();

  // A service and only an invalid customer: "Customers of …" says how to see it.
  const id = created.ok ? created.value.id : '';
  const invalid = await app.call('customers:update', {
    id,
    fields: { code: 'ACME', name: 'Acme', validity: 'invalid' },
  });
  expect(invalid.ok).toBe(true);
  await expectEmpty(
    new CustomersPane(page).region,
    'Every customer is invalid. Tick Show invalid to see them, or use Add customer.',
  );
  expect((await app.call('services:create', { name: 'Email' })).ok).toBe(true);
  await new ServicesPane(page).item('Email').click();
  const customers = AllocationDialog.service(page, 'Email');
  await expectEmpty(
    customers.dialog,
    'No valid customers to choose from. Add one with Add customer in the main window, or tick Show invalid to list invalid ones.',
  );
  await customers.showInvalid.check();
  await expect(customers.checkbox('Acme')).toBeVisible();
});
