import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, type OpenApp } from '../../src-main/app';
import { formatTakenAt, restoreConfirmation } from '../../src-main/backupCommands';
import { cliCommands, EXIT, runCli } from '../../src-main/cli';
import { applySnapshot } from '../../src-main/snapshot/apply';
import { buildSnapshot } from '../../src-main/snapshot/export';
import { acme, ok, tempDir, testApp, rawDatabase } from './helpers';
import { dataOf, everything } from './snapshot-helpers';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join(''), err: err.join('') };
}

async function withDb<T>(path: string, work: (app: OpenApp) => T | Promise<T>): Promise<T> {
  const app = await openApp(path);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** A database with one customer, then an import: its backup holds the one customer. */
async function importedDatabase() {
  const source = await testApp();
  ok(await source.call('sample:load', { customers: 20, services: 6, assignments: 40 }));
  const db = join(tempDir(), 'data.sqlite');
  return withDb(db, async (app) => {
    ok(await app.call('customers:create', acme));
    const before = dataOf(app);
    const summary = await applySnapshot(app.context, buildSnapshot(source.context), {});
    return { db, before, after: dataOf(app), clock: app.context.clock.current(), backup: summary?.backupPath ?? '' };
  });
}

describe('command line: restore', () => {
  it('lists the backups (0), or says there are none (1); a database that does not exist is refused (2)', async () => {
    expect(cliCommands).toContain('restore');
    const { db, backup } = await importedDatabase();
    const listed = await run('restore', '--db', db);
    expect(listed.code).toBe(EXIT.done);
    expect(listed.out).toContain(basename(backup));
    expect(listed.out).toContain('before an import');
    const empty = join(tempDir(), 'empty.sqlite');
    await withDb(empty, () => undefined);
    expect(await run('restore', '--db', empty)).toMatchObject({ code: EXIT.nothing });
    const missing = await run('restore', '--db', join(tempDir(), 'missing.sqlite'));
    expect(missing.code).toBe(EXIT.refused);
    expect(missing.err).toContain('does not exist');
  });

  it('restores a backup by name: the data as it was, the database before it backed up, the clock not set back', async () => {
    const { db, before, after, clock, backup } = await importedDatabase();
    const restored = await run('restore', '--db', db, basename(backup));
    expect(restored.code, restored.err).toBe(EXIT.done);
    expect(restored.out).toContain(`from ${basename(backup)}`);
    await withDb(db, (app) => {
      expect(dataOf(app)).toEqual(before);
      expect(app.context.clock.current() >= clock).toBe(true);
      expect(app.conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    });
    const files = readdirSync(join(db, '..', 'backups'));
    const previous = files.find((name) => name.includes('-before-restore-')) ?? '';
    expect(files.sort()).toEqual([basename(backup), previous].sort());
    // A backup given by its path anywhere, here one the restore took, brings the import back.
    const elsewhere = join(tempDir(), 'copy.sqlite');
    copyFileSync(join(db, '..', 'backups', previous), elsewhere);
    rmSync(join(db, '..', 'backups'), { recursive: true });
    expect((await run('restore', '--db', db, elsewhere)).code).toBe(EXIT.done);
    await withDb(db, (app) => expect(dataOf(app)).toEqual(after));
  });

  it('refuses (2) a damaged backup, one from a newer version, one with a foreign trigger and the database itself, and changes nothing', async () => {
    const { db, backup } = await importedDatabase();
    const dir = join(db, '..', 'backups');
    const damaged = join(dir, 'data-before-import-2026-01-01T00-00-00-000Z.sqlite');
    const bytes = readFileSync(backup);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const newer = join(dir, 'data-before-import-2026-01-02T00-00-00-000Z.sqlite');
    copyFileSync(backup, newer);
    const file = rawDatabase(newer);
    file.pragma('user_version = 99');
    file.close();
    const crafted = join(dir, 'data-before-import-2026-01-03T00-00-00-000Z.sqlite');
    copyFileSync(backup, crafted);
    const trigger = rawDatabase(crafted);
    trigger.exec("CREATE TRIGGER rename AFTER INSERT ON audit_event BEGIN UPDATE customer SET name = 'x'; END");
    trigger.close();
    const unchanged = await withDb(db, (app) => everything(app));
    const kept = readdirSync(dir).sort();
    for (const [target, reason] of [
      [damaged, /cannot be restored: .*(malformed|not a database|disk image)/i],
      [newer, /cannot be restored: .*newer version/],
      [crafted, /cannot be restored: .*rename/],
      [db, /is the database itself/],
      ['nothing-here.sqlite', /There is no backup nothing-here.sqlite/],
    ] as const) {
      const refused = await run('restore', '--db', db, target);
      expect(refused.code, target).toBe(EXIT.refused);
      expect(refused.err, target).toMatch(reason);
      expect(readdirSync(dir).sort(), target).toEqual(kept);
    }
    expect(await withDb(db, (app) => everything(app))).toEqual(unchanged);
  });

  it("the window's confirmation names the backup's date", async () => {
    const { db, backup } = await importedDatabase();
    const confirmation = restoreConfirmation(db, basename(backup));
    expect(confirmation.message).toBe(`Restore the backup of ${formatTakenAt(confirmation.backup.takenAt)}?`);
    expect(confirmation.message).toMatch(/\d{4}/);
    expect(confirmation.detail).toContain(basename(backup));
    expect(confirmation.buttons).toEqual(['Restore', 'Cancel']);
  });
});
