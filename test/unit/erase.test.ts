import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { exportSnapshot } from '../../src-main/snapshot/export';
import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import { REDACTED } from '../../src-shared/domain/auditText';
import { acme, dump, failed, ok, testApp } from './helpers';

const secrets = [
  'Annegret',
  'Schmidtbauer',
  'annegret.old@example.com',
  'annegret.new@example.com',
  '+49 170 5550199',
  'Prefers calls after 10',
];

/** The raw bytes of the database file and its WAL, as text, to search for what must be gone. */
function fileBytes(dbPath: string): string {
  return [dbPath, `${dbPath}-wal`]
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

async function userWithHistory(app: OpenApp) {
  const customer = ok(await app.call('customers:create', acme));
  const fields = {
    login: 'annegret.s',
    firstName: 'Annegret',
    lastName: 'Schmidtbauer',
    email: 'annegret.old@example.com',
    phone: '+49 170 5550199',
    comment: 'Prefers calls after 10',
    customerId: customer.id,
  };
  const user = ok(await app.call('customerUsers:create', fields));
  // Neighbours on the same pages, so that rewritten rows leave old bytes in free space.
  for (let n = 0; n < 40; n += 1)
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, street: `Street ${n} `.repeat(8) } }));
  ok(await app.call('customerUsers:update', { id: user.id, fields: { ...fields, email: 'annegret.new@example.com' } }));
  for (let n = 0; n < 40; n += 1)
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: `City ${n} `.repeat(8) } }));
  return { customer, user, fields };
}

describe('right to be forgotten', () => {
  it('replaces the personal data everywhere, keeps login, links and the trail, and leaves no byte of it on disk', async () => {
    const app = await testApp();
    const { user, customer } = await userWithHistory(app);
    app.conn.sqlite.pragma('wal_checkpoint(PASSIVE)');
    // The values are really on disk before, so the scan below can find them.
    const before = fileBytes(app.dbPath);
    for (const secret of secrets) expect(before).toContain(secret);

    const result = ok(await app.call('privacy:eraseCustomerUser', { id: user.id, confirmLogin: 'annegret.s' }));
    expect(result.fields).toEqual(['firstName', 'lastName', 'email', 'phone', 'comment']);
    expect(ok(await app.call('customerUsers:get', { id: user.id }))).toMatchObject({
      login: 'annegret.s',
      customerId: customer.id,
      firstName: REDACTED,
      lastName: REDACTED,
      email: REDACTED,
      phone: REDACTED,
      comment: REDACTED,
    });
    const history = ok(await app.call('audit:history', { entity: 'customerUser', entityId: user.id }));
    expect(history.map((event) => event.action)).toEqual(['erase', 'update', 'create']);
    expect(history[1]).toMatchObject({ before: { email: REDACTED }, after: { email: REDACTED } });
    expect(history[2]?.after).toMatchObject({ login: 'annegret.s', firstName: REDACTED, customerId: customer.id });

    const after = fileBytes(app.dbPath);
    expect(after.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(after.includes(secret), `${secret} is still in the file`).toBe(false);
    expect(after).toContain('annegret.s');
    // And the live connection still works and still finds nothing.
    const everything = JSON.stringify([dump(app, 'customer_user'), dump(app, 'audit_event')]);
    for (const secret of secrets) expect(everything).not.toContain(secret);

    // Every later snapshot carries the marker, never the values (plain and gzip-compressed).
    for (const name of ['after-erase.sasnap', 'after-erase.sasnapz']) {
      const file = join(dirname(app.dbPath), name);
      await exportSnapshot(app.context, file);
      const bytes = readFileSync(file);
      const text = name.endsWith('z') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      expect(text).toContain('annegret.s');
      expect(text).toContain(REDACTED);
      for (const secret of secrets) expect(text.includes(secret), `${secret} is in the snapshot`).toBe(false);
    }
  });

  it('refuses without the typed login and changes nothing', async () => {
    const app = await testApp();
    const { user } = await userWithHistory(app);
    const before = [dump(app, 'customer_user'), dump(app, 'audit_event')];
    const error = failed(await app.call('privacy:eraseCustomerUser', { id: user.id, confirmLogin: 'annegret' }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('Type the login "annegret.s" to confirm');
    expect([dump(app, 'customer_user'), dump(app, 'audit_event')]).toEqual(before);
  });

  it('cannot be undone', async () => {
    const app = await testApp();
    const { user } = await userWithHistory(app);
    ok(await app.call('privacy:eraseCustomerUser', { id: user.id, confirmLogin: 'annegret.s' }));
    const latest = ok(await app.call('audit:latest', {}));
    expect(latest?.undoable).toBe(false);
    expect(failed(await app.call('audit:undo', { batchId: latest!.batchId })).code).toBe('refused');
  });
});
