import type { Selectable } from 'kysely';
import { auditActions, auditEntities, type AuditEvent } from '../../src-shared/domain';
import type { AuditEventTable } from '../db/schema';
import type { ServiceContext } from './context';

export type AuditRecord = Selectable<AuditEventTable>;

function parseJson(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function oneOf<T extends string>(values: readonly T[], value: string): T {
  const found = values.find((candidate) => candidate === value);
  if (!found) throw new Error(`Unknown audit value "${value}"`);
  return found;
}

/** An audit row as the domain event that crosses IPC. */
export function toAuditEvent(record: AuditRecord): AuditEvent {
  return {
    id: record.id,
    batchId: record.batch_id,
    at: record.at,
    actor: record.actor,
    device: record.device,
    entity: oneOf(auditEntities, record.entity),
    entityId: record.entity_id,
    action: oneOf(auditActions, record.action),
    label: record.label,
    before: parseJson(record.before),
    after: parseJson(record.after),
  };
}

/** Every event of one batch, in the order they were written. */
export function batchEvents(context: ServiceContext, batchId: string): AuditEvent[] {
  const { db, sql } = context.conn;
  return sql
    .all(db.selectFrom('audit_event').selectAll().where('batch_id', '=', batchId).orderBy('id'))
    .map(toAuditEvent);
}
