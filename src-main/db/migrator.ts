import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { migrations } from './migrations';

/** Migrations up to `target`, from the explicit list. */
function providerUpTo(target: number): MigrationProvider {
  return { getMigrations: () => Promise.resolve(Object.fromEntries(migrations.slice(0, target))) };
}

/**
 * Runs the migrations the database has not had, up to `target`, and records the version in the
 * header. The header is written only when the version changes: opening a database that is up to
 * date leaves its file byte-identical.
 */
export async function runMigrations(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  sqlite: BetterSqlite3.Database,
  target: number,
): Promise<void> {
  const migrator = new Migrator({ db, provider: providerUpTo(target) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new ServiceError(
      'internal',
      `Migration ${failed} failed: ${error instanceof Error ? error.toString() : JSON.stringify(error)}`,
    );
  }
  if (Number(sqlite.pragma('user_version', { simple: true })) !== target) sqlite.pragma(`user_version = ${target}`);
}
