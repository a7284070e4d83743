import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cliPath = resolve(import.meta.dirname, '../../out/main/cli.js');

/**
 * The bundle's own command line (out/main/cli.js, as `npm run build` leaves it) under this Node,
 * run in `cwd`; returns what it printed, and throws when it exits with an error.
 */
export function builtCli(cwd: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Writes `file` in `cwd`: a snapshot of a small sample database (`a.sqlite`, made there once), by the built command line. */
export function builtSampleSnapshot(cwd: string, file: string): void {
  const cli = builtCli(cwd);
  if (!existsSync(join(cwd, 'a.sqlite')))
    cli('sample', '--db', 'a.sqlite', '--customers', '300', '--services', '20', '--assignments', '2000');
  cli('export', '--db', 'a.sqlite', '--out', file);
}
