import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { cliCommands, EXIT, runCli } from '../../src-main/cli';
import { acme, ok, tempDir } from './helpers';
import { dataOf, everything } from './snapshot-helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    output: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

async function run(...argv: string[]) {
  const io = capture();
  const code = await runCli(argv, io.output);
  return { code, out: io.out(), err: io.err() };
}

async function withDb<T>(path: string, work: (app: Awaited<ReturnType<typeof openApp>>) => T | Promise<T>): Promise<T> {
  const app = await openApp(path);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

describe('command line: export, import, diff, report', () => {
  it('the packaged app runs every snapshot command', () => {
    for (const command of ['export', 'import', 'diff', 'report', 'sample']) expect(cliCommands).toContain(command);
  });

  it('exports, dry-runs, imports (0), then finds nothing to do (1)', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    const snap = join(dir, 'a.sasnap');
    expect((await run('sample', '--db', a, '--customers', '20', '--services', '8', '--assignments', '30')).code).toBe(
      EXIT.done,
    );
    expect((await run('sample', '--db', b, '--customers', '0', '--services', '0', '--assignments', '0')).code).toBe(
      EXIT.done,
    );
    const exported = await run('export', '--db', a, '--out', snap);
    expect(exported.code).toBe(EXIT.done);
    expect(exported.out).toContain('20 customers');

    const before = await withDb(b, (app) => everything(app));
    const dry = await run('import', '--db', b, snap, '--dry-run');
    expect(dry.code).toBe(EXIT.done);
    expect(dry.out).toMatch(/Added \(\d+\):/);
    expect(dry.out).toContain('Dry run: nothing was changed.');
    expect(await withDb(b, (app) => everything(app))).toEqual(before);

    const imported = await run('import', '--db', b, snap);
    expect(imported.code).toBe(EXIT.done);
    expect(imported.out).toMatch(/Imported: \d+ added.*Backup: .*before-import/);
    const again = await run('import', '--db', b, snap);
    expect(again.code).toBe(EXIT.nothing);
    expect(again.out).toContain('Nothing to import');

    const same = await withDb(a, (left) => withDb(b, (right) => [dataOf(left), dataOf(right)]));
    expect(same[1]).toEqual(same[0]);
    expect((await run('diff', a, b)).code).toBe(EXIT.nothing);
  });

  it('refuses (2) a damaged file and an import with conflicts unless --yes', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    const base = join(dir, 'base.sasnap');
    await withDb(a, async (app) => void ok(await app.call('customers:create', acme)));
    expect((await run('export', '--db', a, '--out', base)).code).toBe(EXIT.done);
    expect((await run('import', '--db', b, base)).code).toBe(EXIT.done);
    // Both copies change the same field without seeing each other.
    await withDb(a, async (app) => {
      const id = app.conn.sqlite.prepare('SELECT id FROM customer').pluck().get() as string;
      ok(await app.call('customers:update', { id, fields: { ...acme, city: 'Munich' } }));
    });
    await withDb(b, async (app) => {
      const id = app.conn.sqlite.prepare('SELECT id FROM customer').pluck().get() as string;
      ok(await app.call('customers:update', { id, fields: { ...acme, city: 'Hamburg' } }));
    });
    const theirs = join(dir, 'a2.sasnap');
    expect((await run('export', '--db', a, '--out', theirs)).code).toBe(EXIT.done);

    const unchanged = await withDb(b, (app) => everything(app));
    const backups = readdirSync(join(dir, 'backups'));
    const refused = await run('import', '--db', b, theirs);
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.err).toContain('conflicts or identity collisions that need a decision');
    expect(refused.out).toMatch(/Conflicts \(1\):\n.*city: mine Hamburg \/ theirs Munich/);
    expect(await withDb(b, (app) => everything(app))).toEqual(unchanged);
    expect(readdirSync(join(dir, 'backups'))).toEqual(backups);
    expect((await run('import', '--db', b, theirs, '--yes')).code).toBe(EXIT.done);
    // The decision is remembered: the same file is now nothing to do, and mine was kept.
    expect((await run('import', '--db', b, theirs)).code).toBe(EXIT.nothing);
    expect(await withDb(b, (app) => app.conn.sqlite.prepare('SELECT city FROM customer').pluck().get())).toBe(
      'Hamburg',
    );

    const broken = join(dir, 'broken.sasnap');
    writeFileSync(broken, readFileSync(theirs).subarray(0, 100));
    const bad = await run('import', '--db', b, broken);
    expect(bad.code).toBe(EXIT.refused);
    expect(bad.err).toContain('not valid JSON');
  });

  it('diff lists the changes (0) and report writes CSV and HTML', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const snap = join(dir, 'a.sasnapz');
    expect((await run('sample', '--db', a, '--customers', '15', '--services', '6', '--assignments', '20')).code).toBe(
      EXIT.done,
    );
    expect((await run('export', '--db', snap.replace('a.sasnapz', 'a.sqlite'), '--out', snap)).code).toBe(EXIT.done);
    const empty = join(dir, 'empty.sqlite');
    expect((await run('sample', '--db', empty, '--customers', '0', '--services', '0', '--assignments', '0')).code).toBe(
      EXIT.done,
    );
    const diff = await run('diff', empty, snap);
    expect(diff.code).toBe(EXIT.done);
    expect(diff.out).toMatch(/Added \(\d+\):/);

    const csv = join(dir, 'r.csv');
    const html = join(dir, 'r.html');
    expect((await run('report', snap, '--out', csv)).code).toBe(EXIT.done);
    expect((await run('report', a, '--out', html)).code).toBe(EXIT.done);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('section,item,value,detail');
    expect(readFileSync(csv, 'utf8')).toContain('access mode,defaults,');
    expect(readFileSync(html, 'utf8')).toContain('<svg role="img" aria-label="Customers per service"');
    expect((await run('report', snap, '--out', join(dir, 'r.pdf'))).code).toBe(EXIT.refused);
    expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
  });
});
