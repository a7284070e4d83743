import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sharedBrowser } from '../harness/browser';

// Renders resources/icon.svg to the PNG sizes electron-builder packs (it derives .ico and .icns from them).
const root = resolve(import.meta.dirname, '../..');
const svg = readFileSync(resolve(root, 'resources/icon.svg'), 'utf8');
const browser = await sharedBrowser();
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  const target = size === 1024 ? 'resources/icon.png' : `resources/icons/${size}x${size}.png`;
  await page.screenshot({ path: resolve(root, target), omitBackground: true });
  await page.close();
}
await browser.close();
