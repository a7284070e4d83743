import { assignmentIsEffective, type AssignmentStatus, type Stamp, type Validity } from '../../src-shared/domain';
import { snapshotTables, type SnapshotHeader, type SnapshotTable } from '../../src-shared/snapshot/format';
import type { PlanOutcome, RecordChange } from '../../src-shared/snapshot/plan';
import { PREVIEW_LIST_LIMIT } from '../../src-shared/snapshot/plan';
import type { Row } from './merge';
import type { MergePlan, Seen } from './plan';

/** The tables streamed row by row; the others are small enough for the pure plan (plan.ts). */
export const streamedTables = ['assignments', 'defaultServices'] as const satisfies readonly SnapshotTable[];
export type StreamedTable = (typeof streamedTables)[number];

/** An import's plan as the preview shows it: true counts, lists capped for the screen. */
export type ImportPlan = PlanOutcome & {
  readonly header: SnapshotHeader;
  /** Rows that differ from the local ones. */
  readonly writes: number;
  readonly newAliases: Record<string, string>;
  readonly seen: Seen;
  readonly observed: Stamp | null;
  readonly restamped: boolean;
};

/** What an apply does with the plan as it is made: write rows, audit changes. */
export type PlanWriter = {
  /** Writes the small tables' plan, before the first streamed row (parents before children). */
  readonly small: (plan: MergePlan) => void;
  /** A row of the file was read (for progress). */
  readonly read: () => void;
  /** A streamed row to write (an assignment or a default service); `fresh` when no local row has its key. */
  readonly row: (table: StreamedTable, row: Row, fresh: boolean) => void;
  /** Whether the audit wants the change itself (a million added rows need no label each). */
  readonly wants: (kind: RecordChange['kind'], table: SnapshotTable) => boolean;
  /** A streamed change; null when `wants` said no. */
  readonly change: (kind: RecordChange['kind'], table: SnapshotTable, change: RecordChange | null) => void;
  /** The small tables' changes and paths, once the whole file was read and found good. */
  readonly finish: (plan: MergePlan) => Promise<void>;
};

/** The preview of a whole-body plan (the offline review, the rare import that links records). */
export function fromMergePlan(header: SnapshotHeader, plan: MergePlan): ImportPlan {
  const cap = <T>(list: readonly T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
  return {
    header,
    counts: {
      added: plan.added.length,
      changed: plan.changed.length,
      removed: plan.removed.length,
      conflicts: plan.conflicts.length,
      collisions: plan.collisions.length,
      accessChanges: plan.accessChanges.length,
    },
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

export type Validities = {
  readonly local: (id: string) => string | undefined;
  readonly merged: (id: string) => string | undefined;
};

/** A service's validity before and after the import (undefined when it is missing or deleted). */
export function validities(pre: MergePlan): Validities {
  const of = (services: Map<string, Row>) => (id: string) => {
    const service = services.get(id);
    return service && !service.deleted ? String(service.validity) : undefined;
  };
  return { local: of(pre.tools.local.services), merged: of(pre.tools.merged.services) };
}

/** The services a customer in `specific` mode gets from these assignments (the rule of src-shared/domain/effective.ts). */
export function effectiveSpecific(
  rows: Iterable<Row>,
  validity: (id: string) => string | undefined,
  today: string,
): Set<string> {
  const out = new Set<string>();
  for (const row of rows) {
    if (!row.granted) continue;
    const serviceId = String(row.serviceId);
    const rule = {
      serviceId,
      status: row.status as AssignmentStatus,
      startDate: row.startDate as string | null,
      endDate: row.endDate as string | null,
    };
    if (assignmentIsEffective(rule, validity(serviceId) as Validity | undefined, today)) out.add(serviceId);
  }
  return out;
}
