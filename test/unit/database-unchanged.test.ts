import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { openDatabase } from '../../src-main/db/connection';
import { EXIT, runCli } from '../../src-main/cli';
import { acme, ok, tempDir } from './helpers';
import { fileHash } from './snapshot-helpers';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join(''), err: err.join('') };
}

async function edit(path: string, city: string): Promise<void> {
  const app = await openApp(path);
  try {
    const id = app.conn.sqlite.prepare('SELECT id FROM customer').pluck().get() as string;
    ok(await app.call('customers:update', { id, fields: { ...acme, city } }));
  } finally {
    await app.close();
  }
}

/** The database file and every file next to it (a log or its index left behind counts too). */
function state(dir: string, path: string) {
  return { hash: fileHash(path), files: readdirSync(dir).sort() };
}

describe('reading without writing', () => {
  it('import --dry-run, diff and report leave the database file byte-identical', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    const snap = join(dir, 'a.sasnap');
    expect((await run('sample', '--db', a, '--customers', '12', '--services', '5', '--assignments', '20')).code).toBe(
      EXIT.done,
    );
    expect((await run('sample', '--db', b, '--customers', '0', '--services', '0', '--assignments', '0')).code).toBe(
      EXIT.done,
    );
    expect((await run('export', '--db', a, '--out', snap)).code).toBe(EXIT.done);
    const before = state(dir, b);
    const dry = await run('import', '--db', b, snap, '--dry-run');
    expect(dry.out).toContain('Dry run: nothing was changed.');
    expect(dry.code).toBe(EXIT.done);
    expect(state(dir, b)).toEqual(before);
    expect((await run('diff', b, a)).code).toBe(EXIT.done);
    expect((await run('report', b, '--out', join(dir, 'r.csv'))).code).toBe(EXIT.done);
    expect(state(dir, b)).toEqual({ ...before, files: [...before.files, 'r.csv'].sort() });
  });

  it('an import refused for its conflicts leaves the database file byte-identical', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    const base = join(dir, 'base.sasnap');
    const appA = await openApp(a);
    ok(await appA.call('customers:create', acme));
    await appA.close();
    expect((await run('export', '--db', a, '--out', base)).code).toBe(EXIT.done);
    expect((await run('import', '--db', b, base)).code).toBe(EXIT.done);
    await edit(a, 'Munich');
    await edit(b, 'Hamburg');
    const theirs = join(dir, 'a2.sasnap');
    expect((await run('export', '--db', a, '--out', theirs)).code).toBe(EXIT.done);
    const before = state(dir, b);
    const refused = await run('import', '--db', b, theirs);
    expect(refused.err).toContain('conflicts or identity collisions that need a decision');
    expect(refused.code).toBe(EXIT.refused);
    expect(state(dir, b)).toEqual(before);
  });

  it('a read-only open of an older database is refused, not migrated', async () => {
    const dir = tempDir();
    const old = join(dir, 'old.sqlite');
    const snap = join(dir, 'any.sasnap');
    const conn = await openDatabase(old, { migrateTo: 3 });
    await conn.close();
    expect((await run('sample', '--db', join(dir, 'x.sqlite'), '--customers', '1')).code).toBe(EXIT.done);
    expect((await run('export', '--db', join(dir, 'x.sqlite'), '--out', snap)).code).toBe(EXIT.done);
    const before = state(dir, old);
    const dry = await run('import', '--db', old, snap, '--dry-run');
    expect(dry.err).toMatch(/schema 3.*needs upgrading to schema 4.*left untouched/);
    expect(dry.code).toBe(EXIT.refused);
    expect(state(dir, old)).toEqual(before);
    // Opened for writing, the same file is upgraded as before.
    expect((await run('import', '--db', old, snap, '--yes')).code).toBe(EXIT.done);
  });
});
