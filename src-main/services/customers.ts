import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  customerInputSchema,
  localToday,
  type Customer,
  type CustomerFields,
  type CustomerInput,
  type CustomerRow,
  type ListPage,
  type ListQuery,
  listQuerySchema,
} from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { DeleteResult } from '../../src-shared/ipc/contract';
import type { CustomerRecord } from '../db/schema';
import type { HandlerGroup } from '../ipc/handlers';
import type { Batch, ServiceContext } from './context';
import { changedFields, notFound, pick, stampFields } from './records';
import { effectiveCounts } from './effective';
import { findCustomerRecord } from './customerRecord';
import { applyLifecycle } from './lifecycle';
import { checkCustomFields } from './customFields';

export function toCustomer(record: CustomerRecord): Customer {
  return {
    id: record.id,
    code: record.code,
    name: record.name,
    street: record.street,
    zip: record.zip,
    city: record.city,
    country: record.country,
    url: record.url,
    comment: record.comment,
    validity: customerInputSchema.shape.validity.parse(record.validity),
    accessMode: record.access_mode === 'specific' ? 'specific' : 'defaults',
    customFields: JSON.parse(record.custom_fields) as Customer['customFields'],
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

export function customerFieldsOf(customer: Customer): CustomerFields {
  const { id: _id, accessMode: _mode, createdAt: _created, updatedAt: _updated, ...fields } = customer;
  return fields;
}

export function getCustomer(context: ServiceContext, id: string): Customer {
  const record = findCustomerRecord(context, id);
  if (!record) throw notFound('Customer', id);
  return toCustomer(record);
}

function assertCodeFree(context: ServiceContext, code: string, exceptId: string | null): void {
  const { db, sql: run } = context.conn;
  const clash = run.first(
    db
      .selectFrom('customer')
      .select(['id', 'name'])
      .where(sql<boolean>`code = ${code} COLLATE NOCASE`)
      .where('deleted', '=', 0)
      .where('id', '!=', exceptId ?? ''),
  );
  if (clash) {
    throw new ServiceError('conflict', `Customer ID "${code}" is already used by ${clash.name}.`, {
      code: `Already used by ${clash.name}`,
    });
  }
}

export function listCustomers(context: ServiceContext, rawQuery: ListQuery): ListPage<CustomerRow> {
  const query = listQuerySchema.parse(rawQuery);
  if (query.query.trim() === '' && !context.search.hasCustomers()) return unfilteredWindow(context, query);
  const index = context.search.customers();
  const positions = index.filter(query.query, query.showInvalid);
  const window = positions.subarray(query.offset, query.offset + query.limit);
  const ids = Array.from(window, (position) => index.ids[position] ?? '');
  return { rows: customerRows(context, ids), offset: query.offset, total: index.size, filtered: positions.length };
}

/**
 * The first window at start-up, with no filter, straight from the covering index: no need to
 * read all 100,000 customers before the list can paint.
 */
function unfilteredWindow(
  context: ServiceContext,
  query: { showInvalid: boolean; offset: number; limit: number },
): ListPage<CustomerRow> {
  const run = context.conn.sql;
  const validOnly = query.showInvalid ? '' : "AND validity = 'valid'";
  const ids = (
    run
      .prepare(
        `SELECT id FROM customer WHERE deleted = 0 ${validOnly} ORDER BY code COLLATE NOCASE, id LIMIT ? OFFSET ?`,
      )
      .all(query.limit, query.offset) as { id: string }[]
  ).map((row) => row.id);
  const counts = run
    .prepare(
      `SELECT count(*) AS total, count(*) FILTER (WHERE validity = 'valid') AS valid FROM customer WHERE deleted = 0`,
    )
    .get() as { total: number; valid: number };
  return {
    rows: customerRows(context, ids),
    offset: query.offset,
    total: counts.total,
    filtered: query.showInvalid ? counts.total : counts.valid,
  };
}

/** List rows for these customers, in the given order, with their effective service counts. */
export function customerRows(context: ServiceContext, ids: readonly string[]): CustomerRow[] {
  if (ids.length === 0) return [];
  const { db, sql: run } = context.conn;
  const records = run.all(
    db
      .selectFrom('customer')
      .select(['id', 'code', 'name', 'city', 'validity', 'access_mode', 'custom_fields'])
      .where('id', 'in', ids),
  );
  const byId = new Map(records.map((record) => [record.id, record]));
  const counts = effectiveCounts(context, ids, localToday());
  return ids.flatMap((id) => {
    const record = byId.get(id);
    if (!record) return [];
    return [
      {
        id,
        code: record.code,
        name: record.name,
        city: record.city,
        validity: customerInputSchema.shape.validity.parse(record.validity),
        accessMode: record.access_mode === 'specific' ? 'specific' : 'defaults',
        effectiveCount: counts.get(id) ?? 0,
        customFields: JSON.parse(record.custom_fields) as CustomerRow['customFields'],
      } satisfies CustomerRow,
    ];
  });
}

export function createCustomer(context: ServiceContext, input: CustomerInput): Customer {
  const parsed = customerInputSchema.parse(input);
  const fields = { ...parsed, customFields: checkCustomFields(context, parsed.customFields) };
  return context.write(['customer'], (batch) => insertCustomer(context, batch, fields, 'defaults'));
}

/** Inserts a new customer inside an open batch; clone and sample data use it too. */
export function insertCustomer(
  context: ServiceContext,
  batch: Batch,
  fields: CustomerFields,
  accessMode: 'defaults' | 'specific',
): Customer {
  assertCodeFree(context, fields.code, null);
  const { db, sql: run } = context.conn;
  const id = randomUUID();
  run.run(
    db.insertInto('customer').values({
      id,
      ...toColumns(fields),
      access_mode: accessMode,
      deleted: 0,
      stamp: batch.stamp,
      field_stamps: '{}',
      created_at: batch.at,
      updated_at: batch.at,
    }),
  );
  batch.audit({ entity: 'customer', entityId: id, action: 'create', label: fields.name, after: { ...fields } });
  return getCustomer(context, id);
}

function toColumns(fields: CustomerFields) {
  return {
    code: fields.code,
    name: fields.name,
    street: fields.street,
    zip: fields.zip,
    city: fields.city,
    country: fields.country,
    url: fields.url,
    comment: fields.comment,
    validity: fields.validity,
    custom_fields: JSON.stringify(fields.customFields),
  };
}

export function updateCustomer(context: ServiceContext, id: string, input: CustomerInput): Customer {
  const parsed = customerInputSchema.parse(input);
  const fields = { ...parsed, customFields: checkCustomFields(context, parsed.customFields) };
  return context.write(['customer', 'assignment'], (batch) => {
    const record = findCustomerRecord(context, id);
    if (!record) throw notFound('Customer', id);
    return writeCustomerUpdate(context, batch, record, fields);
  });
}

/**
 * Writes the changed fields of a customer inside an open batch (the dialog and CSV import use
 * it): stamps and audits only what changed, and runs the lifecycle when the validity changed.
 */
export function writeCustomerUpdate(
  context: ServiceContext,
  batch: Batch,
  record: CustomerRecord,
  fields: CustomerFields,
): Customer {
  const id = record.id;
  const before = customerFieldsOf(toCustomer(record));
  const changed = changedFields(before, fields);
  if (changed.length === 0) return toCustomer(record);
  if (changed.includes('code')) assertCodeFree(context, fields.code, id);
  const { db, sql: run } = context.conn;
  run.run(
    db
      .updateTable('customer')
      .set({
        ...toColumns(fields),
        field_stamps: stampFields(record.field_stamps, changed, batch.stamp),
        updated_at: batch.at,
      })
      .where('id', '=', id),
  );
  batch.audit({
    entity: 'customer',
    entityId: id,
    action: 'update',
    label: fields.name,
    before: pick(before, changed),
    after: pick(fields, changed),
  });
  if (changed.includes('validity')) applyLifecycle(context, batch, id, fields.name, before.validity, fields.validity);
  return getCustomer(context, id);
}

export function deleteCustomer(context: ServiceContext, id: string): DeleteResult {
  return context.write(['customer', 'customerUser', 'assignment'], (batch) => {
    const record = findCustomerRecord(context, id);
    if (!record) throw notFound('Customer', id);
    const hidden = hiddenByCustomerDelete(context, id);
    const { db, sql: run } = context.conn;
    run.run(
      db
        .updateTable('customer')
        .set({
          deleted: 1,
          field_stamps: stampFields(record.field_stamps, ['deleted'], batch.stamp),
          updated_at: batch.at,
        })
        .where('id', '=', id),
    );
    batch.audit({
      entity: 'customer',
      entityId: id,
      action: 'delete',
      label: record.name,
      before: { code: record.code, name: record.name },
      after: { deleted: true, hidden },
    });
    return { id, hidden };
  });
}

/** What a customer's tombstone hides: its granted assignments and the users whose primary customer it is. */
export function hiddenByCustomerDelete(context: ServiceContext, id: string): Record<string, number> {
  const { sql: run } = context.conn;
  const assignments = run
    .prepare('SELECT count(*) AS n FROM assignment WHERE customer_id = ? AND granted = 1')
    .get(id) as { n: number };
  const users = run
    .prepare('SELECT count(*) AS n FROM customer_user WHERE customer_id = ? AND deleted = 0')
    .get(id) as { n: number };
  return { assignments: assignments.n, customerUsers: users.n };
}

export const customerHandlers = {
  'customers:index': (context) => context.search.customerColumns(),
  'customers:accessModes': (context) => context.search.customerAccessModes(),
  'customers:rows': (context, { ids }) => customerRows(context, ids),
  'customers:list': listCustomers,
  'customers:get': (context, { id }) => getCustomer(context, id),
  'customers:create': createCustomer,
  'customers:update': (context, { id, fields }) => updateCustomer(context, id, fields),
  'customers:delete': (context, { id }) => deleteCustomer(context, id),
} satisfies HandlerGroup<
  | 'customers:index'
  | 'customers:accessModes'
  | 'customers:rows'
  | 'customers:list'
  | 'customers:get'
  | 'customers:create'
  | 'customers:update'
  | 'customers:delete'
>;
