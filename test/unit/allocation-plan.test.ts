import { describe, expect, it } from 'vitest';
import { acme, ok, testApp } from './helpers';

async function world() {
  const app = await testApp();
  const mail = ok(await app.call('services:create', { name: 'Email' }));
  const vpn = ok(await app.call('services:create', { name: 'VPN' }));
  const customers = [];
  for (const n of [1, 2, 3])
    customers.push(ok(await app.call('customers:create', { ...acme, code: `C${n}`, name: `Customer ${n}` })));
  return { app, mail, vpn, customers };
}

function granted(app: Awaited<ReturnType<typeof testApp>>, serviceId: string): string[] {
  return (
    app.conn.sqlite
      .prepare('SELECT customer_id AS id FROM assignment WHERE service_id = ? AND granted = 1 ORDER BY customer_id')
      .all(serviceId) as { id: string }[]
  ).map((row) => row.id);
}

describe('allocation: the plan a preview showed is the plan a Save applies', () => {
  it('a Save right after its preview writes what the preview said', async () => {
    const { app, mail, customers } = await world();
    const change = { kind: 'service' as const, serviceId: mail.id, grant: customers.map((customer) => customer.id) };
    const preview = ok(await app.call('allocation:preview', change));
    const { batchId, ...saved } = ok(await app.call('allocation:save', change));
    expect(saved).toEqual(preview);
    expect(saved).toMatchObject({ added: 3, customers: { gain: 3, leaveDefaults: 3 } });
    expect(granted(app, mail.id)).toEqual(customers.map((customer) => customer.id).sort());
    const modes = app.conn.sqlite.prepare('SELECT DISTINCT access_mode AS mode FROM customer').all();
    expect(modes).toEqual([{ mode: 'specific' }]);
    expect(
      (
        app.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_event WHERE batch_id = ?').get(batchId) as {
          n: number;
        }
      ).n,
    ).toBe(6);
  });

  it('a write between the preview and the Save makes the Save plan again from the database', async () => {
    const { app, mail, vpn, customers } = await world();
    const [first, second] = customers.map((customer) => customer.id);
    const change = { kind: 'service' as const, serviceId: mail.id, grant: [first ?? '', second ?? ''] };
    const before = ok(await app.call('allocation:preview', change));
    expect(before).toMatchObject({ added: 2, customers: { leaveDefaults: 2 } });
    // Meanwhile the first customer gets Email and VPN elsewhere: it no longer leaves the defaults here.
    ok(await app.call('allocation:save', { kind: 'customer', customerId: first ?? '', grant: [mail.id, vpn.id] }));
    const { batchId: _batch, ...saved } = ok(await app.call('allocation:save', change));
    expect(saved).toMatchObject({ added: 1, customers: { gain: 1, leaveDefaults: 1 } });
    expect(granted(app, mail.id)).toEqual([first, second].sort());
  });

  it('revoking a customer’s last service sends it back to the defaults, set-based for every customer', async () => {
    const { app, mail, vpn, customers } = await world();
    const ids = customers.map((customer) => customer.id);
    ok(await app.call('allocation:save', { kind: 'service', serviceId: mail.id, grant: ids }));
    ok(await app.call('allocation:save', { kind: 'service', serviceId: vpn.id, grant: [ids[0] ?? ''] }));
    const change = { kind: 'service' as const, serviceId: mail.id, revoke: ids };
    const preview = ok(await app.call('allocation:preview', change));
    expect(preview).toMatchObject({ removed: 3, customers: { fallBack: 2 } });
    ok(await app.call('allocation:save', change));
    const modes = app.conn.sqlite.prepare('SELECT code, access_mode AS mode FROM customer ORDER BY code').all();
    expect(modes).toEqual([
      { code: 'C1', mode: 'specific' },
      { code: 'C2', mode: 'defaults' },
      { code: 'C3', mode: 'defaults' },
    ]);
    expect(granted(app, mail.id)).toEqual([]);
  });
});
