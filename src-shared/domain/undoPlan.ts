import type { AuditEntity, AuditEvent } from './audit';

/** The fields each undoable entity can have restored, as events name them (camelCase). */
export const restorableFields = {
  customer: [
    'code',
    'name',
    'street',
    'zip',
    'city',
    'country',
    'url',
    'comment',
    'validity',
    'customFields',
    'accessMode',
    'deleted',
  ],
  customerUser: [
    'login',
    'firstName',
    'lastName',
    'email',
    'phone',
    'customerId',
    'additionalCustomerIds',
    'validity',
    'comment',
    'deleted',
  ],
  service: ['name', 'parentId', 'type', 'criticality', 'comment', 'validity', 'deleted'],
  assignment: [
    'granted',
    'status',
    'startDate',
    'endDate',
    'quantity',
    'unit',
    'priceMinor',
    'payPeriod',
    'discountPercent',
    'discountStart',
    'discountEnd',
    'description',
    'stoppedByLifecycle',
  ],
  defaultService: ['granted'],
} as const satisfies Partial<Record<AuditEntity, readonly string[]>>;

export type UndoableEntity = keyof typeof restorableFields;

/** Actions that only describe bulk work or erase data: they cannot be taken back field by field. */
const notUndoable = new Set(['erase', 'import', 'sample']);

export function isUndoableEntity(entity: AuditEntity): entity is UndoableEntity {
  return Object.hasOwn(restorableFields, entity);
}

/** Keys of an event's before/after that describe the change rather than a stored field. */
const bookkeeping = new Set(['reason', 'hidden']);

function keysOf(value: Record<string, unknown> | null): string[] {
  return value ? Object.keys(value).filter((key) => !bookkeeping.has(key)) : [];
}

/**
 * The stored fields an event touched: what a later event must not have touched again for an
 * undo to be safe. A creation touched every field it set, plus its existence.
 */
export function touchedFields(event: AuditEvent): Set<string> {
  // A deletion's "before" is a snapshot to recognise the record by, not a change of those fields.
  if (event.action === 'delete') return new Set(['deleted']);
  // An erasure lists the fields it replaced by the marker: an earlier Save of them is not undone.
  if (event.action === 'erase')
    return new Set(
      Array.isArray(event.after?.erased) ? event.after.erased.filter((field) => typeof field === 'string') : [],
    );
  const fields = new Set([...keysOf(event.before), ...keysOf(event.after)]);
  if (event.action === 'create') fields.add('deleted');
  if (event.action === 'lifecycle') fields.add('stoppedByLifecycle');
  if (event.before === null && (event.entity === 'assignment' || event.entity === 'defaultService'))
    fields.add('granted');
  // A service's path follows its name and parent; a change of either shows as a change of path.
  if (event.entity === 'service' && fields.has('path')) fields.add('name');
  fields.delete('path');
  return fields;
}

/** The values that undoing `event` writes back; null when the event cannot be undone. */
export function restoreValues(event: AuditEvent): Record<string, unknown> | null {
  if (notUndoable.has(event.action) || !isUndoableEntity(event.entity)) return null;
  const allowed = new Set<string>(restorableFields[event.entity]);
  if (event.action === 'create') return { deleted: true };
  if (event.action === 'delete') return { deleted: false };
  if (event.before === null) {
    // A register row that did not exist before this event: undo revokes it.
    return event.entity === 'assignment' || event.entity === 'defaultService' ? { granted: false } : null;
  }
  const values = Object.fromEntries(Object.entries(event.before).filter(([key]) => allowed.has(key)));
  if (event.action === 'lifecycle' && typeof values.status === 'string') {
    // The lifecycle marks what it stopped, so that revalidation restores exactly those.
    values.stoppedByLifecycle = values.status === 'stopped';
  }
  return Object.keys(values).length > 0 ? values : null;
}

/** Whether every event of a batch can be undone (what the "Undo" buttons offer). */
export function isUndoable(events: readonly AuditEvent[]): boolean {
  return events.length > 0 && events.every((event) => restoreValues(event) !== null);
}
