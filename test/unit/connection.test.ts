import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { acme, failed, ok, testApp } from './helpers';

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

  it('runs every connection with trusted_schema off and cell_size_check on; a read-only one refuses writes', async () => {
    const app = await testApp();
    ok(await app.call('customers:create', acme));
    const settings = (sqlite: typeof app.conn.sqlite) => [
      sqlite.pragma('trusted_schema', { simple: true }),
      sqlite.pragma('cell_size_check', { simple: true }),
    ];
    expect(settings(app.conn.sqlite)).toEqual([0, 1]);
    await app.close();
    const reading = await openApp(app.dbPath, { readonly: true });
    expect(settings(reading.conn.sqlite)).toEqual([0, 1]);
    expect(failed(await reading.call('customers:create', { ...acme, code: 'ACME-2' })).message).toMatch(/readonly/);
    await reading.close();
  });
});
