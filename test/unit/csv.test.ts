import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src-main/services/csvFormat';
import { dump, failed, ok, tempDir, testApp } from './helpers';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'csv');

/** The app with file dialogs answered by `files`. */
async function csvApp() {
  const files = { open: null as string | null, save: null as string | null };
  const app = await testApp({
    platform: { chooseOpenPath: () => Promise.resolve(files.open), chooseSavePath: () => Promise.resolve(files.save) },
  });
  return Object.assign(app, { files });
}

async function importFile(
  app: Awaited<ReturnType<typeof csvApp>>,
  entity: 'customers' | 'customerUsers' | 'services',
  file: string,
) {
  app.files.open = file;
  const preview = ok(await app.call('csv:preview', { entity }));
  if (!preview) throw new Error('cancelled');
  return preview;
}

describe('CSV import', () => {
  it('reads a LibreOffice file (BOM, semicolons, CRLF, quotes and line breaks in cells) and round-trips it', async () => {
    const app = await csvApp();
    const preview = await importFile(app, 'customers', join(fixtures, 'customers-libreoffice.csv'));
    expect(preview).toMatchObject({
      records: 3,
      creates: 3,
      updates: 0,
      lineErrors: [],
      fileErrors: [],
      applied: false,
    });
    expect(dump(app, 'customer')).toEqual([]);
    expect(ok(await app.call('csv:apply', { token: preview.token }))).toMatchObject({ applied: true, creates: 3 });
    const mueller = ok(await app.call('customers:list', { query: 'MUELLER' })).rows[0];
    const record = ok(await app.call('customers:get', { id: mueller?.id ?? '' }));
    expect(record).toMatchObject({
      name: 'Müller & Söhne GmbH',
      city: 'München',
      comment: 'Key account; "gold" tier\nsince 2019',
    });
    expect(ok(await app.call('customers:list', { showInvalid: true })).total).toBe(3);

    const out = join(tempDir(), 'export.csv');
    app.files.save = out;
    expect(ok(await app.call('csv:export', { entity: 'customers' }))).toEqual({ path: out, records: 3 });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFCustomer ID,Name,Street,ZIP,City,Country,URL,Comment,Validity\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.records.map((line) => line.cells[0])).toEqual(['DUPONT', 'MUELLER', 'OSAKA']);
    expect(parsed.records[1]?.cells[7]).toBe('Key account; "gold" tier\nsince 2019');
    // Our own export, read back: nothing to do.
    const again = await importFile(app, 'customers', out);
    expect(again).toMatchObject({ creates: 0, updates: 0, unchanged: 3, lineErrors: [] });
  });

  it('reports every bad line with its line number and reasons, and refuses to apply, writing nothing', async () => {
    const app = await csvApp();
    const preview = await importFile(app, 'customers', join(fixtures, 'customers-bad-lines.csv'));
    expect(preview.ignoredColumns).toEqual(['favourite colour']);
    expect(preview.creates).toBe(1);
    expect(preview.lineErrors).toEqual([
      { line: 3, key: 'has space', messages: ['Customer ID: No spaces in a Customer ID'] },
      { line: 4, key: 'NONAME', messages: ['Name: Required'] },
      { line: 5, key: 'BADURL', messages: ['URL: Enter a full web address, like https://example.com'] },
      { line: 6, key: 'GOOD1', messages: ['"GOOD1" appears again; it was already on line 2.'] },
      { line: 7, key: 'BADVAL', messages: ['Validity: use one of valid, invalid, invalid-temporarily'] },
      { line: 8, key: '', messages: ['Customer ID: Required'] },
    ]);
    const refused = failed(await app.call('csv:apply', { token: preview.token }));
    expect(refused).toMatchObject({
      code: 'refused',
      message: '6 lines of customers-bad-lines.csv cannot be imported; nothing was changed.',
    });
    expect(dump(app, 'customer')).toEqual([]);
    expect(dump(app, 'audit_event')).toEqual([]);
  });

  it('updates existing customers by Customer ID with the columns the file has, with lifecycle and audit', async () => {
    const app = await csvApp();
    const customer = ok(await app.call('customers:create', { code: 'MUELLER', name: 'Old name', street: 'Kept 1' }));
    const service = ok(await app.call('services:create', { name: 'Email' }));
    app.conn.sqlite
      .prepare(
        `INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 1, 's', 'active')`,
      )
      .run(customer.id, service.id);
    const file = join(tempDir(), 'update.csv');
    writeFileSync(file, 'Customer ID;Name;Validity\nmueller;Müller AG;invalid\nNEW1;New One;valid\n');
    const preview = await importFile(app, 'customers', file);
    expect(preview).toMatchObject({ creates: 1, updates: 1, unchanged: 0 });
    ok(await app.call('csv:apply', { token: preview.token }));
    expect(ok(await app.call('customers:get', { id: customer.id }))).toMatchObject({
      name: 'Müller AG',
      street: 'Kept 1',
      validity: 'invalid',
    });
    expect(app.conn.sqlite.prepare('SELECT status, stopped_by_lifecycle AS marked FROM assignment').get()).toEqual({
      status: 'stopped',
      marked: 1,
    });
    const batches = app.conn.sqlite
      .prepare(`SELECT DISTINCT batch_id FROM audit_event WHERE action IN ('update', 'lifecycle') OR label = 'New One'`)
      .all();
    expect(batches).toHaveLength(1);
    expect(failed(await app.call('csv:apply', { token: preview.token })).code).toBe('not-found');
  });

  it('imports customer users from a tab-separated file: customers by Customer ID, per-line errors', async () => {
    const app = await csvApp();
    ok(
      await app.call('csv:apply', {
        token: (await importFile(app, 'customers', join(fixtures, 'customers-libreoffice.csv'))).token,
      }),
    );
    const preview = await importFile(app, 'customerUsers', join(fixtures, 'customer-users.tsv'));
    expect(preview.creates).toBe(1);
    expect(preview.lineErrors.map((line) => [line.line, line.key, line.messages])).toEqual([
      [3, 'bob', ['Email: Enter an email address like anna@example.com']],
      [
        4,
        'carla',
        [
          'Customer: no customer has the Customer ID "NOPE"',
          'Additional customers: no customer has the Customer ID "GHOST"',
        ],
      ],
      [5, 'dora', ['Customer: Required']],
    ]);
    expect(failed(await app.call('csv:apply', { token: preview.token })).code).toBe('refused');
    const fixed = join(tempDir(), 'users.csv');
    writeFileSync(
      fixed,
      readFileSync(join(fixtures, 'customer-users.tsv'), 'utf8').split('\r\n').slice(0, 2).join('\r\n'),
    );
    const good = await importFile(app, 'customerUsers', fixed);
    ok(await app.call('csv:apply', { token: good.token }));
    const anna = ok(await app.call('customerUsers:list', { query: 'anna' })).rows[0];
    const user = ok(await app.call('customerUsers:get', { id: anna?.id ?? '' }));
    expect(user.additionalCustomerIds).toHaveLength(2);
    const out = join(tempDir(), 'users-out.csv');
    app.files.save = out;
    ok(await app.call('csv:export', { entity: 'customerUsers' }));
    expect(readFileSync(out, 'utf8')).toContain(
      // A leading + would run as a formula in a spreadsheet: the phone number is written as text.
      `anna,Anna,Alm,anna@mueller.example,'+49 89 1,MUELLER,"DUPONT, OSAKA",valid,`,
    );
    expect(await importFile(app, 'customerUsers', out)).toMatchObject({ unchanged: 1, creates: 0, updates: 0 });
  });

  it('imports services parents first, whatever the line order, and names bad lines', async () => {
    const app = await csvApp();
    const preview = await importFile(app, 'services', join(fixtures, 'services.csv'));
    expect(preview.creates).toBe(3);
    expect(preview.lineErrors.map((line) => [line.line, line.messages.length, line.messages[0]])).toEqual([
      [5, 1, 'Service: the parent "Orphan" does not exist and is not in the file'],
      [
        6,
        2,
        'Type: use one of End User Service, Front End, Back End, IT Management, Reporting, IT Operational, Demonstration',
      ],
    ]);
    const good = join(tempDir(), 'services.csv');
    writeFileSync(good, readFileSync(join(fixtures, 'services.csv'), 'utf8').split('\n').slice(0, 4).join('\n'));
    ok(await app.call('csv:apply', { token: (await importFile(app, 'services', good)).token }));
    const rows = ok(await app.call('services:list', {})).rows;
    expect(rows.map((row) => [row.path, row.type, row.criticality])).toEqual([
      ['IT', 'IT Management', 4],
      ['IT::Email', 'End User Service', 5],
      ['IT::Email::Archive', 'Back End', 2],
    ]);
  });

  it('refuses a file without the key column, and a file that is not UTF-8', async () => {
    const app = await csvApp();
    const file = join(tempDir(), 'nokey.csv');
    writeFileSync(file, 'Name,City\nAcme,Berlin\n');
    const preview = await importFile(app, 'customers', file);
    expect(preview.fileErrors[0]).toContain('no "Customer ID" column');
    expect(failed(await app.call('csv:apply', { token: preview.token })).message).toContain('no "Customer ID" column');
    const latin1 = join(tempDir(), 'latin1.csv');
    writeFileSync(latin1, Buffer.from('Customer ID,Name\nMUE,M\xfcller\n', 'latin1'));
    app.files.open = latin1;
    expect(failed(await app.call('csv:preview', { entity: 'customers' })).message).toContain('not UTF-8');
    app.files.open = null;
    expect(ok(await app.call('csv:preview', { entity: 'customers' }))).toBeNull();
  });

  it('carries custom fields as columns headed by their labels, checked by kind', async () => {
    const app = await csvApp();
    ok(
      await app.call('customFields:save', {
        fields: [
          { key: 'seats', label: 'Seats', kind: 'number', required: true },
          { key: 'tier', label: 'Tier', kind: 'choice', options: ['Gold'] },
        ],
      }),
    );
    const file = join(tempDir(), 'custom.csv');
    writeFileSync(file, 'Customer ID;Name;Seats;tier\nA1;Alpha;12,5;Gold\nB2;Beta;;Gold\nC3;Gamma;3;Bronze\n');
    const preview = await importFile(app, 'customers', file);
    expect(preview.lineErrors).toEqual([
      { line: 3, key: 'B2', messages: ['Seats: Required'] },
      { line: 4, key: 'C3', messages: ['Tier: Choose one of: Gold'] },
    ]);
    writeFileSync(file, 'Customer ID;Name;Seats;tier\nA1;Alpha;12,5;Gold\n');
    ok(await app.call('csv:apply', { token: (await importFile(app, 'customers', file)).token }));
    const out = join(tempDir(), 'out.csv');
    app.files.save = out;
    ok(await app.call('csv:export', { entity: 'customers' }));
    expect(readFileSync(out, 'utf8').split('\r\n').slice(0, 2)).toEqual([
      '\uFEFFCustomer ID,Name,Street,ZIP,City,Country,URL,Comment,Validity,Seats,Tier',
      'A1,Alpha,,,,,,,valid,12.5,Gold',
    ]);
  });

  it('a cancelled import rolls back every line', async () => {
    const app = await csvApp();
    const preview = await importFile(app, 'customers', join(fixtures, 'customers-libreoffice.csv'));
    const applying = app.call('csv:apply', { token: preview.token });
    expect(ok(await app.call('jobs:cancel', {}))).toBe(true);
    expect(failed(await applying).code).toBe('cancelled');
    expect(dump(app, 'customer')).toEqual([]);
    expect(dump(app, 'audit_event')).toEqual([]);
  });
});
