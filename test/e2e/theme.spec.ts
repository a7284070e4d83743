import type { Page } from '@playwright/test';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import { expect, test } from './fixtures';

const LIGHT = { background: 'rgb(244, 245, 247)', text: 'rgb(29, 35, 48)', panel: 'rgb(255, 255, 255)' };
const DARK = { background: 'rgb(21, 24, 30)', text: 'rgb(230, 233, 239)', panel: 'rgb(30, 34, 42)' };

/** The window's colours as the browser computed them: the page, its text, and a dialog's panel. */
function colours(page: Page): Promise<{ background: string; text: string; panel: string | null }> {
  return page.evaluate(`(() => {
    const root = getComputedStyle(document.documentElement);
    const dialog = document.querySelector('[role="dialog"]');
    return {
      background: root.backgroundColor,
      text: root.color,
      panel: dialog ? getComputedStyle(dialog).backgroundColor : null,
    };
  })()`);
}

async function chooseTheme(page: Page, label: 'Same as the system' | 'Light' | 'Dark'): Promise<void> {
  await new MainWindow(page).button('Settings').click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Theme').selectOption({ label });
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();
}

test('dark mode follows the system, and a choice in Settings pins a theme across restarts', async ({ launch }) => {
  const { page, app } = await launch({ seed: 'empty' });
  await expect(new MainWindow(page).emptyState()).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => colours(page)).toMatchObject({ background: LIGHT.background, text: LIGHT.text });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => colours(page)).toMatchObject({ background: DARK.background, text: DARK.text });
  await new MainWindow(page).button('Settings').click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Theme')).toHaveValue('system');
  await expect.poll(() => colours(page)).toEqual(DARK);
  await page.keyboard.press('Escape');

  // Pinned light while the system is dark, then pinned dark while the system is light.
  await chooseTheme(page, 'Light');
  await expect.poll(() => colours(page)).toMatchObject({ background: LIGHT.background, text: LIGHT.text });
  await chooseTheme(page, 'Dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => colours(page)).toMatchObject({ background: DARK.background, text: DARK.text });
  expect(app.conn.sqlite.prepare(`SELECT value FROM meta WHERE key = 'pref.theme'`).get()).toEqual({
    value: '"dark"',
  });

  // The choice is kept: a new window over the same database starts dark on a light system.
  await page.reload();
  await expect(new MainWindow(page).emptyState()).toBeVisible();
  await expect.poll(() => colours(page)).toMatchObject({ background: DARK.background, text: DARK.text });
  await chooseTheme(page, 'Same as the system');
  await expect.poll(() => colours(page)).toMatchObject({ background: LIGHT.background, text: LIGHT.text });
});
