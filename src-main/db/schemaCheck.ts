import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrations } from './migrations';
import { runMigrations } from './migrator';

/** One row of `sqlite_master`: a table, index, view or trigger. */
export type SchemaObject = {
  readonly type: string;
  readonly name: string;
  readonly table: string;
  /** The statement that made it; null for SQLite's own indexes. */
  readonly sql: string | null;
};

/**
 * Connection settings that keep a database file from running code of its own: functions with
 * side effects are not allowed in its views, triggers and defaults, and pages are checked for
 * consistency as they are read, so a damaged one is reported instead of misread.
 */
export function harden(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('trusted_schema = OFF');
  sqlite.pragma('cell_size_check = ON');
}

/** An identifier quoted for SQL text, whatever it holds. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function readSchema(sqlite: BetterSqlite3.Database): SchemaObject[] {
  return sqlite.prepare('SELECT type, name, tbl_name AS "table", sql FROM sqlite_master').all() as SchemaObject[];
}

/** The statement with its whitespace collapsed: the same object however it was laid out. */
function normal(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/g, ' ').trim();
}

const migrated = new Map<number, Promise<readonly SchemaObject[]>>();

/** What the migrations up to `version` create, read from a fresh in-memory database once per process. */
export function migratedSchema(version: number): Promise<readonly SchemaObject[]> {
  let schema = migrated.get(version);
  if (!schema) {
    schema = (async () => {
      const sqlite = new BetterSqlite3(':memory:');
      const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
      try {
        await runMigrations(db, sqlite, version);
        return readSchema(sqlite);
      } finally {
        await db.destroy();
      }
    })();
    migrated.set(version, schema);
  }
  return schema;
}

/** Statistics tables that ANALYZE may add: they steer the query planner and run nothing. */
const statistics = /^sqlite_stat[1-4]$/;

/** A name as it may be shown: short, quoted, with no control or direction characters. */
function shown(name: string): string {
  const short = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return `"${short.replace(/[\p{Cc}\p{Cf}"]/gu, '?')}"`;
}

/** How `actual` differs from `expected`, one line per object, in words an admin can pass on. */
export function schemaDifferences(actual: readonly SchemaObject[], expected: readonly SchemaObject[]): string[] {
  const found = new Map(actual.map((object) => [object.name, object]));
  const differences: string[] = [];
  for (const want of expected) {
    const have = found.get(want.name);
    found.delete(want.name);
    if (!have) differences.push(`missing ${want.type} ${shown(want.name)}`);
    else if (have.type !== want.type) differences.push(`${shown(want.name)} is a ${have.type}, not a ${want.type}`);
    else if (have.table !== want.table || normal(have.sql) !== normal(want.sql))
      differences.push(`${want.type} ${shown(want.name)} differs from the one this version creates`);
  }
  for (const extra of found.values()) {
    if (extra.type === 'table' && statistics.test(extra.name)) continue;
    const on = extra.type === 'trigger' || extra.type === 'index' ? ` on ${shown(extra.table)}` : '';
    differences.push(`unexpected ${extra.type} ${shown(extra.name)}${on}`);
  }
  return differences;
}

/**
 * The differences between a database at schema `version` and what the migrations create, its
 * record of the migrations it has had included. An empty file (no objects, version 0) is new.
 */
export async function checkSchema(sqlite: BetterSqlite3.Database, version: number): Promise<string[]> {
  const actual = readSchema(sqlite);
  if (version === 0 && actual.length === 0) return [];
  const differences = schemaDifferences(actual, await migratedSchema(version));
  if (differences.length > 0) return differences;
  // The migrator trusts this record to decide what to run; it is checked as a table just above.
  const applied = sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
  const listed = migrations.slice(0, version).map(([name]) => name);
  return applied.join('\n') === listed.join('\n')
    ? []
    : [`its record of migrations (${applied.length}) does not match schema ${version}`];
}
