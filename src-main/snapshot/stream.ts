import { localToday, type Stamp } from '../../src-shared/domain';
import {
  emptyBody,
  snapshotTables,
  type SnapshotBody,
  type SnapshotHeader,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';
import type { Resolutions } from '../../src-shared/snapshot/plan';
import { collectGarbage } from '../memory';
import type { ServiceContext } from '../services/context';
import { readAliases, readSeen } from './export';
import { fromMergePlan, streamedTables, type ImportPlan, type PlanWriter } from './importPlan';
import { indexBody, same, type Indexed, type Row } from './merge';
import { checkConsistency } from './parse';
import { memoByWall, planMerge, slimRecords } from './plan';
import { refuse, type RowReader, type SnapshotHead } from './reader';
import { RowMerger } from './rowMerger';
import { keyOf, readBody } from './rows';
import { readSource, type SnapshotSource } from './source';

export { fromMergePlan, type ImportPlan, type PlanWriter } from './importPlan';

/** Customers, users and the other small tables' records (local and incoming) above which the plan collects its garbage at once. */
const COLLECT_ABOVE_ROWS = 50_000;

/**
 * The stamp of the import's own writes (a conflict kept as mine, a stamp from too far ahead), or
 * how to make it from the file's header, once it is read.
 */
export type Restamp = Stamp | ((header: SnapshotHeader) => Stamp);

/**
 * The merge plan of a snapshot against this copy (docs/ARCHITECTURE.md#the-merge) without holding the snapshot:
 * customers, services, custom fields, users and links go through the pure plan (planMerge);
 * assignments and default services are merged one row at a time against the local row as the
 * file streams past, in key order, a customer's rows at a time. With `writer` (inside the
 * apply's transaction) every row that changes is written as it is decided.
 */
export async function streamPlan(
  context: ServiceContext,
  source: SnapshotSource,
  resolutions: Resolutions,
  restamp: Restamp,
  writer?: PlanWriter,
): Promise<ImportPlan> {
  const isTooFarAhead = memoByWall((stamp: Stamp) => context.clock.isTooFarAhead(stamp));
  const common = {
    localDeviceId: context.deviceId,
    localSeen: readSeen(context),
    aliases: readAliases(context),
    resolutions,
    isTooFarAhead,
    today: localToday(),
  };
  let stamp: Stamp | null = null;
  const baseOf = (header: SnapshotHeader) => ({
    ...common,
    restamp: (stamp ??= typeof restamp === 'string' ? restamp : restamp(header)),
  });
  const remote: SnapshotBody = emptyBody();
  // The local small tables, read at the file's first row. An incoming record equal to its local
  // one is kept as the local object: a re-import holds a hundred thousand customers once, not twice.
  let local: { readonly body: SnapshotBody; index: Indexed | null } | null = null;
  const localOf = () => (local ??= { body: readBody(context.conn.sqlite, streamedTables), index: null });
  const twin = (table: SnapshotTable, row: Row): Row => {
    const known = localOf();
    known.index ??= indexBody(known.body);
    const mine = known.index[table].get(keyOf(table, row));
    return mine !== undefined && same(mine, row) ? mine : row;
  };
  // A snapshot in memory was checked when it was parsed (or built here); a file is checked as it
  // streams, unless it is pinned to the header of a pass that checked it: then its body's checksum
  // (checked at its end, and any failure rolls the pass back) proves it is the very text checked.
  const checked = source.kind === 'file' && !source.expect;
  let head: SnapshotHead | null = null;
  let merger: RowMerger | null = null;
  /** Found while reading; reported only once the file's checksum and schema are known good. */
  const deferred: { error: Error | null } = { error: null };
  const begin = (): RowMerger => {
    if (!head) throw refuse('it is not a Service Allocator snapshot.');
    // The small tables are whole now: checked before anything is written.
    if (checked) checkConsistency({ ...head, body: remote }, streamedTables);
    const base = baseOf(head.header);
    const known = localOf();
    known.index = null;
    // Worth a full collection (tens of milliseconds) only where the records are many.
    const large =
      snapshotTables.reduce((sum, table) => sum + remote[table].length + known.body[table].length, 0) >
      COLLECT_ABOVE_ROWS;
    // The file's records equal to local ones were dropped as they were read: collected now, the
    // plan's own maps grow from what is live, not from a heap sized for twice as much.
    if (large) collectGarbage();
    const pre = planMerge({
      ...base,
      local: known.body,
      remote: { header: head.header, body: remote },
      skipAccess: true,
    });
    // Linked ids would move rows between keys: such an import takes the whole-body plan (the old way, exact).
    const whole = Object.keys(pre.newAliases).length > 0 || Object.keys(common.aliases).length > 0;
    // Parents first: the rows that follow find their customers and services in place.
    if (!whole) writer?.small(pre);
    const rowMerger = new RowMerger(
      context,
      head.header,
      pre,
      { ...base, checked },
      remote,
      whole ? undefined : writer,
      whole,
    );
    if (!whole) {
      // Planned (and written): the streamed rows need only the little slimRecords keeps of them.
      for (const table of snapshotTables) {
        (remote[table] as Row[]).length = 0;
        (known.body[table] as Row[]).length = 0;
      }
      slimRecords(pre);
      // What was let go is most of what the plan held: collected now, the heap stays near what is
      // live for the rest of the import (V8 would let it grow to twice the plan's size first).
      if (large) collectGarbage();
    }
    return rowMerger;
  };
  const reader: RowReader = {
    head: (value) => void (head = value),
    row: (table, row) => {
      writer?.read();
      if (deferred.error) return;
      if (table !== 'assignments' && table !== 'defaultServices') {
        if (merger) deferred.error = refuse(`its ${table} come after its assignments; this app writes them before.`);
        else (remote[table] as Row[]).push(twin(table, row));
        return;
      }
      try {
        merger ??= begin();
        merger.row(table, row);
      } catch (error) {
        deferred.error = error instanceof Error ? error : new Error(String(error));
      }
    },
  };
  const { head: read, counts } = await readSource(source, reader);
  head = read;
  for (const table of snapshotTables) {
    if (read.header.counts[table] !== counts[table])
      throw refuse(`its header counts ${read.header.counts[table]} ${table} but the file holds ${counts[table]}.`);
  }
  if (deferred.error) throw deferred.error;
  merger ??= begin();
  if (merger.whole) {
    if (checked) checkConsistency({ ...read, body: remote });
    const plan = planMerge({
      ...baseOf(read.header),
      local: readBody(context.conn.sqlite),
      remote: { header: read.header, body: remote },
    });
    writer?.small(plan);
    await writer?.finish(plan);
    return fromMergePlan(read.header, plan);
  }
  await merger.writeSmall();
  return merger.finish();
}
