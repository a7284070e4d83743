import { describe, expect, test } from 'vitest';
import { findChromium, installMethod, missingMessage, type ChromiumProbe } from '../setup/chromium';

function probe(files: readonly string[], env: ChromiumProbe['env'], extra: Partial<ChromiumProbe> = {}): ChromiumProbe {
  return { env, platform: 'linux', isExecutable: (path) => files.includes(path), managedPath: null, ...extra };
}

describe('findChromium', () => {
  test('CHROMIUM_PATH wins over PATH', () => {
    const found = findChromium(
      probe(['/opt/c/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/c/chrome', PATH: '/usr/bin' }),
    );
    expect(found).toEqual({ kind: 'found', path: '/opt/c/chrome', source: 'CHROMIUM_PATH' });
  });

  test('a CHROMIUM_PATH naming no executable is reported, not replaced by another browser', () => {
    const found = findChromium(probe(['/usr/bin/chromium'], { CHROMIUM_PATH: '/nonexistent', PATH: '/usr/bin' }));
    expect(found.kind).toBe('bad-env');
    expect(found.kind === 'bad-env' && found.message).toContain('"/nonexistent"');
  });

  test('an empty CHROMIUM_PATH counts as unset', () => {
    expect(findChromium(probe(['/usr/bin/chromium'], { CHROMIUM_PATH: '', PATH: '/usr/bin' }))).toMatchObject({
      path: '/usr/bin/chromium',
    });
  });

  test('Chromium is preferred to Chrome, in PATH order for each name', () => {
    const files = ['/usr/local/bin/google-chrome', '/usr/bin/chromium-browser', '/snap/bin/chromium-browser'];
    expect(findChromium(probe(files, { PATH: '/usr/local/bin:/snap/bin:/usr/bin' }))).toEqual({
      kind: 'found',
      path: '/snap/bin/chromium-browser',
      source: 'PATH',
    });
    expect(findChromium(probe(['/usr/local/bin/google-chrome'], { PATH: '/usr/local/bin:/usr/bin' }))).toMatchObject({
      path: '/usr/local/bin/google-chrome',
    });
  });

  test("Playwright's managed Chromium when nothing is on PATH; none when it is not installed either", () => {
    const managed = '/home/a/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
    expect(findChromium(probe([managed], { PATH: '/usr/bin' }, { managedPath: managed }))).toEqual({
      kind: 'found',
      path: managed,
      source: 'playwright',
    });
    expect(findChromium(probe([], { PATH: '/usr/bin' }, { managedPath: managed }))).toEqual({ kind: 'none' });
    expect(findChromium(probe([], {}))).toEqual({ kind: 'none' });
  });

  test('Windows: ";"-separated Path and .exe names', () => {
    const found = findChromium(
      probe(['C:\\Chrome/chrome.exe'], { Path: 'C:\\Windows;C:\\Chrome' }, { platform: 'win32' }),
    );
    expect(found).toMatchObject({ kind: 'found', source: 'PATH' });
  });
});

describe('installMethod', () => {
  const debian = { platform: 'linux', isRoot: true, osIds: ['debian'], hasAptGet: true } as const;

  test("apt as root on Debian or Ubuntu with apt-get; Playwright's Chromium otherwise", () => {
    expect(installMethod(debian)).toBe('apt');
    expect(installMethod({ ...debian, osIds: ['linuxmint', 'ubuntu'] })).toBe('apt');
    expect(installMethod({ ...debian, isRoot: false })).toBe('playwright');
    expect(installMethod({ ...debian, hasAptGet: false })).toBe('playwright');
    expect(installMethod({ ...debian, osIds: ['fedora'] })).toBe('playwright');
    expect(installMethod({ ...debian, platform: 'darwin', osIds: [] })).toBe('playwright');
  });

  test('the message says how, with apt only where it applies', () => {
    const onDebian = missingMessage({ ...debian, isRoot: false }, 'Installing one failed.');
    expect(onDebian).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(onDebian).toContain('npx playwright install chromium');
    expect(onDebian).toContain('CHROMIUM_PATH=');
    expect(onDebian).toContain('Installing one failed.');
    expect(missingMessage({ ...debian, platform: 'darwin', osIds: [] }, '')).not.toContain('apt-get');
  });
});
