import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The browser names looked up on PATH, in order: Chromium first, then Chrome. */
export const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
] as const;

/** What the search looks at, passed in so the decisions can be tested without touching this machine. */
export type ChromiumProbe = Readonly<{
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  isExecutable: (path: string) => boolean;
  /** Where Playwright keeps its own Chromium once installed (`npx playwright install chromium`). */
  managedPath: string | null;
}>;

export type ChromiumFound =
  | { readonly kind: 'found'; readonly path: string; readonly source: 'CHROMIUM_PATH' | 'PATH' | 'playwright' }
  /** CHROMIUM_PATH names no executable: a mistake to report, not to work around with another browser. */
  | { readonly kind: 'bad-env'; readonly message: string }
  | { readonly kind: 'none' };

/** Finds a Chromium or Chrome: CHROMIUM_PATH alone when set, else the names on PATH, else Playwright's own. */
export function findChromium(probe: ChromiumProbe): ChromiumFound {
  const explicit = probe.env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (probe.isExecutable(explicit)) return { kind: 'found', path: explicit, source: 'CHROMIUM_PATH' };
    return {
      kind: 'bad-env',
      message:
        `CHROMIUM_PATH is set to "${explicit}", which is not an executable file. ` +
        'Point it at a Chromium or Chrome executable, or unset it to let the tests find or install one.',
    };
  }
  const windows = probe.platform === 'win32';
  const folders = (probe.env.PATH ?? probe.env.Path ?? '').split(windows ? ';' : ':').filter((folder) => folder !== '');
  for (const name of BROWSER_NAMES) {
    for (const folder of folders) {
      const path = join(folder, windows ? `${name}.exe` : name);
      if (probe.isExecutable(path)) return { kind: 'found', path, source: 'PATH' };
    }
  }
  if (probe.managedPath && probe.isExecutable(probe.managedPath)) {
    return { kind: 'found', path: probe.managedPath, source: 'playwright' };
  }
  return { kind: 'none' };
}

/** What decides how a missing browser gets installed. */
export type InstallProbe = Readonly<{
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** ID and ID_LIKE of /etc/os-release, e.g. ["ubuntu", "debian"]. */
  osIds: readonly string[];
  hasAptGet: boolean;
}>;

/** Debian's or Ubuntu's package as root; Playwright's managed Chromium everywhere else. */
export function installMethod(probe: InstallProbe): 'apt' | 'playwright' {
  const debianLike = probe.osIds.some((id) => id === 'debian' || id === 'ubuntu');
  return probe.platform === 'linux' && debianLike && probe.isRoot && probe.hasAptGet ? 'apt' : 'playwright';
}

/** The message when no browser is found and none could be installed: what to do, on this machine. */
export function missingMessage(probe: InstallProbe, tried: string): string {
  const debianLike = probe.osIds.some((id) => id === 'debian' || id === 'ubuntu');
  const ways = [
    ...(probe.platform === 'linux' && debianLike
      ? ['  sudo apt-get update && sudo apt-get install -y chromium   (Debian/Ubuntu, then run the tests again)']
      : []),
    "  npx playwright install chromium   (Playwright's own Chromium; needs the network)",
    '  CHROMIUM_PATH=/path/to/chromium npm test   (a Chromium or Chrome that is already installed)',
  ];
  return [
    `The browser tests need Chromium or Chrome and none was found (${BROWSER_NAMES.join(', ')} on PATH, ` +
      `CHROMIUM_PATH, Playwright's own Chromium). ${tried}`,
    'Install one with one of:',
    ...ways,
  ].join('\n');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function managedPath(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/** This machine, as the search sees it. */
export function realProbe(): ChromiumProbe {
  return { env: process.env, platform: process.platform, isExecutable, managedPath: managedPath() };
}

export function realInstallProbe(): InstallProbe {
  const release = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(release)?.[1] ?? '';
  return {
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    osIds: `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/).filter((id) => id !== ''),
    hasAptGet: (process.env.PATH ?? '').split(':').some((folder) => isExecutable(join(folder, 'apt-get'))),
  };
}

/**
 * The browser every test launches: the harness, the bench and the packaging check all ask here.
 * Throws with what to do when there is none (`npm run test:setup` installs one).
 */
export function chromiumPath(): string {
  const found = findChromium(realProbe());
  if (found.kind === 'found') return found.path;
  if (found.kind === 'bad-env') throw new Error(found.message);
  throw new Error(missingMessage(realInstallProbe(), 'Run "npm run test:setup" to install one.'));
}
