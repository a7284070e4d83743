import { t } from '../src-renderer/i18n';
import type { OpenApp } from './app';
import { backupsDir, describeBackup, listBackups, type BackupFile } from './db/backups';
import { findBackup, restoreBackup } from './db/restore';
import { EXIT, type Output } from './snapshot/cliCommands';

/** When a backup was taken, in the admin's local time: "5 December 2026 at 12:18:12". */
export function formatTakenAt(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'medium' });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** One line of the list: when, why, how big, and the name to pass to `restore`. */
function listLine(backup: BackupFile): string {
  const why = backup.reason === 'restore' ? 'before a restore' : 'before an import';
  return `  ${backup.name}  ${formatTakenAt(backup.takenAt)}, ${why}, ${megabytes(backup.bytes)}\n`;
}

/**
 * `restore --db F [BACKUP]`: without a backup, lists them (exit 1 when there is none); with one,
 * replaces the database with it (see restoreBackup).
 */
export async function cliRestore(app: OpenApp, backup: string | undefined, output: Output): Promise<number> {
  const dbPath = app.conn.path;
  if (backup === undefined) {
    const backups = listBackups(dbPath);
    if (backups.length === 0) {
      output.out(`No backups of ${dbPath} in ${backupsDir(dbPath)}.\n`);
      return EXIT.nothing;
    }
    output.out(`Backups of ${dbPath}, newest first (restore one with: restore --db ${dbPath} NAME):\n`);
    for (const found of backups) output.out(listLine(found));
    return EXIT.done;
  }
  const { restored, previous } = await restoreBackup(app, backup);
  output.out(
    `Restored ${dbPath} from ${restored.name} (taken ${formatTakenAt(restored.takenAt)}). The data as it was before is backed up at ${previous}\n`,
  );
  return EXIT.done;
}

/** The native confirmation before the window restores `path`: it names the backup's date. */
export function restoreConfirmation(dbPath: string, path: string) {
  const backup = describeBackup(dbPath, findBackup(dbPath, path));
  return {
    backup,
    message: t('restore.confirm', { date: formatTakenAt(backup.takenAt) }),
    detail: t('restore.confirmDetail', { name: backup.name }),
    buttons: [t('restore.restore'), t('common.cancel')],
  };
}
