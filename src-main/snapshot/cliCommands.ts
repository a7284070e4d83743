import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { ImportPreview } from '../../src-shared/snapshot/plan';
import type { OpenApp } from '../app';
import { fileError, openDatabase } from '../db/connection';
import { applySnapshot, hasWrites, planAgainstLocal } from './apply';
import { exportSnapshot, wantsGzip } from './export';
import { fromMergePlan, type ImportPlan } from './stream';
import { compareSides, reportCsv, reportData, reportHtml, type Side } from './report';
import { readSnapshotFile, previewOf } from './session';
import { readBody } from './rows';
import { writeAtomically } from './export';

/** Exit status: 0 done, 1 nothing to do, 2 refused (docs/ARCHITECTURE.md#command-line). */
export const EXIT = { done: 0, nothing: 1, refused: 2 } as const;
export type Output = { out: (text: string) => void; err: (text: string) => void };

function show(value: unknown): string {
  return value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The plan as text, in the preview's order: access changes first. */
export function describePlan(plan: ImportPlan | ImportPreview): string {
  const lines: string[] = [];
  const list = <T>(title: string, items: readonly T[], line: (item: T) => string, count = items.length) => {
    if (count === 0) return;
    lines.push(`${title} (${count}):`);
    for (const item of items) lines.push(`  ${line(item)}`);
    // Lists are capped (PREVIEW_LIST_LIMIT); the count is the true one.
    if (count > items.length) lines.push(`  … and ${count - items.length} more`);
  };
  const { counts } = plan;
  list(
    'Access changes',
    plan.accessChanges,
    (change) =>
      `${change.label}: ${[...change.gained.map((path) => `+${path}`), ...change.lost.map((path) => `−${path}`)].join(', ')}`,
    counts.accessChanges,
  );
  list('Added', plan.added, (change) => change.label, counts.added);
  list(
    'Changed',
    plan.changed,
    (change) =>
      `${change.label}: ${change.fields.map((field) => `${field.field}: ${show(field.mine)} → ${show(field.theirs)} (${field.by}, ${field.at})`).join('; ')}`,
    counts.changed,
  );
  list('Removed', plan.removed, (change) => change.label, counts.removed);
  list(
    'Conflicts',
    plan.conflicts,
    (conflict) =>
      `${conflict.label} · ${conflict.field}: mine ${show(conflict.mine)} / theirs ${show(conflict.theirs)} (${conflict.reason}; default: ${conflict.defaultChoice === 'mine' ? 'keep mine' : 'take theirs'})`,
    counts.conflicts,
  );
  list(
    'Identity collisions',
    plan.collisions,
    (collision) => `${collision.label}: "${collision.naturalKey}" is another record here (default: keep both, rename)`,
  );
  list('Renamed to stay unique', plan.renamed, (text) => text);
  list('Service loops broken', plan.cyclesBroken, (text) => text);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export async function cliExport(app: OpenApp, out: string, output: Output): Promise<number> {
  const result = await exportSnapshot(app.context, out, wantsGzip(out));
  const counts = Object.entries(result.counts)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  output.out(`Snapshot written to ${out} (${result.bytes} bytes): ${counts}\n`);
  return EXIT.done;
}

export async function cliImport(
  app: OpenApp,
  file: string,
  options: { dryRun: boolean; yes: boolean },
  output: Output,
): Promise<number> {
  const source = { kind: 'file', path: file } as const;
  const show = (plan: ImportPlan): void => {
    const { header, counts } = plan;
    output.out(
      `Snapshot ${basename(file)} from ${header.exporter} on ${header.deviceName}, ${header.exportedAt}, app ${header.appVersion}\n`,
    );
    if (!hasWrites(plan)) return;
    output.out(describePlan(plan));
    output.out(
      `Summary: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed, ${counts.conflicts} conflicts, ${counts.collisions} identity collisions\n`,
    );
  };
  const nothing = () => {
    output.out('Nothing to import: this database is already in step with the snapshot.\n');
    return EXIT.nothing;
  };
  if (options.dryRun) {
    const plan = await planAgainstLocal(app.context, source, {});
    show(plan);
    if (!hasWrites(plan)) return nothing();
    output.out('Dry run: nothing was changed.\n');
    return EXIT.done;
  }
  // One pass over the file: the plan is shown as the import made it, before it is committed, and
  // an import that needs decisions not given is rolled back.
  const summary = await applySnapshot(
    app.context,
    source,
    {},
    {
      review: (plan) => {
        show(plan);
        if (!options.yes && plan.counts.conflicts + plan.counts.collisions > 0) {
          throw new ServiceError(
            'refused',
            'the snapshot has conflicts or identity collisions that need a decision. Review them in the app, or run again with --yes to accept the defaults shown above. Nothing was changed.',
          );
        }
      },
    },
  );
  if (!summary) return nothing();
  output.out(
    `Imported: ${summary.added} added, ${summary.changed} changed, ${summary.removed} removed. Backup: ${summary.backupPath}\n`,
  );
  return EXIT.done;
}

/** A snapshot file or a database file (opened read-only: nothing is written to it). */
export async function readSide(path: string): Promise<Side> {
  if (!existsSync(path)) throw new ServiceError('not-found', `${path} does not exist.`);
  const head = Buffer.alloc(16);
  const file = openSync(path, 'r');
  try {
    readSync(file, head, 0, head.length, 0);
  } finally {
    closeSync(file);
  }
  if (head.toString('latin1').startsWith('SQLite format 3')) {
    const conn = await openDatabase(path, { readonly: true });
    const { sqlite } = conn;
    try {
      const meta = (key: string) =>
        (sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
      const deviceId = meta('device_id') ?? '00000000-0000-4000-8000-000000000000';
      const clock = meta('clock') ?? `${'0'.repeat(15)}:000000:${deviceId}`;
      const body = readBody(sqlite);
      const seen = JSON.parse(meta('snapshot_seen') ?? '{}') as Record<string, string>;
      const counts = Object.fromEntries(
        Object.entries(body).map(([table, rows]) => [table, (rows as unknown[]).length]),
      ) as Side['header']['counts'];
      return {
        name: basename(path),
        header: {
          snapshotId: deviceId,
          appVersion: '',
          schemaVersion: 1,
          deviceId,
          deviceName: basename(path),
          exporter: '',
          exportedAt: new Date().toISOString(),
          clock,
          seen,
          counts,
          bodySha256: '0'.repeat(64),
        },
        body,
        seen,
      };
    } catch (error) {
      throw fileError(error, path);
    } finally {
      await conn.close();
    }
  }
  const snapshot = await readSnapshotFile(path);
  return {
    name: basename(path),
    header: snapshot.header,
    body: snapshot.body,
    seen: { ...snapshot.header.seen, [snapshot.header.deviceId]: snapshot.header.clock },
  };
}

export async function cliDiff(a: string, b: string, output: Output): Promise<number> {
  const left = await readSide(a);
  const right = await readSide(b);
  const plan = compareSides(left, right);
  const preview = previewOf(
    '',
    {
      fileName: right.name,
      exporter: right.header.exporter,
      deviceName: right.header.deviceName,
      deviceId: right.header.deviceId,
      exportedAt: right.header.exportedAt,
      appVersion: right.header.appVersion,
      counts: right.header.counts,
    },
    fromMergePlan(right.header, plan),
    false,
  );
  if (plan.added.length + plan.changed.length + plan.removed.length === 0) {
    output.out(`No differences: ${left.name} already has everything in ${right.name}.\n`);
    return EXIT.nothing;
  }
  output.out(`What importing ${right.name} into ${left.name} would do:\n`);
  output.out(describePlan(preview));
  return EXIT.done;
}

export async function cliReport(source: string, out: string, output: Output): Promise<number> {
  const data = reportData(await readSide(source), null);
  const html = /\.html?$/i.test(out);
  if (!html && !/\.csv$/i.test(out))
    throw new ServiceError('invalid-input', 'the report file must end in .csv or .html.');
  writeAtomically(out, Buffer.from(html ? reportHtml(data) : reportCsv(data), 'utf8'));
  output.out(
    `Report of ${data.title} written to ${out}: ${data.services.length} services, ${data.onDefaults} customers on defaults, ${data.onSpecific} on specific services\n`,
  );
  return EXIT.done;
}
