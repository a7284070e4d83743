import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { builtSampleSnapshot } from '../harness/builtCli';
import { electronBinary } from './binary';

const root = resolve(import.meta.dirname, '../..');

test.skip(!electronBinary(), 'skipped: no Electron binary');

test('the packaged shell: window, secure settings, the bridge and the lists on a fresh database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-electron-'));
  const app = await electron.launch({
    executablePath: electronBinary() ?? undefined,
    args: [join(root, 'out/main/index.js'), '--db', join(dir, 'e2e.sqlite')],
    cwd: root,
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle('Service Allocator');
    await expect(window.getByRole('heading', { name: 'Welcome to Service Allocator' })).toBeVisible();
    // Only the contract's bridge reaches the page: no Node, no require.
    expect(await window.evaluate('Object.keys(window.api).sort().join(",")')).toBe('call,on');
    expect(await window.evaluate('typeof require')).toBe('undefined');
    expect(await window.evaluate('typeof process')).toBe('undefined');
    // The Content-Security-Policy header is on the page: inline scripts do not run.
    expect(await window.evaluate('(() => { try { return eval("1"); } catch { return "blocked"; } })()')).toBe(
      'blocked',
    );
    // Navigation away and new windows are blocked.
    await window.evaluate('window.open("https://example.com")');
    expect(app.windows()).toHaveLength(1);
    const info = await window.evaluate<{ ok: boolean }>('window.api.call("app:info", {})');
    expect(info.ok).toBe(true);
    await window.getByRole('button', { name: 'Add customer' }).first().click();
    await expect(window.getByRole('dialog', { name: 'New customer' })).toBeVisible();
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inside Electron a snapshot file is read on its own thread: the app started as the command line imports one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-electron-'));
  try {
    // The file is made by the bundle's command line under Node; Electron's main process reads it
    // (out/main/scanWorker.js as a worker thread), merges it and writes the database.
    builtSampleSnapshot(dir, 'a.sasnapz');
    const run = spawnSync(
      electronBinary() ?? '',
      [join(root, 'out/main/index.js'), 'import', '--db', 'b.sqlite', 'a.sasnapz', '--yes'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Imported: 2\d{3} added/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
