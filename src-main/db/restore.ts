import { copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { OpenApp } from '../app';
import { keepBackups } from '../services/backups';
import { parseStamp } from '../services/clock';
import {
  backupPathFor,
  backupsDir,
  describeBackup,
  pruneBackups,
  restoringPathFor,
  settleCopy,
  syncFolder,
  writeBackup,
  type BackupFile,
} from './backups';
import { openDatabase, type Connection } from './connection';

/** The backup a restore names: a path, or a file name in the database's backups folder. */
export function findBackup(dbPath: string, backup: string): string {
  const candidates = [resolve(backup), join(backupsDir(dbPath), basename(backup))];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new ServiceError('not-found', `There is no backup ${backup} (nor in ${backupsDir(dbPath)}).`);
  if (existsSync(dbPath) && realpathSync(found) === realpathSync(dbPath))
    throw new ServiceError('invalid-input', `${backup} is the database itself, not a backup of it.`);
  return found;
}

function later(a: string, b: string): boolean {
  const left = parseStamp(a);
  const right = parseStamp(b);
  return left.wall > right.wall || (left.wall === right.wall && left.counter > right.counter);
}

function clockOf(conn: Connection): string | null {
  const row = conn.sqlite.prepare("SELECT value FROM meta WHERE key = 'clock'").get() as { value: string } | undefined;
  return row?.value ?? null;
}

/**
 * A copy of the backup beside the database, checked in full (integrity_check), opened as the app
 * opens a database (so a file from a newer version, or not a database at all, is refused) and
 * migrated. The clock this device reached is carried over: a stamp already sent to another copy
 * is never handed out again.
 */
async function stagedCopy(app: OpenApp, backup: string): Promise<string> {
  const staged = restoringPathFor(app.conn.path);
  mkdirSync(dirname(staged), { recursive: true });
  copyFileSync(backup, staged);
  try {
    settleCopy(staged, 'integrity_check');
    const conn = await openDatabase(staged);
    try {
      const current = clockOf(app.conn);
      const restored = clockOf(conn);
      if (current && (!restored || later(current, restored)))
        conn.sqlite
          .prepare(
            "INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          )
          .run(current);
      conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await conn.close();
    }
    return staged;
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${staged}${suffix}`, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new ServiceError(
      'refused',
      `The backup ${basename(backup)} cannot be restored: ${message.replace(/\.?$/, '.')} Nothing was changed.`,
    );
  }
}

export type RestoreResult = {
  readonly restored: BackupFile;
  /** The backup of the database as it was before the restore. */
  readonly previous: string;
};

/**
 * Replaces the database of `app` with a backup, and closes `app` (reopen the path to go on). The
 * backup is checked first, then the database as it is now is backed up; only then is the checked
 * copy renamed over the database file, its log removed so no page of the old one is read again.
 */
export async function restoreBackup(app: OpenApp, backup: string): Promise<RestoreResult> {
  const dbPath = app.conn.path;
  if (app.conn.sqlite.inTransaction)
    throw new ServiceError('busy', 'Another task is still writing; wait for it or cancel it, then restore.');
  const restored = describeBackup(dbPath, findBackup(dbPath, backup));
  const staged = await stagedCopy(app, restored.path);
  let previous: string;
  try {
    const pending = await writeBackup(app.conn.sqlite, backupPathFor(dbPath, 'restore', new Date()));
    pending.keep();
    previous = pending.path;
    const checkpoint = app.conn.sqlite.pragma('wal_checkpoint(TRUNCATE)', { simple: true });
    if (checkpoint !== 0)
      throw new ServiceError('busy', 'The database is in use by another process; close it there and try again.');
  } catch (error) {
    rmSync(staged, { force: true });
    throw error;
  }
  await app.close();
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${dbPath}${suffix}`, { force: true });
  renameSync(staged, dbPath);
  syncFolder(dbPath);
  const reopened = await openDatabase(dbPath);
  try {
    pruneBackups(dbPath, keepBackups(reopened));
  } finally {
    await reopened.close();
  }
  return { restored, previous };
}
