import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acme, ok, testApp } from './helpers';

const databaseFile = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the connection', () => {
  it("an admin's write only appends to the log; the log goes into the database file once writes pause", async () => {
    const app = await testApp();
    app.conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = databaseFile(app.dbPath);
    ok(await app.call('customers:create', acme));
    ok(await app.call('customers:create', { ...acme, code: 'ACME-2' }));
    // Committed (another connection reads it), but not yet copied into the file.
    expect(databaseFile(app.dbPath)).toBe(before);
    expect(app.conn.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(databaseFile(app.dbPath)).not.toBe(before);
    expect((app.conn.sqlite.prepare('SELECT count(*) AS n FROM customer').get() as { n: number }).n).toBe(2);
    await app.close();
  });
});
