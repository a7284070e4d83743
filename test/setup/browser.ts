import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromiumPath, findChromium, installMethod, missingMessage, realInstallProbe, realProbe } from './chromium';

// The first step of `npm test`: make sure the browser tests have a Chromium, or stop with what to do.

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`> ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
}

function install(method: 'apt' | 'playwright'): boolean {
  if (method === 'apt') {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    return run('apt-get', ['update'], env) && run('apt-get', ['install', '-y', 'chromium'], env);
  }
  // Playwright's own command line, run with this Node (npx may not be on PATH).
  const cli = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  return run(process.execPath, [cli, 'install', 'chromium']);
}

const found = findChromium(realProbe());
if (found.kind === 'bad-env') {
  console.error(found.message);
  process.exit(1);
}
if (found.kind === 'found') {
  console.log(`Browser for the tests: ${found.path}`);
  process.exit(0);
}
const probe = realInstallProbe();
const method = installMethod(probe);
console.log(
  method === 'apt'
    ? "No Chromium or Chrome found: installing Debian's Chromium…"
    : "No Chromium or Chrome found: installing Playwright's Chromium…",
);
const installed = install(method);
try {
  console.log(`Browser for the tests: ${chromiumPath()}`);
} catch {
  console.error(
    missingMessage(probe, installed ? 'The installation ended but left no browser.' : 'Installing one failed.'),
  );
  process.exit(1);
}
