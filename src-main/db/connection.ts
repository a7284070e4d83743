import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { runMigrations } from './migrator';
import { checkSchema, harden, migratedSchema, type SchemaObject } from './schemaCheck';
import type { Database } from './schema';
import { SqlRunner } from './run';

export type Connection = {
  readonly path: string;
  /** Opened for reading only (see OpenOptions). */
  readonly readonly: boolean;
  /** What the migrations create, which this database was checked to hold exactly. */
  readonly schema: readonly SchemaObject[];
  readonly sqlite: BetterSqlite3.Database;
  /** Builds queries; they run synchronously through `sql` so a service's transaction is one block. */
  readonly db: Kysely<Database>;
  readonly sql: SqlRunner;
  /**
   * Runs an admin's write so that its commit only appends to the write-ahead log: copying the log
   * back into the database file (a checkpoint, 0.65 s after a Save of 50,000 changes) waits until
   * no write has come for a moment.
   */
  committingLater<T>(work: () => T): T;
  close(): Promise<void>;
};

/** How long after the last such write the log is copied back. */
const IDLE_CHECKPOINT_MS = 1000;

/**
 * Refuses a database file before anything is written to it: not an SQLite file, damaged, written
 * by a newer version, needing an upgrade it cannot have (read-only), or holding tables, indexes,
 * views or triggers the migrations do not create (code of its own would run inside the app).
 */
async function vet(sqlite: BetterSqlite3.Database, path: string, target: number, readonly: boolean): Promise<void> {
  const version = Number(sqlite.pragma('user_version', { simple: true }));
  if (version > LATEST_SCHEMA_VERSION) {
    throw new ServiceError(
      'refused',
      `This database was written by a newer version of Service Allocator (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update the app to open it; the file was left untouched.`,
    );
  }
  const differences = await checkSchema(sqlite, version);
  if (differences.length > 0) {
    const listed = differences.slice(0, 5).join('; ');
    const more = differences.length > 5 ? `; and ${differences.length - 5} more` : '';
    throw new ServiceError(
      'refused',
      `${path} is not a database this version of Service Allocator made (${listed}${more}). It was left untouched.`,
    );
  }
  if (readonly && version < target) {
    throw new ServiceError(
      'refused',
      `${path} is at schema ${version} and needs upgrading to schema ${target}, which reading it cannot do. Open it once in the app (or import into it) to upgrade it; it was left untouched.`,
    );
  }
}

/** SQLite's errors about the file itself, in words; anything else as it was. */
export function fileError(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (code === 'SQLITE_NOTADB')
    return new ServiceError(
      'refused',
      `${path} is not a Service Allocator database (not an SQLite file). It was left untouched.`,
    );
  if (code.startsWith('SQLITE_CORRUPT'))
    return new ServiceError(
      'refused',
      `${path} is damaged (${(error as Error).message}). Nothing was changed; restore it from a backup.`,
    );
  return error;
}

/**
 * A read-only connection cannot remove the write-ahead log and its index when it closes. When it
 * made them, a connection that may write, closing as the last one, removes them; it writes
 * nothing of its own.
 */
function tidyAfterReading(path: string): void {
  try {
    const tidy = new BetterSqlite3(path, { fileMustExist: true });
    try {
      harden(tidy);
      tidy.pragma('query_only = ON');
      tidy.pragma('schema_version');
    } finally {
      tidy.close();
    }
  } catch {
    // Left for the next connection that writes; SQLite takes them over.
  }
}

export type OpenOptions = {
  /** Migrations up to this one (all by default). */
  readonly migrateTo?: number;
  /** Opens an existing database for reading only: nothing, not even its header, is written. */
  readonly readonly?: boolean;
};

/**
 * Opens (creating if needed) the database and migrates it. An existing file is checked first,
 * and refused (see `vet`) before anything is written to it.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Connection> {
  const target = options.migrateTo ?? LATEST_SCHEMA_VERSION;
  const readonly = options.readonly ?? false;
  const existing = path !== ':memory:' && existsSync(path);
  if (readonly && !existing) throw new ServiceError('not-found', `${path} does not exist.`);
  const hadLog = existsSync(`${path}-wal`);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw new ServiceError('refused', `Cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    harden(sqlite);
    if (existing) await vet(sqlite, path, target, readonly);
  } catch (error) {
    sqlite.close();
    if (readonly && !hadLog) tidyAfterReading(path);
    throw fileError(error, path);
  }
  if (!readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 1M assignments with UUID keys need a larger page cache than the 2 MB default; 64 MB keeps
  // the hot indexes cached without the cache alone taking most of the main side's 600 MB budget.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (!readonly) await runMigrations(db, sqlite, target);
  const schema = await migratedSchema(target);
  let checkpoint: NodeJS.Timeout | null = null;
  return {
    path,
    readonly,
    schema,
    sqlite,
    db,
    sql: new SqlRunner(sqlite),
    committingLater(work) {
      const pages = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
      sqlite.pragma('wal_autocheckpoint = 0');
      try {
        return work();
      } finally {
        sqlite.pragma(`wal_autocheckpoint = ${pages}`);
        if (checkpoint) clearTimeout(checkpoint);
        // A long task's open transaction (an import) commits with its own checkpoint instead.
        checkpoint = setTimeout(() => {
          checkpoint = null;
          if (sqlite.open && !sqlite.inTransaction) sqlite.pragma('wal_checkpoint(PASSIVE)');
        }, IDLE_CHECKPOINT_MS);
        checkpoint.unref();
      }
    },
    async close() {
      if (checkpoint) clearTimeout(checkpoint);
      await db.destroy();
      // Kysely closes the database only when it ran a query through it (a read-only open may not).
      if (sqlite.open) sqlite.close();
      if (readonly && !hadLog) tidyAfterReading(path);
    },
  };
}
