import { basename } from 'node:path';
import type { ParsedInputOf } from '../../src-shared/ipc/contract';
import type { Comparison } from '../../src-shared/ipc/methods/snapshots';
import type { MergePlan } from '../snapshot/plan';
import { SNAPSHOT_EXTENSIONS } from '../../src-shared/snapshot/format';
import type { ImportPreview } from '../../src-shared/snapshot/plan';
import type { HandlerGroup } from '../ipc/handlers';
import { applySnapshot } from '../snapshot/apply';
import { buildSnapshot, exportSnapshot, readSeen } from '../snapshot/export';
import { compareSides, reportCsv, reportData, reportHtml, type Side } from '../snapshot/report';
import {
  forget,
  importPreview,
  openedSnapshot,
  openDroppedSnapshot,
  openSnapshotFile,
  readSnapshotFile,
  remember,
  snapshotOf,
  takePendingFile,
  bannerOf,
  previewOf,
} from '../snapshot/session';
import { fromMergePlan } from '../snapshot/stream';
import { writeAtomically } from '../snapshot/export';
import type { ServiceContext } from './context';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function exportChosen(context: ServiceContext) {
  const path = await context.platform.chooseSavePath({
    title: 'Export snapshot',
    defaultName: `service-allocator-${today()}.sasnap`,
    extensions: SNAPSHOT_EXTENSIONS,
    folder: 'export',
  });
  if (!path) return null;
  const { bytes, counts } = await exportSnapshot(context, path);
  return { path, bytes, counts };
}

function openFile(context: ServiceContext, path: string): Promise<ImportPreview> {
  return openSnapshotFile(context, path);
}

async function openChosen(context: ServiceContext): Promise<ImportPreview | null> {
  const path = await context.platform.chooseOpenPath({
    title: 'Import snapshot',
    extensions: SNAPSHOT_EXTENSIONS,
    folder: 'import',
  });
  return path ? openFile(context, path) : null;
}

async function sideOf(context: ServiceContext, source: string): Promise<Side> {
  if (source === 'local') {
    const snapshot = buildSnapshot(context);
    return { name: 'This computer', header: snapshot.header, body: snapshot.body, seen: readSeen(context) };
  }
  const entry = openedSnapshot(source);
  const { fileName } = entry;
  const snapshot = await snapshotOf(entry);
  return {
    name: fileName,
    header: snapshot.header,
    body: snapshot.body,
    seen: { ...snapshot.header.seen, [snapshot.header.deviceId]: snapshot.header.clock },
  };
}

/** Offline review: both directions between this copy (or a snapshot) and a snapshot; nothing is written. */
async function compare(
  context: ServiceContext,
  { left, right }: ParsedInputOf<'snapshots:compare'>,
): Promise<Comparison> {
  const mine = await sideOf(context, left);
  const theirs = await sideOf(context, right);
  const banner = bannerOf(openedSnapshot(right));
  const view = (plan: MergePlan) =>
    previewOf(
      right,
      banner,
      fromMergePlan(theirs.header, plan),
      plan.added.length + plan.changed.length + plan.removed.length === 0,
    );
  return { incoming: view(compareSides(mine, theirs)), outgoing: view(compareSides(theirs, mine)) };
}

async function saveReport(context: ServiceContext, { source, against, format }: ParsedInputOf<'snapshots:report'>) {
  const path = await context.platform.chooseSavePath({
    title: 'Save report',
    defaultName: `service-allocator-report-${today()}.${format}`,
    extensions: [format],
    folder: 'review',
  });
  if (!path) return null;
  const side = await sideOf(context, source);
  // The changes are what happened from `against` to `source`.
  const plan = against ? compareSides(await sideOf(context, against), side) : null;
  const data = reportData(side, plan);
  writeAtomically(path, Buffer.from(format === 'csv' ? reportCsv(data) : reportHtml(data), 'utf8'));
  return { path };
}

export const snapshotHandlers = {
  'snapshots:export': exportChosen,
  'snapshots:open': openChosen,
  'snapshots:openBytes': (context, { fileName, base64 }) =>
    openDroppedSnapshot(context, fileName, Buffer.from(base64, 'base64')),
  'snapshots:openPending': (context, { token }) => openFile(context, takePendingFile(token)),
  'snapshots:preview': (context, { previewId, resolutions }) => importPreview(context, previewId, resolutions),
  'snapshots:apply': async (context, { previewId, resolutions }) => {
    const entry = openedSnapshot(previewId);
    const summary = await applySnapshot(context, entry.source, resolutions, { fingerprint: entry.fingerprint });
    forget(previewId);
    return summary;
  },
  'snapshots:close': (_context, { previewId }) => forget(previewId),
  'snapshots:review': async (context) => {
    const path = await context.platform.chooseOpenPath({
      title: 'Open snapshot for review',
      extensions: SNAPSHOT_EXTENSIONS,
      folder: 'review',
    });
    if (!path) return null;
    const snapshot = await readSnapshotFile(path);
    const previewId = remember(context, snapshot, path);
    return {
      previewId,
      fileName: basename(path),
      exportedAt: snapshot.header.exportedAt,
      exporter: snapshot.header.exporter,
    };
  },
  'snapshots:compare': compare,
  'snapshots:report': saveReport,
} satisfies HandlerGroup<
  | 'snapshots:export'
  | 'snapshots:open'
  | 'snapshots:openBytes'
  | 'snapshots:openPending'
  | 'snapshots:preview'
  | 'snapshots:apply'
  | 'snapshots:close'
  | 'snapshots:review'
  | 'snapshots:compare'
  | 'snapshots:report'
>;
