/** Events main may push to the renderer; the preload forwards only these. */
export const events = ['data:changed', 'progress', 'menu:command'] as const;
export type EventName = (typeof events)[number];

export type Progress = { readonly task: string; readonly done: number; readonly total: number; readonly label: string };

export type EventPayloads = {
  'data:changed': { readonly entities: readonly string[] };
  progress: Progress;
  'menu:command': { readonly command: string };
};
