import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { themeSchema, type Theme } from '../../src-shared/ipc/methods/settings';
import type { Connection } from '../db/connection';
import { existingRecent, RECENT_LIMIT, withRecent } from './recent';
import { windowStateSchema, type WindowState } from './windowState';

/**
 * This computer's display preferences, kept in the database's meta table beside the admin's
 * name. They are not data: no audit event, no clock, and they never travel in snapshots.
 * Whatever is read back is checked, and a value that fails the check reads as the default.
 */
const KEYS = {
  theme: 'pref.theme',
  window: 'pref.window',
  recent: 'pref.recentSnapshots',
  folders: 'pref.snapshotFolders',
} as const;

/** The snapshot file dialogs that start where the last one of their kind ended. */
export const snapshotFolderSchema = z.enum(['import', 'export', 'review']);
export type SnapshotFolder = z.infer<typeof snapshotFolderSchema>;

const pathSchema = z.string().min(1).max(4096);
const recentSchema = z.array(pathSchema).max(RECENT_LIMIT);
const foldersSchema = z.partialRecord(snapshotFolderSchema, pathSchema);

function read<T>(conn: Connection, key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = conn.sql.first(conn.db.selectFrom('meta').select('value').where('key', '=', key))?.value;
  if (raw === undefined) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function write(conn: Connection, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  conn.sql.run(
    conn.db
      .insertInto('meta')
      .values({ key, value: json })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: json })),
  );
}

export function readTheme(conn: Connection): Theme {
  return read(conn, KEYS.theme, themeSchema, 'system');
}

export function writeTheme(conn: Connection, theme: Theme): void {
  write(conn, KEYS.theme, themeSchema.parse(theme));
}

/** The window, the recent snapshot files and the last folders of the file dialogs. */
export type DesktopPreferences = ReturnType<typeof desktopPreferences>;

export function desktopPreferences(conn: Connection, exists: (path: string) => boolean = existsSync) {
  return {
    windowState: (): WindowState | null => read(conn, KEYS.window, windowStateSchema.nullable(), null),
    setWindowState: (state: WindowState) => write(conn, KEYS.window, windowStateSchema.parse(state)),
    /** The recent snapshot files that still exist, newest first; the missing ones are dropped for good. */
    recent(): string[] {
      const stored = read(conn, KEYS.recent, recentSchema, []);
      const present = existingRecent(stored, exists);
      if (present.length !== stored.length) write(conn, KEYS.recent, present);
      return present;
    },
    addRecent: (path: string) => write(conn, KEYS.recent, withRecent(read(conn, KEYS.recent, recentSchema, []), path)),
    clearRecent: () => write(conn, KEYS.recent, []),
    /** The folder the last dialog of this kind ended in, if it is still there. */
    folder(kind: SnapshotFolder): string | null {
      const folder = read(conn, KEYS.folders, foldersSchema, {})[kind];
      return folder && exists(folder) ? folder : null;
    },
    /** Remembers the folder of a file chosen in a dialog of this kind. */
    rememberFolder(kind: SnapshotFolder, filePath: string): void {
      write(conn, KEYS.folders, { ...read(conn, KEYS.folders, foldersSchema, {}), [kind]: dirname(filePath) });
    },
  };
}
