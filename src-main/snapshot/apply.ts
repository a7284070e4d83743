import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { AuditEntity, Stamp } from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { snapshotTables, type Snapshot, type SnapshotTable } from '../../src-shared/snapshot/format';
import type { ImportSummary, RecordChange, Resolutions } from '../../src-shared/snapshot/plan';
import type { Batch, Job, ServiceContext } from '../services/context';
import { readAliases, writeMetaJson } from './export';
import type { Row } from './merge';
import { fieldKind, snakeOf, tableSpecs } from './rows';
import { pinned, sourceOf, type SnapshotSource } from './source';
import { streamPlan, type ImportPlan, type PlanWriter } from './stream';

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

/** The plan of importing `source` into this copy as it is now, read as a stream (see stream.ts). */
export function planAgainstLocal(context: ServiceContext, source: Snapshot | SnapshotSource, resolutions: Resolutions, restamp: Stamp = context.clock.current()): Promise<ImportPlan> {
  return streamPlan(context, sourceOf(source), resolutions, restamp);
}

/** Whether applying would write anything: rows, links, or a conflict's decision to remember. */
export function hasWrites(plan: ImportPlan): boolean {
  return plan.writes > 0 || Object.keys(plan.newAliases).length > 0 || plan.counts.conflicts > 0;
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
      values[index] = kind === 'boolean' ? (value ? 1 : 0) : kind === 'json' ? jsonText(value) : value;
    }
    if (table === 'services') values[fields.length] = paths.get(String(record.id)) ?? String(record.name);
    statement.run(values);
  };
}

/** JSON of a field value; the empty object most rows carry needs no serialiser. */
function jsonText(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    let empty = true;
    for (const key in value) if (Object.hasOwn(value, key)) empty = false;
    if (empty) return '{}';
  }
  return JSON.stringify(value);
}

/**
 * Applies a snapshot (DESIGN.md §3): the plan first (a preview's, or made here), nothing more
 * when it writes nothing; else an online backup checked with quick_check, then one transaction
 * in which a second pass over the snapshot (refused if the file changed since) writes each row
 * as it is merged, re-derives service paths, records one audit batch and the merge bookkeeping.
 * Any failure rolls everything back.
 */
export async function applySnapshot(
  context: ServiceContext,
  snapshot: Snapshot | SnapshotSource,
  resolutions: Resolutions,
  options: { readonly hooks?: ApplyHooks; readonly fingerprint?: string; readonly plan?: ImportPlan } = {},
): Promise<ImportSummary | null> {
  const hooks = options.hooks ?? {};
  if (options.fingerprint !== undefined && options.fingerprint !== localFingerprint(context)) {
    throw new ServiceError('conflict', 'The data changed since this preview was made; open the snapshot again to review the new plan.');
  }
  const source = sourceOf(snapshot);
  const first = options.plan ?? (await planAgainstLocal(context, source, resolutions));
  if (!hasWrites(first)) return null;
  const backupPath = await backup(context, hooks);
  return context.longWrite([...importedEntities], 'import', async (batch, job) => {
    hooks.afterStep?.('begin');
    // The clock moves past the latest accepted stamp (one from more than 24 h ahead is not accepted),
    // so a choice that overrides the later write takes a stamp after every stamp in the file.
    if (first.observed) context.clock.observe(first.observed);
    context.conn.sqlite.pragma('defer_foreign_keys = ON');
    const audit = new ImportAudit(batch);
    const streamed = streamedWriter(context, job, hooks, audit, first.writes);
    const plan = await streamPlan(context, pinned(source, first.header), resolutions, context.clock.next(), streamed);
    hooks.afterStep?.('paths');
    audit.finish(plan, backupPath);
    hooks.afterStep?.('audit');
    writeMetaJson(context, 'seen', plan.seen);
    writeMetaJson(context, 'aliases', { ...readAliases(context), ...plan.newAliases });
    hooks.afterStep?.('meta');
    return { added: plan.counts.added, changed: plan.counts.changed, removed: plan.counts.removed, conflicts: plan.counts.conflicts, backupPath };
  });
}

/** Writes the small tables first, then streamed rows as they come, reporting progress. */
function streamedWriter(context: ServiceContext, job: Job, hooks: ApplyHooks, audit: ImportAudit, total: number): PlanWriter {
  const writers = new Map<SnapshotTable, (record: Row) => void>();
  let done = 0;
  let pending: Promise<void> = Promise.resolve();
  let paths = new Map<string, string>();
  const CHUNK = 5000;
  const write = (table: SnapshotTable, row: Row) => {
    let writer = writers.get(table);
    if (!writer) {
      writer = upserter(context, table, row, paths);
      writers.set(table, writer);
    }
    writer(row);
    done += 1;
    // Progress is reported (and a cancel noticed) as the file streams: the reads yield to the event loop.
    if (done % CHUNK === 0) {
      const at = done;
      pending = pending.then(() => job.progress(at, total, 'Importing snapshot'));
      // Awaited in `finish`; marked handled here so a cancel met while a refusal unwinds is no crash.
      pending.catch(() => undefined);
    }
  };
  return {
    small: (plan) => {
      paths = plan.paths;
      for (const table of snapshotTables) {
        for (const row of plan.writes[table]) write(table, row);
        if (table !== 'assignments' && table !== 'defaultServices') hooks.afterStep?.(table);
      }
    },
    row: write,
    wants: (kind, table) => audit.wants(kind, table),
    change: (kind, table, change) => audit.change(kind, table, change),
    finish: async (plan) => {
      await pending;
      hooks.afterStep?.('assignments');
      hooks.afterStep?.('defaultServices');
      for (const change of [...plan.added, ...plan.changed, ...plan.removed]) audit.change(change.kind, change.table, change);
      const fixPath = context.conn.sql.prepare('UPDATE service SET path = ? WHERE id = ? AND path != ?');
      for (const [id, path] of plan.paths) fixPath.run(path, id, path);
      await job.progress(total, total, 'Importing snapshot');
    },
  };
}

/** Above this many records added to one table, the import records one summary instead of an event each. */
export const ADDED_EVENTS_LIMIT = 1000;

/**
 * One audit batch: an event per changed or removed record (a human reads those: mine → theirs),
 * an event per added record unless a table gains more than ADDED_EVENTS_LIMIT records (an
 * import into an empty copy adds a million assignments: one line per table says it, the way
 * loading the sample does), and the import's summary with the backup's path. Added records are
 * held only up to the limit, so a million of them cost nothing here.
 */
class ImportAudit {
  private readonly added = new Map<SnapshotTable, { count: number; held: RecordChange[] }>();
  constructor(private readonly batch: Batch) {}

  wants(kind: RecordChange['kind'], table: SnapshotTable): boolean {
    return kind !== 'added' || (this.added.get(table)?.count ?? 0) < ADDED_EVENTS_LIMIT;
  }

  change(kind: RecordChange['kind'], table: SnapshotTable, change: RecordChange | null): void {
    if (kind !== 'added') {
      if (change) this.event(change);
      return;
    }
    const entry = this.added.get(table) ?? { count: 0, held: [] };
    this.added.set(table, entry);
    entry.count += 1;
    if (entry.count <= ADDED_EVENTS_LIMIT && change) entry.held.push(change);
    else entry.held.length = 0;
  }

  private event(change: RecordChange): void {
    this.batch.audit({
      entity: auditEntity[change.table],
      entityId: change.key,
      action: 'import',
      label: change.label,
      before: Object.fromEntries(change.fields.map((field) => [field.field, field.mine])),
      after: { ...Object.fromEntries(change.fields.map((field) => [field.field, field.theirs])), change: change.kind },
    });
  }

  finish(plan: ImportPlan, backupPath: string): void {
    const { header, counts } = plan;
    for (const [table, { count, held }] of this.added) {
      if (count <= ADDED_EVENTS_LIMIT) for (const change of held) this.event(change);
      else this.batch.audit({ entity: 'data', entityId: header.snapshotId, action: 'import', label: `${count} ${table} added from the snapshot`, after: { table, added: count } });
    }
    this.batch.audit({
      entity: 'data',
      entityId: header.snapshotId,
      action: 'import',
      label: `Snapshot from ${header.exporter} on ${header.deviceName}`,
      after: { added: counts.added, changed: counts.changed, removed: counts.removed, conflicts: counts.conflicts, backupPath },
    });
  }
}
