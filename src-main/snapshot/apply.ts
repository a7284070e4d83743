import BetterSqlite3 from 'better-sqlite3';
import type { AuditEntity, Stamp } from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import {
  snapshotTables,
  type Snapshot,
  type SnapshotHeader,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';
import type { ImportSummary, RecordChange, Resolutions } from '../../src-shared/snapshot/plan';
import { backupPathFor, pruneBackups, writeBackup, type PendingBackup } from '../db/backups';
import { keepBackups } from '../services/backups';
import { quoteIdentifier } from '../db/schemaCheck';
import type { Batch, Job, ServiceContext } from '../services/context';
import { readAliases, writeMetaJson } from './export';
import type { Row } from './merge';
import { fieldKind, isEmptyTable, keyOf, snakeOf, tableSpecs } from './rows';
import { refuse } from './reader';
import { pinned, readHeader, sourceOf, type SnapshotSource } from './source';
import { streamPlan, type ImportPlan, type PlanWriter } from './stream';

/** The steps of an apply, in order (without WAL the backup and its check come first); a test hook may fail at any of them. */
export const applySteps = ['begin', ...snapshotTables, 'paths', 'backup', 'check', 'audit', 'meta'] as const;
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
export const importedEntities = [
  'customer',
  'service',
  'customField',
  'customerUser',
  'assignment',
  'defaultService',
] as const;

/** What changes the local data between a preview and its apply: any write moves one of these. */
export function localFingerprint(context: ServiceContext): string {
  const row = context.conn.sql
    .prepare("SELECT (SELECT value FROM meta WHERE key = 'clock') AS clock, (SELECT max(id) FROM audit_event) AS audit")
    .get() as { clock: string | null; audit: number | null };
  return `${row.clock ?? ''}/${row.audit ?? 0}`;
}

/** The plan of importing `source` into this copy as it is now, read as a stream (see stream.ts). */
export function planAgainstLocal(
  context: ServiceContext,
  source: Snapshot | SnapshotSource,
  resolutions: Resolutions,
  restamp: Stamp = context.clock.current(),
): Promise<ImportPlan> {
  return streamPlan(context, sourceOf(source), resolutions, restamp);
}

/** Whether applying would write anything: rows, links, or a conflict's decision to remember. */
export function hasWrites(plan: ImportPlan): boolean {
  return plan.writes > 0 || Object.keys(plan.newAliases).length > 0 || plan.counts.conflicts > 0;
}

/**
 * An online backup of the database as it was before the import, verified with quick_check and
 * kept under a temporary name until the import commits (see writeBackup). In WAL mode it is read
 * through a connection of its own, which sees the database as last committed: taken inside the
 * import's transaction, it holds none of the import's writes.
 */
async function backup(context: ServiceContext, hooks: ApplyHooks, own: boolean): Promise<PendingBackup> {
  const path = backupPathFor(context.conn.path, 'import', new Date());
  const source = own
    ? new BetterSqlite3(context.conn.path, { readonly: true, fileMustExist: true })
    : context.conn.sqlite;
  let pending: PendingBackup;
  try {
    pending = await writeBackup(source, path, () => hooks.afterStep?.('backup'));
  } finally {
    if (own) source.close();
  }
  try {
    hooks.afterStep?.('check');
  } catch (error) {
    pending.discard();
    throw error;
  }
  return pending;
}

/** Rows one multi-row insert takes: a statement per 64 new rows costs a third less than one per row. */
const INSERT_ROWS = 64;

type TableWriter = {
  /** Writes a record: an upsert at once, or, `fresh` (no local row has its key), a plain insert that may wait for the next multi-row insert. */
  readonly write: (record: Row, fresh: boolean) => void;
  /** Inserts the rows still waiting: before anything reads the table or the import ends. */
  readonly flush: () => void;
};

/**
 * Prepared statements for one table with positional values, made once per table: the hot path of
 * an import (a million assignments) pays for neither statement compilation nor row objects.
 */
function tableWriter(
  context: ServiceContext,
  table: SnapshotTable,
  first: Row,
  paths: Map<string, string>,
): TableWriter {
  const spec = tableSpecs[table];
  const fields = Object.keys(first);
  const kinds = fields.map(fieldKind);
  const columns = [...fields.map(snakeOf), ...(table === 'services' ? ['path'] : [])];
  const keys = new Set(spec.key.map(snakeOf));
  const row = `(${columns.map(() => '?').join(', ')})`;
  const insert = `INSERT INTO ${spec.sql} (${columns.join(', ')}) VALUES`;
  const add = context.conn.sql.prepare(`${insert} ${row}`);
  const addMany = context.conn.sql.prepare(`${insert} ${Array.from({ length: INSERT_ROWS }, () => row).join(', ')}`);
  const upsert = context.conn.sql.prepare(
    `${insert} ${row} ON CONFLICT (${[...keys].join(', ')}) DO UPDATE SET ${columns
      .filter((column) => !keys.has(column))
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')}`,
  );
  /** Puts the record's column values into `out` from `at` on. */
  const put = (record: Row, out: unknown[], at: number) => {
    for (let index = 0; index < fields.length; index += 1) {
      const value = record[fields[index] ?? ''];
      const kind = kinds[index];
      out[at + index] = kind === 'boolean' ? (value ? 1 : 0) : kind === 'json' ? jsonText(value) : value;
    }
    if (table === 'services') out[at + fields.length] = paths.get(String(record.id)) ?? String(record.name);
  };
  const values: unknown[] = new Array(columns.length);
  const waiting: unknown[] = [];
  return {
    write: (record, fresh) => {
      if (!fresh) {
        put(record, values, 0);
        upsert.run(values);
        return;
      }
      put(record, waiting, waiting.length);
      if (waiting.length < INSERT_ROWS * columns.length) return;
      addMany.run(waiting);
      waiting.length = 0;
    },
    flush: () => {
      for (let at = 0; at < waiting.length; at += columns.length) add.run(waiting.slice(at, at + columns.length));
      waiting.length = 0;
    },
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

/** Rolls an apply back that found nothing to write. */
const nothingToDo = new Error('nothing to import');

/**
 * Applies a snapshot (docs/ARCHITECTURE.md#the-merge) in one pass over it, inside one transaction: each row is
 * written as it is merged, so what is applied is the plan itself, and service paths are
 * re-derived. Then, unless the pass wrote nothing (rolled back: null), `review` sees the plan and
 * may refuse it (rolled back), the database as it was before is backed up and checked with
 * quick_check, and one audit batch and the merge bookkeeping are written. Any failure rolls
 * everything back.
 */
export async function applySnapshot(
  context: ServiceContext,
  snapshot: Snapshot | SnapshotSource,
  resolutions: Resolutions,
  options: {
    readonly hooks?: ApplyHooks;
    readonly fingerprint?: string;
    readonly review?: (plan: ImportPlan) => void;
  } = {},
): Promise<ImportSummary | null> {
  const hooks = options.hooks ?? {};
  if (options.fingerprint !== undefined && options.fingerprint !== localFingerprint(context)) {
    throw new ServiceError(
      'conflict',
      'The data changed since this preview was made; open the snapshot again to review the new plan.',
    );
  }
  const source = sourceOf(snapshot);
  const header = await readHeader(source);
  // The clock moves past every stamp the import accepts before it stamps anything of its own (a
  // choice that overrides a later write must win the next merge too). The exporter's clock bounds
  // every stamp in the file; when it is more than 24 h ahead it is not accepted, and the latest
  // stamp that is takes a first pass over the file to find.
  const prior = context.clock.isTooFarAhead(header.clock) ? await planAgainstLocal(context, source, resolutions) : null;
  const restamp = (read: SnapshotHeader): Stamp => {
    if (!prior && context.clock.isTooFarAhead(read.clock))
      throw refuse('the file changed since it was opened; open it again to review the new content.');
    const observed = prior ? prior.observed : read.clock;
    if (observed) context.clock.observe(observed);
    return context.clock.next();
  };
  // Without WAL no other connection can read the database as it was during the import: the
  // backup comes first, and goes again when nothing was imported.
  const wal = context.conn.sqlite.pragma('journal_mode', { simple: true }) === 'wal';
  const early = wal ? null : await backup(context, hooks, false);
  let pending = early;
  let summary: ImportSummary;
  try {
    summary = await context.longWrite([...importedEntities], 'import', async (batch, job) => {
      hooks.afterStep?.('begin');
      context.conn.sqlite.pragma('defer_foreign_keys = ON');
      const audit = new ImportAudit(batch);
      const rows = snapshotTables.reduce((sum, table) => sum + header.counts[table], 0);
      const streamed = streamedWriter(context, job, hooks, audit, rows);
      const plan = await streamPlan(
        context,
        prior ? pinned(source, prior.header) : source,
        resolutions,
        restamp,
        streamed,
      );
      hooks.afterStep?.('paths');
      options.review?.(plan);
      if (!hasWrites(plan)) throw nothingToDo;
      pending = early ?? (await backup(context, hooks, true));
      audit.finish(plan, pending.path);
      hooks.afterStep?.('audit');
      writeMetaJson(context, 'seen', plan.seen);
      writeMetaJson(context, 'aliases', { ...readAliases(context), ...plan.newAliases });
      hooks.afterStep?.('meta');
      return {
        added: plan.counts.added,
        changed: plan.counts.changed,
        removed: plan.counts.removed,
        conflicts: plan.counts.conflicts,
        backupPath: pending.path,
      };
    });
  } catch (error) {
    pending?.discard();
    if (error === nothingToDo) return null;
    throw error;
  }
  // Committed: the backup gets its name (a start after a crash right here finishes this from the audit).
  pending?.keep();
  pruneBackups(context.conn.path, keepBackups(context.conn));
  return summary;
}

/**
 * Writes the small tables first, then streamed rows as they come, reporting progress over the
 * file's rows. A table that is empty when the import begins (a new copy) is filled without its
 * secondary indexes, built again at the end in the same transaction: building an index over a
 * million rows is quicker than keeping it up to date row by row. Unique indexes stay: they hold
 * a rule.
 */
function streamedWriter(
  context: ServiceContext,
  job: Job,
  hooks: ApplyHooks,
  audit: ImportAudit,
  total: number,
): PlanWriter {
  const { sql, sqlite } = context.conn;
  const writers = new Map<SnapshotTable, TableWriter>();
  const flush = () => {
    for (const writer of writers.values()) writer.flush();
  };
  let read = 0;
  let pending: Promise<void> = Promise.resolve();
  let paths = new Map<string, string>();
  const CHUNK = 5000;
  // The indexes the migrations define, never names or statements read from the file: the database
  // was checked to hold exactly these when it was opened.
  const indexesOf = (table: string) =>
    context.conn.schema.flatMap(({ type, name, table: on, sql }) =>
      type === 'index' && on === table && sql && !sql.startsWith('CREATE UNIQUE') ? [{ name, sql }] : [],
    );
  const dropped: string[] = [];
  const write = (table: SnapshotTable, row: Row, fresh: boolean) => {
    let writer = writers.get(table);
    if (!writer) {
      const name = tableSpecs[table].sql;
      if (isEmptyTable(sqlite, name)) {
        for (const index of indexesOf(name)) {
          sqlite.exec(`DROP INDEX ${quoteIdentifier(index.name)}`);
          dropped.push(index.sql);
        }
      }
      writer = tableWriter(context, table, row, paths);
      writers.set(table, writer);
    }
    writer.write(row, fresh);
  };
  return {
    small: (plan) => {
      paths = plan.paths;
      for (const table of snapshotTables) {
        const local = plan.tools.local[table];
        for (const row of plan.writes[table]) write(table, row, !local.has(keyOf(table, row)));
        if (table !== 'assignments' && table !== 'defaultServices') hooks.afterStep?.(table);
      }
      flush();
    },
    read: () => {
      read += 1;
      // Progress is reported (and a cancel noticed) as the file streams: the reads yield to the event loop.
      if (read % CHUNK !== 0) return;
      const at = read;
      pending = pending.then(() => job.progress(at, total, 'Importing snapshot'));
      // Awaited in `finish`; marked handled here so a cancel met while a refusal unwinds is no crash.
      pending.catch(() => undefined);
    },
    row: write,
    wants: (kind, table) => audit.wants(kind, table),
    change: (kind, table, change) => audit.change(kind, table, change),
    finish: async (plan) => {
      await pending;
      flush();
      if (dropped.length > 0) rebuildIndexes(sqlite, dropped);
      hooks.afterStep?.('assignments');
      hooks.afterStep?.('defaultServices');
      for (const change of [...plan.added, ...plan.changed, ...plan.removed])
        audit.change(change.kind, change.table, change);
      const fixPath = sql.prepare('UPDATE service SET path = ? WHERE id = ? AND path != ?');
      for (const [id, path] of plan.paths) fixPath.run(path, id, path);
      await job.progress(total, total, 'Importing snapshot');
    },
  };
}

/**
 * Creates the indexes set aside while their table filled. Building an index sorts all its keys,
 * in memory up to the page cache's size and then in temporary files (in memory too, with the
 * connection's temp_store). A small cache and files on disk keep a million keys' sort out of
 * memory at no cost in time; the connection gets its own settings back.
 */
function rebuildIndexes(sqlite: BetterSqlite3.Database, definitions: readonly string[]): void {
  const store = Number(sqlite.pragma('temp_store', { simple: true }));
  const cache = Number(sqlite.pragma('cache_size', { simple: true }));
  sqlite.pragma('temp_store = FILE');
  sqlite.pragma('cache_size = -16384');
  try {
    for (const definition of definitions) sqlite.exec(definition);
  } finally {
    sqlite.pragma(`temp_store = ${store}`);
    sqlite.pragma(`cache_size = ${cache}`);
  }
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
      else
        this.batch.audit({
          entity: 'data',
          entityId: header.snapshotId,
          action: 'import',
          label: `${count} ${table} added from the snapshot`,
          after: { table, added: count },
        });
    }
    this.batch.audit({
      entity: 'data',
      entityId: header.snapshotId,
      action: 'import',
      label: `Snapshot from ${header.exporter} on ${header.deviceName}`,
      after: {
        added: counts.added,
        changed: counts.changed,
        removed: counts.removed,
        conflicts: counts.conflicts,
        backupPath,
      },
    });
  }
}
