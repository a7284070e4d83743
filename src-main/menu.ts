import type { MenuItemConstructorOptions } from 'electron';
import { t } from '../src-renderer/i18n';
import type { MenuCommand } from '../src-shared/ipc/menu';

export type MenuActions = {
  /** A command the window carries out (sent as `menu:command`). */
  readonly command: (name: MenuCommand) => void;
  /** Restore backup…: main's own, as it closes and reopens the database. */
  readonly restoreBackup: () => void;
  /** File → Open recent, built from this computer's recent snapshots. */
  readonly recent: MenuItemConstructorOptions;
};

/** The application menu; DevTools and Reload only in development. */
export function menuTemplate(
  actions: MenuActions,
  options: { readonly packaged: boolean },
): MenuItemConstructorOptions[] {
  const { command } = actions;
  const development: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [{ role: 'reload' }, { role: 'toggleDevTools' }];
  return [
    {
      label: 'File',
      submenu: [
        { label: 'Import snapshot…', accelerator: 'CmdOrCtrl+O', click: () => command('import-snapshot') },
        { label: 'Export snapshot…', accelerator: 'CmdOrCtrl+E', click: () => command('export-snapshot') },
        actions.recent,
        { type: 'separator' },
        { label: t('restore.menu'), click: () => actions.restoreBackup() },
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
        ...development,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
