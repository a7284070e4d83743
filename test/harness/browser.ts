import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../setup/chromium';

/** Flags for the system's Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let shared: { browser: Promise<Browser>; extraArgs: string } | null = null;

/**
 * One Chromium per test process; every launchApp gets its own context (its own storage). The
 * first call starts it, with `extraArgs` added to the usual flags (none by default); a later
 * call asking for other flags is refused rather than silently given a browser without them.
 * (Uncapping frames, e.g. for timing, takes `--disable-frame-rate-limit --disable-gpu-vsync
 * --run-all-compositor-stages-before-draw` in Chromium 156 headless; the first two alone keep
 * 60 Hz. Uncapped, the compositor issues ~16,000 BeginFrames a second even on a blank page.)
 */
export function sharedBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const key = extraArgs.join(' ');
  if (shared && key !== '' && key !== shared.extraArgs) {
    throw new Error(`The shared Chromium already runs with "${shared.extraArgs}", not "${key}".`);
  }
  shared ??= {
    browser: chromium.launch({
      executablePath: chromiumPath(),
      args: [...CHROMIUM_ARGS, ...extraArgs],
      headless: process.env.HEADED !== '1',
    }),
    extraArgs: key,
  };
  return shared.browser;
}
