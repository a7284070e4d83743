import { assignmentIsEffective, localToday, type AssignmentStatus, type Stamp, type Validity } from '../../src-shared/domain';
import { emptyBody, snapshotTables, type SnapshotBody, type SnapshotHeader, type SnapshotTable } from '../../src-shared/snapshot/format';
import type { AccessChange, Collision, Conflict, RecordChange, Resolutions } from '../../src-shared/snapshot/plan';
import { PREVIEW_LIST_LIMIT } from '../../src-shared/snapshot/plan';
import type { ServiceContext } from '../services/context';
import { streamedAccessChanges } from './streamAccess';
import { readAliases, readSeen } from './export';
import { mergeRecord, same, type Row } from './merge';
import { checkConsistency, checkStamps, singular } from './parse';
import { alive, changeOf, clampFuture, deviceOf, memoByWall, planMerge, type MergePlan, type Seen } from './plan';
import { refuse, type RowReader, type SnapshotHead } from './reader';
import { keyOf, readBody, toRecord } from './rows';
import { LocalAssignments } from './localRows';
import { readSource, type SnapshotSource } from './source';

/** The tables streamed row by row; the others are small enough for the pure plan (plan.ts). */
export const streamedTables = ['assignments', 'defaultServices'] as const satisfies readonly SnapshotTable[];
type StreamedTable = (typeof streamedTables)[number];

/** An import's plan as the preview shows it: true counts, lists capped for the screen. */
export type ImportPlan = {
  readonly header: SnapshotHeader;
  readonly counts: { readonly added: number; readonly changed: number; readonly removed: number; readonly conflicts: number; readonly collisions: number; readonly accessChanges: number };
  /** Rows that differ from the local ones. */
  readonly writes: number;
  readonly added: readonly RecordChange[];
  readonly changed: readonly RecordChange[];
  readonly removed: readonly RecordChange[];
  readonly conflicts: readonly Conflict[];
  readonly collisions: readonly Collision[];
  readonly accessChanges: readonly AccessChange[];
  readonly cyclesBroken: readonly string[];
  readonly renamed: readonly string[];
  readonly newAliases: Record<string, string>;
  readonly seen: Seen;
  readonly observed: Stamp | null;
  readonly restamped: boolean;
};

/** What an apply does with the plan as it is made: write rows, audit changes. */
export type PlanWriter = {
  /** Writes the small tables' plan, before the first streamed row (parents before children). */
  readonly small: (plan: MergePlan) => void;
  /** A streamed row to write (an assignment or a default service). */
  readonly row: (table: StreamedTable, row: Row) => void;
  /** Whether the audit wants the change itself (a million added rows need no label each). */
  readonly wants: (kind: RecordChange['kind'], table: SnapshotTable) => boolean;
  /** A streamed change; null when `wants` said no. */
  readonly change: (kind: RecordChange['kind'], table: SnapshotTable, change: RecordChange | null) => void;
  /** The small tables' changes and paths, once the whole file was read and found good. */
  readonly finish: (plan: MergePlan) => Promise<void>;
};

/** A list that counts everything and keeps the first PREVIEW_LIST_LIMIT. */
class Capped<T> {
  count = 0;
  readonly items: T[] = [];
  push(item: T): void {
    this.count += 1;
    if (this.items.length < PREVIEW_LIST_LIMIT) this.items.push(item);
  }
}

/**
 * The merge plan of a snapshot against this copy (DESIGN.md §3) without holding the snapshot:
 * customers, services, custom fields, users and links go through the pure plan (planMerge);
 * assignments and default services are merged one row at a time against the local row as the
 * file streams past, in key order, a customer's rows at a time. With `writer` (inside the
 * apply's transaction) every row that changes is written as it is decided.
 */
export async function streamPlan(context: ServiceContext, source: SnapshotSource, resolutions: Resolutions, restamp: Stamp, writer?: PlanWriter): Promise<ImportPlan> {
  // A pass reads (and may write) the whole database once, in key order: a small page cache
  // serves it as well as the app's large one, and keeps the import's memory within bounds.
  const { sqlite } = context.conn;
  const cacheSize = Number(sqlite.pragma('cache_size', { simple: true }));
  sqlite.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
  try {
    return await planPass(context, source, resolutions, restamp, writer);
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

/** SQLite's page cache during an import pass, in KiB (negative: a size, not a page count). */
const IMPORT_CACHE_SIZE = -65536;

async function planPass(context: ServiceContext, source: SnapshotSource, resolutions: Resolutions, restamp: Stamp, writer?: PlanWriter): Promise<ImportPlan> {
  const isTooFarAhead = memoByWall((stamp: Stamp) => context.clock.isTooFarAhead(stamp));
  const base = { localDeviceId: context.deviceId, localSeen: readSeen(context), aliases: readAliases(context), resolutions, restamp, isTooFarAhead, today: localToday() };
  const remote: SnapshotBody = emptyBody();
  // A snapshot in memory was checked when it was parsed (or built here); a file is checked as it streams.
  const checked = source.kind === 'file';
  let head: SnapshotHead | null = null;
  let merger: RowMerger | null = null;
  /** Found while reading; reported only once the file's checksum and schema are known good. */
  let deferred: Error | null = null;
  const begin = (): RowMerger => {
    if (!head) throw refuse('it is not a Service Allocator snapshot.');
    const pre = planMerge({ ...base, local: readBody(context.conn.sqlite, ['assignments', 'defaultServices']), remote: { header: head.header, body: remote }, skipAccess: true });
    // Linked ids would move rows between keys: such an import takes the whole-body plan (the old way, exact).
    const whole = Object.keys(pre.newAliases).length > 0 || Object.keys(base.aliases).length > 0;
    // Parents first: the rows that follow find their customers and services in place.
    if (!whole) writer?.small(pre);
    return new RowMerger(context, head.header, pre, { ...base, checked }, remote, whole ? undefined : writer, whole);
  };
  const reader: RowReader = {
    head: (value) => void (head = value),
    row: (table, row) => {
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
    const plan = planMerge({ ...base, local: readBody(context.conn.sqlite), remote: { header: read.header, body: remote } });
    writer?.small(plan);
    await writer?.finish(plan);
    return fromMergePlan(read.header, plan);
  }
  if (checked) checkConsistency({ ...read, body: remote }, streamedTables);
  await merger.writeSmall();
  return merger.finish();
}

/** The preview of a whole-body plan (the offline review, the rare import that links records). */
export function fromMergePlan(header: SnapshotHeader, plan: MergePlan): ImportPlan {
  const cap = <T>(list: readonly T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
  return {
    header,
    counts: { added: plan.added.length, changed: plan.changed.length, removed: plan.removed.length, conflicts: plan.conflicts.length, collisions: plan.collisions.length, accessChanges: plan.accessChanges.length },
    writes: snapshotTables.reduce((sum, table) => sum + plan.writes[table].length, 0),
    added: cap(plan.added),
    changed: cap(plan.changed),
    removed: cap(plan.removed),
    conflicts: cap(plan.conflicts),
    collisions: plan.collisions,
    accessChanges: cap(plan.accessChanges),
    cyclesBroken: plan.cyclesBroken,
    renamed: cap(plan.renamed),
    newAliases: plan.newAliases,
    seen: plan.seen,
    observed: plan.observed,
    restamped: plan.restamped,
  };
}

type Base = { readonly localDeviceId: string; readonly today: string; readonly restamp: Stamp; readonly isTooFarAhead: (stamp: Stamp) => boolean; readonly checked: boolean };

/** One customer's assignments: the local rows, and those the import writes. */
type Group = { readonly id: string; readonly local: Map<string, unknown[]>; readonly written: Map<string, Row> };

/** Merges the streamed rows against the local ones, given the small tables' plan. */
class RowMerger {
  private readonly added = new Capped<RecordChange>();
  private readonly changed = new Capped<RecordChange>();
  private readonly removed = new Capped<RecordChange>();
  private readonly conflicts = new Capped<Conflict>();
  private readonly judge;
  private readonly seen: Seen;
  private observed: Stamp | null;
  private clamped = false;
  private writes = 0;
  private readonly lastKey: Record<StreamedTable, string> = { assignments: '', defaultServices: '' };
  private readonly fileCustomers: Set<string>;
  private readonly fileServices: Set<string>;
  private readonly localAssignments;
  private group: Group | null = null;
  /** Per customer whose assignments change: its effective specific services before and after. */
  private readonly touched = new Map<string, { before: Set<string>; after: Set<string> }>();
  private readonly defaults: { local: Map<string, Row>; merged: Map<string, Row> };

  constructor(
    private readonly context: ServiceContext,
    private readonly header: SnapshotHeader,
    private readonly pre: MergePlan,
    private readonly base: Base,
    private readonly remote: SnapshotBody,
    private readonly writer: PlanWriter | undefined,
    readonly whole: boolean,
  ) {
    this.judge = pre.tools.judgeWith((conflict) => this.conflicts.push(conflict));
    this.seen = { ...pre.seen };
    this.observed = pre.observed;
    this.fileCustomers = new Set(remote.customers.map((row) => row.id));
    this.fileServices = new Set(remote.services.map((row) => row.id));
    this.localAssignments = new LocalAssignments(context.conn.sqlite);
    const local = new Map((context.conn.sqlite.prepare('SELECT * FROM default_service').all() as Row[]).map((row) => [String(row.service_id), toRecord(row)]));
    this.defaults = { local, merged: new Map(local) };
  }

  row(table: StreamedTable, theirs: Row): void {
    if (this.whole) {
      (this.remote[table] as Row[]).push(theirs);
      return;
    }
    const key = keyOf(table, theirs);
    const last = this.lastKey[table];
    if (key <= last) throw refuse(key === last ? `the ${singular[table]} ${key} appears twice.` : `its ${table} are not in key order (this app writes them sorted).`);
    this.lastKey[table] = key;
    if (this.base.checked) checkStamps(table, theirs, key, this.header.clock);
    const serviceId = String(theirs.serviceId);
    if (this.base.checked && !this.fileServices.has(serviceId)) throw refuse(`the ${singular[table]} refers to service ${serviceId}, which is not in the file.`);
    let mine: Row | undefined;
    if (table === 'assignments') {
      const customerId = String(theirs.customerId);
      if (this.base.checked && !this.fileCustomers.has(customerId)) throw refuse(`the assignment refers to customer ${customerId}, which is not in the file.`);
      if (this.group?.id !== customerId) this.openGroup(customerId);
      const values = this.group?.local.get(serviceId);
      if (values && this.localAssignments.same(values, theirs)) {
        // Unchanged (the common case of a re-import): its stamps still count as seen.
        this.observe(theirs);
        return;
      }
      mine = values ? this.localAssignments.record(values) : undefined;
    } else {
      mine = this.defaults.local.get(serviceId);
    }
    this.observe(theirs);
    const row = mine ? mergeRecord(table, mine, theirs, this.judge, this.base.restamp) : clampFuture(theirs, this.base.isTooFarAhead, this.base.restamp);
    if (!mine && row !== theirs) this.clamped = true;
    if (mine && same(mine, row)) return;
    this.writes += 1;
    this.writer?.row(table, row);
    if (table === 'assignments') this.group?.written.set(serviceId, row);
    else this.defaults.merged.set(serviceId, row);
    const { label, deviceName } = this.pre.tools;
    if (!mine) {
      // A new row: added when it grants (or lives), else not shown; its change is made only if shown or audited.
      if (!alive(row)) return;
      this.added.count += 1;
      const listed = this.added.items.length < PREVIEW_LIST_LIMIT;
      if (!listed && !this.writer?.wants('added', table)) {
        this.writer?.change('added', table, null);
        return;
      }
      const change = changeOf(table, key, mine, row, label, deviceName) as RecordChange;
      if (listed) this.added.items.push(change);
      this.writer?.change('added', table, change);
      return;
    }
    const change = changeOf(table, key, mine, row, label, deviceName);
    if (!change) return;
    (change.kind === 'added' ? this.added : change.kind === 'removed' ? this.removed : this.changed).push(change);
    this.writer?.change(change.kind, table, change);
  }

  /** Every stamp the file carries moves the seen-map and the clock, as in planMerge. */
  private observe(row: Row): void {
    this.raise(row.stamp as Stamp);
    const fieldStamps = row.fieldStamps as Record<string, Stamp> | undefined;
    if (fieldStamps) for (const key in fieldStamps) this.raise(fieldStamps[key] as Stamp);
  }

  private raise(stamp: Stamp): void {
    if (this.base.isTooFarAhead(stamp)) return;
    const device = deviceOf(stamp);
    if (device !== this.base.localDeviceId && (this.seen[device] ?? '') < stamp) this.seen[device] = stamp;
    if (this.observed === null || stamp > this.observed) this.observed = stamp;
  }

  private openGroup(customerId: string): void {
    this.closeGroup();
    this.group = { id: customerId, local: this.localAssignments.of(customerId), written: new Map() };
  }

  private closeGroup(): void {
    const group = this.group;
    this.group = null;
    if (!group || group.written.size === 0) return;
    const { local, merged } = validities(this.pre);
    const before = new Map([...group.local].map(([serviceId, values]) => [serviceId, this.localAssignments.record(values)]));
    const after = new Map(before);
    for (const [serviceId, row] of group.written) after.set(serviceId, row);
    this.touched.set(group.id, { before: effectiveSpecific(before.values(), local, this.base.today), after: effectiveSpecific(after.values(), merged, this.base.today) });
  }

  finish(): ImportPlan {
    this.closeGroup();
    const { pre } = this;
    const anyWrites = this.writes > 0 || snapshotTables.some((table) => pre.writes[table].length > 0);
    const access = anyWrites
      ? streamedAccessChanges({ context: this.context, pre, touched: this.touched, defaults: this.defaults, today: this.base.today, validities: validities(pre) })
      : [];
    const list = <T>(first: readonly T[], rest: Capped<T>) => [...first, ...rest.items].slice(0, PREVIEW_LIST_LIMIT);
    return {
      header: this.header,
      counts: {
        added: pre.added.length + this.added.count,
        changed: pre.changed.length + this.changed.count,
        removed: pre.removed.length + this.removed.count,
        conflicts: pre.conflicts.length + this.conflicts.count,
        collisions: pre.collisions.length,
        accessChanges: access.length,
      },
      writes: this.writes + snapshotTables.reduce((sum, table) => sum + pre.writes[table].length, 0),
      added: list(pre.added, this.added),
      changed: list(pre.changed, this.changed),
      removed: list(pre.removed, this.removed),
      conflicts: list(pre.conflicts, this.conflicts),
      collisions: pre.collisions,
      accessChanges: access.slice(0, PREVIEW_LIST_LIMIT),
      cyclesBroken: pre.cyclesBroken,
      renamed: pre.renamed.slice(0, PREVIEW_LIST_LIMIT),
      newAliases: pre.newAliases,
      seen: this.seen,
      observed: this.observed,
      restamped: pre.restamped || this.clamped || this.conflicts.count > 0,
    };
  }

  /** Audits the small tables' changes and fixes service paths, once the file is known good. */
  async writeSmall(): Promise<void> {
    await this.writer?.finish(this.pre);
  }
}

export type Validities = { readonly local: (id: string) => string | undefined; readonly merged: (id: string) => string | undefined };

/** A service's validity before and after the import (undefined when it is missing or deleted). */
export function validities(pre: MergePlan): Validities {
  const of = (services: Map<string, Row>) => (id: string) => {
    const service = services.get(id);
    return service && !service.deleted ? String(service.validity) : undefined;
  };
  return { local: of(pre.tools.local.services), merged: of(pre.tools.merged.services) };
}

/** The services a customer in `specific` mode gets from these assignments (the rule of src-shared/domain/effective.ts). */
export function effectiveSpecific(rows: Iterable<Row>, validity: (id: string) => string | undefined, today: string): Set<string> {
  const out = new Set<string>();
  for (const row of rows) {
    if (!row.granted) continue;
    const serviceId = String(row.serviceId);
    const rule = { serviceId, status: row.status as AssignmentStatus, startDate: row.startDate as string | null, endDate: row.endDate as string | null };
    if (assignmentIsEffective(rule, validity(serviceId) as Validity | undefined, today)) out.add(serviceId);
  }
  return out;
}
