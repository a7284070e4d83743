import { localToday, type Stamp } from '../../src-shared/domain';
import { emptyBody, snapshotTables, type SnapshotBody, type SnapshotHeader } from '../../src-shared/snapshot/format';
import type { Resolutions } from '../../src-shared/snapshot/plan';
import type { ServiceContext } from '../services/context';
import { readAliases, readSeen } from './export';
import { fromMergePlan, streamedTables, type ImportPlan, type PlanWriter } from './importPlan';
import type { Row } from './merge';
import { checkConsistency } from './parse';
import { memoByWall, planMerge } from './plan';
import { refuse, type RowReader, type SnapshotHead } from './reader';
import { RowMerger } from './rowMerger';
import { readBody } from './rows';
import { readSource, type SnapshotSource } from './source';

export { fromMergePlan, type ImportPlan, type PlanWriter } from './importPlan';

/**
 * The stamp of the import's own writes (a conflict kept as mine, a stamp from too far ahead), or
 * how to make it from the file's header, once it is read.
 */
export type Restamp = Stamp | ((header: SnapshotHeader) => Stamp);

/**
 * The merge plan of a snapshot against this copy (DESIGN.md §3) without holding the snapshot:
 * customers, services, custom fields, users and links go through the pure plan (planMerge);
 * assignments and default services are merged one row at a time against the local row as the
 * file streams past, in key order, a customer's rows at a time. With `writer` (inside the
 * apply's transaction) every row that changes is written as it is decided, in the app's own page
 * cache (a larger one was measured no faster for a million inserts).
 */
export async function streamPlan(context: ServiceContext, source: SnapshotSource, resolutions: Resolutions, restamp: Restamp, writer?: PlanWriter): Promise<ImportPlan> {
  const isTooFarAhead = memoByWall((stamp: Stamp) => context.clock.isTooFarAhead(stamp));
  const common = { localDeviceId: context.deviceId, localSeen: readSeen(context), aliases: readAliases(context), resolutions, isTooFarAhead, today: localToday() };
  let stamp: Stamp | null = null;
  const baseOf = (header: SnapshotHeader) => ({ ...common, restamp: (stamp ??= typeof restamp === 'string' ? restamp : restamp(header)) });
  const remote: SnapshotBody = emptyBody();
  // A snapshot in memory was checked when it was parsed (or built here); a file is checked as it
  // streams, unless it is pinned to the header of a pass that checked it: then its body's checksum
  // (checked at its end, and any failure rolls the pass back) proves it is the very text checked.
  const checked = source.kind === 'file' && !source.expect;
  let head: SnapshotHead | null = null;
  let merger: RowMerger | null = null;
  /** Found while reading; reported only once the file's checksum and schema are known good. */
  let deferred: Error | null = null;
  const begin = (): RowMerger => {
    if (!head) throw refuse('it is not a Service Allocator snapshot.');
    const base = baseOf(head.header);
    const pre = planMerge({ ...base, local: readBody(context.conn.sqlite, ['assignments', 'defaultServices']), remote: { header: head.header, body: remote }, skipAccess: true });
    // Linked ids would move rows between keys: such an import takes the whole-body plan (the old way, exact).
    const whole = Object.keys(pre.newAliases).length > 0 || Object.keys(common.aliases).length > 0;
    // Parents first: the rows that follow find their customers and services in place.
    if (!whole) writer?.small(pre);
    return new RowMerger(context, head.header, pre, { ...base, checked }, remote, whole ? undefined : writer, whole);
  };
  const reader: RowReader = {
    head: (value) => void (head = value),
    row: (table, row) => {
      writer?.read();
      if (deferred) return;
      if (table !== 'assignments' && table !== 'defaultServices') {
        if (merger) deferred = refuse(`its ${table} come after its assignments; this app writes them before.`);
        else (remote[table] as Row[]).push(row);
        return;
      }
      merger ??= begin();
      try {
        merger.row(table, row);
      } catch (error) {
        deferred = error as Error;
      }
    },
  };
  const { head: read, counts } = await readSource(source, reader);
  head = read;
  for (const table of snapshotTables) {
    if (read.header.counts[table] !== counts[table]) throw refuse(`its header counts ${read.header.counts[table]} ${table} but the file holds ${counts[table]}.`);
  }
  if (deferred) throw deferred;
  merger ??= begin();
  if (merger.whole) {
    if (checked) checkConsistency({ ...read, body: remote });
    const plan = planMerge({ ...baseOf(read.header), local: readBody(context.conn.sqlite), remote: { header: read.header, body: remote } });
    writer?.small(plan);
    await writer?.finish(plan);
    return fromMergePlan(read.header, plan);
  }
  if (checked) checkConsistency({ ...read, body: remote }, streamedTables);
  await merger.writeSmall();
  return merger.finish();
}
