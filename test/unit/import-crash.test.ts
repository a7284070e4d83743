import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { applySnapshot } from '../../src-main/snapshot/apply';
import { exportSnapshot } from '../../src-main/snapshot/export';
import { acme, ok, tempDir, rawDatabase } from './helpers';
import { dataOf } from './snapshot-helpers';

const root = resolve(import.meta.dirname, '../..');

/** A small seeded generator (mulberry32): the same kill points on every run of the suite. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kill = { readonly afterMs: number } | { readonly afterPlanMs: number };

/**
 * `import --yes` as its own process (the command line through tsx), killed with SIGKILL `kill`
 * after it started or after it printed its plan (then only the backup and the commit are left);
 * resolves with when (ms after its start) it printed its plan, if it did.
 */
function importProcess(db: string, snapshot: string, kill: Kill): Promise<{ planAt: number | null }> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src-main/cliMain.ts'), 'import', '--db', db, snapshot, '--yes'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = () => child.kill('SIGKILL');
  let output = '';
  let planAt: number | null = null;
  if ('afterMs' in kill) setTimeout(stop, kill.afterMs);
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (planAt !== null || !output.includes('Summary:')) return;
    planAt = Date.now() - started;
    if ('afterPlanMs' in kill) setTimeout(stop, kill.afterPlanMs);
  });
  child.stderr.resume();
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', () => done({ planAt }));
  });
}

/** What a backups folder holds besides complete backups: partial copies, journals, logs. */
function leftovers(dir: string): string[] {
  const backups = join(dir, 'backups');
  return existsSync(backups)
    ? readdirSync(backups).filter((name) => !/-before-import-[\dTZ-]+\.sqlite$/.test(name))
    : [];
}

function backupsIn(dir: string): string[] {
  const backups = join(dir, 'backups');
  return existsSync(backups) ? readdirSync(backups).filter((name) => name.endsWith('.sqlite')) : [];
}

describe('an import killed at any point', () => {
  it('leaves the data entirely old or entirely new, a backup only when it committed, and no leftovers', async () => {
    const work = tempDir();
    const snapshot = join(work, 'theirs.sasnap');
    const source = await openApp(join(work, 'source.sqlite'));
    try {
      ok(await source.call('sample:load', { customers: 600, services: 20, assignments: 6000 }));
      await exportSnapshot(source.context, snapshot, false);
    } finally {
      await source.close();
    }
    const base = join(work, 'base.sqlite');
    const mine = await openApp(base);
    ok(await mine.call('customers:create', acme));
    const before = dataOf(mine);
    await mine.close();

    // One import in this process, run to the end: what "entirely new" is.
    const copyOfBase = (dir: string) => {
      const db = join(dir, 'db.sqlite');
      copyFileSync(base, db);
      return db;
    };
    const reference = await openApp(copyOfBase(tempDir()));
    await applySnapshot(reference.context, { kind: 'file', path: snapshot }, {});
    const imported = dataOf(reference);
    await reference.close();
    expect(imported).not.toEqual(before);

    // Killed while the backup is written or the import commits (just after the plan is printed),
    // and at a random point before that, while the rows are written.
    const random = seeded(18);
    const afterPlan = (): Kill => ({ afterPlanMs: Math.round(300 * random()) });
    const kills: Kill[] = [afterPlan(), afterPlan()];
    let planAt = 0;
    for (let run = 0; run < 4; run += 1) {
      const kill = kills[run] ?? { afterMs: Math.round(planAt * (0.6 + 0.4 * random())) };
      const dir = tempDir();
      const db = copyOfBase(dir);
      planAt = Math.max(planAt, (await importProcess(db, snapshot, kill)).planAt ?? 0);
      const check = rawDatabase(db, { readonly: true, fileMustExist: true });
      try {
        expect(check.pragma('integrity_check', { simple: true }), JSON.stringify(kill)).toBe('ok');
      } finally {
        check.close();
      }
      const app = await openApp(db);
      try {
        const data = dataOf(app);
        const committed = JSON.stringify(data) === JSON.stringify(imported);
        if (!committed) expect(data, JSON.stringify(kill)).toEqual(before);
        expect(leftovers(dir), JSON.stringify(kill)).toEqual([]);
        expect(backupsIn(dir), JSON.stringify(kill)).toHaveLength(committed ? 1 : 0);
      } finally {
        await app.close();
      }
    }
  }, 90_000);
});
