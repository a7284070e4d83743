import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openApp, type OpenApp } from '../../src-main/app';
import type { ContextOptions } from '../../src-main/services/context';
import type { Envelope } from '../../src-shared/ipc/envelope';

const opened: OpenApp[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sa-unit-'));
  folders.push(dir);
  return dir;
}

/** A database file opened without the app, for what a test must set up or read in raw SQL. */
export type RawDatabase = BetterSqlite3.Database;
export function rawDatabase(path: string, options?: BetterSqlite3.Options): RawDatabase {
  return new BetterSqlite3(path, options);
}

/** The real app (database file, migrations, handlers) over a new temporary SQLite file. */
export async function testApp(options: ContextOptions = {}): Promise<OpenApp & { dbPath: string }> {
  const dbPath = join(tempDir(), 'test.sqlite');
  const app = await openApp(dbPath, options);
  opened.push(app);
  return Object.assign(app, { dbPath });
}

/** The value of an answer that must be ok; fails the test with main's message otherwise. */
export function ok<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

/** The error of an answer that must have failed. */
export function failed<T>(envelope: Envelope<T>) {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.value).slice(0, 200)}`);
  return envelope.error;
}

/** Every row of a table, for before/after comparisons. */
export function dump(app: OpenApp, table: string): unknown[] {
  return app.conn.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
}

export const acme = { code: 'ACME', name: 'Acme Corporation', city: 'Berlin', country: 'Germany' };
