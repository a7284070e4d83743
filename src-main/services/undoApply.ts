import { PATH_SEPARATOR } from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { Batch, ServiceContext } from './context';
import { stampFields } from './records';
import type { UndoableEntity } from '../../src-shared/domain/undoPlan';

/** `firstName` → `first_name`: events name fields in camelCase, SQLite columns in snake_case. */
function column(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const booleanFields = new Set(['deleted', 'granted', 'stoppedByLifecycle']);

function toColumnValue(field: string, value: unknown): unknown {
  if (booleanFields.has(field)) return value === true || value === 1 ? 1 : 0;
  if (field === 'customFields') return JSON.stringify(value ?? {});
  return value ?? null;
}

function fromColumnValue(field: string, value: unknown): unknown {
  if (booleanFields.has(field)) return value === 1;
  if (field === 'customFields') return JSON.parse(typeof value === 'string' ? value : '{}') as unknown;
  return value;
}

const tables = { customer: 'customer', customerUser: 'customer_user', service: 'service' } as const;

type Row = Record<string, unknown>;

/**
 * Writes `values` back to one record, register or default service inside `batch`, stamping
 * every field it writes; returns the values it replaced (the undo event's "before").
 */
export function restore(
  context: ServiceContext,
  batch: Batch,
  entity: UndoableEntity,
  entityId: string,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const { sql: run } = context.conn;
  if (entity === 'defaultService') {
    const row = run.prepare('SELECT granted FROM default_service WHERE service_id = ?').get(entityId) as
      Row | undefined;
    run
      .prepare(
        `INSERT INTO default_service (service_id, granted, stamp) VALUES (?, ?, ?)
       ON CONFLICT (service_id) DO UPDATE SET granted = excluded.granted, stamp = excluded.stamp`,
      )
      .run(entityId, toColumnValue('granted', values.granted), batch.stamp);
    return { granted: row ? row.granted === 1 : false };
  }
  if (entity === 'assignment') return restoreAssignment(context, batch, entityId, values);
  const table = tables[entity];
  const row = run.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(entityId) as Row | undefined;
  if (!row) throw new ServiceError('not-found', `The ${entity} ${entityId} no longer exists.`);
  const fields = Object.keys(values).filter((field) => field !== 'additionalCustomerIds');
  const previous: Record<string, unknown> = Object.fromEntries(
    fields.map((field) => [field, fromColumnValue(field, row[column(field)])]),
  );
  const assignments = fields.map((field) => `${column(field)} = ?`);
  const parameters = fields.map((field) => toColumnValue(field, values[field]));
  run
    .prepare(`UPDATE ${table} SET ${[...assignments, 'field_stamps = ?', 'updated_at = ?'].join(', ')} WHERE id = ?`)
    .run(...parameters, stampFields(String(row.field_stamps), fields, batch.stamp), batch.at, entityId);
  if ('additionalCustomerIds' in values) {
    previous.additionalCustomerIds = restoreLinks(context, batch, entityId, values.additionalCustomerIds);
  }
  if (entity === 'service' && ('name' in values || 'parentId' in values || values.deleted === false))
    repath(context, entityId);
  return previous;
}

function restoreAssignment(
  context: ServiceContext,
  batch: Batch,
  entityId: string,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const { sql: run } = context.conn;
  const [customerId, serviceId] = entityId.split('/');
  const row = run
    .prepare('SELECT * FROM assignment WHERE customer_id = ? AND service_id = ?')
    .get(customerId, serviceId) as Row | undefined;
  if (!row) {
    if (values.granted === false) return { granted: false };
    throw new ServiceError('not-found', `The assignment ${entityId} no longer exists.`);
  }
  const fields = Object.keys(values);
  const previous = Object.fromEntries(fields.map((field) => [field, fromColumnValue(field, row[column(field)])]));
  const details = fields.filter((field) => field !== 'granted');
  const sets = [
    ...fields.map((field) => `${column(field)} = ?`),
    'field_stamps = ?',
    ...(fields.includes('granted') ? ['stamp = ?'] : []),
  ];
  run
    .prepare(`UPDATE assignment SET ${sets.join(', ')} WHERE customer_id = ? AND service_id = ?`)
    .run(
      ...fields.map((field) => toColumnValue(field, values[field])),
      stampFields(String(row.field_stamps), details, batch.stamp),
      ...(fields.includes('granted') ? [batch.stamp] : []),
      customerId,
      serviceId,
    );
  return previous;
}

/** Sets the additional-customer registers of a customer user to exactly `wanted`; returns the old list. */
function restoreLinks(context: ServiceContext, batch: Batch, userId: string, wanted: unknown): string[] {
  const { sql: run } = context.conn;
  const current = (
    run
      .prepare('SELECT customer_id FROM customer_user_customer WHERE user_id = ? AND granted = 1 ORDER BY customer_id')
      .all(userId) as { customer_id: string }[]
  ).map((row) => row.customer_id);
  const target = new Set(Array.isArray(wanted) ? wanted.map(String) : []);
  const upsert = run.prepare(
    `INSERT INTO customer_user_customer (user_id, customer_id, granted, stamp) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, customer_id) DO UPDATE SET granted = excluded.granted, stamp = excluded.stamp`,
  );
  for (const id of target) if (!current.includes(id)) upsert.run(userId, id, 1, batch.stamp);
  for (const id of current) if (!target.has(id)) upsert.run(userId, id, 0, batch.stamp);
  return current;
}

/** Recomputes a service's path from its name and parent, and its descendants' paths with it. */
function repath(context: ServiceContext, id: string): void {
  const { sql: run } = context.conn;
  const service = run.prepare('SELECT name, parent_id, path FROM service WHERE id = ?').get(id) as {
    name: string;
    parent_id: string | null;
    path: string;
  };
  const parent = service.parent_id
    ? (run.prepare('SELECT path FROM service WHERE id = ?').get(service.parent_id) as { path: string } | undefined)
    : undefined;
  const path = parent ? `${parent.path}${PATH_SEPARATOR}${service.name}` : service.name;
  if (path === service.path) return;
  run.prepare('UPDATE service SET path = ? WHERE id = ?').run(path, id);
  run
    .prepare("UPDATE service SET path = ? || substr(path, ?) WHERE path LIKE ? ESCAPE '\\' AND id != ?")
    .run(
      path,
      service.path.length + 1,
      `${service.path.replace(/[\\%_]/g, (match) => `\\${match}`)}${PATH_SEPARATOR}%`,
      id,
    );
}
