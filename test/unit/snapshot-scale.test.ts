import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localToday } from '../../src-shared/domain';
import { ADDED_EVENTS_LIMIT, applySnapshot, planAgainstLocal } from '../../src-main/snapshot/apply';
import { streamBodyText } from '../../src-main/snapshot/bodyStream';
import { buildSnapshot, exportSnapshot, readAliases, readSeen } from '../../src-main/snapshot/export';
import { fromMergePlan } from '../../src-main/snapshot/importPlan';
import { parseSnapshot } from '../../src-main/snapshot/parse';
import { planMerge } from '../../src-main/snapshot/plan';
import { readBody } from '../../src-main/snapshot/rows';
import { bodyText, compactBody } from '../../src-shared/snapshot/format';
import type { PlanOutcome } from '../../src-shared/snapshot/plan';
import { acme, ok, tempDir, testApp } from './helpers';
import { dataOf } from './snapshot-helpers';

/** A plan's outcome in an order that does not depend on how it was worked out. */
function comparable(plan: PlanOutcome) {
  const byKey = <T extends { table: string; key: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => `${a.table}:${a.key}`.localeCompare(`${b.table}:${b.key}`));
  return {
    counts: plan.counts,
    added: byKey(plan.added),
    changed: byKey(plan.changed),
    removed: byKey(plan.removed),
    accessChanges: [...plan.accessChanges].sort((a, b) => a.customerId.localeCompare(b.customerId)),
  };
}

/** The lean paths that carry snapshots at full scale must say exactly what the simple ones say. */
describe('snapshot streaming', () => {
  it('streams the very body text the record-by-record serialisation gives, tombstones, clocks and custom fields included', async () => {
    const app = await testApp();
    ok(await app.call('sample:load', { customers: 40, services: 15, assignments: 120 }));
    const customer = ok(await app.call('customers:create', { ...acme, comment: 'x "quoted" ü' }));
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, name: 'Acme Renamed' } }));
    ok(await app.call('customers:delete', { id: customer.id }));
    const pieces: string[] = [];
    const counts = streamBodyText(app.conn.sqlite, (piece) => pieces.push(piece));
    const body = readBody(app.conn.sqlite);
    expect(pieces.join('')).toBe(bodyText(compactBody(body)));
    expect(counts.customers).toBe(body.customers.length);
    expect(counts.assignments).toBe(body.assignments.length);
  });

  it('writes a file that parses back to the database state, plain and gzipped', async () => {
    const app = await testApp();
    ok(await app.call('sample:load', { customers: 25, services: 10, assignments: 60 }));
    for (const name of ['plain.sasnap', 'packed.sasnapz']) {
      const path = join(tempDir(), name);
      const result = await exportSnapshot(app.context, path);
      const bytes = readFileSync(path);
      expect(result.bytes).toBe(bytes.length);
      expect(parseSnapshot(bytes).body).toEqual(readBody(app.conn.sqlite));
    }
  });

  it('a file of many pieces and row batches gets the plan the whole-body merge gives, and applying it gives the same data as from memory', async () => {
    const a = await testApp();
    // Over 2,000 rows of customers and users, and thousands of assignments: a file of several read pieces.
    ok(await a.call('sample:load', { customers: 1200, services: 25, assignments: 5000 }));
    const b = await testApp();
    await applySnapshot(b.context, buildSnapshot(a.context), {});
    const customers = a.conn.sqlite.prepare('SELECT id, code, name FROM customer ORDER BY id LIMIT 40').all() as {
      id: string;
      code: string;
      name: string;
    }[];
    for (const customer of customers.slice(0, 20))
      ok(
        await a.call('customers:update', {
          id: customer.id,
          fields: { code: customer.code, name: `${customer.name} (renamed)` },
        }),
      );
    for (const customer of customers.slice(20, 30)) ok(await a.call('customers:delete', { id: customer.id }));
    ok(await a.call('customers:create', acme));
    const path = join(tempDir(), 'diverged.sasnap');
    const { bytes } = await exportSnapshot(a.context, path);
    expect(bytes).toBeGreaterThan(3 * (1 << 19));

    const streamed = await planAgainstLocal(b.context, { kind: 'file', path }, {});
    const remote = parseSnapshot(readFileSync(path));
    const whole = planMerge({
      local: readBody(b.conn.sqlite),
      localDeviceId: b.context.deviceId,
      localSeen: readSeen(b.context),
      remote,
      aliases: readAliases(b.context),
      resolutions: {},
      restamp: b.context.clock.current(),
      isTooFarAhead: (stamp) => b.context.clock.isTooFarAhead(stamp),
      today: localToday(),
    });
    expect(streamed.counts).toMatchObject({ added: 1, changed: 20, removed: 10 });
    expect(streamed.counts.accessChanges).toBeGreaterThan(0);
    expect(comparable(streamed)).toEqual(comparable(fromMergePlan(remote.header, whole)));

    const c = await testApp();
    await applySnapshot(c.context, buildSnapshot(b.context), {});
    await applySnapshot(b.context, { kind: 'file', path }, {});
    await applySnapshot(c.context, remote, {});
    expect(dataOf(b)).toEqual(dataOf(c));
  });

  it('audits a bulk import with one line per large table and an event per record elsewhere', async () => {
    const source = await testApp();
    ok(await source.call('sample:load', { customers: 200, services: 30, assignments: ADDED_EVENTS_LIMIT + 500 }));
    const target = await testApp();
    const settings = () => [
      target.conn.sqlite.pragma('temp_store', { simple: true }),
      target.conn.sqlite.pragma('cache_size', { simple: true }),
    ];
    const before = settings();
    const summary = await applySnapshot(target.context, buildSnapshot(source.context), {});
    // The index builds at the end take a smaller cache and temporary files on disk; the connection gets its own back.
    expect(settings()).toEqual(before);
    expect(
      target.conn.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'assignment_by_service'").get(),
    ).toEqual({ n: 1 });
    const count = (table: string) =>
      (source.conn.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const assignments = count('assignment');
    expect(assignments).toBeGreaterThan(ADDED_EVENTS_LIMIT);
    const events = target.conn.sqlite
      .prepare("SELECT entity, label, after FROM audit_event WHERE action = 'import'")
      .all() as { entity: string; label: string; after: string }[];
    expect(events.filter((event) => event.entity === 'assignment')).toHaveLength(0);
    expect(events.filter((event) => event.entity === 'customer')).toHaveLength(count('customer'));
    const bulk = events.find((event) => event.label === `${assignments} assignments added from the snapshot`);
    expect(JSON.parse(bulk?.after ?? '{}')).toEqual({ table: 'assignments', added: assignments });
    expect(summary?.added).toBe(events.filter((event) => event.entity !== 'data').length + assignments);
  });
});
