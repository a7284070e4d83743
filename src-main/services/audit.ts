import { closeSync, openSync, writeSync } from 'node:fs';
import { sql } from 'kysely';
import type { AuditEvent, ListPage } from '../../src-shared/domain';
import { describeChange, describeEvent, entityName } from '../../src-shared/domain/auditText';
import type { ParsedInputOf } from '../../src-shared/ipc/contract';
import type { AuditExportResult, LatestBatch } from '../../src-shared/ipc/methods/audit';
import type { HandlerGroup } from '../ipc/handlers';
import { toAuditEvent, type AuditRecord } from './auditRows';
import { defuseCell } from './csvCell';
import type { ServiceContext, WrittenBatch } from './context';
import { eraseCustomerUser } from './erase';
import { isUndoable, undoBatch } from './undo';

type Filter = ParsedInputOf<'audit:export'>;

/** The UTC instant at which the local day `date` starts, for a clock `offset` minutes ahead of UTC. */
function dayStart(date: string, offsetMinutes: number, addDays = 0): string {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`) + addDays * 86_400_000;
  return new Date(utcMidnight - offsetMinutes * 60_000).toISOString();
}

function filtered(context: ServiceContext, filter: Filter) {
  let query = context.conn.db.selectFrom('audit_event');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', dayStart(filter.from, filter.utcOffsetMinutes));
  if (filter.to) query = query.where('at', '<', dayStart(filter.to, filter.utcOffsetMinutes, 1));
  const text = filter.record.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    query = query.where(sql<boolean>`label LIKE ${pattern} ESCAPE '\\'`);
  }
  return query;
}

/** One window of the log, newest first by time (imported events from other devices interleave by time). */
export function listAudit(context: ServiceContext, input: ParsedInputOf<'audit:list'>): ListPage<AuditEvent> {
  const { sql: run } = context.conn;
  const base = filtered(context, input);
  const total =
    run.first(context.conn.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const count = run.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = run.all(
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset),
  );
  return { rows: rows.map(toAuditEvent), offset: input.offset, total, filtered: count };
}

export function auditActors(context: ServiceContext): string[] {
  const { db, sql: run } = context.conn;
  return run.all(db.selectFrom('audit_event').select('actor').distinct().orderBy('actor')).map((row) => row.actor);
}

/**
 * The history of one record, newest first. A customer's includes its assignments, a service's
 * its assignments and default-service changes: what an admin looking at that record changed.
 */
export function recordHistory(context: ServiceContext, input: ParsedInputOf<'audit:history'>): AuditEvent[] {
  const { db, sql: run } = context.conn;
  const { entity, entityId } = input;
  const query = db
    .selectFrom('audit_event')
    .selectAll()
    .where((eb) => {
      const own = eb.and([eb('entity', '=', entity), eb('entity_id', '=', entityId)]);
      if (entity === 'customer') {
        // `${id}/` up to `${id}0` ('0' follows '/'): the customer's assignments, as an index range.
        return eb.or([
          own,
          eb.and([
            eb('entity', '=', 'assignment'),
            eb('entity_id', '>=', `${entityId}/`),
            eb('entity_id', '<', `${entityId}0`),
          ]),
        ]);
      }
      if (entity === 'service') {
        return eb.or([
          own,
          eb.and([eb('entity', '=', 'assignment'), eb('entity_id', 'like', `%/${entityId}`)]),
          eb.and([eb('entity', '=', 'defaultService'), eb('entity_id', '=', entityId)]),
        ]);
      }
      return own;
    })
    .orderBy('id', 'desc')
    .limit(input.limit);
  return run.all(query).map(toAuditEvent);
}

/** The newest batch, summarised, so the window can offer to undo the Save it just made. */
export function latestBatch(context: ServiceContext, { since }: ParsedInputOf<'audit:latest'>): LatestBatch {
  const { db, sql: run } = context.conn;
  const last = run.first(db.selectFrom('audit_event').select(['batch_id', 'at']).orderBy('id', 'desc').limit(1));
  // A Save that changed nothing wrote no batch: the newest one then belongs to an earlier Save.
  if (!last || (since && last.at < since)) return null;
  const { count, kinds } = writtenBatch(context, last.batch_id);
  const first = kinds[0];
  const summary = first ? describeChange(first) + (count > 1 ? ` (+${count - 1} more)` : '') : '';
  return { batchId: last.batch_id, at: last.at, summary, undoable: isUndoable(kinds) };
}

/**
 * A batch's size and the first event of each kind: whether an event can be undone depends only on
 * its entity, action and "before", so one of each answers for a Save of 50,000 changes. The batch
 * this app just committed is known without reading it.
 */
function writtenBatch(context: ServiceContext, batchId: string): Omit<WrittenBatch, 'id'> {
  const known = context.lastBatch();
  if (known?.id === batchId) return known;
  const { db, sql: run } = context.conn;
  const batch = db.selectFrom('audit_event').where('batch_id', '=', batchId);
  const count = run.first(batch.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const firsts = batch.select((eb) => eb.fn.min('id').as('id')).groupBy(['entity', 'action', 'before']);
  const kinds = run
    .all(db.selectFrom('audit_event').selectAll().where('id', 'in', firsts).orderBy('id'))
    .map(toAuditEvent);
  return { count, kinds };
}

const csvFields = ['time', 'actor', 'device', 'entity', 'record', 'action', 'description', 'before', 'after', 'batch'];
const CSV_CHUNK = 5_000;

/** One CSV cell: quoted when needed, and defused so spreadsheets show text, not a formula. */
function csvCell(value: string): string {
  const text = defuseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(record: AuditRecord): string {
  const event = toAuditEvent(record);
  return [
    event.at,
    event.actor,
    event.device,
    entityName(event.entity),
    event.label,
    event.action,
    describeEvent(event),
    record.before ?? '',
    record.after ?? '',
    event.batchId,
  ]
    .map(csvCell)
    .join(',');
}

/**
 * CSV of the filtered log, newest first, one row per event with the sentence an admin reads.
 * Written in chunks that yield to the event loop, so a million events neither sit in memory
 * at once nor freeze the window.
 */
export async function exportAudit(context: ServiceContext, filter: Filter): Promise<AuditExportResult> {
  const path = await context.platform.chooseSavePath({
    title: 'Export audit log',
    defaultName: 'audit-log.csv',
    extensions: ['csv'],
  });
  if (!path) return null;
  const { sql: run } = context.conn;
  // Keyset pages over (at, id): each page starts where the last ended, without an open cursor
  // (other calls may run between pages) and without OFFSET's re-reading.
  const pageAfter = (last: AuditRecord | undefined) => {
    const base = filtered(context, filter);
    const rest = last
      ? base.where((eb) => eb.or([eb('at', '<', last.at), eb.and([eb('at', '=', last.at), eb('id', '<', last.id)])]))
      : base;
    return run.all(rest.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(CSV_CHUNK));
  };
  const file = openSync(path, 'w');
  let rows = 0;
  try {
    // A BOM so spreadsheet programs read the file as UTF-8.
    writeSync(file, `\uFEFF${csvFields.join(',')}\r\n`);
    for (let records = pageAfter(undefined); records.length > 0; records = pageAfter(records[records.length - 1])) {
      writeSync(file, `${records.map(csvLine).join('\r\n')}\r\n`);
      rows += records.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(file);
  }
  return { path, rows };
}

export const auditHandlers = {
  'audit:list': listAudit,
  'audit:actors': auditActors,
  'audit:history': recordHistory,
  'audit:latest': latestBatch,
  'audit:undo': (context, { batchId }) => undoBatch(context, batchId),
  'audit:export': exportAudit,
  'privacy:eraseCustomerUser': (context, input) => eraseCustomerUser(context, input.id, input.confirmLogin),
} satisfies HandlerGroup<
  | 'audit:list'
  | 'audit:actors'
  | 'audit:history'
  | 'audit:latest'
  | 'audit:undo'
  | 'audit:export'
  | 'privacy:eraseCustomerUser'
>;
