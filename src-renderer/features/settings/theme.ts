import type { Theme } from '../../../src-shared/ipc/methods/settings';
import { call } from '../../api';

/**
 * Shows the window in `theme`: "system" leaves the colours to the operating system's
 * prefers-color-scheme, "light" and "dark" pin them (the stylesheet reads data-theme).
 */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Applies the saved theme once at start. */
export async function loadTheme(): Promise<void> {
  applyTheme((await call('settings:get', {})).theme);
}
