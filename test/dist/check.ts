import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { builtCli, builtSampleSnapshot } from '../harness/builtCli';

/**
 * The offline packaging check: electron-builder --linux dir with a placeholder Electron
 * (no binary can be downloaded here), then assertions on what was packed. Real installers
 * (AppImage, deb, NSIS, dmg) need the network; their config is checked for what can be checked.
 */

/** The fuses the afterPack hook must set, read back from the packed binary. */
const wantedFuses = {
  RunAsNode: FuseState.DISABLE,
  EnableNodeOptionsEnvironmentVariable: FuseState.DISABLE,
  EnableNodeCliInspectArguments: FuseState.DISABLE,
  EnableCookieEncryption: FuseState.ENABLE,
  EnableEmbeddedAsarIntegrityValidation: FuseState.ENABLE,
  OnlyLoadAppFromAsar: FuseState.ENABLE,
} as const;

/**
 * Electron finds its fuses after a sentinel in its binary: the fuse-wire version (1), the wire's
 * length and one byte per fuse ('0' off, '1' on). The placeholder carries such a wire, set as
 * Electron ships it (each of the six above the other way round), after the script's `exit`.
 */
function placeholderElectron(): Buffer {
  const shipped = '101100011';
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho placeholder electron\nexit 0\n# '),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, shipped.length]),
    Buffer.from(shipped),
    Buffer.from('\n'),
  ]);
}

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'sa-dist-'));
const fakeElectron = join(work, 'electron-dist');
mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
writeFileSync(join(fakeElectron, 'electron'), placeholderElectron());
chmodSync(join(fakeElectron, 'electron'), 0o755);
const output = join(work, 'dist');
const failures: string[] = [];
const check = (condition: boolean, message: string) => {
  if (!condition) failures.push(message);
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
};

try {
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  execFileSync(
    'npx',
    ['electron-builder', '--linux', 'dir', '-c.npmRebuild=false', `-c.electronDist=${fakeElectron}`, `-c.directories.output=${output}`],
    { cwd: root, stdio: 'inherit' },
  );
  // The bundle's own command line, as the packed app runs it: the snapshot reader's thread
  // (out/main/scanWorker.js) is found beside the entry points and reads a file both ways.
  const cli = builtCli(work);
  for (const file of ['a.sasnap', 'a.sasnapz']) {
    builtSampleSnapshot(work, file);
    check(/Imported: 2\d{3} added/.test(cli('import', '--db', `b-${file}.sqlite`, file, '--yes')), `the built command line imports ${file}`);
  }
  const resources = join(output, 'linux-unpacked', 'resources');
  const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
  for (const required of ['/package.json', '/out/main/index.js', '/out/main/cli.js', '/out/main/scanWorker.js', '/out/main/csvWorker.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
    check(files.includes(required), `app.asar contains ${required}`);
  }
  check(!files.some((file) => /^\/(src-main|src-renderer|src-shared|test)\//.test(file)), 'no sources or tests are packed');
  const modules = new Set(files.filter((file) => file.startsWith('/node_modules/')).map((file) => file.split('/')[2]));
  for (const runtime of ['better-sqlite3', 'kysely', 'zod']) check(modules.has(runtime), `runtime dependency ${runtime} is packed`);
  for (const dev of ['react', 'electron', 'electron-vite', 'vite', 'playwright-core', 'vitest', 'typescript']) check(!modules.has(dev), `development package ${dev} is not packed`);
  check(existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds/linux-x64.node')), 'better-sqlite3 prebuild is unpacked from the asar');
  check(!existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/deps')), 'better-sqlite3 C sources are not packed');
  const executable = join(output, 'linux-unpacked', 'service-allocator');
  check(existsSync(executable), 'the executable is named after the product');
  const wire = await getCurrentFuseWire(executable);
  for (const [fuse, state] of Object.entries(wantedFuses)) {
    const actual = wire[FuseV1Options[fuse as keyof typeof wantedFuses]];
    check(actual === state, `fuse ${fuse} is ${state === FuseState.ENABLE ? 'on' : 'off'} in the packed binary (found ${String.fromCharCode(actual ?? 63)})`);
  }
  const config = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: Record<string, { target?: string[]; icon?: string }> };
  check(JSON.stringify(config.build.linux?.target) === '["AppImage","deb"]', 'Linux targets: AppImage and deb');
  check(JSON.stringify(config.build.win?.target) === '["nsis"]', 'Windows target: NSIS');
  check(JSON.stringify(config.build.mac?.target) === '["dmg"]', 'macOS target: dmg');
  for (const icon of ['resources/icon.png', 'resources/icons/256x256.png', 'resources/icons/512x512.png']) check(existsSync(join(root, icon)), `icon ${icon} exists`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(failures.length === 0 ? 'dist:check passed' : `dist:check failed: ${failures.length} problem(s)`);
process.exitCode = failures.length === 0 ? 0 : 1;
