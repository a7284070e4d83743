import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ServiceError } from '../src-shared/ipc/envelope';

/**
 * A worker thread's script, `name`, beside the module `caller` (its import.meta.url): the
 * bundle's `name.js` beside the entry points (the caller may sit in a chunk one folder below
 * them), or, run from the sources (tests, the CLI through tsx), the TypeScript file itself,
 * loaded through tsx. Built from variables, so the bundler leaves it be. `what` names it in the
 * message of a broken install.
 */
export function workerScript(caller: string, name: string, what: string): { url: URL; execArgv?: string[] } {
  if (caller.endsWith('.ts')) {
    const url = new URL(['.', `${name}.ts`].join('/'), caller);
    const tsx = process.execArgv.some((arg) => arg.includes('tsx'));
    return tsx ? { url } : { url, execArgv: [...process.execArgv, '--import', 'tsx'] };
  }
  for (const folder of ['.', '..']) {
    const url = new URL([folder, `${name}.js`].join('/'), caller);
    if (existsSync(fileURLToPath(url))) return { url };
  }
  throw new ServiceError(
    'internal',
    `The ${what} (${name}.js) is missing beside ${fileURLToPath(caller)}; reinstall the app.`,
  );
}
