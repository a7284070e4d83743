import { existsSync } from 'node:fs';
import { app, dialog, screen, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { DesktopPreferences } from './preferences';
import { clampBounds, type Rect } from './windowState';

// The Electron side of the desktop preferences: thin glue over the tested pure parts.

export const WINDOW_DEFAULT = { width: 1280, height: 820 } as const;
export const WINDOW_MINIMUM = { width: 900, height: 560 } as const;

/** The saved window bounds, fitted to the displays there are now; the default size otherwise. */
export function restoredBounds(prefs: DesktopPreferences): Partial<Rect> {
  const saved = prefs.windowState();
  if (!saved) return WINDOW_DEFAULT;
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map(
    (display) => display.workArea,
  );
  return clampBounds(saved, areas, WINDOW_MINIMUM) ?? WINDOW_DEFAULT;
}

/** Maximises the window if it was, and saves its bounds and state whenever it closes. */
export function rememberWindow(window: BrowserWindow, prefs: DesktopPreferences): void {
  if (prefs.windowState()?.maximized) window.maximize();
  window.on('close', () => prefs.setWindowState({ ...window.getNormalBounds(), maximized: window.isMaximized() }));
}

/** On macOS the Dock and the File menu's own recent documents list it too. */
export function osRecentDocument(path: string): void {
  if (process.platform === 'darwin') app.addRecentDocument(path);
}

/** File › "Open recent": the snapshot files opened or exported last, and "Clear recently opened". */
export function recentMenu(prefs: DesktopPreferences | null, open: (path: string) => void, changed: () => void) {
  const recent = prefs?.recent() ?? [];
  const items: MenuItemConstructorOptions[] = recent.map((path) => ({
    label: path,
    click: () => {
      if (existsSync(path)) return open(path);
      // Gone since the menu was built: the list drops it as the menu is built again.
      changed();
      void dialog.showMessageBox({ type: 'warning', message: `${path} is no longer there.` });
    },
  }));
  return {
    label: 'Open recent',
    submenu: [
      ...(items.length > 0 ? items : [{ label: 'No recent snapshots', enabled: false }]),
      { type: 'separator' },
      {
        label: 'Clear recently opened',
        enabled: items.length > 0,
        click: () => {
          prefs?.clearRecent();
          if (process.platform === 'darwin') app.clearRecentDocuments();
          changed();
        },
      },
    ],
  } satisfies MenuItemConstructorOptions;
}
