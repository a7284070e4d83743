import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchApp } from './index';

// The README's screenshot: the main window with the default sample data, taken through the harness.
const target = resolve(import.meta.dirname, '../../resources/screenshots/main-window.png');
mkdirSync(resolve(target, '..'), { recursive: true });
const app = await launchApp({ seed: 'sample', viewport: { width: 1280, height: 760 } });
try {
  await app.page.getByRole('region', { name: 'Customers' }).getByRole('row').first().waitFor();
  await app.page.getByRole('region', { name: 'Services' }).getByRole('treeitem').first().waitFor();
  await app.page.screenshot({ path: target });
  console.log(`Saved ${target}`);
} finally {
  await app.close();
  process.exit(0);
}
