import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session } from 'electron';
import { EVENT_CHANNEL_PREFIX, RPC_CHANNEL } from '../src-shared/ipc/api';
import type { EventName, EventPayloads } from '../src-shared/ipc/contract';
import { t } from '../src-renderer/i18n';
import { openApp, resolveDbPath, type OpenApp } from './app';
import { restoreConfirmation } from './backupCommands';
import { cliCommands, runCli } from './cli';
import { backupsDir, listBackups } from './db/backups';
import { restoreBackup } from './db/restore';
import { menuTemplate } from './menu';
import {
  CONTENT_SECURITY_POLICY,
  denyPermissions,
  isOwnRendererUrl,
  rendererUrlFor,
  secureWebPreferences,
} from './security';
import { desktopPreferences, readTheme, type DesktopPreferences } from './desktop/preferences';
import { rememberingDialogs } from './desktop/fileDialogs';
import * as shell from './desktop/shell';
import type { Platform } from './services/context';
import { addPendingFile, snapshotPathIn } from './snapshot/session';

// The same commands as `npm run cli` when the packaged app is started with one of them.
const cliArgs = process.argv.slice(app.isPackaged ? 1 : 2);
if (cliArgs[0] && cliCommands.includes(cliArgs[0])) {
  void runCli(cliArgs).then((code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  let opened: OpenApp | null = null;
  let prefs: DesktopPreferences | null = null;
  const rendererUrl = rendererUrlFor({
    packaged: app.isPackaged,
    env: process.env,
    bundled: pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
  });
  const send = <E extends EventName>(event: E, payload: EventPayloads[E]) =>
    window?.webContents.send(EVENT_CHANNEL_PREFIX + event, payload);
  const recentAdded = (path: string) => {
    shell.osRecentDocument(path);
    setMenu();
  };
  const platform: Platform = {
    ...rememberingDialogs(
      {
        async open(options) {
          const full = { ...options, properties: ['openFile' as const] };
          const result = window ? await dialog.showOpenDialog(window, full) : await dialog.showOpenDialog(full);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        async save(options) {
          const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
          return result.canceled ? null : (result.filePath ?? null);
        },
      },
      () => prefs,
      recentAdded,
    ),
    applyTheme(theme) {
      nativeTheme.themeSource = theme;
    },
  };
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            command: (command) => send('menu:command', { command }),
            restoreBackup: () => void restore(),
            recent: shell.recentMenu(prefs, (path) => openSnapshot(path), setMenu),
          },
          { packaged: app.isPackaged },
        ),
      ),
    );

  // A snapshot file opened with the app goes to the window as a token; the window asks for its preview.
  let loaded = false;
  const waiting: string[] = [];
  const openSnapshot = (path: string) => {
    if (prefs) {
      prefs.addRecent(path);
      recentAdded(path);
    }
    if (loaded) send('snapshot:open', { token: addPendingFile(path) });
    else waiting.push(path);
  };
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openSnapshot(path);
  });
  const fromArgs = snapshotPathIn(cliArgs);
  if (fromArgs) waiting.push(fromArgs);
  app.on('second-instance', (_event, argv) => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
    const path = snapshotPathIn(argv.slice(1));
    if (path) openSnapshot(path);
  });
  app.on('web-contents-created', (_, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void opened?.close());

  await app.whenReady();
  const dbPath = resolveDbPath(process.argv, process.env, app.getPath('userData'));
  const open = async () => {
    const next = await openApp(dbPath, { platform, emit: send, appVersion: app.getVersion() });
    prefs = desktopPreferences(next.conn);
    return next;
  };
  try {
    opened = await open();
  } catch (error) {
    dialog.showErrorBox('Service Allocator cannot open its database', (error as Error).message);
    app.exit(2);
    return;
  }
  nativeTheme.themeSource = readTheme(opened.conn);
  session.defaultSession.webRequest.onHeadersReceived((details, respond) =>
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
  );
  denyPermissions(session.defaultSession);
  ipcMain.handle(RPC_CHANNEL, (event, method: unknown, input: unknown) => {
    // Only the app's own page in its own window may call.
    if (
      !window ||
      event.sender !== window.webContents ||
      !isOwnRendererUrl(event.senderFrame?.url ?? '', rendererUrl)
    ) {
      return { ok: false, error: { code: 'refused', message: 'Calls are accepted only from the app window.' } };
    }
    if (!opened) return { ok: false, error: { code: 'busy', message: 'A backup is being restored; wait a moment.' } };
    return opened.dispatch(method, input);
  });

  const preferences = desktopPreferences(opened.conn);
  window = new BrowserWindow({
    ...shell.restoredBounds(preferences),
    minWidth: shell.WINDOW_MINIMUM.width,
    minHeight: shell.WINDOW_MINIMUM.height,
    title: 'Service Allocator',
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs'), {
      packaged: app.isPackaged,
    }),
  });
  shell.rememberWindow(window, preferences);
  window.once('ready-to-show', () => window?.show());
  // File → Restore backup…: choose a backup, confirm with its date, swap the database, reload.
  const restore = async () => {
    const current = opened;
    if (!window || !current) return;
    if (listBackups(dbPath).length === 0) {
      await dialog.showMessageBox(window, { type: 'info', message: t('restore.none') });
      return;
    }
    const chosen = await dialog.showOpenDialog(window, {
      title: t('restore.choose'),
      defaultPath: backupsDir(dbPath),
      properties: ['openFile'],
      filters: [{ name: t('restore.filter'), extensions: ['sqlite'] }],
    });
    const path = chosen.canceled ? undefined : chosen.filePaths[0];
    if (!path) return;
    try {
      const { message, detail, buttons } = restoreConfirmation(dbPath, path);
      const answer = await dialog.showMessageBox(window, {
        type: 'warning',
        message,
        detail,
        buttons,
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (answer.response !== 0) return;
      opened = null;
      try {
        await restoreBackup(current, path);
      } finally {
        await current.close();
        opened = await open();
      }
      window.reload();
    } catch (error) {
      dialog.showErrorBox(t('restore.failed'), (error as Error).message);
    }
  };
  setMenu();
  await window.loadURL(rendererUrl);
  loaded = true;
  for (const path of waiting.splice(0)) openSnapshot(path);
}
