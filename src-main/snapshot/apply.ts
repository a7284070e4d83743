import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { localToday, type AuditEntity, type Stamp } from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { snapshotTables, type Snapshot, type SnapshotTable } from '../../src-shared/snapshot/format';
import type { ImportSummary, Resolutions } from '../../src-shared/snapshot/plan';
import type { Batch, Job, ServiceContext } from '../services/context';
import { readAliases, readSeen, writeMetaJson } from './export';
import { stampsIn, type Row } from './merge';
import { memoByWall, planMerge, type MergePlan } from './plan';
import { readBody, tableSpecs, toRow } from './rows';

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

function upsert(context: ServiceContext, table: SnapshotTable, rows: readonly Row[], paths: Map<string, string>): void {
  if (rows.length === 0) return;
  const spec = tableSpecs[table];
  const sample = toRow(rows[0] ?? {});
  const columns = [...Object.keys(sample), ...(table === 'services' ? ['path'] : [])];
  const keys = new Set(spec.key.map((field) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)));
  const statement = context.conn.sql.prepare(
    `INSERT INTO ${spec.sql} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
     ON CONFLICT (${[...keys].join(', ')}) DO UPDATE SET ${columns.filter((column) => !keys.has(column)).map((column) => `${column} = excluded.${column}`).join(', ')}`,
  );
  for (const record of rows) {
    const row = toRow(record);
    if (table === 'services') row.path = paths.get(String(record.id)) ?? String(record.name);
    statement.run(row);
  }
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
  if (!hasWrites(planAgainstLocal(context, snapshot, resolutions))) return null;
  const backupPath = await backup(context, hooks);
  return context.longWrite([...importedEntities], 'import', async (batch, job) => {
    hooks.afterStep?.('begin');
    // The clock moves past the latest accepted stamp (one from more than 24 h ahead is not accepted).
    const tooFar = memoByWall((stamp) => context.clock.isTooFarAhead(stamp));
    let latest: Stamp | null = null;
    for (const stamp of stampsIn(snapshot.body)) if ((latest === null || stamp > latest) && !tooFar(stamp)) latest = stamp;
    if (latest) context.clock.observe(latest);
    const plan = planAgainstLocal(context, snapshot, resolutions, context.clock.next());
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
    for (let start = 0; start < rows.length; start += CHUNK) {
      upsert(context, table, rows.slice(start, start + CHUNK), plan.paths);
      done += Math.min(CHUNK, rows.length - start);
      await job.progress(done, total, 'Importing snapshot');
    }
    hooks.afterStep?.(table);
  }
}

function auditImport(batch: Batch, plan: MergePlan, snapshot: Snapshot, backupPath: string): void {
  for (const change of [...plan.added, ...plan.changed, ...plan.removed]) {
    batch.audit({
      entity: auditEntity[change.table],
      entityId: change.key,
      action: 'import',
      label: change.label,
      before: Object.fromEntries(change.fields.map((field) => [field.field, field.mine])),
      after: { ...Object.fromEntries(change.fields.map((field) => [field.field, field.theirs])), change: change.kind },
    });
  }
  const { header } = snapshot;
  batch.audit({
    entity: 'data',
    entityId: header.snapshotId,
    action: 'import',
    label: `Snapshot from ${header.exporter} on ${header.deviceName}`,
    after: { added: plan.added.length, changed: plan.changed.length, removed: plan.removed.length, conflicts: plan.conflicts.length, backupPath },
  });
}
