import { z } from 'zod';
import { method, noInput } from '../method';

/** The window's colours: the operating system's choice, or always light or dark. */
export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

export type Settings = {
  /** The admin's name recorded with every change. */
  readonly actor: string;
  /** What the name falls back to: the operating system's user name. */
  readonly defaultActor: string;
  /** This computer's name, recorded with every change as the device. */
  readonly device: string;
  readonly deviceId: string;
  /** How many backups of the database (taken before each import and restore) are kept. */
  readonly keepBackups: number;
  readonly theme: Theme;
};

/** The most backups the setting allows: each is a full copy of the database. */
export const MAX_KEEP_BACKUPS = 100;

export const setActorSchema = z.object({
  /** Empty means: use the operating system's user name again. */
  actor: z.string().trim().max(100, 'At most 100 characters'),
});

export const setKeepBackupsSchema = z.object({
  keepBackups: z
    .number()
    .int('A whole number')
    .min(1, 'At least 1')
    .max(MAX_KEEP_BACKUPS, `At most ${MAX_KEEP_BACKUPS}`),
});

export const setThemeSchema = z.object({ theme: themeSchema });

export const settingsMethods = {
  'settings:get': method<typeof noInput, Settings>(noInput),
  /** Changes the admin's name shown with every later change; the change itself is audited. */
  'settings:setActor': method<typeof setActorSchema, Settings>(setActorSchema),
  /** Changes how many backups are kept; older ones beyond it are removed at once. Audited. */
  'settings:setKeepBackups': method<typeof setKeepBackupsSchema, Settings>(setKeepBackupsSchema),
  /** This computer's theme; a display preference, not audited. */
  'settings:setTheme': method<typeof setThemeSchema, Settings>(setThemeSchema),
} as const;
