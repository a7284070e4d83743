import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';
import type { Database } from './schema';
import { SqlRunner } from './run';

export type Connection = {
  readonly path: string;
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

/** Migrations up to `target` (all by default), from the explicit list. */
function providerUpTo(target: number): MigrationProvider {
  return { getMigrations: () => Promise.resolve(Object.fromEntries(migrations.slice(0, target))) };
}

function readSchemaVersion(path: string): number {
  let probe: BetterSqlite3.Database;
  try {
    probe = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ServiceError('refused', `Cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    return Number(probe.pragma('user_version', { simple: true }));
  } catch {
    throw new ServiceError(
      'refused',
      `${path} is not a Service Allocator database (not an SQLite file). It was left untouched.`,
    );
  } finally {
    probe.close();
  }
}

/**
 * Opens (creating if needed) the database and migrates it. A database written by a newer
 * version is refused before anything is written to it.
 */
export async function openDatabase(path: string, options: { migrateTo?: number } = {}): Promise<Connection> {
  if (path !== ':memory:' && existsSync(path)) {
    const version = readSchemaVersion(path);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new ServiceError(
        'refused',
        `This database was written by a newer version of Service Allocator (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update the app to open it; the file was left untouched.`,
      );
    }
  }
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 1M assignments with UUID keys need a larger page cache than the 2 MB default; 64 MB keeps
  // the hot indexes cached without the cache alone taking most of the main side's 600 MB budget.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const target = options.migrateTo ?? LATEST_SCHEMA_VERSION;
  await migrate(db, sqlite, target);
  let checkpoint: NodeJS.Timeout | null = null;
  return {
    path,
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
    },
  };
}

async function migrate(db: Kysely<Database>, sqlite: BetterSqlite3.Database, target: number): Promise<void> {
  const migrator = new Migrator({ db, provider: providerUpTo(target) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new ServiceError(
      'internal',
      `Migration ${failed} failed: ${error instanceof Error ? error.toString() : JSON.stringify(error)}`,
    );
  }
  sqlite.pragma(`user_version = ${target}`);
}
