import { CustomerDialog, CustomersPane } from '../../src-renderer/features/customers/customers.page';
import { CustomerUserDialog, customerUserGrid } from '../../src-renderer/features/customerUsers/customerUsers.page';
import { CustomFieldsDialog } from '../../src-renderer/features/customFields/customFields.page';
import {
  deleteConfirmation,
  openCustomerRecord,
  openServiceRecord,
  returnToMainWindow,
} from '../../src-renderer/features/records/records.page';
import { ServicesPane } from '../../src-renderer/features/services/services.page';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import { expect, test } from './fixtures';

type Row = { id: string; code: string; name: string; assignments: number; users: number };

test('customer: delete says what it hides and can be cancelled; clone copies the assignments', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'sample' });
  const db = app.conn.sqlite;
  const target = db
    .prepare(
      `SELECT c.id, c.code, c.name,
         (SELECT count(*) FROM assignment a WHERE a.customer_id = c.id AND a.granted = 1) AS assignments,
         (SELECT count(*) FROM customer_user u WHERE u.customer_id = c.id AND u.deleted = 0) AS users
       FROM customer c WHERE c.validity = 'valid' AND c.access_mode = 'specific' ORDER BY assignments DESC LIMIT 1`,
    )
    .get() as Row;
  expect(target.assignments).toBeGreaterThan(1);
  const customers = new CustomersPane(page);
  await customers.filter(target.code);
  const edit = await openCustomerRecord(page, customers.row(`${target.code} ${target.name}`));

  await edit.getByRole('button', { name: 'Clone…' }).click();
  const clone = page.getByRole('dialog', { name: 'Clone customer' });
  await clone.getByLabel('Customer ID', { exact: true }).fill('has space');
  await clone.getByRole('button', { name: 'Create' }).click();
  await expect(clone.getByText('No spaces in a Customer ID')).toBeVisible();
  await clone.getByLabel('Customer ID', { exact: true }).fill(`${target.code}-B`);
  await expect(clone.getByRole('checkbox', { name: 'With its assignments' })).toBeChecked();
  await clone.getByRole('button', { name: 'Create' }).click();
  const copyDialog = new CustomerDialog(page, 'Edit customer');
  await expect(copyDialog.field('Customer ID')).toHaveValue(`${target.code}-B`);
  const copy = db.prepare('SELECT id FROM customer WHERE code = ?').get(`${target.code}-B`) as { id: string };
  expect(db.prepare('SELECT count(*) AS n FROM assignment WHERE customer_id = ? AND granted = 1').get(copy.id)).toEqual(
    { n: target.assignments },
  );

  await copyDialog.dialog.getByRole('button', { name: 'Cancel' }).click();
  await returnToMainWindow(page);
  await customers.filter(target.code);
  const original = await openCustomerRecord(page, customers.row(`${target.code} ${target.name}`));
  await original.getByRole('button', { name: 'Delete…' }).click();
  const confirm = deleteConfirmation(page, target.name);
  const users = target.users > 0 ? ` and ${target.users} customer users` : '';
  await expect(confirm).toContainText(`This also hides ${target.assignments} assignments${users}.`);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(original).toBeVisible();
  expect(db.prepare('SELECT deleted FROM customer WHERE id = ?').get(target.id)).toEqual({ deleted: 0 });
  await original.getByRole('button', { name: 'Delete…' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(original).toBeHidden();
  await expect(new MainWindow(page).status).toContainText(`Customer ${target.name} deleted.`);
  await expect(customers.row(`${target.code} ${target.name}`)).toBeHidden();
  await expect(customers.row(`${target.code}-B ${target.name} (copy)`)).toBeVisible();
});

test('customer user: mistakes get messages next to the fields; customers are picked by search; services show their sources', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const db = app.conn.sqlite;
  const [first, second] = db
    .prepare(
      `SELECT id, code, name FROM customer WHERE validity = 'valid' AND access_mode = 'specific' ORDER BY code LIMIT 2`,
    )
    .all() as Row[];
  if (!first || !second) throw new Error('sample has specific customers');
  const taken = db.prepare('SELECT login FROM customer_user WHERE deleted = 0 LIMIT 1').get() as { login: string };
  const customers = new CustomersPane(page);
  await customers.filter(first.code);
  const edit = await openCustomerRecord(page, customers.row(`${first.code} ${first.name}`));
  await edit.getByRole('button', { name: 'Add customer user' }).click();

  const dialog = new CustomerUserDialog(page, 'New customer user');
  await expect(dialog.field('Customer')).toHaveValue(`${first.code} ${first.name}`);
  await dialog.field('Email').fill('zoe@');
  await dialog.submit();
  await expect(dialog.dialog.getByText('Required')).toBeVisible();
  await expect(dialog.field('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.dialog.getByText('Enter an email address like anna@example.com')).toBeVisible();
  await dialog.field('Login').fill(taken.login);
  await dialog.field('Email').fill('zoe@example.com');
  await dialog.submit();
  await expect(dialog.dialog.getByText('Already taken', { exact: true })).toBeVisible();
  await expect(dialog.field('Login')).toHaveAttribute('aria-invalid', 'true');

  await dialog.field('Login').fill('zoe.tester');
  await dialog.field('First name').fill('Zoe');
  // Escape closes the open list of matches, not the dialog with its unsaved input.
  await dialog.field('Additional customers').fill(second.code);
  await expect(dialog.dialog.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog.dialog.getByRole('listbox')).toBeHidden();
  await expect(dialog.field('Login')).toHaveValue('zoe.tester');
  await dialog.pickCustomer('Additional customers', second.name.slice(0, 6), `${second.code} ${second.name}`);
  await expect(dialog.dialog.getByRole('button', { name: `Remove ${second.code} ${second.name}` })).toBeVisible();
  await dialog.submit();
  await expect(dialog.dialog).toBeHidden();
  await expect(customerUserGrid(edit).getByRole('row', { name: /^zoe\.tester Zoe/ })).toBeVisible();
  const user = db.prepare(`SELECT id FROM customer_user WHERE login = 'zoe.tester'`).get() as { id: string };
  expect(
    db.prepare('SELECT customer_id FROM customer_user_customer WHERE user_id = ? AND granted = 1').all(user.id),
  ).toEqual([{ customer_id: second.id }]);

  await customerUserGrid(edit)
    .getByRole('row', { name: /^zoe\.tester/ })
    .click();
  const editUser = new CustomerUserDialog(page, 'Edit customer user');
  const answer = await app.call('customerUsers:services', { id: user.id });
  if (!answer.ok) throw new Error(answer.error.message);
  expect(answer.value.length).toBeGreaterThan(0);
  await expect(editUser.services.getByRole('listitem')).toHaveCount(answer.value.length);
  const sample = answer.value[0];
  await expect(editUser.services.getByRole('listitem').first()).toContainText(sample?.path ?? '');
  await expect(editUser.services.getByRole('listitem').first()).toContainText(/\((specific|default)\)/);
});

test('custom fields: defined once, validated in the customer dialog, shown as a list column', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'sample' });
  const main = new MainWindow(page);
  await main.button('Custom fields').click();
  const fields = new CustomFieldsDialog(page);
  await fields.add({ label: 'Seats', kind: 'number', required: true, column: true });
  const tier = await fields.add({ label: 'Tier', kind: 'choice', options: '' });
  await fields.save();
  await expect(tier.getByText('A choice needs at least one option')).toBeVisible();
  await tier.getByLabel('Options', { exact: true }).fill('Gold\nSilver');
  await fields.save();
  await expect(fields.dialog).toBeHidden();

  await main.button('Add customer').click();
  const dialog = new CustomerDialog(page, 'New customer');
  await dialog.fill({ 'Customer ID': 'ZZ-SEATS', Name: 'Seat Counter', Seats: 'ten' });
  await dialog.submit();
  await expect(dialog.dialog.getByText('Enter a number')).toBeVisible();
  await expect(dialog.field('Seats')).toHaveAttribute('aria-invalid', 'true');
  await dialog.fill({ Seats: '' });
  await dialog.submit();
  await expect(dialog.field('Seats')).toHaveAttribute('aria-invalid', 'true');
  await dialog.fill({ Seats: '12,5', Tier: 'Gold' });
  await dialog.submit();
  await expect(dialog.dialog).toBeHidden();
  const saved = app.conn.sqlite.prepare(`SELECT custom_fields FROM customer WHERE code = 'ZZ-SEATS'`).get() as {
    custom_fields: string;
  };
  expect(JSON.parse(saved.custom_fields)).toEqual({ seats: 12.5, tier: 'Gold' });
  const customers = new CustomersPane(page);
  await customers.filter('ZZ-SEATS');
  await expect(customers.row('ZZ-SEATS Seat Counter').getByRole('gridcell').last()).toHaveText('12.5');
});

test('service: "::" and a long comment are refused next to the fields; clone and delete with what it hides', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const db = app.conn.sqlite;
  const parent = db
    .prepare(
      `SELECT s.id, s.name, s.path, (SELECT count(*) FROM service c WHERE c.parent_id = s.id AND c.deleted = 0) AS children
              FROM service s WHERE s.parent_id IS NULL AND s.validity = 'valid' ORDER BY children DESC LIMIT 1`,
    )
    .get() as { id: string; name: string; path: string; children: number };
  const services = new ServicesPane(page);
  const edit = await openServiceRecord(page, services.item(parent.name));
  await edit.getByLabel('Name', { exact: true }).fill('A::B');
  await edit.getByLabel('Comment', { exact: true }).fill('x'.repeat(250));
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('A name cannot contain "::"; pick "Sub-service of" instead')).toBeVisible();
  // The parent picker never offers the service itself or its descendants.
  const options = await edit.getByLabel('Sub-service of', { exact: true }).locator('option').allTextContents();
  expect(options.some((option) => option === parent.path || option.startsWith(`${parent.path}::`))).toBe(false);
  await edit.getByLabel('Name', { exact: true }).fill(parent.name);

  await edit.getByRole('button', { name: 'Clone…' }).click();
  const clone = page.getByRole('dialog', { name: 'Clone service' });
  await clone.getByLabel('Name', { exact: true }).fill(parent.name);
  await clone.getByRole('button', { name: 'Create' }).click();
  await expect(clone.getByText(`A service "${parent.path}" already exists.`).first()).toBeVisible();
  await clone.getByLabel('Name', { exact: true }).fill(`${parent.name} 2`);
  await clone.getByRole('button', { name: 'Create' }).click();
  await expect(clone).toBeHidden();
  await expect(new MainWindow(page).status).toContainText(`Service ${parent.name} 2 created as a copy.`);
  expect(
    db.prepare('SELECT parent_id AS parentId FROM service WHERE path = ? AND deleted = 0').get(`${parent.name} 2`),
  ).toEqual({ parentId: null });

  await edit.getByRole('button', { name: 'Delete…' }).click();
  const confirm = deleteConfirmation(page, parent.path);
  await expect(confirm).toContainText(new RegExp(`This also hides \\d+ sub-services`));
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(edit).toBeHidden();
  await expect(services.item(parent.name)).toBeHidden();
  const deleted = db
    .prepare(`SELECT count(*) AS n FROM service WHERE deleted = 1 AND (id = ? OR path LIKE ?)`)
    .get(parent.id, `${parent.path}::%`) as { n: number };
  expect(deleted.n).toBeGreaterThan(parent.children);
  expect(
    db.prepare(`SELECT count(*) AS n FROM service WHERE deleted = 0 AND path LIKE ?`).get(`${parent.path}::%`),
  ).toEqual({ n: 0 });
});

test('lifecycle: the customer dialog says what invalid stops and valid restores, and the save does exactly that', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const db = app.conn.sqlite;
  const target = db
    .prepare(
      `SELECT c.id, c.code, c.name, (SELECT count(*) FROM assignment a WHERE a.customer_id = c.id AND a.granted = 1 AND a.status = 'active') AS assignments
       FROM customer c WHERE c.validity = 'valid' ORDER BY assignments DESC LIMIT 1`,
    )
    .get() as Row;
  expect(target.assignments).toBeGreaterThan(0);
  const customers = new CustomersPane(page);
  await customers.filter(target.code);
  const edit = await openCustomerRecord(page, customers.row(`${target.code} ${target.name}`));
  const dialog = new CustomerDialog(page, 'Edit customer');
  await dialog.fill({ Validity: 'invalid' });
  await expect(
    edit.getByText(`Saving stops its ${target.assignments} active assignments; they return when it is valid again.`),
  ).toBeVisible();
  await dialog.submit();
  await expect(edit).toBeHidden();
  const stopped = db
    .prepare(
      `SELECT count(*) AS n FROM assignment WHERE customer_id = ? AND status = 'stopped' AND stopped_by_lifecycle = 1`,
    )
    .get(target.id);
  expect(stopped).toEqual({ n: target.assignments });
  expect(
    db
      .prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'lifecycle' AND entity_id LIKE ?`)
      .get(`${target.id}/%`),
  ).toEqual({ n: target.assignments });

  await returnToMainWindow(page);
  await customers.showInvalid.check();
  const again = await openCustomerRecord(page, customers.row(`${target.code} ${target.name}`));
  await dialog.fill({ Validity: 'valid' });
  await expect(
    again.getByText(`Saving returns ${target.assignments} assignments stopped when it became invalid to active.`),
  ).toBeVisible();
  await dialog.submit();
  await expect(again).toBeHidden();
  expect(
    db.prepare(`SELECT count(*) AS n FROM assignment WHERE customer_id = ? AND status = 'active'`).get(target.id),
  ).toEqual({ n: target.assignments });
});

test('the record dialogs pass an axe scan, light and dark', async ({ launch }) => {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const { page, setFiles } = await launch({ seed: 'sample' });
  const main = new MainWindow(page);
  // Each scan runs in the light and the dark theme, contrast included: twice the scans.
  test.setTimeout(180_000);
  const scan = async (name: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const result = await new AxeBuilder({ page }).include(`[role="dialog"][aria-labelledby]`).analyze();
      expect(
        result.violations.map(
          (violation) =>
            `${name} (${colorScheme}): ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        ),
      ).toEqual([]);
    }
  };
  await main.button('Customer users').click();
  await page.getByRole('dialog', { name: 'Customer users' }).getByRole('button', { name: 'Add customer user' }).click();
  const user = new CustomerUserDialog(page, 'New customer user');
  await user.field('Customer').fill('a');
  await expect(user.dialog.getByRole('listbox')).toBeVisible();
  await scan('New customer user');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await main.button('Custom fields').click();
  await new CustomFieldsDialog(page).add({ label: 'Tier', kind: 'choice' });
  await scan('Custom fields');
  await page.keyboard.press('Escape');
  setFiles({ open: `${import.meta.dirname}/../fixtures/csv/customers-bad-lines.csv` });
  await main.button('CSV import / export…').click();
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await scan('CSV');
});
