import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { EXIT, runCli } from '../../src-main/cli';
import { acme, ok, rawDatabase, type RawDatabase } from './helpers';
import { fileHash } from './snapshot-helpers';

let dir: string;
/** A database the app made: customers and a service, nothing in the tables the snapshot fills. */
let base: string;
/** A snapshot with new customers, services, a user, an assignment and a default service. */
let snapshot: string;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const started = performance.now();
  const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join(''), err: err.join(''), ms: performance.now() - started };
}

/** What a marker-writing statement leaves behind when it runs: the test fails if it ever does. */
const MARK = `INSERT OR REPLACE INTO meta (key, value) VALUES ('marker', 'fired')`;

/** A view that takes minutes to read (a bound keeps a regression from hanging the suite for good). */
const ENDLESS = `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000000)
  SELECT 'f' || x AS id, 'k' || x AS key, 'label' AS label, 'text' AS kind, 0 AS required, '[]' AS options,
    0 AS position, 0 AS deleted, 's' AS stamp, '{}' AS field_stamps FROM n WHERE x = 300000000`;

function withRaw(path: string, work: (db: RawDatabase) => void): void {
  const db = rawDatabase(path);
  try {
    work(db);
  } finally {
    db.close();
  }
}

/** The marker rows and rewritten names found in the file, when it can be read at all. */
function marks(path: string): unknown[] {
  try {
    const db = rawDatabase(path);
    try {
      return db
        .prepare("SELECT value FROM meta WHERE key = 'marker' UNION ALL SELECT name FROM customer WHERE name = 'PWNED'")
        .pluck()
        .all();
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

function pageOf(path: string, table: string): { size: number; root: number } {
  // Not read-only: closing, it removes the log files it opened, as the app's connections do.
  const db = rawDatabase(path);
  try {
    const size = Number(db.pragma('page_size', { simple: true }));
    const root = Number(db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table));
    return { size, root };
  } finally {
    db.close();
  }
}

/** Each hostile database: how it is made from the app's own, and the reason it must be refused for. */
const corpus: [name: string, damage: (path: string) => void, reason: RegExp][] = [
  [
    'a trigger that rewrites names on each audit event',
    (path) =>
      withRaw(path, (db) =>
        db.exec(
          `CREATE TRIGGER rewrite AFTER INSERT ON audit_event BEGIN UPDATE customer SET name = 'PWNED'; ${MARK}; END`,
        ),
      ),
    /unexpected trigger "rewrite"/,
  ],
  [
    'a recursive trigger',
    (path) =>
      withRaw(path, (db) =>
        db.exec(
          `CREATE TRIGGER again AFTER INSERT ON meta BEGIN ${MARK}; INSERT INTO meta (key, value) SELECT key || 'x', value FROM meta; END`,
        ),
      ),
    /unexpected trigger "again"/,
  ],
  [
    'an endless view in place of custom_field',
    (path) => withRaw(path, (db) => db.exec(`DROP TABLE custom_field; CREATE VIEW custom_field AS ${ENDLESS}`)),
    /"custom_field" is a view, not a table/,
  ],
  [
    'an index name that carries SQL',
    (path) =>
      withRaw(path, (db) =>
        db.exec(
          `CREATE INDEX "IF EXISTS zz; UPDATE customer SET name = 'PWNED'; ${MARK}; COMMIT; --" ON assignment (unit)`,
        ),
      ),
    /unexpected index "IF EXISTS zz; UPDATE customer/,
  ],
  [
    'a missing table',
    (path) => withRaw(path, (db) => db.exec('DROP TABLE default_service')),
    /missing table "default_service"/,
  ],
  ['an extra table', (path) => withRaw(path, (db) => db.exec('CREATE TABLE notes (x)')), /unexpected table "notes"/],
  [
    'a changed table',
    (path) => withRaw(path, (db) => db.exec(`ALTER TABLE customer ADD COLUMN evil TEXT DEFAULT 'x'`)),
    /table "customer" differs from the one this version creates/,
  ],
  [
    'corrupted pages',
    (path) => {
      const { size, root } = pageOf(path, 'customer');
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (root - 1) * size);
      writeSync(fd, Buffer.alloc(64, 0x00), 0, 64, (root - 1) * size);
      writeSync(fd, Buffer.from([0x0d]), 0, 1, (root - 1) * size);
    },
    /is damaged/,
  ],
  [
    'a truncated file',
    (path) => {
      const { size } = pageOf(path, 'customer');
      truncateSync(path, size * 3);
    },
    /is damaged/,
  ],
  [
    'not a database',
    (path) => writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080, 7)])),
    /is not a Service Allocator database/,
  ],
];

/** The commands a hostile database meets, each writing its output (if any) to `out`. */
const commands: [name: string, argv: (db: string, out: string) => string[]][] = [
  ['export', (db, out) => ['export', '--db', db, '--out', `${out}.sasnap`]],
  ['import --yes', (db) => ['import', '--db', db, snapshot, '--yes']],
  ['import --dry-run', (db) => ['import', '--db', db, snapshot, '--dry-run']],
  ['report', (db, out) => ['report', db, '--out', `${out}.html`]],
];

describe('hostile databases', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostile-db-'));
    const source = await openApp(join(dir, 'source.sqlite'));
    const customer = ok(await source.call('customers:create', acme));
    ok(await source.call('customers:create', { code: 'GLOBEX', name: 'Globex' }));
    const it = ok(await source.call('services:create', { name: 'IT' }));
    const email = ok(await source.call('services:create', { name: 'Email', parentId: it.id }));
    ok(await source.call('customerUsers:create', { login: 'anna', customerId: customer.id }));
    source.context.write(['assignment'], (batch) => {
      source.conn.sqlite
        .prepare(
          "INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 1, ?, 'active')",
        )
        .run(customer.id, email.id, batch.stamp);
      source.conn.sqlite
        .prepare('INSERT INTO default_service (service_id, granted, stamp) VALUES (?, 1, ?)')
        .run(it.id, batch.stamp);
    });
    await source.close();
    snapshot = join(dir, 'theirs.sasnap');
    expect((await run('export', '--db', join(dir, 'source.sqlite'), '--out', snapshot)).code).toBe(EXIT.done);
    base = join(dir, 'base.sqlite');
    const local = await openApp(base);
    ok(await local.call('customers:create', { code: 'LOCAL', name: 'Local customer' }));
    ok(await local.call('services:create', { name: 'Local service' }));
    await local.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the untouched database goes through every command', async () => {
    for (const [name, argv] of commands) {
      const copy = join(dir, `clean-${name.replace(/\W/g, '')}.sqlite`);
      copyFileSync(base, copy);
      const result = await run(...argv(copy, join(dir, `clean-${name.replace(/\W/g, '')}`)));
      expect(result.err, name).toBe('');
      expect(result.code, name).toBe(EXIT.done);
    }
  });

  it('refuses each within seconds, naming what is wrong, and runs none of its SQL', async () => {
    const cases = join(dir, 'cases');
    mkdirSync(cases);
    for (const [index, [name, damage, reason]] of corpus.entries()) {
      for (const [command, argv] of commands) {
        const db = join(cases, `case-${index}.sqlite`);
        for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
        copyFileSync(base, db);
        damage(db);
        // The bytes of the file (and of a log, had it one): nothing the file holds may run and
        // write, so a trigger's marker row or a rewritten name would show here.
        const before = fileHash(db);
        const out = join(cases, `out-${index}`);
        const result = await run(...argv(db, out));
        const label = `${name} / ${command}`;
        expect.soft(result.code, `${label}: ${result.out}`).toBe(EXIT.refused);
        expect.soft(result.err, label).toMatch(reason);
        expect.soft(result.err, label).toMatch(/left untouched|Nothing was changed/);
        // Reading a small snapshot starts a thread (seconds on a busy machine); the endless view,
        // were it ever read, would take minutes.
        expect.soft(result.ms, label).toBeLessThan(15_000);
        expect.soft(fileHash(db), label).toBe(before);
        expect.soft(marks(db), label).toEqual([]);
        expect.soft(existsSync(`${db}-wal`) || existsSync(`${db}-shm`), label).toBe(false);
        expect.soft(existsSync(`${out}.sasnap`) || existsSync(`${out}.html`), label).toBe(false);
        expect.soft(existsSync(join(cases, 'backups')), label).toBe(false);
      }
    }
  }, 120_000);
});
