import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desktopPreferences } from '../../src-main/desktop/preferences';
import { ImportPreviewDialog } from '../../src-renderer/features/snapshots/snapshots.page';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import { expect, test } from './fixtures';

test('each snapshot dialog starts in the folder its last one ended in; the files join Open recent', async ({
  launch,
}) => {
  const launched = await launch({ seed: 'sample' });
  const { page, app, dialogStarts } = launched;
  const main = new MainWindow(page);
  const root = mkdtempSync(join(tmpdir(), 'sa-e2e-folders-'));
  const exports = join(root, 'exports');
  mkdirSync(exports);
  const first = join(exports, 'first.sasnap');
  const today = new Date().toISOString().slice(0, 10);

  launched.setFiles({ save: first });
  await main.button('Export snapshot…').click();
  await expect(main.status).toContainText(`exported to ${first}`);
  await main.button('Export snapshot…').click();
  await expect(main.status).toContainText(`exported to ${first}`);
  expect(dialogStarts).toEqual([
    `service-allocator-${today}.sasnap`,
    join(exports, `service-allocator-${today}.sasnap`),
  ]);

  // The import dialog has its own folder: none yet, then the one it was last opened from.
  launched.setFiles({ open: first });
  const preview = new ImportPreviewDialog(page);
  // (This copy's own export: the preview says there is nothing to import.)
  for (const _ of [1, 2]) {
    await main.button('Import snapshot…').click();
    await expect(preview.dialog.getByRole('status')).toContainText('Nothing to import');
    await page.keyboard.press('Escape');
    await expect(preview.dialog).toBeHidden();
  }
  expect(dialogStarts.slice(2)).toEqual([undefined, exports]);
  expect(desktopPreferences(app.conn).recent()).toEqual([first]);
});
