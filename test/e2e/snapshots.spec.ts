import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type OpenApp } from '../../src-main/app';
import { exportSnapshot } from '../../src-main/snapshot/export';
import { ImportPreviewDialog } from '../../src-renderer/features/snapshots/snapshots.page';
import type { Snapshot } from '../../src-shared/snapshot/format';
import { MainWindow } from '../../src-renderer/features/shell/shell.page';
import { expect, test } from './fixtures';

const acme = { code: 'ACME', name: 'Acme Corporation', city: 'Berlin' };

async function call<T>(
  envelope: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const result = await envelope;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/**
 * Two copies share a customer, then each changes its city without seeing the other; the
 * window's copy has the later write. Returns the other copy's snapshot file.
 */
async function conflictBetween(mine: OpenApp): Promise<{ file: string; id: string; other: OpenApp }> {
  const dir = mkdtempSync(join(tmpdir(), 'sa-e2e-snap-'));
  const other = await openApp(join(dir, 'other.sqlite'));
  const customer = await call(other.call('customers:create', acme));
  const base = join(dir, 'base.sasnap');
  await exportSnapshot(other.context, base);
  const opened = await call(
    mine.call('snapshots:openBytes', { fileName: 'base.sasnap', base64: readFileSync(base).toString('base64') }),
  );
  await call(mine.call('snapshots:apply', { previewId: opened.previewId, resolutions: {} }));
  await call(other.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Munich' } }));
  await call(other.call('customers:create', { code: 'GLOBEX', name: 'Globex' }));
  // A new default service: every customer on defaults gains it.
  const email = await call(other.call('services:create', { name: 'Email' }));
  other.context.write(['defaultService'], (batch) => {
    other.conn.sqlite
      .prepare('INSERT INTO default_service (service_id, granted, stamp) VALUES (?, 1, ?)')
      .run(email.id, batch.stamp);
  });
  await call(mine.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Hamburg' } }));
  const file = join(dir, 'other.sasnapz');
  await exportSnapshot(other.context, file);
  return { file, id: customer.id, other };
}

for (const [choice, city] of [
  ['Take theirs', 'Munich'],
  ['Keep mine', 'Hamburg'],
] as const) {
  test(`import a snapshot with a conflict, resolved "${choice}"`, async ({ launch }) => {
    const launched = await launch();
    const { page, app } = launched;
    const { file, id, other } = await conflictBetween(app);
    try {
      launched.setFiles({ open: file });
      await new MainWindow(page).button('Import snapshot…').click();
      const preview = new ImportPreviewDialog(page);
      await expect(preview.dialog).toBeVisible();
      await expect(preview.dialog.getByRole('note')).toContainText('other.sasnapz: exported by');
      await expect(preview.section('Access changes')).toContainText('ACME · Acme Corporation gains Email');
      await expect(preview.section('Added')).toContainText('GLOBEX · Globex');
      const group = 'ACME · Acme Corporation · city';
      await expect(preview.conflict(group)).toBeVisible();
      await expect(preview.section('Conflicts')).toContainText('Mine: Hamburg; theirs: Munich');
      // The window's write is the later one: "Keep mine" is the default.
      await expect(preview.conflict(group).getByRole('radio', { name: 'Keep mine' })).toBeChecked();
      await preview.choose(group, choice);
      if (choice === 'Take theirs') await expect(preview.section('Changed')).toContainText('city: Hamburg → Munich');
      await preview.apply();
      await expect(preview.summary).toContainText(
        `Imported: 3 added, ${choice === 'Take theirs' ? 1 : 0} changed, 0 removed. Conflicts decided: 1.`,
      );
      await expect(preview.summary).toContainText('before-import');
      const customer = await call(app.call('customers:get', { id }));
      expect(customer.city).toBe(city);
      await preview.dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
      await expect(page.getByRole('region', { name: 'Customers' })).toContainText('GLOBEX');

      // Importing the same file again: nothing to import.
      await new MainWindow(page).button('Import snapshot…').click();
      await expect(preview.dialog.getByRole('status')).toContainText('Nothing to import');
    } finally {
      await other.close();
    }
  });
}

test('Cancel in the preview leaves everything as it was; export writes a file', async ({ launch }) => {
  const launched = await launch({ seed: 'sample' });
  const { page, app } = launched;
  const { file, other } = await conflictBetween(app);
  try {
    const before = app.conn.sqlite.prepare('SELECT count(*) AS n, max(id) AS last FROM audit_event').get();
    launched.setFiles({ open: file });
    await new MainWindow(page).button('Import snapshot…').click();
    const preview = new ImportPreviewDialog(page);
    await preview.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(preview.dialog).toBeHidden();
    expect(app.conn.sqlite.prepare('SELECT count(*) AS n, max(id) AS last FROM audit_event').get()).toEqual(before);

    const out = join(mkdtempSync(join(tmpdir(), 'sa-e2e-export-')), 'mine.sasnap');
    launched.setFiles({ save: out });
    await new MainWindow(page).button('Export snapshot…').click();
    await expect(new MainWindow(page).status).toContainText(`exported to ${out}`);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Snapshot).header.counts.customers).toBeGreaterThan(200);
  } finally {
    await other.close();
  }
});

test('a snapshot dropped on the window opens the import preview', async ({ launch }) => {
  const launched = await launch();
  const { page, app } = launched;
  const { file, other } = await conflictBetween(app);
  try {
    const base64 = readFileSync(file).toString('base64');
    // The page has no node types: the drop is dispatched from a script string.
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped.sasnapz'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true, bubbles: true }));
    })()`);
    const preview = new ImportPreviewDialog(page);
    await expect(preview.dialog.getByRole('note')).toContainText('dropped.sasnapz: exported by');
    await expect(preview.section('Conflicts')).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  } finally {
    await other.close();
  }
});

test('review a snapshot read-only and save a printable report', async ({ launch }) => {
  const launched = await launch();
  const { page, app } = launched;
  const { file, other } = await conflictBetween(app);
  try {
    const before = app.conn.sqlite.prepare('SELECT count(*) AS n, max(id) AS last FROM audit_event').get();
    launched.setFiles({ open: file });
    await new MainWindow(page).button('Review snapshot…').click();
    const dialog = page.getByRole('dialog', { name: 'Review snapshot' });
    await expect(dialog).toContainText('Comparing other.sasnapz with the data on this computer.');
    const incoming = dialog.getByRole('region', { name: 'What other.sasnapz would change here' });
    await expect(incoming).toContainText('GLOBEX · Globex');
    const report = join(mkdtempSync(join(tmpdir(), 'sa-e2e-report-')), 'report.html');
    launched.setFiles({ save: report });
    await dialog.getByRole('button', { name: 'Save report (HTML)…' }).click();
    await expect(new MainWindow(page).status).toContainText(`Report saved to ${report}`);
    expect(readFileSync(report, 'utf8')).toContain('Customers per service');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    expect(app.conn.sqlite.prepare('SELECT count(*) AS n, max(id) AS last FROM audit_event').get()).toEqual(before);
  } finally {
    await other.close();
  }
});
