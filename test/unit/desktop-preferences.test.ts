import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { rememberingDialogs } from '../../src-main/desktop/fileDialogs';
import { desktopPreferences } from '../../src-main/desktop/preferences';
import { existingRecent, withRecent } from '../../src-main/desktop/recent';
import { clampBounds } from '../../src-main/desktop/windowState';
import type { Theme } from '../../src-shared/ipc/methods/settings';
import { failed, ok, tempDir, testApp } from './helpers';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 984 };
const minimum = { width: 900, height: 560 };

describe('clampBounds', () => {
  test('a window inside a display stays as it was', () => {
    const saved = { x: 100, y: 50, width: 1280, height: 820 };
    expect(clampBounds(saved, [primary, right], minimum)).toEqual(saved);
    const onSecond = { x: 2000, y: 40, width: 1000, height: 700 };
    expect(clampBounds(onSecond, [primary, right], minimum)).toEqual(onSecond);
  });

  test('a window partly off its display is moved inside it, and shrunk to fit', () => {
    expect(clampBounds({ x: 1500, y: -30, width: 1280, height: 820 }, [primary], minimum)).toEqual({
      x: 640,
      y: 0,
      width: 1280,
      height: 820,
    });
    expect(clampBounds({ x: 10, y: 10, width: 4000, height: 3000 }, [primary], minimum)).toEqual(primary);
  });

  test('a window on a display that is gone is centred on the primary display', () => {
    expect(clampBounds({ x: 2100, y: 100, width: 1000, height: 700 }, [primary], minimum)).toEqual({
      x: 460,
      y: 170,
      width: 1000,
      height: 700,
    });
    // A sliver on screen (less than a title bar to grab) counts as gone.
    expect(clampBounds({ x: 1900, y: 100, width: 1000, height: 700 }, [primary], minimum)).toMatchObject({ x: 460 });
  });

  test('the display it overlaps most wins; the minimum size holds; no display, no bounds', () => {
    expect(clampBounds({ x: 1800, y: 100, width: 1000, height: 700 }, [primary, right], minimum)).toEqual({
      x: 1920,
      y: 100,
      width: 1000,
      height: 700,
    });
    expect(clampBounds({ x: 0, y: 0, width: 200, height: 100 }, [primary], minimum)).toEqual({
      x: 0,
      y: 0,
      width: 900,
      height: 560,
    });
    expect(clampBounds({ x: 0, y: 0, width: 1000, height: 700 }, [], minimum)).toBeNull();
  });
});

describe('recent list', () => {
  test('newest first, each path once, at most ten', () => {
    let list: string[] = [];
    for (let n = 1; n <= 12; n += 1) list = withRecent(list, `/s/${n}.sasnap`);
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('/s/12.sasnap');
    expect(list.at(-1)).toBe('/s/3.sasnap');
    expect(withRecent(list, '/s/7.sasnap').slice(0, 3)).toEqual(['/s/7.sasnap', '/s/12.sasnap', '/s/11.sasnap']);
    expect(withRecent(list, '/s/7.sasnap')).toHaveLength(10);
  });

  test('missing files are dropped, the order kept', () => {
    expect(existingRecent(['/a', '/b', '/c'], (path) => path !== '/b')).toEqual(['/a', '/c']);
  });
});

describe('desktop preferences in the database', () => {
  test('window state: saved, read back, and a damaged value reads as none', async () => {
    const app = await testApp();
    const prefs = desktopPreferences(app.conn);
    expect(prefs.windowState()).toBeNull();
    prefs.setWindowState({ x: -1200, y: 20, width: 1000, height: 700, maximized: true });
    expect(desktopPreferences(app.conn).windowState()).toEqual({
      x: -1200,
      y: 20,
      width: 1000,
      height: 700,
      maximized: true,
    });
    expect(() => prefs.setWindowState({ x: 0, y: 0, width: -5, height: 700, maximized: false })).toThrow();
    app.conn.sqlite.prepare(`UPDATE meta SET value = '{"x":"0"' WHERE key = 'pref.window'`).run();
    expect(prefs.windowState()).toBeNull();
  });

  test('recent snapshots: ten newest, missing files dropped for good, cleared on request', async () => {
    const app = await testApp();
    const dir = tempDir();
    const files = Array.from({ length: 12 }, (_, n) => join(dir, `copy-${n}.sasnap`));
    for (const file of files) writeFileSync(file, '');
    const prefs = desktopPreferences(app.conn);
    for (const file of files) prefs.addRecent(file);
    expect(prefs.recent()).toEqual(files.slice(2).reverse());
    rmSync(files[5] ?? '');
    expect(prefs.recent()).not.toContain(files[5]);
    expect(prefs.recent()).toHaveLength(9);
    writeFileSync(files[5] ?? '', '');
    // Dropped for good: the file coming back does not bring it back to the list.
    expect(prefs.recent()).toHaveLength(9);
    prefs.clearRecent();
    expect(prefs.recent()).toEqual([]);
    app.conn.sqlite.prepare(`UPDATE meta SET value = '[1,2]' WHERE key = 'pref.recentSnapshots'`).run();
    expect(prefs.recent()).toEqual([]);
  });

  test('each snapshot dialog remembers its own last folder, while it exists', async () => {
    const app = await testApp();
    const dir = tempDir();
    const exports = join(dir, 'exports');
    mkdirSync(exports);
    const prefs = desktopPreferences(app.conn);
    expect(prefs.folder('import')).toBeNull();
    prefs.rememberFolder('import', join(dir, 'in.sasnap'));
    prefs.rememberFolder('export', join(exports, 'out.sasnapz'));
    expect(prefs.folder('import')).toBe(dir);
    expect(prefs.folder('export')).toBe(exports);
    expect(prefs.folder('review')).toBeNull();
    rmSync(exports, { recursive: true });
    expect(prefs.folder('export')).toBeNull();
    expect(prefs.folder('import')).toBe(dir);
  });

  test('theme: settings:setTheme persists it, tells the shell, and refuses what is not a theme', async () => {
    const applied: Theme[] = [];
    const app = await testApp({
      platform: {
        chooseOpenPath: () => Promise.resolve(null),
        chooseSavePath: () => Promise.resolve(null),
        applyTheme: (theme) => applied.push(theme),
      },
    });
    expect(ok(await app.call('settings:get', {})).theme).toBe('system');
    expect(ok(await app.call('settings:setTheme', { theme: 'dark' })).theme).toBe('dark');
    expect(applied).toEqual(['dark']);
    const audited = app.conn.sqlite.prepare(`SELECT count(*) AS n FROM audit_event`).get();
    expect(audited).toEqual({ n: 0 });
    const notATheme: unknown = { theme: 'purple' };
    expect(failed(await app.call('settings:setTheme', notATheme as { theme: Theme })).code).toBe('invalid-input');
    expect(ok(await app.call('settings:get', {})).theme).toBe('dark');
    app.conn.sqlite.prepare(`UPDATE meta SET value = '"purple"' WHERE key = 'pref.theme'`).run();
    expect(ok(await app.call('settings:get', {})).theme).toBe('system');
  });
});

describe('rememberingDialogs', () => {
  test('each snapshot dialog starts where its last one ended; chosen snapshots join the recent ones', async () => {
    const app = await testApp();
    const prefs = desktopPreferences(app.conn);
    const dir = tempDir();
    const asked: (string | undefined)[] = [];
    let answer: string | null = null;
    const show = (options: { defaultPath?: string }) => {
      asked.push(options.defaultPath);
      return Promise.resolve(answer);
    };
    const recentSeen: string[] = [];
    const platform = rememberingDialogs(
      { open: show, save: show },
      () => prefs,
      (path) => recentSeen.push(path),
    );
    const save = {
      title: 'Export snapshot',
      defaultName: 'copy.sasnap',
      extensions: ['sasnap'],
      folder: 'export',
    } as const;

    expect(await platform.chooseSavePath(save)).toBeNull();
    answer = join(dir, 'out', 'mine.sasnap');
    mkdirSync(join(dir, 'out'));
    await platform.chooseSavePath(save);
    await platform.chooseSavePath(save);
    await platform.chooseOpenPath({ title: 'Import snapshot', extensions: ['sasnap'], folder: 'import' });
    expect(asked).toEqual(['copy.sasnap', 'copy.sasnap', join(dir, 'out', 'copy.sasnap'), undefined]);
    expect(recentSeen).toEqual([answer, answer, answer]);

    // A report saved from the review dialog moves its folder, but a report is not a snapshot.
    answer = join(dir, 'report.html');
    writeFileSync(answer, '');
    await platform.chooseSavePath({
      title: 'Save report',
      defaultName: 'r.html',
      extensions: ['html'],
      folder: 'review',
    });
    expect(prefs.folder('review')).toBe(dir);
    expect(recentSeen).toHaveLength(3);
    // Dialogs with no folder kind (CSV) neither start anywhere remembered nor remember.
    await platform.chooseOpenPath({ title: 'Import CSV', extensions: ['csv'] });
    expect(asked.at(-1)).toBeUndefined();
    expect(prefs.folder('import')).toBe(join(dir, 'out'));
  });
});
