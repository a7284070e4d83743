import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchApp } from './index';

// The README's screenshots, taken through the harness with the default sample data: the main
// window (light), and "Services of …" of the first customer with one unsaved change (dark).
const folder = resolve(import.meta.dirname, '../../resources/screenshots');
mkdirSync(folder, { recursive: true });
const app = await launchApp({ seed: 'sample', viewport: { width: 1280, height: 760 } });
const { page } = app;
try {
  await page.emulateMedia({ colorScheme: 'light' });
  const customers = page.getByRole('region', { name: 'Customers' }).getByRole('row');
  await customers.first().waitFor();
  await page.getByRole('region', { name: 'Services' }).getByRole('treeitem').first().waitFor();
  await page.screenshot({ path: resolve(folder, 'main-window.png') });

  await page.emulateMedia({ colorScheme: 'dark' });
  await customers.first().click();
  const list = page.getByRole('dialog').getByRole('grid');
  await list.getByRole('row').first().waitFor();
  await list.getByRole('checkbox').nth(2).check();
  await list.getByRole('row').nth(4).click();
  await page.getByRole('dialog').locator('.allocation-summary').filter({ hasText: '+1' }).waitFor();
  await page.screenshot({ path: resolve(folder, 'services-of-dark.png') });
  console.log(`Saved main-window.png and services-of-dark.png in ${folder}`);
} finally {
  await app.close();
  process.exit(0);
}
