import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDED_EVENTS_LIMIT, applySnapshot } from '../../src-main/snapshot/apply';
import { streamBodyText } from '../../src-main/snapshot/bodyStream';
import { buildSnapshot, exportSnapshot } from '../../src-main/snapshot/export';
import { parseSnapshot } from '../../src-main/snapshot/parse';
import { readBody } from '../../src-main/snapshot/rows';
import { bodyText, compactBody } from '../../src-shared/snapshot/format';
import { acme, ok, tempDir, testApp } from './helpers';

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

  it('audits a bulk import with one line per large table and an event per record elsewhere', async () => {
    const source = await testApp();
    ok(await source.call('sample:load', { customers: 200, services: 30, assignments: ADDED_EVENTS_LIMIT + 500 }));
    const target = await testApp();
    const summary = await applySnapshot(target.context, buildSnapshot(source.context), {});
    const count = (table: string) => (source.conn.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const assignments = count('assignment');
    expect(assignments).toBeGreaterThan(ADDED_EVENTS_LIMIT);
    const events = target.conn.sqlite.prepare("SELECT entity, label, after FROM audit_event WHERE action = 'import'").all() as { entity: string; label: string; after: string }[];
    expect(events.filter((event) => event.entity === 'assignment')).toHaveLength(0);
    expect(events.filter((event) => event.entity === 'customer')).toHaveLength(count('customer'));
    const bulk = events.find((event) => event.label === `${assignments} assignments added from the snapshot`);
    expect(JSON.parse(bulk?.after ?? '{}')).toEqual({ table: 'assignments', added: assignments });
    expect(summary?.added).toBe(events.filter((event) => event.entity !== 'data').length + assignments);
  });
});
