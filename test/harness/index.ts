import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, type OpenApp } from '../../src-main/app';
import { rememberingDialogs } from '../../src-main/desktop/fileDialogs';
import { desktopPreferences, type DesktopPreferences } from '../../src-main/desktop/preferences';
import type { Platform } from '../../src-main/services/context';
import { sampleSizesSchema } from '../../src-shared/ipc/contract';
import { sharedBrowser } from './browser';
import { removeDatabase, sampleDatabase } from './fixtures';
import { serveRenderer } from './server';

export type LaunchOptions = {
  /** An existing or new SQLite file; a fresh temporary one when absent (removed on close). */
  dbPath?: string;
  /** 'sample' loads the default sample; any size below implies 'sample' with those sizes. */
  seed?: 'empty' | 'sample';
  customers?: number;
  services?: number;
  assignments?: number;
  /** Answers for the file dialogs the Electron shell would show. */
  files?: { open?: string | null; save?: string | null };
  viewport?: { width: number; height: number };
};

export type LaunchedApp = {
  page: Page;
  dbPath: string;
  close(): Promise<void>;
  /** The main-process side: the same handlers, for arranging data and checking results. */
  app: OpenApp;
  /** Sets what the next open/save file dialog answers. */
  setFiles: (files: { open?: string | null; save?: string | null }) => void;
  /** Where each file dialog so far started (its default path), as the shell's dialog was asked. */
  readonly dialogStarts: readonly (string | undefined)[];
};

const BINDING = '__serviceAllocatorRpc';
const EMIT = '__serviceAllocatorEmit';

/**
 * What the preload does in Electron, as plain JavaScript (a string, so no transpiler helper
 * leaks into the page): `window.api = { call, on }`, calls going to the real dispatcher.
 */
const bridgeScript = `(() => {
  const listeners = new Map();
  Object.defineProperty(window, ${JSON.stringify(EMIT)}, {
    value: (name, payload) => listeners.get(name)?.forEach((listener) => listener(payload)),
  });
  Object.defineProperty(window, 'api', {
    value: Object.freeze({
      call: async (method, input) => JSON.parse(await window[${JSON.stringify(BINDING)}](method, JSON.stringify(input ?? null))),
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => void set.delete(listener);
      },
    }),
  });
})();`;

/**
 * Opens the built renderer in Debian's Chromium with `window.api` bound to the real
 * main-process handler map over a SQLite file, through the same contract and envelope the
 * preload uses.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const temporary = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'service-allocator-'));
  const dbPath = options.dbPath ?? join(temporary ?? '.', 'service-allocator.sqlite');
  const sized = options.customers !== undefined || options.services !== undefined || options.assignments !== undefined;
  if (options.seed === 'sample' || sized) {
    const sizes = sampleSizesSchema.parse({
      customers: options.customers,
      services: options.services,
      assignments: options.assignments,
    });
    await sampleDatabase(dbPath, sizes);
  }

  let files = { open: options.files?.open ?? null, save: options.files?.save ?? null };
  // The app's own remembering dialogs over stand-ins for the shell's, which answer `files`.
  const dialogStarts: (string | undefined)[] = [];
  let prefs: DesktopPreferences | null = null;
  const answer = (defaultPath: string | undefined, path: string | null) => {
    dialogStarts.push(defaultPath);
    return path;
  };
  const platform: Platform = rememberingDialogs(
    {
      open: ({ defaultPath }) => Promise.resolve(answer(defaultPath, files.open)),
      save: ({ defaultPath }) => Promise.resolve(answer(defaultPath, files.save)),
    },
    () => prefs,
    () => undefined,
  );
  let page: Page | null = null;
  const app = await openApp(dbPath, {
    platform,
    appVersion: 'harness',
    emit: (event, payload) => {
      page
        ?.evaluate(`window[${JSON.stringify(EMIT)}](${JSON.stringify(event)}, ${JSON.stringify(payload)})`)
        .catch(() => undefined);
    },
  });
  prefs = desktopPreferences(app.conn);
  const server = await serveRenderer();
  const browser = await sharedBrowser();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  // Values cross as one JSON string each way: like Electron's structured clone for the plain
  // JSON the contract allows, and far faster through the DevTools protocol than object graphs.
  await context.exposeBinding(BINDING, async (_source, method: unknown, input: string) =>
    JSON.stringify(await app.dispatch(method, JSON.parse(input))),
  );
  await context.addInitScript({ content: bridgeScript });
  page = await context.newPage();
  await page.goto(server.url);

  return {
    page,
    dbPath,
    app,
    dialogStarts,
    setFiles(next) {
      files = { ...files, ...next };
    },
    async close() {
      await context.close();
      await server.close();
      await app.close();
      if (temporary) removeDatabase(dbPath);
    },
  };
}
