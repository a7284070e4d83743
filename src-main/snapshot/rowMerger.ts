import type { Stamp } from '../../src-shared/domain';
import { snapshotTables, type SnapshotBody, type SnapshotHeader } from '../../src-shared/snapshot/format';
import type { Conflict, RecordChange } from '../../src-shared/snapshot/plan';
import { PREVIEW_LIST_LIMIT } from '../../src-shared/snapshot/plan';
import type { ServiceContext } from '../services/context';
import {
  effectiveSpecific,
  validities,
  type ImportPlan,
  type PlanWriter,
  type StreamedTable,
  type Validities,
} from './importPlan';
import { LocalAssignments } from './localRows';
import { mergeRecord, same, type Row } from './merge';
import { checkStamps, singular } from './parse';
import { alive, changeOf, clampFuture, deviceOf, type MergePlan, type Seen } from './plan';
import { refuse } from './reader';
import { keyOf, toRecord } from './rows';
import { streamedAccessChanges } from './streamAccess';

/** A list that counts everything and keeps the first PREVIEW_LIST_LIMIT. */
class Capped<T> {
  count = 0;
  readonly items: T[] = [];
  push(item: T): void {
    this.count += 1;
    if (this.items.length < PREVIEW_LIST_LIMIT) this.items.push(item);
  }
}

export type Base = {
  readonly localDeviceId: string;
  readonly today: string;
  readonly restamp: Stamp;
  readonly isTooFarAhead: (stamp: Stamp) => boolean;
  readonly checked: boolean;
};

/** One customer's assignments: the local rows, and those the import writes. */
type Group = { readonly id: string; readonly local: Map<string, unknown[]>; readonly written: Map<string, Row> };

/** Merges the streamed rows against the local ones, given the small tables' plan. */
export class RowMerger {
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
  /** Per customer whose assignments change: its effective specific services before and after (arrays: a Set costs several times as much, and an import into a new copy touches every customer). */
  private readonly touched = new Map<string, { before: string[]; after: string[] }>();
  private readonly defaults: { local: Map<string, Row>; merged: Map<string, Row> };
  private readonly validities: Validities;

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
    this.validities = validities(pre);
    const local = new Map(
      (context.conn.sqlite.prepare('SELECT * FROM default_service').all() as Row[]).map((row) => [
        String(row.service_id),
        toRecord(row),
      ]),
    );
    this.defaults = { local, merged: new Map(local) };
  }

  row(table: StreamedTable, theirs: Row): void {
    if (this.whole) {
      (this.remote[table] as Row[]).push(theirs);
      return;
    }
    const key = keyOf(table, theirs);
    const last = this.lastKey[table];
    if (key <= last)
      throw refuse(
        key === last
          ? `the ${singular[table]} ${key} appears twice.`
          : `its ${table} are not in key order (this app writes them sorted).`,
      );
    this.lastKey[table] = key;
    if (this.base.checked) checkStamps(table, theirs, key, this.header.clock);
    const serviceId = String(theirs.serviceId);
    if (this.base.checked && !this.fileServices.has(serviceId))
      throw refuse(`the ${singular[table]} refers to service ${serviceId}, which is not in the file.`);
    let mine: Row | undefined;
    if (table === 'assignments') {
      const customerId = String(theirs.customerId);
      if (this.base.checked && !this.fileCustomers.has(customerId))
        throw refuse(`the assignment refers to customer ${customerId}, which is not in the file.`);
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
    const row = mine
      ? mergeRecord(table, mine, theirs, this.judge, this.base.restamp)
      : clampFuture(theirs, this.base.isTooFarAhead, this.base.restamp);
    if (!mine && row !== theirs) this.clamped = true;
    if (mine && same(mine, row)) return;
    this.writes += 1;
    this.writer?.row(table, row, !mine);
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
    const { local, merged } = this.validities;
    const { localAssignments } = this;
    const before = [...group.local.values()].map((values) => localAssignments.record(values));
    // After: the rows written, and the local rows they leave as they were.
    const after = [...group.written.values(), ...before.filter((row) => !group.written.has(String(row.serviceId)))];
    this.touched.set(group.id, {
      before: [...effectiveSpecific(before, local, this.base.today)],
      after: [...effectiveSpecific(after, merged, this.base.today)],
    });
  }

  finish(): ImportPlan {
    this.closeGroup();
    const { pre } = this;
    const anyWrites = this.writes > 0 || snapshotTables.some((table) => pre.writes[table].length > 0);
    const access = anyWrites
      ? streamedAccessChanges({
          context: this.context,
          pre,
          touched: this.touched,
          defaults: this.defaults,
          today: this.base.today,
          validities: this.validities,
        })
      : { count: 0, listed: [] };
    const list = <T>(first: readonly T[], rest: Capped<T>) => [...first, ...rest.items].slice(0, PREVIEW_LIST_LIMIT);
    return {
      header: this.header,
      counts: {
        added: pre.added.length + this.added.count,
        changed: pre.changed.length + this.changed.count,
        removed: pre.removed.length + this.removed.count,
        conflicts: pre.conflicts.length + this.conflicts.count,
        collisions: pre.collisions.length,
        accessChanges: access.count,
      },
      writes: this.writes + snapshotTables.reduce((sum, table) => sum + pre.writes[table].length, 0),
      added: list(pre.added, this.added),
      changed: list(pre.changed, this.changed),
      removed: list(pre.removed, this.removed),
      conflicts: list(pre.conflicts, this.conflicts),
      collisions: pre.collisions,
      accessChanges: access.listed,
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
