import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import { buildSnapshot, encodeSnapshot, exportSnapshot } from '../../src-main/snapshot/export';
import { addPendingFile, snapshotPathIn } from '../../src-main/snapshot/session';
import { acme, failed, ok, tempDir, testApp } from './helpers';
import { everything, fileHash, settledHash } from './snapshot-helpers';

function withFiles(app: OpenApp, files: { open?: string; save?: string }) {
  Object.assign(app.context, {
    platform: {
      chooseOpenPath: () => Promise.resolve(files.open ?? null),
      chooseSavePath: () => Promise.resolve(files.save ?? null),
    },
  });
}

describe('offline review and reports', () => {
  it('opens a snapshot read-only, compares both ways with this copy and with another snapshot, and writes nothing', async () => {
    const dir = tempDir();
    const a = await testApp();
    const customer = ok(await a.call('customers:create', acme));
    const first = join(dir, 'first.sasnap');
    await exportSnapshot(a.context, first);
    ok(await a.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Munich' } }));
    ok(await a.call('customers:create', { code: 'GLOBEX', name: 'Globex' }));
    const second = join(dir, 'second.sasnapz');
    await exportSnapshot(a.context, second);

    const b = await testApp();
    ok(await b.call('customers:create', { code: 'LOCAL', name: 'Only here' }));
    const rows = everything(b);
    const hash = settledHash(b);
    withFiles(b, { open: second });
    const opened = ok(await b.call('snapshots:review', {}));
    expect(opened).toMatchObject({ fileName: 'second.sasnapz' });
    const local = ok(await b.call('snapshots:compare', { left: 'local', right: opened?.previewId ?? '' }));
    expect(local.incoming.added.map((change) => change.label).sort()).toEqual([
      'ACME · Acme Corporation',
      'GLOBEX · Globex',
    ]);
    expect(local.outgoing.added.map((change) => change.label)).toEqual(['LOCAL · Only here']);

    withFiles(b, { open: first });
    const older = ok(await b.call('snapshots:review', {}));
    const between = ok(
      await b.call('snapshots:compare', { left: older?.previewId ?? '', right: opened?.previewId ?? '' }),
    );
    expect(between.incoming.changed).toEqual([
      expect.objectContaining({
        label: 'ACME · Acme Corporation',
        fields: [expect.objectContaining({ field: 'city', mine: 'Berlin', theirs: 'Munich' })],
      }),
    ]);
    expect(between.incoming.added.map((change) => change.label)).toEqual(['GLOBEX · Globex']);
    expect(between.outgoing.inStep).toBe(true);

    const csv = join(dir, 'report.csv');
    const html = join(dir, 'report.html');
    withFiles(b, { save: csv });
    expect(
      ok(
        await b.call('snapshots:report', {
          source: opened?.previewId ?? '',
          against: older?.previewId ?? null,
          format: 'csv',
        }),
      ),
    ).toEqual({ path: csv });
    withFiles(b, { save: html });
    ok(await b.call('snapshots:report', { source: opened?.previewId ?? '', against: 'local', format: 'html' }));
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain('access mode,defaults,2');
    expect(text).toContain('change,ACME · Acme Corporation,changed,city: Berlin → Munich');
    expect(readFileSync(html, 'utf8')).toMatch(/<h2>Changes<\/h2><table>.*GLOBEX · Globex/s);

    expect(everything(b)).toEqual(rows);
    expect(fileHash(b.dbPath)).toBe(hash);
  });

  it('the report escapes HTML and defuses spreadsheet formulas', async () => {
    const dir = tempDir();
    const a = await testApp();
    ok(await a.call('services:create', { name: '<script>alert(1)</script>' }));
    ok(await a.call('services:create', { name: '=SUM(1+1)' }));
    const snap = join(dir, 's.sasnap');
    await exportSnapshot(a.context, snap);
    const b = await testApp();
    withFiles(b, { open: snap, save: join(dir, 'r.html') });
    const opened = ok(await b.call('snapshots:review', {}));
    ok(await b.call('snapshots:report', { source: opened?.previewId ?? '', against: 'local', format: 'html' }));
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    withFiles(b, { save: join(dir, 'r.csv') });
    ok(await b.call('snapshots:report', { source: opened?.previewId ?? '', against: null, format: 'csv' }));
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toContain(`service customers,'=SUM(1+1),0,`);
  });

  it('a file the OS opens reaches the preview through a one-time token', async () => {
    const dir = tempDir();
    const a = await testApp();
    ok(await a.call('customers:create', acme));
    const path = join(dir, 'x.sasnap');
    writeFileSync(path, await encodeSnapshot(buildSnapshot(a.context), false));
    expect(snapshotPathIn(['--db', 'x.sqlite', path])).toBe(path);
    expect(snapshotPathIn(['--inspect', 'notes.txt'])).toBeNull();
    const b = await testApp();
    const token = addPendingFile(path);
    const preview = ok(await b.call('snapshots:openPending', { token }));
    expect(preview.added.map((change) => change.label)).toEqual(['ACME · Acme Corporation']);
    expect(failed(await b.call('snapshots:openPending', { token })).code).toBe('not-found');
  });
});
