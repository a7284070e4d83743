import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src-main/db/migrations';
import { rawDatabase, tempDir } from './helpers';

function tables(path: string): string[] {
  const db = rawDatabase(path, { readonly: true });
  try {
    return (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
    ).map((row) => row.name);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('are listed explicitly, in name order, and set the schema version', async () => {
    const names = migrations.map(([name]) => name);
    expect(names).toEqual([...names].sort());
    const path = join(tempDir(), 'fresh.sqlite');
    const conn = await openDatabase(path);
    expect(conn.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await conn.close();
  });

  it('2026_11_22_001_initial creates the whole data model', async () => {
    const path = join(tempDir(), 'initial.sqlite');
    const conn = await openDatabase(path, { migrateTo: 1 });
    await conn.close();
    expect(tables(path)).toEqual(
      expect.arrayContaining([
        'assignment',
        'audit_event',
        'custom_field',
        'customer',
        'customer_user',
        'customer_user_customer',
        'default_service',
        'meta',
        'service',
      ]),
    );
  });

  it('reopening a migrated database changes nothing and keeps the data', async () => {
    const path = join(tempDir(), 'again.sqlite');
    const first = await openDatabase(path);
    first.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('probe', 'kept')`).run();
    await first.close();
    const second = await openDatabase(path);
    expect(second.sqlite.prepare(`SELECT value FROM meta WHERE key = 'probe'`).get()).toEqual({ value: 'kept' });
    await second.close();
  });

  it('refuses a database written by a newer version and leaves the file untouched', async () => {
    const path = join(tempDir(), 'newer.sqlite');
    const raw = rawDatabase(path);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(path);
    await expect(openDatabase(path)).rejects.toThrow(/newer version of Service Allocator .*left untouched/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database, without changing it', async () => {
    const path = join(tempDir(), 'text.sqlite');
    writeFileSync(
      path,
      'this is not sqlite, just text that happens to be long enough to look like a header '.repeat(10),
    );
    const before = readFileSync(path);
    await expect(openDatabase(path)).rejects.toThrow(/not a Service Allocator database|Cannot open/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a database the app made at any schema version passes the check on open and is upgraded', async () => {
    for (let version = 0; version <= LATEST_SCHEMA_VERSION; version += 1) {
      const path = join(tempDir(), `v${version}.sqlite`);
      await (await openDatabase(path, { migrateTo: version })).close();
      const conn = await openDatabase(path);
      expect(conn.sqlite.pragma('user_version', { simple: true }), `schema ${version}`).toBe(LATEST_SCHEMA_VERSION);
      await conn.close();
      await (await openDatabase(path, { readonly: true })).close();
    }
    const empty = join(tempDir(), 'empty.sqlite');
    writeFileSync(empty, '');
    await (await openDatabase(empty)).close();
  });

  it('refuses a database whose record of migrations does not match its schema version', async () => {
    const path = join(tempDir(), 'record.sqlite');
    await (await openDatabase(path, { migrateTo: 3 })).close();
    const raw = rawDatabase(path);
    raw
      .prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('2026_11_22_004_service_holders_index', 'x')")
      .run();
    raw.close();
    const before = readFileSync(path);
    await expect(openDatabase(path)).rejects.toThrow(
      /record of migrations \(4\) does not match schema 3.*left untouched/,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('2026_11_22_002_customer_list_index keeps the data and serves the list from the index alone', async () => {
    const path = join(tempDir(), 'list-index.sqlite');
    const before = await openDatabase(path, { migrateTo: 1 });
    before.sqlite
      .prepare(
        `INSERT INTO customer (id, code, name, validity, access_mode, stamp, created_at, updated_at) VALUES ('c1', 'ACME', 'Acme', 'valid', 'defaults', 's', 'a', 'a')`,
      )
      .run();
    await before.close();
    const after = await openDatabase(path, { migrateTo: 2 });
    expect(after.sqlite.prepare('SELECT code, name FROM customer').all()).toEqual([{ code: 'ACME', name: 'Acme' }]);
    const plan = after.sqlite
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id, code, name, city, validity, access_mode FROM customer WHERE deleted = 0 ORDER BY code COLLATE NOCASE, id',
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('COVERING INDEX customer_list');
    await after.close();
  });
  it('2026_11_22_004_service_holders_index keeps the data and counts a service’s holders from indexes alone', async () => {
    const path = join(tempDir(), 'holders-index.sqlite');
    const before = await openDatabase(path, { migrateTo: 3 });
    const customer = before.sqlite.prepare(
      `INSERT INTO customer (id, code, name, validity, access_mode, deleted, stamp, created_at, updated_at) VALUES (?, ?, ?, 'valid', 'specific', ?, 's', 'a', 'a')`,
    );
    customer.run('c1', 'ACME', 'Acme', 0);
    customer.run('c2', 'GONE', 'Gone', 1);
    before.sqlite
      .prepare(
        `INSERT INTO service (id, name, path, type, criticality, validity, stamp, created_at, updated_at) VALUES ('s1', 'IT', 'IT', 'other', 3, 'valid', 's', 'a', 'a')`,
      )
      .run();
    const assignment = before.sqlite.prepare(
      `INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, 's1', ?, 's', 'active')`,
    );
    assignment.run('c1', 1);
    assignment.run('c2', 1);
    await before.close();
    const after = await openDatabase(path, { migrateTo: 4 });
    expect(
      after.sqlite.prepare('SELECT customer_id, service_id, granted FROM assignment ORDER BY customer_id').all(),
    ).toEqual([
      { customer_id: 'c1', service_id: 's1', granted: 1 },
      { customer_id: 'c2', service_id: 's1', granted: 1 },
    ]);
    const plan = (query: string) =>
      (after.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
        .map((step) => step.detail)
        .join(' ');
    expect(plan(`SELECT count(*) FROM assignment WHERE service_id = 's1' AND granted = 1`)).toContain(
      'COVERING INDEX assignment_by_service (service_id=? AND granted=?)',
    );
    expect(plan('SELECT id FROM customer WHERE deleted = 1')).toContain('COVERING INDEX customer_deleted');
    expect(after.sqlite.prepare('SELECT id FROM customer WHERE deleted = 1').all()).toEqual([{ id: 'c2' }]);
    await after.close();
  });
});
