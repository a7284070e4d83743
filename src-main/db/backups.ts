import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { harden } from './schemaCheck';

/** Why a backup was taken: before an import, or before a restore replaced the database. */
export type BackupReason = 'import' | 'restore';

export type BackupFile = {
  readonly path: string;
  readonly name: string;
  /** Null for a file not named as this app names its backups. */
  readonly reason: BackupReason | null;
  /** When it was taken (ISO 8601): from its name, or else when the file was last written. */
  readonly takenAt: string;
  readonly bytes: number;
};

/** How many backups are kept when the setting was never changed. */
export const DEFAULT_KEEP_BACKUPS = 5;

/** Where the backups of a database go: a folder beside it. */
export function backupsDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

function stemOf(dbPath: string): string {
  return basename(dbPath).replace(/\.sqlite$/, '');
}

export function backupPathFor(dbPath: string, reason: BackupReason, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return join(backupsDir(dbPath), `${stemOf(dbPath)}-before-${reason}-${stamp}.sqlite`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Complete backups of this database: `<stem>-before-<reason>-<time>.sqlite`. */
function backupPattern(dbPath: string): RegExp {
  return new RegExp(
    `^${escapeRegExp(stemOf(dbPath))}-before-(import|restore)-(\\d{4}-\\d\\d-\\d\\dT\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d{3})Z\\.sqlite$`,
  );
}

/** Where a restore puts its checked copy of a backup until it replaces the database. */
export function restoringPathFor(dbPath: string): string {
  return join(backupsDir(dbPath), `${stemOf(dbPath)}-restoring.sqlite.${process.pid}.partial`);
}

/** A copy still being written (or left by a process that died): `<backup>.<pid>.partial`. */
const PARTIAL = /^(.*\.sqlite)\.(\d+)\.partial$/;
/** The files SQLite keeps beside a database while it is open. */
const COMPANIONS = ['-journal', '-wal', '-shm'] as const;

/** A backup file of this database as the list and the confirmation show it. */
export function describeBackup(dbPath: string, path: string): BackupFile {
  const name = basename(path);
  const match = backupPattern(dbPath).exec(name);
  const stats = statSync(path);
  return {
    path,
    name,
    reason: match ? (match[1] === 'restore' ? 'restore' : 'import') : null,
    takenAt: match ? `${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : stats.mtime.toISOString(),
    bytes: stats.size,
  };
}

/** The backups of this database, newest first. */
export function listBackups(dbPath: string): BackupFile[] {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir)) return [];
  const pattern = backupPattern(dbPath);
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .map((name) => describeBackup(dbPath, join(dir, name)))
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name));
}

function removeWithCompanions(path: string): void {
  for (const suffix of ['', ...COMPANIONS]) rmSync(`${path}${suffix}`, { force: true });
}

/** Flushes the folder holding `path`, so a rename in it survives a power cut. */
export function syncFolder(path: string): void {
  fsyncPath(dirname(path));
}

function fsyncPath(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    // Windows cannot open a folder to flush it; its renames are durable once they return.
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to flush a folder; the file itself was flushed.
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a copy self-contained and checks it: switched from WAL to a rollback journal (so opening
 * it later leaves no `-wal`/`-shm` beside it), then quick_check. Throws when the check fails.
 */
export function settleCopy(path: string, check: 'quick_check' | 'integrity_check' = 'quick_check'): void {
  const copy = new BetterSqlite3(path, { fileMustExist: true });
  try {
    harden(copy);
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma(check, { simple: true });
    if (result !== 'ok')
      throw new ServiceError('internal', `The copy at ${path} failed its check (${String(result)}).`);
  } finally {
    copy.close();
  }
}

export type PendingBackup = {
  /** Where the backup will be once kept. */
  readonly path: string;
  /** Gives the backup its name: after the change it guards has committed. */
  keep(): void;
  /** Removes it: the change it guards was not made. */
  discard(): void;
};

/**
 * An online backup of `source` into `path`, complete or absent: written under a temporary name
 * (which carries this process's id, so another process's start leaves it alone), checked, flushed
 * to disk, and only renamed to `path` by `keep`. `afterCopy` runs between the copy and its check.
 */
export async function writeBackup(
  source: BetterSqlite3.Database,
  path: string,
  afterCopy: () => void = () => undefined,
): Promise<PendingBackup> {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  try {
    await source.backup(partial);
    afterCopy();
    settleCopy(partial);
    fsyncPath(partial);
  } catch (error) {
    removeWithCompanions(partial);
    if (error instanceof ServiceError) throw new ServiceError('internal', `${error.message} Nothing was changed.`);
    throw error;
  }
  return {
    path,
    keep: () => {
      renameSync(partial, path);
      syncFolder(path);
    },
    discard: () => removeWithCompanions(partial),
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what a process that died while backing up or restoring left in the backups folder:
 * partial copies (unless their process still runs), and journals and logs beside backups. A partial copy whose
 * change had committed (`committed(path)`: an import's audit names its backup) is complete and
 * checked already: it gets its name instead.
 */
export function cleanBackupLeftovers(dbPath: string, committed: (path: string) => boolean): void {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir)) return;
  const pattern = backupPattern(dbPath);
  const names = readdirSync(dir);
  for (const name of names) {
    const companion = COMPANIONS.find((suffix) => name.endsWith(suffix));
    if (companion && pattern.test(name.slice(0, -companion.length))) rmSync(join(dir, name), { force: true });
  }
  const partials = new Set(names.map((name) => name.replace(/-(journal|wal|shm)$/, '')));
  for (const name of partials) {
    const [, finalName = '', pid = ''] = PARTIAL.exec(name) ?? [];
    const ours = pattern.test(finalName) || finalName === `${stemOf(dbPath)}-restoring.sqlite`;
    if (!ours || isRunning(Number(pid))) continue;
    const path = join(dir, name);
    // A copy killed while it was written still has its journal; a finished one was checked and flushed.
    const finished = existsSync(path) && !existsSync(`${path}-journal`);
    if (finished && committed(join(dir, finalName))) {
      renameSync(path, join(dir, finalName));
      fsyncPath(dir);
    } else removeWithCompanions(path);
  }
}

/** Removes all but the newest `keep` backups of this database. */
export function pruneBackups(dbPath: string, keep: number): void {
  for (const old of listBackups(dbPath).slice(Math.max(1, keep))) removeWithCompanions(old.path);
}
