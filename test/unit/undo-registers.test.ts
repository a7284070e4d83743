import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import { acme, failed, ok, testApp } from './helpers';

/** Assignment and default-service Saves as the allocation dialogs write them (see the event conventions). */
function grant(app: OpenApp, customerId: string, serviceId: string, detail: Record<string, unknown> = {}): string {
  return app.context.write(['assignment', 'customer'], (batch) => {
    const db = app.conn.sqlite;
    const row = db
      .prepare('SELECT granted, status FROM assignment WHERE customer_id = ? AND service_id = ?')
      .get(customerId, serviceId) as { granted: number; status: string } | undefined;
    const state = { granted: true, status: 'active', description: '', ...detail };
    db.prepare(
      `INSERT INTO assignment (customer_id, service_id, granted, stamp, status, description) VALUES (?, ?, 1, ?, ?, ?)
       ON CONFLICT (customer_id, service_id) DO UPDATE SET granted = 1, stamp = excluded.stamp, status = excluded.status, description = excluded.description`,
    ).run(customerId, serviceId, batch.stamp, state.status, state.description);
    db.prepare(`UPDATE customer SET access_mode = 'specific' WHERE id = ?`).run(customerId);
    batch.audit({
      entity: 'assignment',
      entityId: `${customerId}/${serviceId}`,
      action: 'grant',
      label: 'Acme Corporation → VPN',
      before: row ? { granted: row.granted === 1, status: row.status, description: '' } : null,
      after: state,
    });
    batch.audit({
      entity: 'customer',
      entityId: customerId,
      action: 'update',
      label: 'Acme Corporation',
      before: { accessMode: 'defaults' },
      after: { accessMode: 'specific' },
    });
    return batch.id;
  });
}

function setDefault(app: OpenApp, serviceId: string, granted: boolean): string {
  return app.context.write(['defaultService'], (batch) => {
    const db = app.conn.sqlite;
    const row = db.prepare('SELECT granted FROM default_service WHERE service_id = ?').get(serviceId) as
      { granted: number } | undefined;
    db.prepare(
      `INSERT INTO default_service (service_id, granted, stamp) VALUES (?, ?, ?) ON CONFLICT (service_id) DO UPDATE SET granted = excluded.granted, stamp = excluded.stamp`,
    ).run(serviceId, granted ? 1 : 0, batch.stamp);
    batch.audit({
      entity: 'defaultService',
      entityId: serviceId,
      action: granted ? 'grant' : 'revoke',
      label: 'VPN',
      before: row ? { granted: row.granted === 1 } : null,
      after: { granted },
    });
    return batch.id;
  });
}

describe('undo of allocation Saves', () => {
  it('revokes a new assignment and puts the customer back in defaults mode, with a new register stamp', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    const save = grant(app, customer.id, vpn.id);
    const stamp = (app.conn.sqlite.prepare('SELECT stamp FROM assignment').get() as { stamp: string }).stamp;
    ok(await app.call('audit:undo', { batchId: save }));
    const row = app.conn.sqlite.prepare('SELECT granted, stamp FROM assignment').get() as {
      granted: number;
      stamp: string;
    };
    expect(row.granted).toBe(0);
    expect(row.stamp > stamp).toBe(true);
    expect(ok(await app.call('customers:get', { id: customer.id })).accessMode).toBe('defaults');
    // And back again.
    const history = ok(await app.call('audit:history', { entity: 'customer', entityId: customer.id }));
    ok(await app.call('audit:undo', { batchId: history[0]!.batchId }));
    expect(app.conn.sqlite.prepare('SELECT granted, status FROM assignment').get()).toEqual({
      granted: 1,
      status: 'active',
    });
    expect(ok(await app.call('customers:get', { id: customer.id })).accessMode).toBe('specific');
  });

  it('refuses when the same assignment was changed later', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    const first = grant(app, customer.id, vpn.id);
    grant(app, customer.id, vpn.id, { description: 'second line' });
    const error = failed(await app.call('audit:undo', { batchId: first }));
    expect(error.message).toContain('of Acme Corporation → VPN was changed later');
  });

  it('restores a default service and refuses after a later change of it', async () => {
    const app = await testApp();
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    const on = setDefault(app, vpn.id, true);
    const off = setDefault(app, vpn.id, false);
    expect(failed(await app.call('audit:undo', { batchId: on })).message).toContain('Granted of VPN was changed later');
    ok(await app.call('audit:undo', { batchId: off }));
    expect(app.conn.sqlite.prepare('SELECT granted FROM default_service').get()).toEqual({ granted: 1 });
  });

  it('undoes a validity change together with the lifecycle it caused', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    grant(app, customer.id, vpn.id);
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, validity: 'invalid' } }));
    expect(app.conn.sqlite.prepare('SELECT status, stopped_by_lifecycle AS marked FROM assignment').get()).toEqual({
      status: 'stopped',
      marked: 1,
    });
    const latest = ok(await app.call('audit:latest', {}));
    ok(await app.call('audit:undo', { batchId: latest!.batchId }));
    expect(ok(await app.call('customers:get', { id: customer.id })).validity).toBe('valid');
    expect(app.conn.sqlite.prepare('SELECT status, stopped_by_lifecycle AS marked FROM assignment').get()).toEqual({
      status: 'active',
      marked: 0,
    });
  });
});
