import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type MenuItemConstructorOptions } from 'electron';
import { EVENT_CHANNEL_PREFIX, RPC_CHANNEL } from '../src-shared/ipc/api';
import type { EventName, EventPayloads } from '../src-shared/ipc/contract';
import type { MenuCommand } from '../src-shared/ipc/menu';
import { openApp, resolveDbPath, type OpenApp } from './app';
import { cliCommands, runCli } from './cli';
import { CONTENT_SECURITY_POLICY, isOwnRendererUrl, secureWebPreferences } from './security';
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
  const rendererUrl =
    process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
  const send = <E extends EventName>(event: E, payload: EventPayloads[E]) =>
    window?.webContents.send(EVENT_CHANNEL_PREFIX + event, payload);
  const platform: Platform = {
    async chooseOpenPath({ title, extensions }) {
      const options = {
        title,
        properties: ['openFile' as const],
        filters: [{ name: title, extensions: [...extensions] }],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath({ title, defaultName, extensions }) {
      const options = { title, defaultPath: defaultName, filters: [{ name: title, extensions: [...extensions] }] };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };

  // A snapshot file opened with the app goes to the window as a token; the window asks for its preview.
  let loaded = false;
  const waiting: string[] = [];
  const openSnapshot = (path: string) =>
    loaded ? send('snapshot:open', { token: addPendingFile(path) }) : waiting.push(path);
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
  try {
    opened = await openApp(resolveDbPath(process.argv, process.env, app.getPath('userData')), {
      platform,
      emit: send,
      appVersion: app.getVersion(),
    });
  } catch (error) {
    dialog.showErrorBox('Service Allocator cannot open its database', (error as Error).message);
    app.exit(2);
    return;
  }
  const dispatch = opened.dispatch;
  session.defaultSession.webRequest.onHeadersReceived((details, respond) =>
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
  );
  session.defaultSession.setPermissionRequestHandler((_, __, allow) => allow(false));
  ipcMain.handle(RPC_CHANNEL, (event, method: unknown, input: unknown) => {
    // Only the app's own page in its own window may call.
    if (
      !window ||
      event.sender !== window.webContents ||
      !isOwnRendererUrl(event.senderFrame?.url ?? '', rendererUrl)
    ) {
      return { ok: false, error: { code: 'refused', message: 'Calls are accepted only from the app window.' } };
    }
    return dispatch(method, input);
  });

  window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Service Allocator',
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window?.show());
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate((command) => send('menu:command', { command }))));
  await window.loadURL(rendererUrl);
  loaded = true;
  for (const path of waiting.splice(0)) openSnapshot(path);
}

function menuTemplate(command: (name: MenuCommand) => void): MenuItemConstructorOptions[] {
  return [
    {
      label: 'File',
      submenu: [
        { label: 'Import snapshot…', accelerator: 'CmdOrCtrl+O', click: () => command('import-snapshot') },
        { label: 'Export snapshot…', accelerator: 'CmdOrCtrl+E', click: () => command('export-snapshot') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Add customer', accelerator: 'CmdOrCtrl+N', click: () => command('add-customer') },
        { label: 'Add service', accelerator: 'CmdOrCtrl+Shift+N', click: () => command('add-service') },
        { label: 'Edit default services', click: () => command('edit-defaults') },
        { type: 'separator' },
        { role: 'undo' },
        { role: 'redo' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Audit log', click: () => command('audit-log') },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
