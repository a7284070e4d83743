import type { Stamp } from '../../src-shared/domain';
import {
  byTable,
  snapshotTables,
  type SnapshotBody,
  type SnapshotHeader,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';
import type {
  AccessChange,
  Collision,
  Conflict,
  ConflictChoice,
  FieldChange,
  RecordChange,
  Resolutions,
} from '../../src-shared/snapshot/plan';
import { accessChanges } from './access';
import { findCollisions, renameClashes, servicePaths, type NaturalTable } from './identity';
import { labeller } from './labels';
import {
  bodyOf,
  fieldsOf,
  indexBody,
  mergeRecord,
  same,
  stampOf,
  stampsIn,
  type FieldJudge,
  type Indexed,
  type Row,
} from './merge';

export type Seen = Record<string, Stamp>;

export type PlanInput = {
  readonly local: SnapshotBody;
  readonly localDeviceId: string;
  /** Per device, the highest stamp this copy has merged from it. */
  readonly localSeen: Seen;
  readonly remote: { readonly header: SnapshotHeader; readonly body: SnapshotBody };
  /** Remote ids linked earlier to local records ("same record: link"). */
  readonly aliases: Readonly<Record<string, string>>;
  readonly resolutions: Resolutions;
  /** The stamp a choice that overrides the later write gets (the apply batch's stamp). */
  readonly restamp: Stamp;
  readonly isTooFarAhead: (stamp: Stamp) => boolean;
  readonly today: string;
  /** Leave the access changes out: the streamed import works them out itself (see stream.ts). */
  readonly skipAccess?: boolean;
};

/** What a plan knows that the streamed import reuses for the rows it merges itself. */
export type PlanTools = {
  readonly local: Indexed;
  readonly merged: Indexed;
  readonly label: (table: SnapshotTable, row: Row) => string;
  readonly path: (id: string) => string;
  readonly deviceName: (device: string) => string;
  /** The conflict judge of this plan, reporting each conflict to `push`. */
  readonly judgeWith: (push: (conflict: Conflict) => void) => FieldJudge;
  readonly isTooFarAhead: (stamp: Stamp) => boolean;
};

export type MergePlan = {
  readonly merged: SnapshotBody;
  /** Rows to write, per table: those that differ from the local ones. */
  readonly writes: Readonly<Record<SnapshotTable, Row[]>>;
  /** Service paths of the merged state, for the rows written. */
  readonly paths: Map<string, string>;
  readonly added: RecordChange[];
  readonly changed: RecordChange[];
  readonly removed: RecordChange[];
  readonly conflicts: Conflict[];
  readonly collisions: Collision[];
  readonly accessChanges: AccessChange[];
  readonly cyclesBroken: string[];
  readonly renamed: string[];
  readonly newAliases: Record<string, string>;
  readonly seen: Seen;
  /** The latest accepted stamp, for the local clock to move past. */
  readonly observed: Stamp | null;
  /** Whether any row took `restamp` (a choice against the later write, a rename, a loop broken, a future stamp). */
  readonly restamped: boolean;
  readonly tools: PlanTools;
};

/** The device part of a stamp (after "WWWWWWWWWWWWWWW:CCCCCC:"). */
export function deviceOf(stamp: Stamp): string {
  return stamp.slice(23);
}
export function wallIso(stamp: Stamp): string {
  return new Date(Number(stamp.slice(0, 15))).toISOString();
}

/** Replaces linked remote ids by the local ids, in every record and reference. */
function remap(body: SnapshotBody, aliases: Readonly<Record<string, string>>): SnapshotBody {
  if (Object.keys(aliases).length === 0) return body;
  const to = (id: unknown) => (typeof id === 'string' && Object.hasOwn(aliases, id) ? aliases[id] : id);
  const out = byTable((table) =>
    (body[table] as Row[]).map((row) => {
      const copy: Row = { ...row };
      for (const field of ['id', 'customerId', 'serviceId', 'userId', 'parentId'])
        if (field in copy) copy[field] = to(copy[field]);
      return copy;
    }),
  );
  return out as unknown as SnapshotBody;
}

/**
 * The pure merge plan (docs/ARCHITECTURE.md#the-merge): what importing `remote` into `local` adds, changes and
 * removes, the conflicts and identity collisions with their choices applied, the access
 * changes, and the rows to write. The same function serves the preview and the apply, so the
 * preview is what gets applied.
 */
export function planMerge(rawInput: PlanInput): MergePlan {
  const input = { ...rawInput, isTooFarAhead: memoByWall(rawInput.isTooFarAhead) };
  const { header } = input.remote;
  const local = indexBody(input.local);
  const deviceName = (device: string) =>
    device === header.deviceId
      ? header.deviceName || device.slice(0, 8)
      : device === input.localDeviceId
        ? 'this computer'
        : device.slice(0, 8);
  const remoteSeen: Seen = { ...header.seen, [header.deviceId]: header.clock };
  const localSeen: Seen = { ...input.localSeen, [input.localDeviceId]: '9'.repeat(15) };
  const seenBy = (seen: Seen, stamp: Stamp) => (seen[deviceOf(stamp)] ?? '') >= stamp;

  // Identity collisions are found before links change any ids; a link becomes an alias.
  const aliased = indexBody(remap(input.remote.body, input.aliases));
  // No closure here may hold the file's records (a closure keeps its whole scope): the label function is passed as it is.
  const collisions = findCollisions(local, aliased, labeller(aliased, local).label);
  const newAliases: Record<string, string> = {};
  for (const collision of collisions) {
    if (input.resolutions.collisions?.[collision.id] === 'link') newAliases[collision.theirsId] = collision.mineId;
  }
  const remote =
    Object.keys(newAliases).length === 0
      ? aliased
      : indexBody(remap(input.remote.body, { ...input.aliases, ...newAliases }));
  // Labels come from the incoming records while the plan is made; afterwards from the merged
  // ones (which hold every incoming key), so the streamed import need not keep the file's rows.
  let labels = labeller(remote, local);
  const label: PlanTools['label'] = (table, row) => labels.label(table, row);
  const path = (id: string) => labels.path(id);

  const conflicts: Conflict[] = [];
  const judgeWith =
    (push: (conflict: Conflict) => void): FieldJudge =>
    (table, key, field, mine, theirs) => {
      if (same(mine[field], theirs[field])) return null;
      const sm = stampOf(mine, field);
      const st = stampOf(theirs, field);
      const id = `${table}:${key}:${field}`;
      const base = {
        id,
        table,
        key,
        label: label(table, mine),
        field,
        mine: mine[field],
        theirs: theirs[field],
        mineAt: wallIso(sm),
        theirsAt: wallIso(st),
        theirsBy: deviceName(deviceOf(st)),
      };
      if (input.isTooFarAhead(st)) {
        push({ ...base, reason: 'future', defaultChoice: 'mine' });
        return input.resolutions.conflicts?.[id] ?? 'mine';
      }
      const later: ConflictChoice = st > sm ? 'theirs' : 'mine';
      const concurrent = later === 'theirs' ? !seenBy(remoteSeen, sm) : !seenBy(localSeen, st);
      if (!concurrent || st === sm) return null;
      push({ ...base, reason: 'concurrent', defaultChoice: later });
      return input.resolutions.conflicts?.[id] ?? null;
    };
  const judge = judgeWith((conflict) => conflicts.push(conflict));

  let clamped = false;
  const mergedIndex: Indexed = byTable((table) => {
    const rows = new Map(local[table]);
    for (const [key, theirs] of remote[table]) {
      const mine = rows.get(key);
      const row = mine
        ? mergeRecord(table, mine, theirs, judge, input.restamp)
        : clampFuture(theirs, input.isTooFarAhead, input.restamp);
      if (!mine && row !== theirs) clamped = true;
      rows.set(key, row);
    }
    return rows;
  });

  const renamed: string[] = [];
  renameClashes(
    mergedIndex,
    (table: NaturalTable, id: string) => local[table].has(id),
    input.restamp,
    (text) => renamed.push(text),
  );
  const cyclesBroken: string[] = [];
  const paths = servicePaths(mergedIndex.services, (id) => {
    const name = mergedIndex.services.get(id)?.name;
    cyclesBroken.push(typeof name === 'string' ? name : id);
    const row = mergedIndex.services.get(id) ?? {};
    mergedIndex.services.set(id, { ...row, fieldStamps: { ...(row.fieldStamps as Seen), parentId: input.restamp } });
  });

  const writes = byTable((): Row[] => []);
  const added: RecordChange[] = [];
  const changed: RecordChange[] = [];
  const removed: RecordChange[] = [];
  for (const table of snapshotTables) {
    for (const [key, row] of mergedIndex[table]) {
      const mine = local[table].get(key);
      if (mine && same(mine, row)) continue;
      writes[table].push(row);
      const change = changeOf(table, key, mine, row, label, deviceName);
      if (change?.kind === 'added') added.push(change);
      else if (change?.kind === 'removed') removed.push(change);
      else if (change) changed.push(change);
    }
  }

  const seen: Seen = { ...input.localSeen };
  const raise = (device: string, stamp: Stamp) => {
    if (device !== input.localDeviceId && (seen[device] ?? '') < stamp) seen[device] = stamp;
  };
  for (const [device, stamp] of Object.entries(remoteSeen)) raise(device, stamp);
  let observed: Stamp | null = null;
  for (const stamp of stampsIn(input.remote.body)) {
    if (input.isTooFarAhead(stamp)) continue;
    raise(deviceOf(stamp), stamp);
    if (observed === null || stamp > observed) observed = stamp;
  }

  // When no row changes, no customer's access can (a re-import of the same file: skip a million rows).
  const accessChangeList =
    input.skipAccess || !snapshotTables.some((table) => writes[table].length > 0)
      ? []
      : accessChanges(
          local,
          mergedIndex,
          input.today,
          (id) => label('customers', mergedIndex.customers.get(id) ?? { code: id, name: '' }),
          path,
        );
  labels = labeller(mergedIndex, local);
  return {
    // Sorting a million keys is only worth it for the callers that read the merged body.
    get merged() {
      return bodyOf(mergedIndex);
    },
    writes,
    paths,
    added,
    changed,
    removed,
    conflicts,
    collisions,
    accessChanges: accessChangeList,
    cyclesBroken,
    renamed,
    newAliases,
    seen,
    observed,
    restamped: clamped || conflicts.length > 0 || renamed.length > 0 || cyclesBroken.length > 0,
    tools: { local, merged: mergedIndex, label, path, deviceName, judgeWith, isTooFarAhead: input.isTooFarAhead },
  };
}

/** What the streamed rows still ask of a customer or a user once the small tables are planned: labels, and a customer's access. */
const slimFields = {
  customers: ['id', 'code', 'name', 'deleted', 'validity', 'accessMode'],
  customerUsers: ['id', 'login', 'customerId', 'deleted'],
} as const;

/**
 * Keeps of each customer and user only what the streamed rows ask of them (slimFields), in the
 * plan's tools and writes. For the streamed import, once the small tables are planned (and
 * written): their changes are already worked out, and a hundred thousand customers and users in
 * full would stay in memory while a million assignments stream past.
 */
export function slimRecords(plan: MergePlan): void {
  // The local and merged records are mostly the same objects: so are their slim ones.
  const made = new Map<Row, Row>();
  for (const table of ['customers', 'customerUsers'] as const) {
    const slim = (row: Row): Row => {
      let out = made.get(row);
      if (out === undefined) {
        out = {};
        for (const field of slimFields[table]) if (field in row) out[field] = row[field];
        made.set(row, out);
      }
      return out;
    };
    for (const rows of [plan.tools.local[table], plan.tools.merged[table]])
      for (const [key, row] of rows) rows.set(key, slim(row));
    const writes = plan.writes[table];
    for (let index = 0; index < writes.length; index += 1) writes[index] = slim(writes[index] as Row);
  }
}

export function alive(record: Row | undefined): boolean {
  return record !== undefined && (record.granted === undefined ? !record.deleted : Boolean(record.granted));
}

/** How a row that is written shows in the preview: added, changed, removed, or not at all. */
export function changeOf(
  table: SnapshotTable,
  key: string,
  mine: Row | undefined,
  row: Row,
  label: PlanTools['label'],
  deviceName: PlanTools['deviceName'],
): RecordChange | null {
  // A new record's fields are all new: listing them (and dating each) would cost more than it tells.
  const fields: FieldChange[] = (mine ? fieldsOf(table, row) : [])
    .filter((field) => !mine || !same(mine[field], row[field]))
    .map((field) => ({
      field,
      mine: mine?.[field] ?? null,
      theirs: row[field],
      by: deviceName(deviceOf(stampOf(row, field))),
      at: wallIso(stampOf(row, field)),
    }));
  const change = { table, key, label: label(table, row), fields };
  if (!alive(mine) && alive(row)) return { ...change, kind: 'added' };
  if (alive(mine) && !alive(row)) return { ...change, kind: 'removed' };
  if (fields.length > 0 && (alive(row) || mine)) return { ...change, kind: 'changed' };
  return null;
}

/** A new record whose stamps lie too far in the future gets this copy's stamp instead. */
export function clampFuture(row: Row, tooFar: (stamp: Stamp) => boolean, restamp: Stamp): Row {
  const fieldStamps = row.fieldStamps as Seen | undefined;
  let future = tooFar(row.stamp as Stamp);
  for (const field in fieldStamps) if (!future && tooFar(fieldStamps[field] as Stamp)) future = true;
  if (!future) return row;
  const fixed = Object.fromEntries(
    Object.entries(fieldStamps ?? {}).map(([field, stamp]) => [field, tooFar(stamp) ? restamp : stamp]),
  );
  return {
    ...row,
    stamp: tooFar(row.stamp as Stamp) ? restamp : row.stamp,
    ...(fieldStamps ? { fieldStamps: fixed } : {}),
  };
}

/** Stamps of one batch share their wall time: decide "too far ahead" once per wall time. */
export function memoByWall(tooFar: (stamp: Stamp) => boolean): (stamp: Stamp) => boolean {
  const known = new Map<string, boolean>();
  return (stamp) => {
    const wall = stamp.slice(0, 15);
    let answer = known.get(wall);
    if (answer === undefined) {
      answer = tooFar(stamp);
      known.set(wall, answer);
    }
    return answer;
  };
}
