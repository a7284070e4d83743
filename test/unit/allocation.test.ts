import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCESS_MODES_CHANGED } from '../../src-shared/ipc/events';
import { acme, dump, failed, ok, testApp } from './helpers';

type App = Awaited<ReturnType<typeof testApp>>;

async function world() {
  const app = await testApp();
  const customer = ok(await app.call('customers:create', acme));
  const it = ok(await app.call('services:create', { name: 'IT' }));
  const mail = ok(await app.call('services:create', { name: 'Email', parentId: it.id }));
  const vpn = ok(await app.call('services:create', { name: 'VPN', parentId: it.id }));
  const old = ok(await app.call('services:create', { name: 'Old', validity: 'invalid' }));
  return { app, customer, it, mail, vpn, old };
}

function events(app: App, after = 0) {
  return (
    app.conn.sqlite.prepare('SELECT * FROM audit_event WHERE id > ? ORDER BY id').all(after) as {
      batch_id: string;
      entity: string;
      entity_id: string;
      action: string;
      label: string;
      before: string | null;
      after: string | null;
    }[]
  ).map((row) => ({
    ...row,
    before: row.before ? (JSON.parse(row.before) as Record<string, unknown>) : null,
    after: row.after ? (JSON.parse(row.after) as Record<string, unknown>) : null,
  }));
}

function lastEventId(app: App): number {
  return (app.conn.sqlite.prepare('SELECT max(id) AS id FROM audit_event').get() as { id: number }).id;
}

describe('allocation: a customer’s services', () => {
  it('one Save grants, switches to specific, and writes one audit batch with the agreed events', async () => {
    const { app, customer, mail, vpn } = await world();
    const mark = lastEventId(app);
    const preview = ok(
      await app.call('allocation:preview', { kind: 'customer', customerId: customer.id, grant: [mail.id, vpn.id] }),
    );
    expect(preview).toMatchObject({
      added: 2,
      removed: 0,
      customer: { modeBefore: 'defaults', modeAfter: 'specific', effectiveAfter: 2 },
    });
    expect(events(app, mark)).toEqual([]);
    ok(await app.call('allocation:save', { kind: 'customer', customerId: customer.id, grant: [mail.id, vpn.id] }));
    const written = events(app, mark);
    expect(new Set(written.map((event) => event.batch_id)).size).toBe(1);
    expect(written.map((event) => [event.entity, event.action])).toEqual([
      ['assignment', 'grant'],
      ['assignment', 'grant'],
      ['customer', 'update'],
    ]);
    expect(written[0]).toMatchObject({
      entity_id: `${customer.id}/${mail.id}`,
      label: 'Acme Corporation → IT::Email',
      before: null,
      after: { granted: true, status: 'active' },
    });
    expect(written[2]).toMatchObject({
      entity_id: customer.id,
      label: 'Acme Corporation',
      before: { accessMode: 'defaults' },
      after: { accessMode: 'specific' },
    });
    const allocation = ok(await app.call('allocation:customer', { customerId: customer.id }));
    expect(allocation.customer.accessMode).toBe('specific');
    expect(allocation.effective.map((service) => [service.path, service.source])).toEqual([
      ['IT::Email', 'specific'],
      ['IT::VPN', 'specific'],
    ]);
  });

  it('revoking keeps the row with a new stamp; removing the last returns to defaults; re-granting keeps the details', async () => {
    const { app, customer, mail } = await world();
    ok(await app.call('allocation:save', { kind: 'customer', customerId: customer.id, grant: [mail.id] }));
    ok(
      await app.call('assignments:update', {
        customerId: customer.id,
        serviceId: mail.id,
        details: { priceMinor: 1250, unit: 'seat' },
      }),
    );
    const stampBefore = (app.conn.sqlite.prepare('SELECT stamp FROM assignment').get() as { stamp: string }).stamp;
    const mark = lastEventId(app);
    ok(await app.call('allocation:save', { kind: 'customer', customerId: customer.id, revoke: [mail.id] }));
    const row = app.conn.sqlite.prepare('SELECT granted, stamp, price_minor AS price FROM assignment').get() as {
      granted: number;
      stamp: string;
      price: number;
    };
    expect(row.granted).toBe(0);
    expect(row.stamp > stampBefore).toBe(true);
    expect(row.price).toBe(1250);
    expect(events(app, mark).map((event) => [event.action, event.before, event.after])).toEqual([
      [
        'revoke',
        expect.objectContaining({ granted: true, priceMinor: 1250 }),
        expect.objectContaining({ granted: false, priceMinor: 1250 }),
      ],
      ['update', { accessMode: 'specific' }, { accessMode: 'defaults' }],
    ]);
    expect(ok(await app.call('customers:get', { id: customer.id })).accessMode).toBe('defaults');
    ok(await app.call('allocation:save', { kind: 'customer', customerId: customer.id, grant: [mail.id] }));
    expect(ok(await app.call('assignments:get', { customerId: customer.id, serviceId: mail.id }))).toMatchObject({
      granted: true,
      priceMinor: 1250,
      unit: 'seat',
    });
  });

  it('shows an assignment to an invalid service as held but not effective', async () => {
    const { app, customer, old, vpn } = await world();
    ok(await app.call('allocation:save', { kind: 'customer', customerId: customer.id, grant: [old.id, vpn.id] }));
    const allocation = ok(await app.call('allocation:customer', { customerId: customer.id }));
    expect(allocation.assignments.map((held) => [held.path, held.notEffective])).toEqual([
      ['IT::VPN', null],
      ['Old', 'service-invalid'],
    ]);
    expect(allocation.effective.map((service) => service.path)).toEqual(['IT::VPN']);
  });

  it('refuses an unknown service and changes nothing', async () => {
    const { app, customer, mail } = await world();
    const before = [dump(app, 'assignment'), dump(app, 'customer'), dump(app, 'audit_event')];
    const error = failed(
      await app.call('allocation:save', { kind: 'customer', customerId: customer.id, grant: [mail.id, randomUUID()] }),
    );
    expect(error.code).toBe('not-found');
    expect([dump(app, 'assignment'), dump(app, 'customer'), dump(app, 'audit_event')]).toEqual(before);
    expect(
      failed(
        await app.call('allocation:save', {
          kind: 'customer',
          customerId: customer.id,
          grant: [mail.id],
          revoke: [mail.id],
        }),
      ).code,
    ).toBe('invalid-input');
  });
});

describe('allocation: defaults', () => {
  it('default services are LWW registers with grant/revoke events; the preview counts customers on defaults', async () => {
    const { app, customer, mail, vpn } = await world();
    ok(await app.call('customers:create', { code: 'B', name: 'Beta' }));
    ok(await app.call('allocation:save', { kind: 'customer', customerId: customer.id, grant: [vpn.id] }));
    expect(ok(await app.call('allocation:preview', { kind: 'defaults', grant: [mail.id] }))).toMatchObject({
      added: 1,
      customers: { gain: 1 },
    });
    const mark = lastEventId(app);
    ok(await app.call('allocation:save', { kind: 'defaults', grant: [mail.id] }));
    ok(await app.call('allocation:save', { kind: 'defaults', revoke: [mail.id] }));
    expect(dump(app, 'default_service')).toEqual([expect.objectContaining({ service_id: mail.id, granted: 0 })]);
    expect(
      events(app, mark).map((event) => [event.entity, event.action, event.label, event.before, event.after]),
    ).toEqual([
      ['defaultService', 'grant', 'IT::Email', null, { granted: true }],
      ['defaultService', 'revoke', 'IT::Email', { granted: true }, { granted: false }],
    ]);
    expect(ok(await app.call('allocation:defaults', {}))).toEqual({ serviceIds: [], customersOnDefaults: 1 });
  });
});

describe('allocation: a service’s customers', () => {
  it('select-all ids are not sent again while the caller holds the same list; the mask always is', async () => {
    const { app, customer, mail } = await world();
    const first = ok(await app.call('allocation:serviceCustomerIds', { serviceId: mail.id }));
    expect(first).toMatchObject({ ids: [customer.id], grantedMask: '0' });
    ok(await app.call('allocation:save', { kind: 'service', serviceId: mail.id, grant: [customer.id] }));
    const again = ok(
      await app.call('allocation:serviceCustomerIds', { serviceId: mail.id, knownIdsKey: first.idsKey }),
    );
    expect(again).toEqual({ ids: null, idsKey: first.idsKey, grantedMask: '1' });
    expect(
      ok(await app.call('allocation:serviceCustomerIds', { serviceId: mail.id, knownIdsKey: 'another list' })).ids,
    ).toEqual([customer.id]);
    const other = ok(await app.call('customers:create', { ...acme, code: 'GLOBEX', name: 'Globex' }));
    const grown = ok(
      await app.call('allocation:serviceCustomerIds', { serviceId: mail.id, knownIdsKey: first.idsKey }),
    );
    expect(grown.ids).toEqual([customer.id, other.id]);
    expect(grown.idsKey).not.toBe(first.idsKey);
  });

  it('a Save says only modes changed; the customer index keeps its list and reads the modes again', async () => {
    const changes: (readonly string[])[] = [];
    const app = await testApp({
      emit: (event, payload) =>
        event === 'data:changed' && changes.push((payload as { entities: readonly string[] }).entities),
    });
    const mail = ok(await app.call('services:create', { name: 'Email' }));
    const acmeCustomer = ok(await app.call('customers:create', acme));
    const globex = ok(await app.call('customers:create', { ...acme, code: 'GLOBEX', name: 'Globex' }));
    const before = ok(await app.call('customers:index', {}));
    expect(before).toMatchObject({ ids: [acmeCustomer.id, globex.id], specific: [0, 0] });
    expect(ok(await app.call('customers:accessModes', {}))).toEqual({ version: before.version, specific: '00' });
    changes.length = 0;
    ok(await app.call('allocation:save', { kind: 'service', serviceId: mail.id, grant: [globex.id] }));
    expect(changes).toEqual([['assignment', ACCESS_MODES_CHANGED]]);
    expect(ok(await app.call('customers:accessModes', {}))).toEqual({ version: before.version, specific: '01' });
    expect(ok(await app.call('customers:index', {}))).toEqual({ ...before, specific: [0, 1] });
    ok(await app.call('allocation:save', { kind: 'customer', customerId: acmeCustomer.id, grant: [mail.id] }));
    ok(await app.call('allocation:save', { kind: 'customer', customerId: globex.id, revoke: [mail.id] }));
    expect(ok(await app.call('customers:accessModes', {}))).toEqual({ version: before.version, specific: '10' });
    // Another customer is another list: a new version, so a window holding the old one reloads it all.
    const initech = ok(await app.call('customers:create', { ...acme, code: 'INITECH', name: 'Initech' }));
    const grown = ok(await app.call('customers:index', {}));
    expect(grown.version).not.toBe(before.version);
    expect(grown).toMatchObject({ ids: [acmeCustomer.id, globex.id, initech.id], specific: [1, 0, 0] });
    expect(ok(await app.call('customers:accessModes', {}))).toEqual({ version: grown.version, specific: '100' });
  });

  it('counts live holders only: a deleted customer’s register is not counted', async () => {
    const { app, customer, mail } = await world();
    const other = ok(await app.call('customers:create', { ...acme, code: 'GLOBEX', name: 'Globex' }));
    ok(await app.call('allocation:save', { kind: 'service', serviceId: mail.id, grant: [customer.id, other.id] }));
    expect(ok(await app.call('allocation:service', { serviceId: mail.id })).grantedCount).toBe(2);
    ok(await app.call('customers:delete', { id: other.id }));
    expect(
      app.conn.sqlite.prepare('SELECT count(*) AS n FROM assignment WHERE service_id = ? AND granted = 1').get(mail.id),
    ).toEqual({ n: 2 });
    expect(ok(await app.call('allocation:service', { serviceId: mail.id })).grantedCount).toBe(1);
    expect(ok(await app.call('allocation:serviceCustomerIds', { serviceId: mail.id }))).toMatchObject({
      ids: [customer.id],
      grantedMask: '1',
    });
  });

  it('saves 50,000 changes in one transaction, windowed lists and select-all ids agree', async () => {
    const { app, mail, vpn } = await world();
    const insert = app.conn.sqlite.prepare(
      `INSERT INTO customer (id, code, name, city, validity, access_mode, stamp, created_at, updated_at) VALUES (?, ?, ?, ?, 'valid', ?, '000000000000000:000000:00000000-0000-0000-0000-000000000000', '', '')`,
    );
    const ids: string[] = [];
    app.conn.sqlite.transaction(() => {
      for (let index = 0; index < 60_000; index += 1) {
        const id = randomUUID();
        ids.push(id);
        insert.run(
          id,
          `C${String(index).padStart(6, '0')}`,
          `Customer ${index}`,
          index % 2 ? 'Berlin' : 'Paris',
          'defaults',
        );
      }
    })();
    app.context.search.invalidate(['customer']);
    const berlin = ok(await app.call('allocation:serviceCustomerIds', { serviceId: mail.id, query: 'paris' }));
    expect(berlin.ids).toHaveLength(30_000);
    const grant = ids.slice(0, 50_000);
    // How fast this is belongs to `npm run bench`; here only what it writes.
    const saved = ok(await app.call('allocation:save', { kind: 'service', serviceId: mail.id, grant }));
    expect(saved).toMatchObject({ added: 50_000, customers: { gain: 50_000, leaveDefaults: 50_000 } });
    expect(
      app.conn.sqlite.prepare('SELECT count(*) AS n FROM assignment WHERE service_id = ? AND granted = 1').get(mail.id),
    ).toEqual({ n: 50_000 });
    expect(app.conn.sqlite.prepare(`SELECT count(*) AS n FROM customer WHERE access_mode = 'specific'`).get()).toEqual({
      n: 50_000,
    });
    expect(
      app.conn.sqlite
        .prepare('SELECT count(DISTINCT batch_id) AS n, count(*) AS events FROM audit_event WHERE batch_id = ?')
        .get(saved.batchId),
    ).toEqual({ n: 1, events: 100_000 });
    const after = ok(await app.call('allocation:serviceCustomerIds', { serviceId: mail.id, query: 'paris' }));
    expect([...after.grantedMask].filter((bit) => bit === '1')).toHaveLength(25_000);
    // The mask, row by row, is who holds the service.
    const holders = new Set(
      app.conn.sqlite
        .prepare('SELECT customer_id FROM assignment WHERE service_id = ? AND granted = 1')
        .pluck()
        .all(mail.id),
    );
    expect(after.grantedMask).toBe((after.ids ?? []).map((id) => (holders.has(id) ? '1' : '0')).join(''));
    const page = ok(
      await app.call('allocation:serviceCustomers', { serviceId: mail.id, query: 'paris', offset: 0, limit: 5 }),
    );
    expect(page.filtered).toBe(30_000);
    expect(page.rows.map((row) => row.granted)).toEqual([...after.grantedMask.slice(0, 5)].map((bit) => bit === '1'));
    expect(ok(await app.call('allocation:service', { serviceId: mail.id })).grantedCount).toBe(50_000);
    // Revoking the only service of a customer sends it back to the defaults.
    const back = ok(
      await app.call('allocation:preview', {
        kind: 'service',
        serviceId: mail.id,
        revoke: grant.slice(0, 10),
        grant: [],
      }),
    );
    expect(back.customers).toMatchObject({ lose: 10, fallBack: 10 });
    ok(await app.call('allocation:save', { kind: 'service', serviceId: vpn.id, grant: grant.slice(0, 1) }));
    expect(
      ok(await app.call('allocation:preview', { kind: 'service', serviceId: mail.id, revoke: grant.slice(0, 2) }))
        .customers,
    ).toMatchObject({ lose: 2, fallBack: 1 });
  });
});

describe('assignment details', () => {
  it('stamps each changed field, audits full states, and refuses bad values without writing', async () => {
    const { app, customer, mail } = await world();
    expect(failed(await app.call('assignments:get', { customerId: customer.id, serviceId: mail.id })).code).toBe(
      'not-found',
    );
    ok(await app.call('allocation:save', { kind: 'customer', customerId: customer.id, grant: [mail.id] }));
    const mark = lastEventId(app);
    const updated = ok(
      await app.call('assignments:update', {
        customerId: customer.id,
        serviceId: mail.id,
        details: { status: 'pending', priceMinor: 99_999, discountPercent: 12.5 },
      }),
    );
    expect(updated).toMatchObject({
      status: 'pending',
      priceMinor: 99_999,
      discountPercent: 12.5,
      customerName: 'Acme Corporation',
      servicePath: 'IT::Email',
    });
    const stamps = JSON.parse(
      (app.conn.sqlite.prepare('SELECT field_stamps FROM assignment').get() as { field_stamps: string }).field_stamps,
    ) as Record<string, string>;
    expect(Object.keys(stamps).sort()).toEqual(['discountPercent', 'priceMinor', 'status', 'stoppedByLifecycle']);
    expect(events(app, mark)).toMatchObject([
      {
        action: 'update',
        before: { status: 'active', priceMinor: null },
        after: { status: 'pending', priceMinor: 99_999 },
      },
    ]);
    const before = dump(app, 'assignment');
    for (const details of [
      { priceMinor: -1 },
      { priceMinor: 1.5 },
      { discountPercent: 101 },
      { startDate: '2026-05-02', endDate: '2026-05-01' },
    ]) {
      expect(
        failed(await app.call('assignments:update', { customerId: customer.id, serviceId: mail.id, details })).code,
      ).toBe('invalid-input');
    }
    expect(dump(app, 'assignment')).toEqual(before);
    expect(ok(await app.call('allocation:customer', { customerId: customer.id })).assignments[0]?.notEffective).toBe(
      'status',
    );
  });
});
