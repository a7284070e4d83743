import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomersPane } from '../../src-renderer/features/customers/customers.page';
import { CsvDialog } from '../../src-renderer/features/csv/csv.page';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import { expect, test } from './fixtures';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'csv');

test('CSV: a file with bad lines is reported per line and cannot be applied; a LibreOffice file imports; export writes the list', async ({
  launch,
}) => {
  const { page, app, setFiles } = await launch({ seed: 'sample' });
  const main = new MainWindow(page);
  const before = app.conn.sqlite.prepare('SELECT count(*) AS n FROM customer').get();
  await main.button('CSV import / export…').click();
  const csv = new CsvDialog(page);

  setFiles({ open: join(fixtures, 'customers-bad-lines.csv') });
  await csv.button('Import CSV…').click();
  await expect(csv.dialog.getByText('6 lines cannot be imported')).toBeVisible();
  await expect(csv.errors.getByRole('row', { name: /Line 3/ })).toContainText(
    'Customer ID: No spaces in a Customer ID',
  );
  await expect(csv.errors.getByRole('row', { name: /Line 6/ })).toContainText(
    '"GOOD1" appears again; it was already on line 2.',
  );
  await expect(csv.dialog.getByText('Ignored columns: favourite colour.')).toBeVisible();
  await expect(csv.button(/^Import \d+ records$/)).toHaveCount(0);
  expect(app.conn.sqlite.prepare('SELECT count(*) AS n FROM customer').get()).toEqual(before);

  setFiles({ open: join(fixtures, 'customers-libreoffice.csv') });
  await csv.button('Import CSV…').click();
  await expect(csv.dialog.getByText('3 new, 0 changed, 0 unchanged.')).toBeVisible();
  expect(app.conn.sqlite.prepare('SELECT count(*) AS n FROM customer').get()).toEqual(before);
  await csv.button('Import 3 records').click();
  await expect(csv.dialog).toBeHidden();
  await expect(main.status).toContainText('Imported customers-libreoffice.csv: 3 new, 0 changed.');
  const customers = new CustomersPane(page);
  await customers.filter('MUELLER');
  await expect(customers.row('MUELLER Müller & Söhne GmbH')).toBeVisible();

  const out = join(mkdtempSync(join(tmpdir(), 'sa-csv-')), 'services.csv');
  setFiles({ save: out });
  await main.button('CSV import / export…').click();
  await csv.choose('Services');
  await csv.button('Export CSV…').click();
  await expect(main.status).toContainText(`Exported 60 records to ${out}.`);
  const lines = readFileSync(out, 'utf8').split('\r\n');
  expect(lines[0]).toBe('\uFEFFService,Type,Criticality,Comment,Validity');
  expect(lines.filter((line) => line !== '')).toHaveLength(61);
});

test('CSV: a big file shows how far its reading and checking are, and Cancel stops it with nothing changed', async ({
  launch,
}) => {
  const path = join(mkdtempSync(join(tmpdir(), 'sa-csv-')), 'big.csv');
  const lines = ['Customer ID,Name,City'];
  for (let index = 0; index < 200_000; index += 1) lines.push(`BIG${index},Customer number ${index},Berlin`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const { page, app, setFiles } = await launch({ seed: 'sample' });
  const count = () => app.conn.sqlite.prepare('SELECT count(*) AS n FROM customer').get();
  const before = count();
  const main = new MainWindow(page);
  await main.button('CSV import / export…').click();
  const csv = new CsvDialog(page);
  setFiles({ open: path });
  await csv.button('Import CSV…').click();
  await expect(csv.progress).toHaveAccessibleName(/^(Reading|Checking) big\.csv$/);
  await csv.button('Cancel').click();
  await expect(csv.dialog.getByRole('alert')).toHaveText(
    /^(Reading|Checking) big\.csv: cancelled; nothing was changed\.$/,
  );
  await expect(csv.progress).toHaveCount(0);
  await expect(csv.dialog).toBeVisible();
  expect(count()).toEqual(before);
  // The dialog works on: a Cancel with nothing running closes it.
  await csv.button('Cancel').click();
  await expect(csv.dialog).toBeHidden();
});
