import type { MenuCommand } from './menu';

/** Events main may push to the renderer; the preload forwards only these. */
export const events = ['data:changed', 'progress', 'menu:command', 'snapshot:open'] as const;
export type EventName = (typeof events)[number];

export type Progress = { readonly task: string; readonly done: number; readonly total: number; readonly label: string };

/**
 * Among the `entities` of 'data:changed': only customers' access modes changed (an allocation
 * Save), not which customers there are or what they are called, so lists keep their customers
 * and read the modes again instead of every customer.
 */
export const ACCESS_MODES_CHANGED = 'customer.accessMode';

export type EventPayloads = {
  'data:changed': { readonly entities: readonly string[] };
  progress: Progress;
  'menu:command': { readonly command: MenuCommand };
  /** The OS asked to open a snapshot file; the window opens its import preview with this token. */
  'snapshot:open': { readonly token: string };
};
