import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CustomersPane } from '../../src-renderer/features/customers/customers.page';
import {
  AllocationDialog,
  AssignmentDetailsDialog,
  discardGuard,
} from '../../src-renderer/features/relations/relations.page';
import { ServicesPane } from '../../src-renderer/features/services/services.page';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import type { OpenApp } from '../../src-main/app';
import { expect, test } from './fixtures';

type Row = { id: string; code: string; name: string };

function one<T>(app: OpenApp, sql: string, ...params: unknown[]): T {
  return app.conn.sqlite.prepare(sql).get(...params) as T;
}

/** A valid customer on the defaults, and the number of valid default services. */
function customerOnDefaults(app: OpenApp): Row & { defaults: number } {
  const customer = one<Row>(
    app,
    `SELECT id, code, name FROM customer WHERE deleted = 0 AND validity = 'valid' AND access_mode = 'defaults' ORDER BY code LIMIT 1`,
  );
  const { n } = one<{ n: number }>(
    app,
    `SELECT count(*) AS n FROM default_service d JOIN service s ON s.id = d.service_id WHERE d.granted = 1 AND s.deleted = 0 AND s.validity = 'valid'`,
  );
  return { ...customer, defaults: n };
}

async function openCustomer(page: Page, customer: Row): Promise<AllocationDialog> {
  const customers = new CustomersPane(page);
  await customers.filter(customer.code);
  await customers.row(`${customer.code} ${customer.name}`).click();
  const dialog = AllocationDialog.customer(page, customer.name);
  await expect(dialog.dialog).toBeVisible();
  return dialog;
}

function granted(app: OpenApp, customerId: string): number {
  return one<{ n: number }>(
    app,
    'SELECT count(*) AS n FROM assignment WHERE customer_id = ? AND granted = 1',
    customerId,
  ).n;
}

/** Counts the calls the window makes to main from now on, by method. */
function countCalls(app: OpenApp): Map<string, number> {
  const counts = new Map<string, number>();
  const dispatch = app.dispatch;
  Object.assign(app, {
    dispatch: (method: unknown, input: unknown) => {
      counts.set(String(method), (counts.get(String(method)) ?? 0) + 1);
      return dispatch(method, input);
    },
  });
  return counts;
}

function lastEvent(app: OpenApp): number {
  return one<{ id: number }>(app, 'SELECT max(id) AS id FROM audit_event').id;
}

test('customer → services: filter keeps ancestors, select-all over the filtered rows, preview, Save and Save and finish', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = customerOnDefaults(app);
  const dialog = await openCustomer(page, customer);
  await expect(dialog.count).toHaveText('0 selected of 60');
  await expect(dialog.dialog.getByRole('heading', { name: `Effective services (${customer.defaults})` })).toBeVisible();

  await dialog.filter.fill('setup');
  const matching = one<{ n: number }>(
    app,
    `SELECT count(*) AS n FROM service WHERE deleted = 0 AND validity = 'valid' AND lower(path) LIKE '%setup%'`,
  ).n;
  const leaf = one<{ path: string }>(
    app,
    `SELECT path FROM service WHERE deleted = 0 AND validity = 'valid' AND name = 'Setup' ORDER BY path LIMIT 1`,
  ).path;
  const parent = leaf.split('::').slice(0, -1).join('::');
  await expect(dialog.list.getByRole('row', { name: parent, exact: true })).toBeVisible();
  await dialog.selectAll.check();
  await expect(dialog.count).toHaveText(`${matching} selected of 60`);
  await expect(dialog.checkbox(leaf)).toBeChecked();
  await expect(dialog.checkbox(parent)).not.toBeChecked();
  await expect(dialog.selectAll).toBeChecked();
  await dialog.checkbox(leaf).uncheck();
  await expect(dialog.selectAll).toHaveAttribute('aria-checked', 'mixed');
  await dialog.checkbox(leaf).check();
  await dialog.expectSummary(
    `+${matching}, −0 · leaves the ${customer.defaults} default services; gets ${matching} specific`,
  );

  const mark = lastEvent(app);
  await dialog.button('Save').click();
  await dialog.expectSummary('Saved.');
  await expect(dialog.dialog).toBeVisible();
  expect(granted(app, customer.id)).toBe(matching);
  expect(one(app, 'SELECT access_mode AS mode FROM customer WHERE id = ?', customer.id)).toEqual({ mode: 'specific' });
  expect(
    one(app, 'SELECT count(DISTINCT batch_id) AS batches, count(*) AS events FROM audit_event WHERE id > ?', mark),
  ).toEqual({ batches: 1, events: matching + 1 });
  await expect(dialog.dialog.getByRole('heading', { name: `Effective services (${matching})` })).toBeVisible();

  await dialog.selectAll.uncheck();
  await dialog.expectSummary(`+0, −${matching} · falls back to the ${customer.defaults} default services`);
  await dialog.button('Save and finish').click();
  await expect(dialog.dialog).toBeHidden();
  expect(granted(app, customer.id)).toBe(0);
  expect(one(app, 'SELECT access_mode AS mode FROM customer WHERE id = ?', customer.id)).toEqual({ mode: 'defaults' });
  await expect(new CustomersPane(page).row(`${customer.code} ${customer.name}`)).toContainText(
    `defaults · ${customer.defaults}`,
  );
});

test('keyboard: arrows move, Space toggles, Ctrl+S saves, Enter opens, Esc asks before discarding', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = customerOnDefaults(app);
  const customers = new CustomersPane(page);
  await customers.filter(customer.code);
  await customers.grid.focus();
  await page.keyboard.press('Enter');
  const dialog = AllocationDialog.customer(page, customer.name);
  await expect(dialog.dialog).toBeVisible();
  await expect(dialog.filter).toBeFocused();
  await dialog.list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await dialog.expectSummary(/^\+1, −0 · leaves the/);
  const calls = countCalls(app);
  await page.keyboard.press('ControlOrMeta+s');
  await dialog.expectSummary('Saved.');
  expect(granted(app, customer.id)).toBe(1);

  await page.keyboard.press('Space');
  await dialog.expectSummary(/^\+0, −1 · falls back to the \d+ default services$/);
  await page.keyboard.press('Escape');
  await expect(discardGuard(page)).toBeVisible();
  await discardGuard(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect(discardGuard(page)).toBeHidden();
  await dialog.expectSummary(/^\+0, −1/);

  await dialog.list.focus();
  await page.keyboard.press('Enter');
  // Wait for the loaded form: the record dialog swaps its loading placeholder for the form.
  await expect(page.getByRole('dialog', { name: 'Edit service' }).getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Edit service' })).toBeHidden();
  await dialog.expectSummary(/^\+0, −1/);

  await dialog.button('Cancel').click();
  await discardGuard(page).getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog.dialog).toBeHidden();
  expect(granted(app, customer.id)).toBe(1);
  // The main list shows the new mode, read again without reloading every customer.
  await expect(customers.row(`${customer.code} ${customer.name}`)).toContainText(/specific · 1/);
  expect(calls.get('customers:accessModes')).toBeGreaterThan(0);
  expect(calls.get('customers:index')).toBeUndefined();
});

test('the back link opens the edit dialog and returns with unsaved selections intact, both ways', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = customerOnDefaults(app);
  const dialog = await openCustomer(page, customer);
  const service = one<{ path: string }>(
    app,
    `SELECT path FROM service WHERE deleted = 0 AND validity = 'valid' ORDER BY path LIMIT 1 OFFSET 3`,
  ).path;
  await dialog.checkbox(service).check();
  await dialog.dialog.getByRole('button', { name: customer.name, exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit customer' });
  await expect(edit.getByLabel('Name', { exact: true })).toHaveValue(customer.name);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();
  await expect(dialog.checkbox(service)).toBeChecked();
  await dialog.expectSummary(/^\+1, −0/);
  await dialog.button('Cancel').click();
  await discardGuard(page).getByRole('button', { name: 'Discard changes' }).click();

  const target = one<{ id: string; name: string; path: string }>(
    app,
    `SELECT id, name, path FROM service WHERE deleted = 0 AND validity = 'valid' AND parent_id IS NULL ORDER BY path LIMIT 1`,
  );
  await new ServicesPane(page).item(target.name).click();
  const byService = AllocationDialog.service(page, target.path);
  await expect(byService.dialog).toBeVisible();
  await byService.filter.fill(customer.code);
  await byService.checkbox(customer.name).click();
  await byService.dialog.getByRole('button', { name: target.path, exact: true }).click();
  const editService = page.getByRole('dialog', { name: 'Edit service' });
  await expect(editService).toBeVisible();
  await editService.getByRole('button', { name: 'Cancel' }).click();
  await expect(editService).toBeHidden();
  await expect(byService.filter).toHaveValue(customer.code);
  await expect(byService.summary).toHaveText(
    /^\+1, −0 · \+1 customers get it · 1 customers leave the defaults$|^\+1, −0 · 1 customers leave the defaults$/,
  );
  await byService.button('Save and finish').click();
  await expect(byService.dialog).toBeHidden();
  expect(
    one(app, 'SELECT granted FROM assignment WHERE customer_id = ? AND service_id = ?', customer.id, target.id),
  ).toEqual({ granted: 1 });
});

test('every row name opens its record beside its own checkbox, and closing it keeps the selections', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = customerOnDefaults(app);
  const dialog = await openCustomer(page, customer);
  const first = await dialog.list.getByRole('row').first().getAttribute('aria-label');
  expect(first).toBeTruthy();
  await dialog.checkbox(first ?? '').check();
  // The last row, far below the rendered window until End scrolls to it.
  await dialog.list.focus();
  await page.keyboard.press('End');
  const last = (await dialog.list.getByRole('row').last().getAttribute('aria-label')) ?? '';
  const lastName = one<{ name: string }>(app, 'SELECT name FROM service WHERE path = ?', last).name;
  await expect(dialog.checkbox(last)).not.toBeChecked();
  await expect(dialog.nameButton(last)).toHaveText(lastName);
  await dialog.nameButton(last).click();
  const editService = page.getByRole('dialog', { name: 'Edit service' });
  await expect(editService.getByLabel('Name', { exact: true })).toHaveValue(lastName);
  await editService.getByRole('button', { name: 'Cancel' }).click();
  await expect(editService).toBeHidden();
  await dialog.expectSummary(/^\+1, −0/);
  // The list kept the focus and the active row: Space toggles the last row, Enter opens it.
  await expect(dialog.list).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dialog.checkbox(last)).toBeChecked();
  await dialog.expectSummary(/^\+2, −0/);
  await page.keyboard.press('Enter');
  await expect(editService.getByLabel('Name', { exact: true })).toHaveValue(lastName);
  await page.keyboard.press('Escape');
  await expect(editService).toBeHidden();
  await dialog.expectSummary(/^\+2, −0/);
  await page.keyboard.press('Home');
  await expect(dialog.checkbox(first ?? '')).toBeChecked();
  await dialog.button('Cancel').click();
  await discardGuard(page).getByRole('button', { name: 'Discard changes' }).click();

  const target = one<{ name: string; path: string }>(
    app,
    `SELECT name, path FROM service WHERE deleted = 0 AND validity = 'valid' AND parent_id IS NULL ORDER BY path LIMIT 1`,
  );
  await new ServicesPane(page).item(target.name).click();
  const byService = AllocationDialog.service(page, target.path);
  await byService.filter.fill(customer.code);
  await byService.checkbox(customer.name).check();
  await expect(byService.nameButton(customer.name)).toHaveText(customer.name);
  await byService.nameButton(customer.name).click();
  const editCustomer = page.getByRole('dialog', { name: 'Edit customer' });
  await expect(editCustomer.getByLabel('Customer ID', { exact: true })).toHaveValue(customer.code);
  await editCustomer.getByRole('button', { name: 'Cancel' }).click();
  await expect(editCustomer).toBeHidden();
  await expect(byService.filter).toHaveValue(customer.code);
  await expect(byService.checkbox(customer.name)).toBeChecked();
  await expect(byService.summary).toHaveText(/^\+1, −0/);
});

test('default services: the editor shows how many customers gain a service through the defaults', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = customerOnDefaults(app);
  const onDefaults = one<{ n: number }>(
    app,
    `SELECT count(*) AS n FROM customer WHERE deleted = 0 AND validity = 'valid' AND access_mode = 'defaults'`,
  ).n;
  const extra = one<{ id: string; path: string }>(
    app,
    `SELECT id, path FROM service s WHERE deleted = 0 AND validity = 'valid' AND NOT EXISTS (SELECT 1 FROM default_service d WHERE d.service_id = s.id AND d.granted = 1) ORDER BY path LIMIT 1`,
  );
  await new MainWindow(page).button('Edit default services').click();
  const dialog = AllocationDialog.defaults(page);
  await expect(dialog.count).toHaveText(`${customer.defaults} selected of 60`);
  await dialog.checkbox(extra.path).check();
  await dialog.expectSummary(`+1, −0 · +${onDefaults} customers through the defaults`);
  await dialog.button('Save and finish').click();
  await expect(dialog.dialog).toBeHidden();
  expect(one(app, 'SELECT granted FROM default_service WHERE service_id = ?', extra.id)).toEqual({ granted: 1 });
  const customers = new CustomersPane(page);
  await customers.filter(customer.code);
  await expect(customers.row(`${customer.code} ${customer.name}`)).toContainText(`defaults · ${customer.defaults + 1}`);
});

test('assignment details: mistakes get messages; an invalid service or a pending assignment stays visible as not effective', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  const customer = customerOnDefaults(app);
  const invalid = one<{ id: string; path: string }>(
    app,
    `SELECT id, path FROM service WHERE deleted = 0 AND validity != 'valid' ORDER BY path LIMIT 1`,
  );
  const valid = one<{ id: string; path: string }>(
    app,
    `SELECT id, path FROM service WHERE deleted = 0 AND validity = 'valid' AND parent_id IS NULL ORDER BY path LIMIT 1`,
  );
  const saved = await app.call('allocation:save', {
    kind: 'customer',
    customerId: customer.id,
    grant: [invalid.id, valid.id],
  });
  expect(saved.ok).toBe(true);
  const dialog = await openCustomer(page, customer);
  const notEffective = dialog.dialog
    .getByRole('complementary')
    .getByRole('listitem')
    .filter({ has: page.getByText(invalid.path, { exact: true }) });
  await expect(notEffective).toContainText('not effective: the service is invalid');
  await expect(dialog.checkbox(invalid.path)).toHaveCount(0);
  await dialog.showInvalid.check();
  await expect(dialog.checkbox(invalid.path)).toBeChecked();

  await dialog.details(valid.path).click();
  const details = new AssignmentDetailsDialog(page);
  await expect(details.dialog).toBeVisible();
  await details.field('Start date').fill('2026-05-02');
  await details.field('End date').fill('2026-05-01');
  await details.field('Price').fill('-3');
  await details.field('Discount (%)').fill('120');
  await details.save();
  await expect(details.dialog.getByText('End date cannot be before the start date')).toBeVisible();
  await expect(details.dialog.getByText('Price cannot be negative')).toBeVisible();
  await expect(details.dialog.getByText('Discount is 0–100 %')).toBeVisible();
  await details.field('Price').fill('12.505');
  await expect(details.dialog.getByText('Enter an amount like 12.50')).toBeVisible();
  expect(
    one(
      app,
      'SELECT price_minor AS price, start_date AS start FROM assignment WHERE customer_id = ? AND service_id = ?',
      customer.id,
      valid.id,
    ),
  ).toEqual({ price: null, start: null });

  await details.field('Start date').fill('');
  await details.field('End date').fill('');
  await details.field('Price').fill('12.50');
  await details.field('Discount (%)').fill('10');
  await details.field('Status').selectOption('pending');
  await details.save();
  await expect(details.dialog).toBeHidden();
  expect(
    one(
      app,
      'SELECT price_minor AS price, status, discount_percent AS discount FROM assignment WHERE customer_id = ? AND service_id = ?',
      customer.id,
      valid.id,
    ),
  ).toEqual({ price: 1250, status: 'pending', discount: 10 });
  await expect(
    dialog.dialog
      .getByRole('complementary')
      .getByRole('listitem')
      .filter({ has: page.getByText(valid.path, { exact: true }) }),
  ).toContainText('not effective: status is pending');
  await expect(dialog.dialog.getByRole('heading', { name: 'Effective services (0)' })).toBeVisible();
  await dialog.details(valid.path).click();
  await expect(details.field('Price')).toHaveValue('12.50');
  // Esc closes the details, then (nothing unsaved) the allocation dialog under it.
  await page.keyboard.press('Escape');
  await expect(details.dialog).toBeHidden();
  await expect(dialog.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog.dialog).toBeHidden();
});

test('no serious or critical accessibility violations in the main window, the three allocation dialogs and the details, light and dark', async ({
  launch,
}) => {
  const { page, app } = await launch({ seed: 'sample' });
  // Each scan runs in the light and the dark theme, contrast included: twice the scans.
  test.setTimeout(180_000);
  const serious = async () => {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const result = await new AxeBuilder({ page }).analyze();
      found.push(
        ...result.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map(
            (violation) =>
              `${colorScheme}: ${violation.id}: ${violation.help} ${violation.nodes.map((node) => node.html.slice(0, 120)).join(' | ')}`,
          ),
      );
    }
    return found;
  };
  await expect(new CustomersPane(page).grid.getByRole('row').first()).toBeVisible();
  expect(await serious()).toEqual([]);
  const customer = customerOnDefaults(app);
  const dialog = await openCustomer(page, customer);
  await dialog
    .checkbox(
      one<{ path: string }>(
        app,
        `SELECT path FROM service WHERE deleted = 0 AND validity = 'valid' ORDER BY path LIMIT 1`,
      ).path,
    )
    .check();
  expect(await serious()).toEqual([]);
  await dialog.button('Cancel').click();
  await discardGuard(page).getByRole('button', { name: 'Discard changes' }).click();
  const service = one<{ name: string; path: string }>(
    app,
    `SELECT name, path FROM service WHERE deleted = 0 AND validity = 'valid' AND parent_id IS NULL ORDER BY path LIMIT 1`,
  );
  await new ServicesPane(page).item(service.name).click();
  const byService = AllocationDialog.service(page, service.path);
  await expect(byService.list.getByRole('row').first()).toBeVisible();
  await expect(byService.count).toHaveText(/selected of 200$/);
  await expect(byService.list.getByRole('row', { name: 'Loading…' })).toHaveCount(0);
  await expect(discardGuard(page)).toHaveCount(0);
  expect(await serious()).toEqual([]);
  // "Assignment details" is reachable from the service's dialog too, per customer holding it.
  const holder = one<Row>(
    app,
    `SELECT c.id, c.code, c.name FROM customer c JOIN assignment a ON a.customer_id = c.id AND a.granted = 1 JOIN service s ON s.id = a.service_id
     WHERE s.path = ? AND c.deleted = 0 AND c.validity = 'valid' ORDER BY c.code LIMIT 1`,
    service.path,
  );
  const holderName = holder.name;
  await byService.filter.fill(holder.code);
  await byService.details(holderName).click();
  const details = new AssignmentDetailsDialog(page);
  await expect(details.dialog).toContainText(`${holderName} → ${service.path}`);
  await expect(details.field('Status')).toBeVisible();
  expect(await serious()).toEqual([]);
  await details.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(details.dialog).toBeHidden();
  await byService.button('Cancel').click();
  await new MainWindow(page).button('Edit default services').click();
  await expect(AllocationDialog.defaults(page).list.getByRole('row').first()).toBeVisible();
  expect(await serious()).toEqual([]);
});

test('select-all on a filtered list of a 100,000-customer service saves every filtered row, rendered or not', async ({
  launch,
}) => {
  test.setTimeout(300_000);
  const { page, app } = await launch({ customers: 100_000, services: 2_000, assignments: 1_000_000 });
  const format = (value: number) => value.toLocaleString('en-US');
  const top = one<{ id: string; name: string; path: string }>(
    app,
    `SELECT s.id, s.name, s.path FROM assignment a JOIN service s ON s.id = a.service_id WHERE a.granted = 1 GROUP BY a.service_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const city = one<{ city: string }>(
    app,
    `SELECT city FROM customer WHERE deleted = 0 AND validity = 'valid' GROUP BY city ORDER BY count(*) DESC LIMIT 1`,
  ).city;
  const holders = one<{ n: number }>(
    app,
    'SELECT count(*) AS n FROM assignment a JOIN customer c ON c.id = a.customer_id AND c.deleted = 0 WHERE a.service_id = ? AND a.granted = 1',
    top.id,
  ).n;
  const matching = one<{ n: number }>(
    app,
    `SELECT count(*) AS n FROM customer WHERE deleted = 0 AND validity = 'valid' AND instr(lower(code || char(1) || name || char(1) || city), lower(?)) > 0`,
    city,
  ).n;
  const matchingHolders = one<{ n: number }>(
    app,
    `SELECT count(*) AS n FROM customer c JOIN assignment a ON a.customer_id = c.id AND a.service_id = ? AND a.granted = 1
     WHERE c.deleted = 0 AND c.validity = 'valid' AND instr(lower(c.code || char(1) || c.name || char(1) || c.city), lower(?)) > 0`,
    top.id,
    city,
  ).n;
  expect(holders).toBeGreaterThan(40_000);
  expect(matching).toBeGreaterThan(matchingHolders);

  const services = new ServicesPane(page);
  await services.search.fill(top.path);
  await services.item(top.name).click();
  const dialog = AllocationDialog.service(page, top.path);
  await expect(dialog.count).toHaveText(`${format(holders)} selected of 100,000`);
  await dialog.filter.fill(city);
  await expect(dialog.selectAll).toHaveAttribute('aria-checked', 'mixed');
  await dialog.selectAll.check();
  const added = matching - matchingHolders;
  await expect(dialog.count).toHaveText(`${format(holders + added)} selected of 100,000`);
  await expect(dialog.summary).toContainText(`+${format(added)}, −0 · +${format(added)} customers get it`);
  // Far more rows changed than were ever rendered.
  expect(await dialog.list.getByRole('row').count()).toBeLessThan(100);

  const mark = lastEvent(app);
  const started = Date.now();
  // What the count says in the very frame "Saved." appears: already the saved count, not the one the dialog opened with.
  await page.evaluate(`(() => {
    const observer = new MutationObserver(() => {
      const dialog = document.querySelector('[role="dialog"]');
      if (dialog?.querySelector('.allocation-summary')?.textContent !== 'Saved.') return;
      window.countWhenSaved = dialog.querySelector('.checklist-header .count')?.textContent;
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await dialog.button('Save').click();
  await expect(dialog.summary).toHaveText('Saved.', { timeout: 60_000 });
  expect(await page.evaluate('window.countWhenSaved')).toBe(`${format(holders + added)} selected of 100,000`);
  console.log(`saving ${added} grants through the window took ${Date.now() - started} ms`);
  expect(
    one<{ n: number }>(
      app,
      `SELECT count(*) AS n FROM customer c JOIN assignment a ON a.customer_id = c.id AND a.service_id = ? AND a.granted = 1
       WHERE c.deleted = 0 AND c.validity = 'valid' AND instr(lower(c.code || char(1) || c.name || char(1) || c.city), lower(?)) > 0`,
      top.id,
      city,
    ).n,
  ).toBe(matching);
  expect(
    one(
      app,
      `SELECT count(DISTINCT batch_id) AS batches, sum(action = 'grant') AS grants FROM audit_event WHERE id > ?`,
      mark,
    ),
  ).toEqual({ batches: 1, grants: added });
  await expect(dialog.selectAll).toBeChecked();

  // Without a filter, "Select all" reaches every valid customer: some 50,000 changes in one Save.
  await dialog.filter.fill('');
  const valid = one<{ n: number }>(
    app,
    `SELECT count(*) AS n FROM customer WHERE deleted = 0 AND validity = 'valid'`,
  ).n;
  await expect(dialog.selectAll).toHaveAttribute('aria-checked', 'mixed');
  await dialog.selectAll.check();
  await expect(dialog.summary).toContainText(/^\+[\d,]+, −0 · \+[\d,]+ customers get it/, { timeout: 30_000 });
  const bulk = Date.now();
  await dialog.button('Save and finish').click();
  await expect(dialog.dialog).toBeHidden({ timeout: 60_000 });
  console.log(`saving ${valid - holders - added} grants took ${Date.now() - bulk} ms`);
  expect(
    one(
      app,
      "SELECT count(*) AS n FROM assignment a JOIN customer c ON c.id = a.customer_id WHERE c.deleted = 0 AND c.validity = 'valid' AND a.service_id = ? AND a.granted = 1",
      top.id,
    ),
  ).toEqual({ n: valid });
});
