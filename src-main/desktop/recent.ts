/** How many snapshot files "Open recent" lists. */
export const RECENT_LIMIT = 10;

/** The list with `path` first, once, at most RECENT_LIMIT long. */
export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((entry) => entry !== path)].slice(0, RECENT_LIMIT);
}

/** The entries whose files are still there, in order. */
export function existingRecent(list: readonly string[], exists: (path: string) => boolean): string[] {
  return list.filter((entry) => exists(entry));
}
