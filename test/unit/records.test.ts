import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import { acme, dump, failed, ok, testApp } from './helpers';

function assign(app: OpenApp, customerId: string, serviceId: string, status = 'active', extra = ''): void {
  app.conn.sqlite
    .prepare(
      `INSERT INTO assignment (customer_id, service_id, granted, stamp, status, price_minor, description) VALUES (?, ?, 1, 's', ?, 1999, ?)`,
    )
    .run(customerId, serviceId, status, extra);
  app.conn.sqlite.prepare(`UPDATE customer SET access_mode = 'specific' WHERE id = ?`).run(customerId);
}

describe('customer delete and clone', () => {
  it('previews what a delete hides without deleting, then the delete hides exactly that', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const email = ok(await app.call('services:create', { name: 'Email' }));
    assign(app, customer.id, email.id);
    ok(await app.call('customerUsers:create', { login: 'anna', customerId: customer.id }));
    const preview = ok(await app.call('customers:deletePreview', { id: customer.id }));
    expect(preview.hidden).toEqual({ assignments: 1, customerUsers: 1 });
    expect(ok(await app.call('customers:get', { id: customer.id })).code).toBe('ACME');
    expect(ok(await app.call('customers:delete', { id: customer.id })).hidden).toEqual(preview.hidden);
    expect(failed(await app.call('customers:deletePreview', { id: customer.id })).code).toBe('not-found');
  });

  it('clones a customer with its assignments: details copied, new stamps and audit events in one batch', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', { ...acme, street: 'Main St 1' }));
    const email = ok(await app.call('services:create', { name: 'Email' }));
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    assign(app, customer.id, email.id, 'active', 'ten seats');
    assign(app, customer.id, vpn.id, 'pending');
    app.conn.sqlite
      .prepare(
        `INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 0, 's', 'active')`,
      )
      .run(customer.id, ok(await app.call('services:create', { name: 'Revoked' })).id);
    const copy = ok(
      await app.call('customers:clone', { id: customer.id, code: 'ACME2', name: 'Acme Two', withAssignments: true }),
    );
    expect(copy).toMatchObject({ code: 'ACME2', name: 'Acme Two', street: 'Main St 1', accessMode: 'specific' });
    const rows = app.conn.sqlite
      .prepare(
        'SELECT service_id, status, price_minor, description, stamp FROM assignment WHERE customer_id = ? ORDER BY status',
      )
      .all(copy.id) as Record<string, unknown>[];
    expect(rows.map((row) => [row.service_id, row.status, row.price_minor, row.description])).toEqual([
      [email.id, 'active', 1999, 'ten seats'],
      [vpn.id, 'pending', 1999, ''],
    ]);
    expect(rows.every((row) => row.stamp !== 's')).toBe(true);
    const events = app.conn.sqlite
      .prepare(`SELECT batch_id, entity, action FROM audit_event WHERE entity_id LIKE ? ORDER BY id`)
      .all(`${copy.id}%`) as Record<string, string>[];
    expect(events.map((event) => `${event.entity}:${event.action}`)).toEqual([
      'customer:create',
      'assignment:grant',
      'assignment:grant',
    ]);
    expect(new Set(events.map((event) => event.batch_id)).size).toBe(1);
  });

  it('clones without assignments into defaults mode, and refuses a Customer ID in use without writing', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    assign(app, customer.id, ok(await app.call('services:create', { name: 'Email' })).id);
    const copy = ok(await app.call('customers:clone', { id: customer.id, code: 'ACME3', name: 'Acme Three' }));
    expect(copy.accessMode).toBe('defaults');
    expect(app.conn.sqlite.prepare('SELECT count(*) AS n FROM assignment WHERE customer_id = ?').get(copy.id)).toEqual({
      n: 0,
    });
    const before = dump(app, 'customer');
    const clash = failed(
      await app.call('customers:clone', { id: customer.id, code: 'acme', name: 'Again', withAssignments: true }),
    );
    expect(clash.code).toBe('conflict');
    expect(clash.fields?.code).toContain('Acme Corporation');
    expect(dump(app, 'customer')).toEqual(before);
  });
});

describe('custom fields', () => {
  it('defines fields, validates values by kind and requiredness in main, and keeps values as JSON', async () => {
    const app = await testApp();
    const defined = ok(
      await app.call('customFields:save', {
        fields: [
          { key: 'seats', label: 'Seats', kind: 'number', required: true },
          { key: 'tier', label: 'Tier', kind: 'choice', options: ['Gold', 'Silver'] },
          { key: 'renewal', label: 'Renewal', kind: 'date' },
        ],
      }),
    );
    expect(defined.map((field) => [field.key, field.position])).toEqual([
      ['seats', 0],
      ['tier', 1],
      ['renewal', 2],
    ]);
    const missing = failed(
      await app.call('customers:create', { ...acme, customFields: { tier: 'Bronze', renewal: '31.12.2026' } }),
    );
    expect(missing.fields).toEqual({
      'customFields.seats': 'Required',
      'customFields.tier': 'Choose one of: Gold, Silver',
      'customFields.renewal': 'Enter a date as YYYY-MM-DD',
    });
    expect(dump(app, 'customer')).toEqual([]);
    expect(
      failed(await app.call('customers:create', { ...acme, customFields: { seats: 'ten' } })).fields?.[
        'customFields.seats'
      ],
    ).toBe('Enter a number');
    const customer = ok(
      await app.call('customers:create', { ...acme, customFields: { seats: 10, tier: 'Gold', gone: 'x' } }),
    );
    expect(customer.customFields).toEqual({ seats: 10, tier: 'Gold' });
    expect(ok(await app.call('customers:list', {})).rows[0]?.customFields).toEqual({ seats: 10, tier: 'Gold' });
  });

  it('refuses a choice without options and a key used twice; removing a field is a tombstone with audit', async () => {
    const app = await testApp();
    const bad = failed(
      await app.call('customFields:save', {
        fields: [
          { key: 'tier', label: 'Tier', kind: 'choice' },
          { key: 'tier', label: 'Again' },
        ],
      }),
    );
    expect(bad.code).toBe('invalid-input');
    expect(Object.keys(bad.fields ?? {})).toEqual(expect.arrayContaining(['fields.0.options', 'fields.1.key']));
    const [seats] = ok(
      await app.call('customFields:save', { fields: [{ key: 'seats', label: 'Seats', kind: 'number' }] }),
    );
    // Swap keys in one save and rename: the unique index on live keys never trips.
    ok(
      await app.call('customFields:save', {
        fields: [
          { id: seats?.id ?? null, key: 'licences', label: 'Licences', kind: 'number' },
          { key: 'seats', label: 'Seats', kind: 'text' },
        ],
      }),
    );
    expect(ok(await app.call('customFields:save', { fields: [] }))).toEqual([]);
    const rows = app.conn.sqlite.prepare('SELECT key, deleted FROM custom_field ORDER BY key').all();
    expect(rows).toEqual([
      { key: 'licences', deleted: 1 },
      { key: 'seats', deleted: 1 },
    ]);
    const actions = app.conn.sqlite
      .prepare(`SELECT action FROM audit_event WHERE entity = 'customField' ORDER BY id`)
      .all() as { action: string }[];
    expect(actions.map((row) => row.action)).toEqual(['create', 'update', 'create', 'delete', 'delete']);
  });
});

describe('customer users', () => {
  it('shows a user the union of its customers’ effective services with their sources', async () => {
    const app = await testApp();
    const first = ok(await app.call('customers:create', acme));
    const second = ok(await app.call('customers:create', { code: 'GLOBEX', name: 'Globex' }));
    const invalid = ok(await app.call('customers:create', { code: 'INI', name: 'Initech' }));
    const email = ok(await app.call('services:create', { name: 'Email' }));
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    app.conn.sqlite
      .prepare(`INSERT INTO default_service (service_id, granted, stamp) VALUES (?, 1, 's')`)
      .run(email.id);
    assign(app, first.id, vpn.id);
    assign(app, invalid.id, email.id);
    ok(
      await app.call('customers:update', {
        id: invalid.id,
        fields: { code: 'INI', name: 'Initech', validity: 'invalid' },
      }),
    );
    const user = ok(
      await app.call('customerUsers:create', {
        login: 'anna',
        email: 'anna@example.com',
        customerId: first.id,
        additionalCustomerIds: [second.id, invalid.id],
      }),
    );
    const services = ok(await app.call('customerUsers:services', { id: user.id }));
    expect(services).toEqual([
      {
        serviceId: email.id,
        path: 'Email',
        sources: [{ customerId: second.id, code: 'GLOBEX', name: 'Globex', source: 'default' }],
      },
      {
        serviceId: vpn.id,
        path: 'VPN',
        sources: [{ customerId: first.id, code: 'ACME', name: 'Acme Corporation', source: 'specific' }],
      },
    ]);
  });

  it('refuses a taken login and a bad email with field messages, changing nothing', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    ok(await app.call('customerUsers:create', { login: 'anna', customerId: customer.id }));
    const before = dump(app, 'customer_user');
    expect(failed(await app.call('customerUsers:create', { login: 'ANNA', customerId: customer.id })).fields).toEqual({
      login: 'Already taken',
    });
    expect(
      failed(await app.call('customerUsers:create', { login: 'bob', email: 'bob@', customerId: customer.id })).fields
        ?.email,
    ).toContain('email');
    expect(dump(app, 'customer_user')).toEqual(before);
  });
});
