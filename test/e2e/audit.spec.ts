import { openCustomerRecord, returnToMainWindow } from '../../src-renderer/features/records/records.page';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog, History } from '../../src-renderer/features/audit/audit.page';
import { CustomerDialog, CustomersPane } from '../../src-renderer/features/customers/customers.page';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import type { OpenApp } from '../../src-main/app';
import { expect, test } from './fixtures';
import { AllocationDialog } from '../../src-renderer/features/relations/relations.page';

function firstCustomer(app: OpenApp) {
  return app.conn.sqlite
    .prepare('SELECT id, code, name, city FROM customer WHERE deleted = 0 ORDER BY code COLLATE NOCASE LIMIT 1')
    .get() as {
    id: string;
    code: string;
    name: string;
    city: string;
  };
}

function cityOf(app: OpenApp, id: string): string {
  return (app.conn.sqlite.prepare('SELECT city FROM customer WHERE id = ?').get(id) as { city: string }).city;
}

async function fieldsOf(app: OpenApp, id: string) {
  const answer = await app.call('customers:get', { id });
  if (!answer.ok) throw new Error(answer.error.message);
  const { id: _id, accessMode: _mode, createdAt: _c, updatedAt: _u, ...fields } = answer.value;
  return fields;
}

test('a Save can be undone from the notice, and the undo redone', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'sample' });
  await app.call('settings:setActor', { actor: 'Anna' });
  const customer = firstCustomer(app);
  const main = new MainWindow(page);
  await openCustomerRecord(page, new CustomersPane(page).row(`${customer.code} ${customer.name}`));
  const dialog = new CustomerDialog(page, 'Edit customer');
  await dialog.fill({ City: 'Hamburg-Altona' });
  await dialog.submit();
  await expect(main.status).toContainText(`Customer ${customer.name} saved.`);
  expect(cityOf(app, customer.id)).toBe('Hamburg-Altona');

  await main.status.getByRole('button', { name: 'Undo' }).click();
  await expect(main.status).toContainText(
    `Undone: changed City of customer ${customer.name} from ${customer.city} to Hamburg-Altona.`,
  );
  await expect.poll(() => cityOf(app, customer.id)).toBe(customer.city);

  await main.status.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => cityOf(app, customer.id)).toBe('Hamburg-Altona');
  const actions = app.conn.sqlite
    .prepare(`SELECT action, actor FROM audit_event WHERE entity_id = ? ORDER BY id`)
    .all(customer.id);
  expect(actions).toEqual([
    { action: 'update', actor: 'Anna' },
    { action: 'undo', actor: 'Anna' },
    { action: 'undo', actor: 'Anna' },
  ]);
});

test('the edit dialog shows the history field by field; undo refuses after a later change and says which', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = firstCustomer(app);
  const fields = await fieldsOf(app, customer.id);
  await app.call('settings:setActor', { actor: 'Anna' });
  await app.call('customers:update', { id: customer.id, fields: { ...fields, city: 'Bremen' } });
  await app.call('settings:setActor', { actor: 'Ben' });
  await app.call('customers:update', { id: customer.id, fields: { ...fields, city: 'Kiel', zip: '24103' } });
  const device = app.context.deviceName;

  await openCustomerRecord(page, new CustomersPane(page).row(`${customer.code} ${customer.name}`));
  const dialog = new CustomerDialog(page, 'Edit customer');
  const history = new History(dialog.dialog);
  await history.open();
  await expect(history.batches).toHaveCount(2);
  await expect(history.batches.nth(0)).toContainText(`Ben (${device})`);
  await expect(history.batches.nth(0)).toContainText('City');
  await expect(history.batches.nth(0).getByRole('row', { name: /ZIP/ })).toBeVisible();
  await expect(history.batches.nth(1)).toContainText(`Anna (${device})`);
  await expect(history.batches.nth(1)).toContainText(
    `changed City of customer ${customer.name} from ${customer.city} to Bremen`,
  );

  await history.undo(1).click();
  const main = new MainWindow(page);
  await expect(main.status).toContainText(`Cannot undo: City of ${customer.name} was changed later by Ben on`);
  expect(cityOf(app, customer.id)).toBe('Kiel');

  await history.undo(0).click();
  await expect(dialog.dialog).toBeHidden();
  await expect.poll(() => cityOf(app, customer.id)).toBe('Bremen');
});

test('the audit log reads in an admin’s words, filters with true counts and exports CSV', async ({ launch }) => {
  const { page, app, setFiles } = await launch({ seed: 'sample' });
  const customer = firstCustomer(app);
  const fields = await fieldsOf(app, customer.id);
  await app.call('settings:setActor', { actor: 'Anna' });
  await app.call('customers:update', { id: customer.id, fields: { ...fields, city: 'Bremen' } });
  await app.call('services:create', { name: 'Audit Test Service' });
  const device = app.context.deviceName;
  const total = (app.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_event').get() as { n: number }).n;

  const log = new AuditLog(page);
  await log.open();
  await log.expectCount(`${total} of ${total}`);
  await expect(log.grid.getByRole('row').first()).toHaveAccessibleName(
    new RegExp(`^Anna \\(${device}\\) created service Audit Test Service, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`),
  );
  await expect(
    log.row(
      new RegExp(`^Anna \\(${device}\\) changed City of customer ${customer.name} from ${customer.city} to Bremen`),
    ),
  ).toBeVisible();

  await log.filter('Action').selectOption('update');
  await expect(log.count).toHaveText(new RegExp(`^2 of ${total}$`));
  await log.filter('Admin').selectOption('Anna');
  await log.expectCount(`1 of ${total}`);
  await log.row(/changed City/).click();
  await expect(log.details.getByRole('row', { name: `City ${customer.city} → Bremen` })).toBeVisible();
  await log.dialog.getByRole('button', { name: 'Clear filters' }).click();
  await log.expectCount(`${total} of ${total}`);
  await log.record.fill('Audit Test');
  await log.expectCount(`1 of ${total}`);
  await log.filter('From').fill('2000-01-01');
  await log.filter('To').fill('2000-01-02');
  await log.expectCount(`0 of ${total}`);
  await expect(log.dialog.getByText('No change matches these filters.')).toBeVisible();
  await log.dialog.getByRole('button', { name: 'Clear filters' }).click();

  const out = join(app.conn.path, '..', 'audit.csv');
  setFiles({ save: out });
  await log.filter('Entity type').selectOption('customer');
  await log.dialog.getByRole('button', { name: 'Export CSV…' }).click();
  await expect(new MainWindow(page).status).toContainText(`Exported 1 events to ${out}.`);
  const csv = readFileSync(out, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFtime,actor,device,entity,record,action,description,before,after,batch');
  expect(csv).toContain(`Anna (${device}) changed City of customer ${customer.name} from ${customer.city} to Bremen`);
  expect(csv).not.toContain('Audit Test Service');
});

test('the admin’s name from Settings is recorded with the next change and shown with the device', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const main = new MainWindow(page);
  await main.button('Settings').click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByLabel('This computer')).toHaveValue(app.context.deviceName);
  await settings.getByLabel('Admin name').fill('Anna Admin');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
  const customer = firstCustomer(app);
  await openCustomerRecord(page, new CustomersPane(page).row(`${customer.code} ${customer.name}`));
  const dialog = new CustomerDialog(page, 'Edit customer');
  await dialog.fill({ ZIP: '99999' });
  await dialog.submit();
  await expect(main.status).toContainText('saved.');
  await returnToMainWindow(page);

  const log = new AuditLog(page);
  await log.open();
  await expect(log.grid.getByRole('row').first()).toHaveAccessibleName(
    new RegExp(`^Anna Admin \\(${app.context.deviceName}\\) changed ZIP of customer`),
  );
  await expect(log.grid.getByRole('row').nth(1)).toHaveAccessibleName(/changed the admin name from .+ to Anna Admin/);
  const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
});

test('Settings: how many backups are kept, checked before it is saved', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'empty' });
  await new MainWindow(page).button('Settings').click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const keep = settings.getByLabel('Backups kept');
  await expect(keep).toHaveValue('5');
  await keep.fill('0');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('alert')).toHaveText('A whole number from 1 to 100');
  await keep.fill('3');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
  const saved = await app.call('settings:get', {});
  expect(saved.ok && saved.value.keepBackups).toBe(3);
});

test('an allocation Save is one batch that the notification can undo', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = firstCustomer(app);
  const db = app.conn.sqlite;
  const service = db
    .prepare(
      `SELECT s.path FROM service s WHERE s.deleted = 0 AND s.validity = 'valid'
         AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.customer_id = ? AND a.service_id = s.id AND a.granted = 1)
       ORDER BY s.path LIMIT 1`,
    )
    .get(customer.id) as { path: string };
  const granted = () =>
    (
      db.prepare('SELECT count(*) AS n FROM assignment WHERE customer_id = ? AND granted = 1').get(customer.id) as {
        n: number;
      }
    ).n;
  const before = granted();
  await new CustomersPane(page).row(`${customer.code} ${customer.name}`).click();
  const dialog = AllocationDialog.customer(page, customer.name);
  await dialog.checkbox(service.path).check();
  await dialog.button('Save').click();
  await dialog.expectSummary('Saved.');
  expect(granted()).toBe(before + 1);
  const main = new MainWindow(page);
  await expect(main.status).toContainText('Saved: +1, −0.');
  await main.status.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(granted).toBe(before);
});
