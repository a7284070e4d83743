import { extname, join } from 'node:path';
import { SNAPSHOT_EXTENSIONS } from '../../src-shared/snapshot/format';
import type { Platform } from '../services/context';
import type { DesktopPreferences } from './preferences';

type Filters = { name: string; extensions: string[] }[];

/** The shell's own file dialogs (Electron's, in the app), answering a path or null when cancelled. */
export type FileDialogs = {
  open(options: { title: string; defaultPath?: string; filters: Filters }): Promise<string | null>;
  save(options: { title: string; defaultPath?: string; filters: Filters }): Promise<string | null>;
};

function isSnapshot(path: string): boolean {
  return SNAPSHOT_EXTENSIONS.some((extension) => extname(path) === `.${extension}`);
}

/**
 * The platform's file dialogs over the shell's: each snapshot dialog (import, export, review)
 * starts in the folder its last one ended in, and a snapshot file chosen in one joins the recent
 * ones (`onRecent` then lets the shell update its menu and the OS's recent documents).
 */
export function rememberingDialogs(
  dialogs: FileDialogs,
  prefs: () => DesktopPreferences | null,
  onRecent: (path: string) => void,
): Pick<Platform, 'chooseOpenPath' | 'chooseSavePath'> {
  const startIn = (folder: Parameters<DesktopPreferences['folder']>[0] | undefined, name?: string) => {
    const start = folder ? prefs()?.folder(folder) : null;
    return start ? (name ? join(start, name) : start) : name;
  };
  const chosen = (folder: Parameters<DesktopPreferences['folder']>[0] | undefined, path: string | null) => {
    const store = prefs();
    if (!path || !folder || !store) return path;
    store.rememberFolder(folder, path);
    if (isSnapshot(path)) {
      store.addRecent(path);
      onRecent(path);
    }
    return path;
  };
  return {
    chooseOpenPath: async ({ title, extensions, folder }) =>
      chosen(
        folder,
        await dialogs.open({
          title,
          defaultPath: startIn(folder),
          filters: [{ name: title, extensions: [...extensions] }],
        }),
      ),
    chooseSavePath: async ({ title, defaultName, extensions, folder }) =>
      chosen(
        folder,
        await dialogs.save({
          title,
          defaultPath: startIn(folder, defaultName),
          filters: [{ name: title, extensions: [...extensions] }],
        }),
      ),
  };
}
