import { describe, expect, it } from 'vitest';
import { acme, dump, failed, ok, testApp } from './helpers';

describe('customers', () => {
  it('creates a customer with defaults mode, a stamp and one audit event in the same batch', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    expect(customer).toMatchObject({
      code: 'ACME',
      name: 'Acme Corporation',
      accessMode: 'defaults',
      validity: 'valid',
      street: '',
    });
    const events = app.conn.sqlite.prepare('SELECT * FROM audit_event').all() as {
      action: string;
      entity_id: string;
      after: string;
    }[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'create', entity_id: customer.id });
    expect(JSON.parse(events[0]?.after ?? '{}')).toMatchObject({ code: 'ACME' });
  });

  it('refuses a Customer ID already used by a live customer, case-insensitively, and changes nothing', async () => {
    const app = await testApp();
    ok(await app.call('customers:create', acme));
    const before = dump(app, 'customer');
    const error = failed(await app.call('customers:create', { ...acme, code: 'acme', name: 'Other' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('already used by Acme Corporation');
    expect(error.fields?.code).toBeDefined();
    expect(dump(app, 'customer')).toEqual(before);
    expect(app.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_event').get()).toEqual({ n: 1 });
  });

  it('allows reusing the Customer ID of a deleted customer', async () => {
    const app = await testApp();
    const first = ok(await app.call('customers:create', acme));
    ok(await app.call('customers:delete', { id: first.id }));
    const second = ok(await app.call('customers:create', acme));
    expect(second.id).not.toBe(first.id);
  });

  it('rejects invalid fields with a message per field', async () => {
    const app = await testApp();
    const error = failed(await app.call('customers:create', { code: 'has space', name: '', url: 'not a url' }));
    expect(error.code).toBe('invalid-input');
    expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(['code', 'name', 'url']));
    expect(dump(app, 'customer')).toEqual([]);
  });

  it('stamps only the fields an update changes and records before and after', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const updated = ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Hamburg' } }));
    expect(updated.city).toBe('Hamburg');
    const row = app.conn.sqlite.prepare('SELECT stamp, field_stamps FROM customer').get() as {
      stamp: string;
      field_stamps: string;
    };
    const stamps = JSON.parse(row.field_stamps) as Record<string, string>;
    expect(Object.keys(stamps)).toEqual(['city']);
    expect(stamps.city! > row.stamp).toBe(true);
    const event = app.conn.sqlite.prepare(`SELECT before, after FROM audit_event WHERE action = 'update'`).get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(event.before)).toEqual({ city: 'Berlin' });
    expect(JSON.parse(event.after)).toEqual({ city: 'Hamburg' });
  });

  it('soft-deletes: the row stays as a tombstone, lists and gets no longer show it', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const result = ok(await app.call('customers:delete', { id: customer.id }));
    expect(result.hidden).toEqual({ assignments: 0, customerUsers: 0 });
    expect(failed(await app.call('customers:get', { id: customer.id })).code).toBe('not-found');
    expect(ok(await app.call('customers:list', {})).total).toBe(0);
    expect(app.conn.sqlite.prepare('SELECT deleted FROM customer').get()).toEqual({ deleted: 1 });
  });

  it('lists with true counts, filters by code, name or city and hides invalid ones unless asked', async () => {
    const app = await testApp();
    ok(await app.call('customers:create', acme));
    ok(await app.call('customers:create', { code: 'GLOBEX', name: 'Globex', city: 'Springfield' }));
    ok(await app.call('customers:create', { code: 'INITECH', name: 'Initech', city: 'Austin', validity: 'invalid' }));
    const all = ok(await app.call('customers:list', {}));
    expect(all).toMatchObject({ total: 3, filtered: 2 });
    expect(all.rows.map((row) => row.code)).toEqual(['ACME', 'GLOBEX']);
    expect(ok(await app.call('customers:list', { query: 'spring' })).rows.map((row) => row.code)).toEqual(['GLOBEX']);
    expect(ok(await app.call('customers:list', { query: 'corp' })).rows.map((row) => row.code)).toEqual(['ACME']);
    expect(ok(await app.call('customers:list', { showInvalid: true })).filtered).toBe(3);
    const window = ok(await app.call('customers:list', { showInvalid: true, offset: 1, limit: 1 }));
    expect(window).toMatchObject({ offset: 1, total: 3, filtered: 3 });
    expect(window.rows.map((row) => row.code)).toEqual(['GLOBEX']);
  });
});

describe('effective services of a customer', () => {
  it('follows the shared rule: defaults, then specific replacing them, nothing when invalid', async () => {
    const { effectiveServicesOf } = await import('../../src-main/services/effective');
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const email = ok(await app.call('services:create', { name: 'Email' }));
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    const db = app.conn.sqlite;
    db.prepare(`INSERT INTO default_service (service_id, granted, stamp) VALUES (?, 1, 's')`).run(email.id);
    expect(effectiveServicesOf(app.context, customer.id)).toEqual([
      { serviceId: email.id, path: 'Email', source: 'default' },
    ]);
    db.prepare(
      `INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 1, 's', 'active')`,
    ).run(customer.id, vpn.id);
    db.prepare(`UPDATE customer SET access_mode = 'specific'`).run();
    expect(effectiveServicesOf(app.context, customer.id)).toEqual([
      { serviceId: vpn.id, path: 'VPN', source: 'specific' },
    ]);
    db.prepare(`UPDATE customer SET validity = 'invalid'`).run();
    expect(effectiveServicesOf(app.context, customer.id)).toEqual([]);
  });
});
