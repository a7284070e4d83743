import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { OpenApp } from '../../src-main/app';
import { dump } from './helpers';

/** The replicated tables, each row as the database holds it. */
export const replicatedTables = [
  'customer',
  'service',
  'custom_field',
  'customer_user',
  'customer_user_customer',
  'assignment',
  'default_service',
] as const;

export function dataOf(app: OpenApp): Record<string, unknown[]> {
  return Object.fromEntries(replicatedTables.map((table) => [table, dump(app, table)]));
}

/** Everything in the database, audit and meta included. */
export function everything(app: OpenApp): Record<string, unknown[]> {
  return { ...dataOf(app), audit_event: dump(app, 'audit_event'), meta: dump(app, 'meta') };
}

/** The bytes of the database file and its write-ahead log. */
export function fileHash(path: string): string {
  const hash = createHash('sha256');
  for (const file of [path, `${path}-wal`]) {
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('absent');
    }
  }
  return hash.digest('hex');
}

/**
 * fileHash once the log is copied back into the database file: an admin's write leaves that
 * checkpoint for an idle second, which may fall inside a test; after this only a write changes the bytes.
 */
export function settledHash(app: OpenApp & { dbPath: string }): string {
  app.conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return fileHash(app.dbPath);
}
