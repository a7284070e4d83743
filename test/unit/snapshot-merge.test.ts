import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import { applySnapshot, applySteps } from '../../src-main/snapshot/apply';
import { buildSnapshot, encodeSnapshot } from '../../src-main/snapshot/export';
import { acme, failed, ok, testApp } from './helpers';
import { dataOf, everything } from './snapshot-helpers';

async function exportTo(from: OpenApp, to: OpenApp) {
  return applySnapshot(to.context, buildSnapshot(from.context), {});
}

/** Opens `from`'s snapshot in `to` through the contract, as the window does. */
async function preview(from: OpenApp, to: OpenApp) {
  const bytes = await encodeSnapshot(buildSnapshot(from.context), false);
  return ok(await to.call('snapshots:openBytes', { fileName: 'from.sasnap', base64: bytes.toString('base64') }));
}

async function twoCopiesWithAConflict() {
  const a = await testApp();
  const b = await testApp();
  const customer = ok(await a.call('customers:create', acme));
  await exportTo(a, b);
  ok(await a.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Munich' } }));
  ok(await b.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Hamburg', comment: 'only here' } }));
  return { a, b, id: customer.id };
}

describe('merge: conflicts, choices, collisions', () => {
  it('a concurrent edit is a conflict; the later write wins by default; Take theirs re-stamps so the choice travels', async () => {
    const { a, b, id } = await twoCopiesWithAConflict();
    const shown = await preview(a, b);
    expect(shown.inStep).toBe(false);
    expect(shown.conflicts).toHaveLength(1);
    const conflict = shown.conflicts[0];
    expect(conflict).toMatchObject({
      field: 'city',
      mine: 'Hamburg',
      theirs: 'Munich',
      reason: 'concurrent',
      defaultChoice: 'mine',
      label: 'ACME · Acme Corporation',
    });
    const choice = { conflicts: { [conflict?.id ?? '']: 'theirs' as const } };
    const chosen = ok(await b.call('snapshots:preview', { previewId: shown.previewId, resolutions: choice }));
    expect(chosen.changed[0]?.fields).toEqual([
      expect.objectContaining({ field: 'city', mine: 'Hamburg', theirs: 'Munich' }),
    ]);
    const summary = ok(await b.call('snapshots:apply', { previewId: shown.previewId, resolutions: choice }));
    expect(summary).toMatchObject({ changed: 1, conflicts: 1 });
    expect(existsSync(summary?.backupPath ?? '')).toBe(true);
    expect(ok(await b.call('customers:get', { id }))).toMatchObject({ city: 'Munich', comment: 'only here' });
    const audit = b.conn.sqlite
      .prepare(
        'SELECT entity, action, label FROM audit_event WHERE batch_id = (SELECT batch_id FROM audit_event ORDER BY id DESC LIMIT 1)',
      )
      .all();
    expect(audit).toEqual([
      { entity: 'customer', action: 'import', label: 'ACME · Acme Corporation' },
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers as any
      { entity: 'data', action: 'import', label: expect.stringContaining('Snapshot from') },
    ]);
    // The choice carries a newer stamp: a's own later edit no longer wins there, and both converge.
    await exportTo(b, a);
    expect(ok(await a.call('customers:get', { id }))).toMatchObject({ city: 'Munich', comment: 'only here' });
    await exportTo(a, b);
    expect(dataOf(a)).toEqual(dataOf(b));
  });

  it('Keep mine against a later write re-stamps mine so it wins on the other copy too', async () => {
    const { a, b, id } = await twoCopiesWithAConflict();
    // a edits again, later than b: theirs is the default winner now.
    ok(await a.call('customers:update', { id, fields: { ...acme, city: 'Munich', zip: '80331' } }));
    ok(await a.call('customers:update', { id, fields: { ...acme, city: 'Munich-Nord', zip: '80331' } }));
    const shown = await preview(a, b);
    const conflict = shown.conflicts.find((item) => item.field === 'city');
    expect(conflict?.defaultChoice).toBe('theirs');
    ok(
      await b.call('snapshots:apply', {
        previewId: shown.previewId,
        resolutions: { conflicts: { [conflict?.id ?? '']: 'mine' } },
      }),
    );
    expect(ok(await b.call('customers:get', { id }))).toMatchObject({ city: 'Hamburg', zip: '80331' });
    await exportTo(b, a);
    expect(ok(await a.call('customers:get', { id })).city).toBe('Hamburg');
  });

  it('Cancel changes nothing; importing while in step says nothing to import', async () => {
    const { a, b } = await twoCopiesWithAConflict();
    const before = everything(b);
    const shown = await preview(a, b);
    expect(ok(await b.call('snapshots:close', { previewId: shown.previewId }))).toBe(true);
    expect(failed(await b.call('snapshots:apply', { previewId: shown.previewId, resolutions: {} })).code).toBe(
      'not-found',
    );
    expect(everything(b)).toEqual(before);
    const c = await testApp();
    await exportTo(a, c);
    expect((await preview(a, c)).inStep).toBe(true);
  });

  it('the same Customer ID on an unknown record: keep both renames theirs; link merges into mine and is remembered', async () => {
    const a = await testApp();
    const b = await testApp();
    const mine = ok(await b.call('customers:create', { ...acme, city: 'Bonn' }));
    ok(await a.call('customers:create', { ...acme, street: 'Main St 1' }));
    const shown = await preview(a, b);
    expect(shown.collisions).toEqual([
      expect.objectContaining({ table: 'customers', naturalKey: 'ACME', mineId: mine.id }),
    ]);
    const id = shown.collisions[0]?.id ?? '';
    const both = ok(
      await b.call('snapshots:preview', {
        previewId: shown.previewId,
        resolutions: { collisions: { [id]: 'keep-both' } },
      }),
    );
    expect(both.renamed).toEqual(['ACME → ACME-2']);
    expect(both.added.map((change) => change.label)).toEqual(['ACME-2 · Acme Corporation']);

    ok(await b.call('snapshots:apply', { previewId: shown.previewId, resolutions: { collisions: { [id]: 'link' } } }));
    const customers = b.conn.sqlite.prepare('SELECT id, code, street FROM customer').all();
    expect(customers).toEqual([{ id: mine.id, code: 'ACME', street: 'Main St 1' }]);
    expect((await preview(a, b)).inStep).toBe(true);
  });

  it('an assignment: a detail edited on one copy and a revoke on the other both survive', async () => {
    const a = await testApp();
    const b = await testApp();
    const customer = ok(await a.call('customers:create', acme));
    const service = ok(await a.call('services:create', { name: 'Email' }));
    a.context.write(['assignment'], (batch) => {
      a.conn.sqlite
        .prepare(
          "INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 1, ?, 'active')",
        )
        .run(customer.id, service.id, batch.stamp);
    });
    await exportTo(a, b);
    a.context.write(['assignment'], (batch) => {
      a.conn.sqlite
        .prepare(
          `UPDATE assignment SET description = 'Ten mailboxes', field_stamps = json_set(field_stamps, '$.description', ?)`,
        )
        .run(batch.stamp);
    });
    // The revoke comes later: its stamp must not make the old (unstamped) description look newer.
    await new Promise((resolve) => setTimeout(resolve, 5));
    b.context.write(['assignment'], (batch) => {
      b.conn.sqlite.prepare('UPDATE assignment SET granted = 0, stamp = ?').run(batch.stamp);
    });
    await exportTo(a, b);
    await exportTo(b, a);
    const row = (app: OpenApp) => app.conn.sqlite.prepare('SELECT granted, description FROM assignment').get();
    expect(row(a)).toEqual({ granted: 0, description: 'Ten mailboxes' });
    expect(row(b)).toEqual(row(a));
    expect(dataOf(a)).toEqual(dataOf(b));
  });

  it('a failure at any step of apply leaves the database as it was', async () => {
    const { a, b } = await twoCopiesWithAConflict();
    const parent = ok(await a.call('services:create', { name: 'Brand new' }));
    ok(await a.call('services:create', { name: 'Child', parentId: parent.id }));
    ok(await a.call('customers:create', { code: 'NEW', name: 'New customer' }));
    const snapshot = buildSnapshot(a.context);
    const before = everything(b);
    for (const step of applySteps) {
      await expect(
        applySnapshot(
          b.context,
          snapshot,
          {},
          {
            hooks: {
              afterStep: (at) => {
                if (at === step) throw new Error(`injected at ${at}`);
              },
            },
          },
        ),
      ).rejects.toThrow(`injected at ${step}`);
      expect(everything(b), step).toEqual(before);
    }
    expect(await applySnapshot(b.context, snapshot, {})).not.toBeNull();
    expect(b.conn.sqlite.prepare("SELECT count(*) FROM service WHERE name = 'Brand new'").pluck().get()).toBe(1);
  });
});
