import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { OpenApp } from '../../src-main/app';
import { EraseDialog, History } from '../../src-renderer/features/audit/audit.page';
import { CustomerUserDialog, customerUserGrid } from '../../src-renderer/features/customerUsers/customerUsers.page';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import { expect, test } from './fixtures';

type UserRow = { id: string; login: string; first_name: string; last_name: string; email: string; phone: string };

/** The first customer user of the sample, by login. */
function sampleUser(app: OpenApp): UserRow {
  return app.conn.sqlite
    .prepare('SELECT id, login, first_name, last_name, email, phone FROM customer_user ORDER BY login LIMIT 1')
    .get() as UserRow;
}

function userRow(app: OpenApp, id: string): UserRow {
  return app.conn.sqlite
    .prepare('SELECT id, login, first_name, last_name, email, phone FROM customer_user WHERE id = ?')
    .get(id) as UserRow;
}

function auditCount(app: OpenApp): number {
  return (app.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_event').get() as { n: number }).n;
}

/** The raw bytes of the database file and its WAL, read while the app still has them open. */
function fileBytes(dbPath: string): Buffer {
  return Buffer.concat([dbPath, `${dbPath}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path)));
}

/** Opens "Edit customer user" from the global "Customer users" list, found by login. */
async function openUser(
  page: Page,
  user: UserRow,
  name: string = `${user.login} ${user.first_name} ${user.last_name}`,
): Promise<CustomerUserDialog> {
  const main = new MainWindow(page);
  const list = main.dialogNamed('Customer users');
  if (!(await list.isVisible())) await main.button('Customer users').click();
  await list.getByRole('searchbox', { name: 'Filter' }).fill(user.login);
  await customerUserGrid(list).getByRole('row', { name }).click();
  const dialog = new CustomerUserDialog(page, 'Edit customer user');
  await expect(dialog.field('Login')).toHaveValue(user.login);
  return dialog;
}

test('erase personal data: refused with a wrong login, then gone from the record, the history and the file', async ({
  launch,
}) => {
  const { page, app, dbPath } = await launch({ seed: 'sample' });
  const main = new MainWindow(page);
  const user = sampleUser(app);
  // A Save first, so the user's history holds personal data (old and new values) to erase. The
  // sample's last names are shared by several users: a unique one makes the byte scan meaningful.
  const newEmail = 'private.mailbox.4711@example.org';
  const newLastName = 'Quistorp-Wendehals';
  let dialog = await openUser(page, user);
  await dialog.field('Email').fill(newEmail);
  await dialog.field('Last name').fill(newLastName);
  await dialog.submit();
  await expect(dialog.dialog).toBeHidden();
  await expect(main.status).toContainText(`Customer user ${user.login} saved.`);
  const saved = { ...user, email: newEmail, last_name: newLastName };
  dialog = await openUser(page, saved);
  const secrets = [user.email, newEmail, newLastName];
  const before = fileBytes(dbPath);
  for (const secret of secrets) expect(before.includes(secret), `${secret} is on disk before`).toBe(true);

  await dialog.eraseButton.click();
  const erase = new EraseDialog(page);
  await expect(erase.dialog).toContainText(`of ${user.login} will be replaced by "[erased]"`);
  await erase.confirm.fill(`${user.login}x`);
  await expect(erase.eraseButton).toBeDisabled();
  await erase.confirm.press('Enter');
  await expect(erase.dialog).toBeVisible();
  // Main refuses a wrong login too, whatever the renderer does.
  const events = auditCount(app);
  const refused = await app.call('privacy:eraseCustomerUser', { id: user.id, confirmLogin: 'someone.else' });
  expect(refused.ok ? null : refused.error.message).toBe(`Type the login "${user.login}" to confirm.`);
  expect(userRow(app, user.id)).toEqual(saved);
  expect(auditCount(app)).toBe(events);

  await erase.erase(user.login);
  await expect(erase.dialog).toBeHidden();
  await expect(dialog.dialog).toBeHidden();
  await expect(main.status).toContainText(`The personal data of ${user.login} was erased.`);
  expect(userRow(app, user.id)).toEqual({
    id: user.id,
    login: user.login,
    first_name: '[erased]',
    last_name: '[erased]',
    email: '[erased]',
    phone: '[erased]',
  });

  // The list below shows the marker and keeps the login.
  const list = main.dialogNamed('Customer users');
  const row = customerUserGrid(list).getByRole('row', { name: `${user.login} [erased] [erased]` });
  await expect(row).toBeVisible();
  await expect(row.getByRole('gridcell').nth(2)).toHaveText('[erased]');

  // The user's history: the erasure, and the earlier Save with its values replaced.
  dialog = await openUser(page, user, `${user.login} [erased] [erased]`);
  await expect(dialog.field('Last name')).toHaveValue('[erased]');
  const history = new History(dialog.dialog);
  await history.open();
  await expect(history.batches).toHaveCount(2);
  await expect(history.batches.nth(0)).toContainText(`erased the personal data of customer user ${user.login}`);
  await expect(history.batches.nth(1)).toContainText(`changed Last name, Email of customer user ${user.login}`);
  await expect(history.batches.nth(1).getByRole('row', { name: 'Last name [erased] → [erased]' })).toBeVisible();
  await expect(history.batches.nth(1).getByRole('row', { name: 'Email [erased] → [erased]' })).toBeVisible();
  for (const value of [...secrets, user.last_name]) await expect(history.list).not.toContainText(value);

  // The earlier Save cannot be undone past the erasure (it would only write markers again).
  const saveBatch = (
    app.conn.sqlite
      .prepare(`SELECT batch_id FROM audit_event WHERE entity_id = ? AND action = 'update'`)
      .get(user.id) as { batch_id: string }
  ).batch_id;
  const undo = await app.call('audit:undo', { batchId: saveBatch });
  expect(undo.ok ? null : undo.error.message).toMatch(
    /^Cannot undo: Last name of .* was changed later by .*; Email of .* was changed later by/,
  );

  const after = fileBytes(dbPath);
  expect(after.includes(user.login)).toBe(true);
  for (const secret of secrets) expect(after.includes(secret), `${secret} is still on disk`).toBe(false);
});

test('a Save in the customer user dialog can be undone from the notification', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'sample' });
  const main = new MainWindow(page);
  const user = sampleUser(app);
  const dialog = await openUser(page, user);
  await dialog.field('Phone').fill('+49 40 123456');
  await dialog.submit();
  await expect(dialog.dialog).toBeHidden();
  await expect(main.status).toContainText(`Customer user ${user.login} saved.`);
  expect(userRow(app, user.id).phone).toBe('+49 40 123456');

  // Known limit: the notice sits under the modal overlay of the "Customer users" list still
  // open below, so the admin closes that list first (within the notice's 12 seconds).
  await main.dialogNamed('Customer users').press('Escape');
  await expect(main.dialogNamed('Customer users')).toBeHidden();
  await main.status.getByRole('button', { name: 'Undo' }).click();
  await expect(main.status).toContainText(
    `Undone: changed Phone of customer user ${user.login} from ${user.phone} to +49 40 123456.`,
  );
  await expect.poll(() => userRow(app, user.id).phone).toBe(user.phone);
});

test('"Edit customer user" with its history and erase button passes an axe scan', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'sample' });
  const user = sampleUser(app);
  const answer = await app.call('customerUsers:get', { id: user.id });
  if (!answer.ok) throw new Error(answer.error.message);
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = answer.value;
  await app.call('customerUsers:update', { id: user.id, fields: { ...fields, phone: '+49 40 654321' } });
  const dialog = await openUser(page, user);
  const history = new History(dialog.dialog);
  await history.open();
  await expect(history.batches).toHaveCount(1);
  await expect(dialog.eraseButton).toBeVisible();
  const scan = async (name: string) => {
    const result = await new AxeBuilder({ page }).include('[role="dialog"][aria-labelledby]').analyze();
    const serious = result.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(
      serious.map(
        (violation) => `${name}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  };
  await scan('Edit customer user');
  await dialog.eraseButton.click();
  await expect(new EraseDialog(page).dialog).toBeVisible();
  await scan('Erase personal data');
});
