import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const electronPackage = resolve(import.meta.dirname, '../../node_modules/electron');

/**
 * The Electron binary, if this machine has one. Requiring the `electron` package would try to
 * download it, which cannot work offline, so this reads what its installer leaves behind.
 */
export function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(electronPackage, 'dist', relative)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
