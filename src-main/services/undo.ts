import type { AuditEvent } from '../../src-shared/domain';
import { describeChange, fieldLabel, formatWhen } from '../../src-shared/domain/auditText';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { UndoResult } from '../../src-shared/ipc/methods/audit';
import { batchEvents, toAuditEvent } from './auditRows';
import type { ServiceContext } from './context';
import { restore } from './undoApply';
import { isUndoable, isUndoableEntity, restoreValues, touchedFields } from '../../src-shared/domain/undoPlan';

export { isUndoable } from '../../src-shared/domain/undoPlan';

/** Why undoing `events` is unsafe: later batches that changed the same fields of the same records. */
function laterChanges(context: ServiceContext, batchId: string, events: readonly AuditEvent[]): string[] {
  const lastId = Math.max(...events.map((event) => event.id));
  const later = context.conn.sql.prepare(
    'SELECT * FROM audit_event WHERE entity = ? AND entity_id = ? AND id > ? AND batch_id != ? ORDER BY id',
  );
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    const touched = touchedFields(event);
    for (const record of later.all(event.entity, event.entityId, lastId, batchId) as Parameters<
      typeof toAuditEvent
    >[0][]) {
      const newer = toAuditEvent(record);
      for (const field of touchedFields(newer)) {
        const key = `${event.entity}/${event.entityId}/${field}`;
        if (!touched.has(field) || seen.has(key)) continue;
        seen.add(key);
        const what =
          field === 'deleted'
            ? `${event.label} was ${newer.action === 'delete' ? 'deleted' : 'changed'}`
            : `${fieldLabel(field)} of ${event.label} was changed`;
        reasons.push(`${what} later by ${newer.actor} on ${formatWhen(newer.at)}`);
      }
    }
  }
  return reasons;
}

/**
 * Undoes one batch (one Save): new events, in a new batch with new stamps, write back the
 * values the batch replaced, so the trail stays append-only and the undo can itself be undone.
 * Refuses, naming each field, when a later batch changed the same fields of the same records.
 */
export function undoBatch(context: ServiceContext, batchId: string): UndoResult {
  const events = batchEvents(context, batchId);
  if (events.length === 0) throw new ServiceError('not-found', 'That change is not in the audit log.');
  if (!isUndoable(events)) {
    const first = events.find((event) => restoreValues(event) === null) ?? events[0];
    throw new ServiceError('refused', `This change cannot be undone (${first ? describeChange(first) : 'unknown'}).`);
  }
  const entities = [...new Set(events.map((event) => event.entity))];
  try {
    return context.write(entities, (batch) => {
      // Checked inside the transaction, so nothing can slip in between the check and the writes.
      const conflicts = laterChanges(context, batchId, events);
      if (conflicts.length > 0) {
        throw new ServiceError('conflict', `Cannot undo: ${conflicts.join('; ')}. Undo the later change first.`);
      }
      // Newest first, so that several changes of one record in one batch unwind in order.
      for (const event of [...events].reverse()) {
        const values = restoreValues(event);
        if (!values || !isUndoableEntity(event.entity)) continue;
        const previous = restore(context, batch, event.entity, event.entityId, values);
        batch.audit({
          entity: event.entity,
          entityId: event.entityId,
          action: 'undo',
          label: event.label,
          before: previous,
          after: values,
        });
      }
      const first = events[0];
      return { batchId: batch.id, events: events.length, summary: first ? describeChange(first) : '' };
    });
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')) {
      throw new ServiceError(
        'conflict',
        `Cannot undo: another live record now uses the same Customer ID, login or service path (${error.message}).`,
      );
    }
    throw error;
  }
}
