import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { describeChange } from '../../src-shared/domain/auditText';
import { applySnapshot, applySteps } from '../../src-main/snapshot/apply';
import { buildSnapshot } from '../../src-main/snapshot/export';
import { acme, failed, ok, testApp, rawDatabase } from './helpers';
import { dataOf } from './snapshot-helpers';

function filesIn(dbPath: string): string[] {
  const dir = join(dbPath, '..', 'backups');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A source with one customer more each call: every import of its snapshot writes something. */
async function growingSource() {
  const source = await testApp();
  let next = 0;
  return async () => {
    next += 1;
    ok(await source.call('customers:create', { code: `C${next}`, name: `Customer ${next}` }));
    return buildSnapshot(source.context);
  };
}

/** The id of a process that has exited. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', '0']);
  return run.pid ?? 999_999;
}

describe('backups', () => {
  it('an import keeps one complete backup of the data before it, with no journal or log beside it', async () => {
    const snapshot = await growingSource();
    const target = await testApp();
    ok(await target.call('customers:create', acme));
    const before = dataOf(target);
    const summary = await applySnapshot(target.context, await snapshot(), {});
    const name = summary?.backupPath.split(/[\\/]/).pop() ?? '';
    expect(name).toMatch(/^test-before-import-.*\.sqlite$/);
    expect(filesIn(target.dbPath)).toEqual([name]);
    const backup = rawDatabase(summary?.backupPath ?? '', { readonly: true, fileMustExist: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.prepare('SELECT * FROM customer ORDER BY 1, 2').all()).toEqual(before.customer);
    } finally {
      backup.close();
    }
    // Reading it leaves nothing beside it either.
    expect(filesIn(target.dbPath)).toEqual([name]);
  });

  it('a failure at any step of an import leaves no backup, complete or partial', async () => {
    const snapshot = await growingSource();
    for (const wal of [true, false]) {
      const target = await testApp();
      if (!wal) target.conn.sqlite.pragma('journal_mode = DELETE');
      const file = await snapshot();
      for (const step of applySteps) {
        const hooks = {
          afterStep: (at: string) => {
            if (at === step) throw new Error(`injected at ${at}`);
          },
        };
        await expect(applySnapshot(target.context, file, {}, { hooks })).rejects.toThrow(`injected at ${step}`);
        expect(filesIn(target.dbPath), `${step}, WAL ${wal}`).toEqual([]);
      }
    }
  });

  it('keeps the newest 5 by default; the setting keeps fewer and prunes at once', async () => {
    const snapshot = await growingSource();
    const target = await testApp();
    expect(ok(await target.call('settings:get', {})).keepBackups).toBe(5);
    const paths: string[] = [];
    for (let run = 0; run < 7; run += 1) {
      paths.push((await applySnapshot(target.context, await snapshot(), {}))?.backupPath ?? '');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const names = paths.map((path) => path.split(/[\\/]/).pop());
    expect(filesIn(target.dbPath)).toEqual(names.slice(2));
    expect(ok(await target.call('settings:setKeepBackups', { keepBackups: 2 })).keepBackups).toBe(2);
    expect(filesIn(target.dbPath)).toEqual(names.slice(5));
    const event = target.conn.sqlite
      .prepare("SELECT entity, action, label, before, after FROM audit_event WHERE entity = 'settings'")
      .get() as { entity: 'settings'; action: 'update'; label: string; before: string; after: string };
    expect(
      describeChange({
        ...event,
        before: JSON.parse(event.before) as Record<string, unknown>,
        after: JSON.parse(event.after) as Record<string, unknown>,
      }),
    ).toBe('changed the backups kept from 5 to 2');
    expect(failed(await target.call('settings:setKeepBackups', { keepBackups: 0 })).code).toBe('invalid-input');
    expect(failed(await target.call('settings:setKeepBackups', { keepBackups: 2.5 })).code).toBe('invalid-input');
    // The setting is stored with the data: the next start reads it.
    await target.close();
    const again = await openApp(target.dbPath);
    try {
      expect(ok(await again.call('settings:get', {})).keepBackups).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('the next start removes what a killed import left, and names the backup of one that had committed', async () => {
    const snapshot = await growingSource();
    const target = await testApp();
    const committed = (await applySnapshot(target.context, await snapshot(), {}))?.backupPath ?? '';
    const dir = join(target.dbPath, '..', 'backups');
    await target.close();
    const dead = deadPid();
    // A complete backup that an older version left its log beside.
    const old = join(dir, 'test-before-import-2026-01-03T00-00-00-000Z.sqlite');
    copyFileSync(committed, old);
    writeFileSync(`${old}-wal`, '');
    writeFileSync(`${old}-shm`, '');
    // Killed after its commit, before the backup got its name.
    renameSync(committed, `${committed}.${dead}.partial`);
    // Killed while copying, and while checking a copy (neither had committed).
    const copying = join(dir, `test-before-import-2026-01-01T00-00-00-000Z.sqlite.${dead}.partial`);
    writeFileSync(copying, '');
    writeFileSync(`${copying}-journal`, 'x');
    const checking = join(dir, `test-before-import-2026-01-02T00-00-00-000Z.sqlite.${dead}.partial`);
    writeFileSync(checking, 'x');
    writeFileSync(`${checking}-wal`, '');
    writeFileSync(`${checking}-shm`, '');
    // A restore killed before its checked copy replaced the database.
    writeFileSync(join(dir, `test-restoring.sqlite.${dead}.partial`), 'x');
    writeFileSync(join(dir, `test-restoring.sqlite.${dead}.partial-wal`), 'x');
    // Another process still writing its backup, and a file that is not a backup of this database.
    const running = join(dir, `test-before-import-2026-01-04T00-00-00-000Z.sqlite.${process.pid}.partial`);
    writeFileSync(running, 'x');
    writeFileSync(join(dir, 'notes.txt-wal'), 'mine');

    const reopened = await openApp(target.dbPath);
    await reopened.close();
    expect(readdirSync(dir).sort()).toEqual(
      [
        committed.split(/[\\/]/).pop(),
        'notes.txt-wal',
        'test-before-import-2026-01-03T00-00-00-000Z.sqlite',
        running.split(/[\\/]/).pop(),
      ].sort(),
    );
  });
});
