import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import { acme, dump, failed, ok, testApp } from './helpers';

type EventRow = {
  batch_id: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  actor: string;
};

function events(app: OpenApp): EventRow[] {
  return app.conn.sqlite.prepare('SELECT * FROM audit_event ORDER BY id').all() as EventRow[];
}

function lastBatch(app: OpenApp): string {
  return (
    app.conn.sqlite.prepare('SELECT batch_id FROM audit_event ORDER BY id DESC LIMIT 1').get() as { batch_id: string }
  ).batch_id;
}

describe('undo a Save', () => {
  it('restores the changed fields with new events and new stamps, and the undo can itself be undone', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    ok(
      await app.call('customers:update', {
        id: customer.id,
        fields: { ...acme, city: 'Hamburg', street: 'Hafenstraße 1' },
      }),
    );
    const save = lastBatch(app);
    const stampBefore = JSON.parse(
      (app.conn.sqlite.prepare('SELECT field_stamps FROM customer').get() as { field_stamps: string }).field_stamps,
    ) as Record<string, string>;
    const latest = ok(await app.call('audit:latest', {}));
    expect(latest).toMatchObject({ batchId: save, undoable: true });

    const undo = ok(await app.call('audit:undo', { batchId: save }));
    expect(undo.batchId).not.toBe(save);
    expect(ok(await app.call('customers:get', { id: customer.id }))).toMatchObject({ city: 'Berlin', street: '' });
    const undoEvent = events(app).at(-1);
    expect(undoEvent).toMatchObject({
      action: 'undo',
      entity: 'customer',
      entity_id: customer.id,
      batch_id: undo.batchId,
    });
    expect(JSON.parse(undoEvent?.before ?? '{}')).toEqual({ city: 'Hamburg', street: 'Hafenstraße 1' });
    expect(JSON.parse(undoEvent?.after ?? '{}')).toEqual({ city: 'Berlin', street: '' });
    const stampAfter = JSON.parse(
      (app.conn.sqlite.prepare('SELECT field_stamps FROM customer').get() as { field_stamps: string }).field_stamps,
    ) as Record<string, string>;
    expect(stampAfter.city! > stampBefore.city!).toBe(true);
    // The trail is append-only: the original events are still there.
    expect(events(app).map((event) => event.action)).toEqual(['create', 'update', 'undo']);

    ok(await app.call('audit:undo', { batchId: undo.batchId }));
    expect(ok(await app.call('customers:get', { id: customer.id }))).toMatchObject({
      city: 'Hamburg',
      street: 'Hafenstraße 1',
    });
  });

  it('refuses when a later Save changed the same field, says which and by whom, and changes nothing', async () => {
    const app = await testApp();
    ok(await app.call('settings:setActor', { actor: 'Anna' }));
    const customer = ok(await app.call('customers:create', acme));
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Hamburg' } }));
    const first = lastBatch(app);
    ok(await app.call('settings:setActor', { actor: 'Ben' }));
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Munich' } }));
    const before = dump(app, 'customer');
    const count = events(app).length;
    const error = failed(await app.call('audit:undo', { batchId: first }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/City of Acme Corporation was changed later by Ben on \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(dump(app, 'customer')).toEqual(before);
    expect(events(app)).toHaveLength(count);
  });

  it('allows undo when later Saves changed other fields of the same record', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Hamburg' } }));
    const first = lastBatch(app);
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Hamburg', zip: '20095' } }));
    ok(await app.call('audit:undo', { batchId: first }));
    expect(ok(await app.call('customers:get', { id: customer.id }))).toMatchObject({ city: 'Berlin', zip: '20095' });
  });

  it('undoes a creation with a tombstone and a deletion by bringing the record back', async () => {
    const app = await testApp();
    const email = ok(await app.call('services:create', { name: 'Email' }));
    const created = lastBatch(app);
    const archive = ok(await app.call('services:create', { name: 'Archive', parentId: email.id }));
    // The sub-service was created later, but it did not change Email's fields.
    ok(await app.call('services:delete', { id: email.id }));
    expect(failed(await app.call('services:get', { id: archive.id })).code).toBe('not-found');
    ok(await app.call('audit:undo', { batchId: lastBatch(app) }));
    expect(ok(await app.call('services:get', { id: archive.id })).path).toBe('Email::Archive');
    const refused = failed(await app.call('audit:undo', { batchId: created }));
    expect(refused.message).toMatch(/^Cannot undo: Email was deleted later by .+ on \d{4}-/);
  });

  it('restores a renamed service and the paths of its sub-services', async () => {
    const app = await testApp();
    const email = ok(await app.call('services:create', { name: 'Email' }));
    const archive = ok(await app.call('services:create', { name: 'Archive', parentId: email.id }));
    ok(await app.call('services:update', { id: email.id, fields: { name: 'Mail', parentId: null, criticality: 4 } }));
    expect(ok(await app.call('services:get', { id: archive.id })).path).toBe('Mail::Archive');
    ok(await app.call('audit:undo', { batchId: lastBatch(app) }));
    expect(ok(await app.call('services:get', { id: email.id }))).toMatchObject({
      name: 'Email',
      path: 'Email',
      criticality: 3,
    });
    expect(ok(await app.call('services:get', { id: archive.id })).path).toBe('Email::Archive');
  });

  it('restores a customer user, its additional customers included', async () => {
    const app = await testApp();
    const a = ok(await app.call('customers:create', acme));
    const b = ok(await app.call('customers:create', { code: 'GLOBEX', name: 'Globex' }));
    const user = ok(
      await app.call('customerUsers:create', { login: 'anna', email: 'anna@example.com', customerId: a.id }),
    );
    const base = { login: 'anna', email: 'anna@example.com', customerId: a.id };
    ok(
      await app.call('customerUsers:update', {
        id: user.id,
        fields: { ...base, email: 'anna@acme.test', additionalCustomerIds: [b.id] },
      }),
    );
    ok(await app.call('audit:undo', { batchId: lastBatch(app) }));
    expect(ok(await app.call('customerUsers:get', { id: user.id }))).toMatchObject({
      email: 'anna@example.com',
      additionalCustomerIds: [],
    });
  });

  it('refuses to undo when another live record took the Customer ID meanwhile', async () => {
    const app = await testApp();
    const first = ok(await app.call('customers:create', acme));
    ok(await app.call('customers:delete', { id: first.id }));
    const deletion = lastBatch(app);
    ok(await app.call('customers:create', { ...acme, name: 'New Acme' }));
    const error = failed(await app.call('audit:undo', { batchId: deletion }));
    expect(error.code).toBe('conflict');
    expect(failed(await app.call('customers:get', { id: first.id })).code).toBe('not-found');
  });

  it('offers no undo after a Save that changed nothing', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    ok(await app.call('customers:update', { id: customer.id, fields: acme }));
    expect(ok(await app.call('audit:latest', { since }))).toBeNull();
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, zip: '10115' } }));
    expect(ok(await app.call('audit:latest', { since }))).toMatchObject({ batchId: lastBatch(app), undoable: true });
  });

  it('refuses to undo sample data and unknown batches', async () => {
    const app = await testApp();
    ok(await app.call('sample:load', { customers: 3, services: 3, assignments: 3 }));
    expect(ok(await app.call('audit:latest', {}))?.undoable).toBe(false);
    expect(failed(await app.call('audit:undo', { batchId: lastBatch(app) })).code).toBe('refused');
    expect(failed(await app.call('audit:undo', { batchId: '00000000-0000-4000-8000-000000000000' })).code).toBe(
      'not-found',
    );
  });
});
