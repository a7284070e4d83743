import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import type { Progress } from '../../src-shared/ipc/contract';
import type { Snapshot } from '../../src-shared/snapshot/format';
import { applySnapshot } from '../../src-main/snapshot/apply';
import { buildSnapshot, encodeSnapshot, exportSnapshot } from '../../src-main/snapshot/export';
import { parseSnapshot } from '../../src-main/snapshot/parse';
import { importPreview, remember } from '../../src-main/snapshot/session';
import { acme, ok, rawDatabase, tempDir, testApp } from './helpers';
import { dataOf, everything, replicatedTables } from './snapshot-helpers';

const indexesOf = (app: OpenApp) =>
  app.conn.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();

describe('snapshot export and import', () => {
  it('import(export(db)) into an empty database reproduces it, and a second import changes nothing', async () => {
    const source = await testApp();
    ok(await source.call('sample:load', { customers: 30, services: 12, assignments: 80 }));
    const customer = ok(await source.call('customers:create', acme));
    ok(await source.call('customers:delete', { id: customer.id }));
    const path = join(tempDir(), 'copy.sasnapz');
    await exportSnapshot(source.context, path);
    expect(readFileSync(path)[0]).toBe(0x1f);
    const snapshot = parseSnapshot(readFileSync(path));
    expect(snapshot.header.counts.customers).toBe(31);

    const target = await testApp();
    const summary = await applySnapshot(target.context, snapshot, {});
    expect(summary?.added).toBeGreaterThan(0);
    expect(summary?.backupPath).toContain('before-import');
    expect(dataOf(target)).toEqual(dataOf(source));
    // The empty tables were filled without their secondary indexes: each is built again.
    expect(indexesOf(target)).toEqual(indexesOf(source));
    expect(target.conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const before = dataOf(target);
    expect(await applySnapshot(target.context, snapshot, {})).toBeNull();
    expect(dataOf(target)).toEqual(before);
    const preview = await importPreview(target.context, remember(target.context, snapshot, path), {});
    expect(preview.inStep).toBe(true);
  });

  it('a format-1 file written by this version stays readable and round-trips exactly', async () => {
    const fixture = parseSnapshot(
      readFileSync(join(import.meta.dirname, '../fixtures/snapshots/format-1-small.sasnap')),
    );
    const app = await testApp();
    const summary = await applySnapshot(app.context, fixture, {});
    // 2 customers, 2 live services, 1 user, 1 assignment, 1 default; the tombstone is stored but adds nothing.
    expect(summary).toMatchObject({ added: 7, changed: 0, removed: 0 });
    const rows = app.conn.sqlite.prepare('SELECT code, validity, access_mode FROM customer ORDER BY code').all();
    expect(rows).toEqual([
      { code: 'ACME', validity: 'valid', access_mode: 'specific' },
      { code: 'GLOBEX', validity: 'invalid', access_mode: 'defaults' },
    ]);
    expect(app.conn.sqlite.prepare('SELECT path, deleted FROM service ORDER BY path').all()).toEqual([
      { path: 'Fax', deleted: 1 },
      { path: 'IT', deleted: 0 },
      { path: 'IT::Email', deleted: 0 },
    ]);
    expect(buildSnapshot(app.context).body).toEqual(fixture.body);
  });

  it('writes uncompressed JSON with the header the snapshot format defines', async () => {
    const source = await testApp();
    ok(await source.call('customers:create', acme));
    const bytes = await encodeSnapshot(buildSnapshot(source.context), false);
    const document = JSON.parse(bytes.toString('utf8')) as Snapshot;
    expect(Object.keys(document)).toEqual(['format', 'formatVersion', 'header', 'body']);
    expect(document.header.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(document.header.deviceId).toBe(source.context.deviceId);
    expect(document.body.customers[0]?.code).toBe('ACME');
  });

  it('the backup, taken while the import writes, holds the database as it was before', async () => {
    const source = await testApp();
    ok(await source.call('sample:load', { customers: 20, services: 6, assignments: 40 }));
    const target = await testApp();
    ok(await target.call('customers:create', acme));
    const before = dataOf(target);
    const summary = await applySnapshot(target.context, buildSnapshot(source.context), {});
    expect(dataOf(target)).not.toEqual(before);
    const backup = rawDatabase(summary?.backupPath ?? '', { readonly: true, fileMustExist: true });
    try {
      for (const table of replicatedTables)
        expect(backup.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(), table).toEqual(before[table]);
    } finally {
      backup.close();
    }
  });

  it("the clock moves past the exporter's clock, unless that clock is more than 24 h ahead", async () => {
    const hour = 3_600_000;
    const ahead = await testApp({ now: () => Date.now() + hour });
    ok(await ahead.call('customers:create', acme));
    const snapshot = buildSnapshot(ahead.context);
    const target = await testApp();
    await applySnapshot(target.context, snapshot, {});
    expect(target.context.clock.current() > snapshot.header.clock).toBe(true);

    const broken = await testApp({ now: () => Date.now() + 72 * hour });
    ok(await broken.call('customers:create', acme));
    const other = await testApp();
    expect(await applySnapshot(other.context, buildSnapshot(broken.context), {})).toMatchObject({ added: 1 });
    // Its stamps were not accepted as they are, nor did they drag this copy's clock ahead.
    const stamp = other.conn.sqlite.prepare('SELECT stamp FROM customer').pluck().get() as string;
    expect(other.context.clock.isTooFarAhead(stamp)).toBe(false);
    expect(other.context.clock.isTooFarAhead(other.context.clock.current())).toBe(false);
  });

  it('without WAL the backup comes first, and goes again when there was nothing to import', async () => {
    const source = await testApp();
    ok(await source.call('sample:load', { customers: 10, services: 4, assignments: 20 }));
    const snapshot = buildSnapshot(source.context);
    const target = await testApp();
    ok(await target.call('customers:create', acme));
    target.conn.sqlite.pragma('journal_mode = DELETE');
    const before = dataOf(target);
    const summary = await applySnapshot(target.context, snapshot, {});
    const backups = dirname(summary?.backupPath ?? '');
    const backup = rawDatabase(summary?.backupPath ?? '', { readonly: true, fileMustExist: true });
    try {
      expect(backup.prepare('SELECT * FROM customer ORDER BY 1, 2').all()).toEqual(before.customer);
    } finally {
      backup.close();
    }
    const kept = readdirSync(backups);
    expect(await applySnapshot(target.context, snapshot, {})).toBeNull();
    expect(readdirSync(backups)).toEqual(kept);
  });

  it('an import cancelled while it streams changes nothing and keeps no backup', async () => {
    const source = await testApp();
    ok(await source.call('sample:load', { customers: 2_000, services: 40, assignments: 20_000 }));
    const snapshot = buildSnapshot(source.context);
    // Cancelled as the admin would: from the progress the import reports, once it is under way.
    let cancel = () => false;
    const target = await testApp({
      emit: (event, payload) => {
        const progress = payload as Progress;
        if (event === 'progress' && progress.task === 'import' && progress.done > 0 && progress.done < progress.total)
          cancel();
      },
    });
    cancel = () => target.context.cancelJob();
    ok(await target.call('customers:create', acme));
    const before = everything(target);
    await expect(applySnapshot(target.context, snapshot, {})).rejects.toThrow(/cancelled; nothing was changed/);
    expect(everything(target)).toEqual(before);
    expect(existsSync(join(dirname(target.dbPath), 'backups'))).toBe(false);
  });
});
