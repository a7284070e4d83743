import { cleanBackupLeftovers, DEFAULT_KEEP_BACKUPS, pruneBackups } from '../db/backups';
import type { Connection } from '../db/connection';
import type { ServiceContext } from './context';

const KEEP_KEY = 'keep_backups';

/** How many backups of this database are kept (a setting stored with the data). */
export function keepBackups(conn: Connection): number {
  const row = conn.sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(KEEP_KEY) as
    { value: string } | undefined;
  const value = Number(row?.value);
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_KEEP_BACKUPS;
}

/** Sets it (audited under the current admin) and removes the backups beyond it at once. */
export function setKeepBackups(context: ServiceContext, keep: number): void {
  const before = keepBackups(context.conn);
  if (before === keep) return;
  context.write(['settings'], (batch) => {
    context.conn.sqlite
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(KEEP_KEY, String(keep));
    batch.audit({
      entity: 'settings',
      entityId: KEEP_KEY,
      action: 'update',
      label: 'Backups kept',
      before: { keepBackups: before },
      after: { keepBackups: keep },
    });
  });
  pruneBackups(context.conn.path, keep);
}

/** Whether an import that committed names `path` as its backup (its summary event records it). */
function importRecorded(conn: Connection, path: string): boolean {
  return (
    conn.sqlite
      .prepare(
        "SELECT 1 FROM audit_event WHERE entity = 'data' AND action = 'import' AND json_valid(after) AND json_extract(after, '$.backupPath') = ? LIMIT 1",
      )
      .get(path) !== undefined
  );
}

/** On every start: what a killed import or restore left beside the backups goes (see cleanBackupLeftovers). */
export function cleanLeftovers(conn: Connection): void {
  if (conn.path === ':memory:' || conn.path === '') return;
  cleanBackupLeftovers(conn.path, (path) => importRecorded(conn, path));
}
