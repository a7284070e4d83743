import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { localToday, type AuditEntity, type Stamp } from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { snapshotTables, type Snapshot, type SnapshotTable } from '../../src-shared/snapshot/format';
import type { ImportSummary, Resolutions } from '../../src-shared/snapshot/plan';
import type { Batch, Job, ServiceContext } from '../services/context';
import { readAliases, readSeen, writeMetaJson } from './export';
import type { Row } from './merge';
import { planMerge, type MergePlan } from './plan';
import { fieldKind, readBody, snakeOf, tableSpecs } from './rows';

/** The steps of an apply, in order; a test hook may fail at any of them. */
export const applySteps = ['backup', 'check', 'begin', ...snapshotTables, 'paths', 'audit', 'meta'] as const;
export type ApplyStep = (typeof applySteps)[number];
export type ApplyHooks = { readonly afterStep?: (step: ApplyStep) => void };

const auditEntity: Record<SnapshotTable, AuditEntity> = {
  customers: 'customer',
  services: 'service',
  customFields: 'customField',
  customerUsers: 'customerUser',
  userLinks: 'customerUser',
  assignments: 'assignment',
  defaultServices: 'defaultService',
};
export const importedEntities = ['customer', 'service', 'customField', 'customerUser', 'assignment', 'defaultService'] as const;

/** What changes the local data between a preview and its apply: any write moves one of these. */
export function localFingerprint(context: ServiceContext): string {
  const row = context.conn.sql
    .prepare("SELECT (SELECT value FROM meta WHERE key = 'clock') AS clock, (SELECT max(id) FROM audit_event) AS audit")
    .get() as { clock: string | null; audit: number | null };
  return `${row.clock ?? ''}/${row.audit ?? 0}`;
}

/** The merge plan of `snapshot` against this copy as it is now. */
export function planAgainstLocal(context: ServiceContext, snapshot: Snapshot, resolutions: Resolutions, restamp: Stamp = context.clock.current()): MergePlan {
  return planMerge({
    local: readBody(context.conn.sqlite),
    localDeviceId: context.deviceId,
    localSeen: readSeen(context),
    remote: snapshot,
    aliases: readAliases(context),
    resolutions,
    restamp,
    isTooFarAhead: (stamp) => context.clock.isTooFarAhead(stamp),
    today: localToday(),
  });
}

/** Whether applying would write anything: rows, links, or a conflict's decision to remember. */
export function hasWrites(plan: MergePlan): boolean {
  return snapshotTables.some((table) => plan.writes[table].length > 0) || Object.keys(plan.newAliases).length > 0 || plan.conflicts.length > 0;
}

function backupPathFor(dbPath: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return join(dirname(dbPath), 'backups', `${basename(dbPath).replace(/\.sqlite$/, '')}-before-import-${stamp}.sqlite`);
}

/** An online backup of the database, verified with quick_check before anything is written. */
async function backup(context: ServiceContext, hooks: ApplyHooks): Promise<string> {
  const path = backupPathFor(context.conn.path, new Date());
  mkdirSync(dirname(path), { recursive: true });
  await context.conn.sqlite.backup(path);
  hooks.afterStep?.('backup');
  const check = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new ServiceError('internal', `The backup at ${path} failed its check (${String(result)}); nothing was imported.`);
  } finally {
    check.close();
  }
  hooks.afterStep?.('check');
  return path;
}

/**
 * A prepared upsert for one table with positional values, made once per table: the hot path of
 * an import (a million assignments) pays for neither statement compilation nor row objects.
 */
function upserter(context: ServiceContext, table: SnapshotTable, first: Row, paths: Map<string, string>): (record: Row) => void {
  const spec = tableSpecs[table];
  const fields = Object.keys(first);
  const kinds = fields.map(fieldKind);
  const columns = [...fields.map(snakeOf), ...(table === 'services' ? ['path'] : [])];
  const keys = new Set(spec.key.map(snakeOf));
  const statement = context.conn.sql.prepare(
    `INSERT INTO ${spec.sql} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${[...keys].join(', ')}) DO UPDATE SET ${columns.filter((column) => !keys.has(column)).map((column) => `${column} = excluded.${column}`).join(', ')}`,
  );
  const values: unknown[] = new Array(columns.length);
  return (record) => {
    for (let index = 0; index < fields.length; index += 1) {
      const value = record[fields[index] ?? ''];
      const kind = kinds[index];
      values[index] = kind === 'boolean' ? (value ? 1 : 0) : kind === 'json' ? JSON.stringify(value) : value;
    }
    if (table === 'services') values[fields.length] = paths.get(String(record.id)) ?? String(record.name);
    statement.run(values);
  };
}

/**
 * Applies a snapshot (DESIGN.md §3): an online backup checked with quick_check, then one
 * transaction that writes the planned rows, re-derives service paths, records one audit batch
 * and the merge bookkeeping. Any failure rolls everything back.
 */
export async function applySnapshot(
  context: ServiceContext,
  snapshot: Snapshot,
  resolutions: Resolutions,
  options: { readonly hooks?: ApplyHooks; readonly fingerprint?: string } = {},
): Promise<ImportSummary | null> {
  const hooks = options.hooks ?? {};
  if (options.fingerprint !== undefined && options.fingerprint !== localFingerprint(context)) {
    throw new ServiceError('conflict', 'The data changed since this preview was made; open the snapshot again to review the new plan.');
  }
  const first = planAgainstLocal(context, snapshot, resolutions);
  if (!hasWrites(first)) return null;
  const planned = localFingerprint(context);
  const backupPath = await backup(context, hooks);
  return context.longWrite([...importedEntities], 'import', async (batch, job) => {
    hooks.afterStep?.('begin');
    // The clock moves past the latest accepted stamp (one from more than 24 h ahead is not accepted).
    if (first.observed) context.clock.observe(first.observed);
    // The plan made before the backup stands when nothing changed since and no choice needed
    // this batch's stamp; otherwise it is made again with that stamp (a million rows: once is enough).
    const plan = !first.restamped && localFingerprint(context) === planned ? first : planAgainstLocal(context, snapshot, resolutions, context.clock.next());
    context.conn.sqlite.pragma('defer_foreign_keys = ON');
    await writeRows(context, plan, job, hooks);
    const fixPath = context.conn.sql.prepare('UPDATE service SET path = ? WHERE id = ? AND path != ?');
    for (const [id, path] of plan.paths) fixPath.run(path, id, path);
    hooks.afterStep?.('paths');
    auditImport(batch, plan, snapshot, backupPath);
    hooks.afterStep?.('audit');
    writeMetaJson(context, 'seen', plan.seen);
    writeMetaJson(context, 'aliases', { ...readAliases(context), ...plan.newAliases });
    hooks.afterStep?.('meta');
    return { added: plan.added.length, changed: plan.changed.length, removed: plan.removed.length, conflicts: plan.conflicts.length, backupPath };
  });
}

async function writeRows(context: ServiceContext, plan: MergePlan, job: Job, hooks: ApplyHooks): Promise<void> {
  const total = snapshotTables.reduce((sum, table) => sum + plan.writes[table].length, 0);
  let done = 0;
  const CHUNK = 5000;
  for (const table of snapshotTables) {
    const rows = plan.writes[table];
    const write = rows[0] ? upserter(context, table, rows[0], plan.paths) : null;
    for (let start = 0; write && start < rows.length; start += CHUNK) {
      const end = Math.min(start + CHUNK, rows.length);
      for (let index = start; index < end; index += 1) write(rows[index] as Row);
      done += end - start;
      await job.progress(done, total, 'Importing snapshot');
    }
    hooks.afterStep?.(table);
  }
}

/** Above this many records added to one table, the import records one summary instead of an event each. */
export const ADDED_EVENTS_LIMIT = 1000;

/**
 * One audit batch: an event per changed or removed record (a human reads those: mine → theirs),
 * an event per added record unless a table gains more than ADDED_EVENTS_LIMIT records (an
 * import into an empty copy adds a million assignments: one line per table says it, the way
 * loading the sample does), and the import's summary with the backup's path.
 */
function auditImport(batch: Batch, plan: MergePlan, snapshot: Snapshot, backupPath: string): void {
  const { header } = snapshot;
  const addedPerTable = new Map<SnapshotTable, number>();
  for (const change of plan.added) addedPerTable.set(change.table, (addedPerTable.get(change.table) ?? 0) + 1);
  const bulk = new Set([...addedPerTable].filter(([, count]) => count > ADDED_EVENTS_LIMIT).map(([table]) => table));
  for (const list of [plan.added, plan.changed, plan.removed]) {
    for (const change of list) {
      if (change.kind === 'added' && bulk.has(change.table)) continue;
      batch.audit({
        entity: auditEntity[change.table],
        entityId: change.key,
        action: 'import',
        label: change.label,
        before: Object.fromEntries(change.fields.map((field) => [field.field, field.mine])),
        after: { ...Object.fromEntries(change.fields.map((field) => [field.field, field.theirs])), change: change.kind },
      });
    }
  }
  for (const table of bulk) {
    const count = addedPerTable.get(table) ?? 0;
    batch.audit({ entity: 'data', entityId: header.snapshotId, action: 'import', label: `${count} ${table} added from the snapshot`, after: { table, added: count } });
  }
  batch.audit({
    entity: 'data',
    entityId: header.snapshotId,
    action: 'import',
    label: `Snapshot from ${header.exporter} on ${header.deviceName}`,
    after: { added: plan.added.length, changed: plan.changed.length, removed: plan.removed.length, conflicts: plan.conflicts.length, backupPath },
  });
}
