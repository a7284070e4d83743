import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  customerUserInputSchema,
  listQuerySchema,
  validitySchema,
  type CustomerUser,
  type CustomerUserFields,
  type CustomerUserInput,
  type CustomerUserRow,
  type ListPage,
} from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { DeleteResult, ParsedInputOf } from '../../src-shared/ipc/contract';
import type { CustomerUserRecord } from '../db/schema';
import type { HandlerGroup } from '../ipc/handlers';
import type { Batch, ServiceContext } from './context';
import { findCustomerRecord } from './customerRecord';
import { changedFields, notFound, pick, stampFields } from './records';

function additionalCustomerIds(context: ServiceContext, userId: string): string[] {
  const { db, sql: run } = context.conn;
  return run
    .all(
      db
        .selectFrom('customer_user_customer as link')
        .innerJoin('customer', 'customer.id', 'link.customer_id')
        .select('link.customer_id')
        .where('link.user_id', '=', userId)
        .where('link.granted', '=', 1)
        .where('customer.deleted', '=', 0)
        .orderBy('customer.code'),
    )
    .map((row) => row.customer_id);
}

function toCustomerUser(context: ServiceContext, record: CustomerUserRecord): CustomerUser {
  return {
    id: record.id,
    login: record.login,
    firstName: record.first_name,
    lastName: record.last_name,
    email: record.email,
    phone: record.phone,
    customerId: record.customer_id,
    additionalCustomerIds: additionalCustomerIds(context, record.id),
    validity: validitySchema.parse(record.validity),
    comment: record.comment,
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

export function findCustomerUserRecord(context: ServiceContext, id: string): CustomerUserRecord | undefined {
  const { db, sql: run } = context.conn;
  return run.first(db.selectFrom('customer_user').selectAll().where('id', '=', id).where('deleted', '=', 0));
}

export function getCustomerUser(context: ServiceContext, id: string): CustomerUser {
  const record = findCustomerUserRecord(context, id);
  if (!record) throw notFound('Customer user', id);
  return toCustomerUser(context, record);
}

export function listCustomerUsers(
  context: ServiceContext,
  input: ParsedInputOf<'customerUsers:list'>,
): ListPage<CustomerUserRow> {
  const query = { ...listQuerySchema.parse(input), customerId: input.customerId };
  const { db, sql: run } = context.conn;
  const pattern = `%${query.query.trim().replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
  let base = db
    .selectFrom('customer_user as u')
    .innerJoin('customer as c', 'c.id', 'u.customer_id')
    .where('u.deleted', '=', 0)
    .where('c.deleted', '=', 0);
  if (query.customerId) {
    const customerId = query.customerId;
    base = base.where((eb) =>
      eb.or([
        eb('u.customer_id', '=', customerId),
        eb.exists(
          eb
            .selectFrom('customer_user_customer as l')
            .select('l.user_id')
            .whereRef('l.user_id', '=', 'u.id')
            .where('l.customer_id', '=', customerId)
            .where('l.granted', '=', 1),
        ),
      ]),
    );
  }
  const visible = query.showInvalid ? base : base.where('u.validity', '=', 'valid');
  const total = run.first(visible.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const filteredQuery = query.query.trim()
    ? visible.where(
        sql<boolean>`(u.login || ' ' || u.first_name || ' ' || u.last_name || ' ' || u.email) LIKE ${pattern} ESCAPE '\\'`,
      )
    : visible;
  const filtered = run.first(filteredQuery.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = run.all(
    filteredQuery
      .select([
        'u.id',
        'u.login',
        'u.first_name',
        'u.last_name',
        'u.email',
        'u.customer_id',
        'u.validity',
        'c.name as customer_name',
      ])
      .orderBy(sql`u.login COLLATE NOCASE`)
      .limit(query.limit)
      .offset(query.offset),
  );
  return {
    rows: rows.map((row) => ({
      id: row.id,
      login: row.login,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      customerId: row.customer_id,
      customerName: row.customer_name,
      validity: validitySchema.parse(row.validity),
    })),
    offset: query.offset,
    total,
    filtered,
  };
}

function assertLoginFree(context: ServiceContext, login: string, exceptId: string | null): void {
  const { db, sql: run } = context.conn;
  const clash = run.first(
    db
      .selectFrom('customer_user')
      .select('id')
      .where(sql<boolean>`login = ${login} COLLATE NOCASE`)
      .where('deleted', '=', 0)
      .where('id', '!=', exceptId ?? ''),
  );
  if (clash) throw new ServiceError('conflict', `Login "${login}" is already taken.`, { login: 'Already taken' });
}

function assertCustomersExist(context: ServiceContext, fields: CustomerUserFields): void {
  if (!findCustomerRecord(context, fields.customerId)) {
    throw new ServiceError('invalid-input', 'Choose an existing customer.', { customerId: 'No such customer' });
  }
  for (const id of fields.additionalCustomerIds) {
    if (!findCustomerRecord(context, id)) {
      throw new ServiceError('invalid-input', 'An additional customer does not exist.', {
        additionalCustomerIds: 'No such customer',
      });
    }
  }
}

/** Writes the additional-customer registers: grant the new ones, revoke the dropped ones. */
function writeLinks(
  context: ServiceContext,
  batch: Batch,
  userId: string,
  wanted: readonly string[],
  primary: string,
): void {
  const { sql: run } = context.conn;
  const current = new Set(additionalCustomerIds(context, userId));
  const target = new Set(wanted.filter((id) => id !== primary));
  const upsert = run.prepare(
    `INSERT INTO customer_user_customer (user_id, customer_id, granted, stamp) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, customer_id) DO UPDATE SET granted = excluded.granted, stamp = excluded.stamp`,
  );
  for (const id of target) if (!current.has(id)) upsert.run(userId, id, 1, batch.stamp);
  for (const id of current) if (!target.has(id)) upsert.run(userId, id, 0, batch.stamp);
}

export function createCustomerUser(context: ServiceContext, input: CustomerUserInput): CustomerUser {
  const fields = customerUserInputSchema.parse(input);
  return context.write(['customerUser'], (batch) => insertCustomerUser(context, batch, fields));
}

export function insertCustomerUser(context: ServiceContext, batch: Batch, fields: CustomerUserFields): CustomerUser {
  assertLoginFree(context, fields.login, null);
  assertCustomersExist(context, fields);
  const id = randomUUID();
  const { db, sql: run } = context.conn;
  run.run(
    db.insertInto('customer_user').values({
      id,
      ...toColumns(fields),
      deleted: 0,
      stamp: batch.stamp,
      field_stamps: '{}',
      created_at: batch.at,
      updated_at: batch.at,
    }),
  );
  writeLinks(context, batch, id, fields.additionalCustomerIds, fields.customerId);
  batch.audit({ entity: 'customerUser', entityId: id, action: 'create', label: fields.login, after: { ...fields } });
  return getCustomerUser(context, id);
}

function toColumns(fields: CustomerUserFields) {
  return {
    login: fields.login,
    first_name: fields.firstName,
    last_name: fields.lastName,
    email: fields.email,
    phone: fields.phone,
    customer_id: fields.customerId,
    validity: fields.validity,
    comment: fields.comment,
  };
}

export function updateCustomerUser(context: ServiceContext, id: string, input: CustomerUserInput): CustomerUser {
  const fields = customerUserInputSchema.parse(input);
  return context.write(['customerUser'], (batch) => {
    const record = findCustomerUserRecord(context, id);
    if (!record) throw notFound('Customer user', id);
    return writeCustomerUserUpdate(context, batch, record, fields);
  });
}

/** Writes the changed fields of a customer user inside an open batch (the dialog and CSV import use it). */
export function writeCustomerUserUpdate(
  context: ServiceContext,
  batch: Batch,
  record: CustomerUserRecord,
  fields: CustomerUserFields,
): CustomerUser {
  const id = record.id;
  const { id: _id, createdAt: _c, updatedAt: _u, ...before } = toCustomerUser(context, record);
  const changed = changedFields(before, fields);
  if (changed.length === 0) return getCustomerUser(context, id);
  if (changed.includes('login')) assertLoginFree(context, fields.login, id);
  assertCustomersExist(context, fields);
  const { db, sql: run } = context.conn;
  const stamped = changed.filter((field) => field !== 'additionalCustomerIds');
  run.run(
    db
      .updateTable('customer_user')
      .set({
        ...toColumns(fields),
        field_stamps: stampFields(record.field_stamps, stamped, batch.stamp),
        updated_at: batch.at,
      })
      .where('id', '=', id),
  );
  writeLinks(context, batch, id, fields.additionalCustomerIds, fields.customerId);
  batch.audit({
    entity: 'customerUser',
    entityId: id,
    action: 'update',
    label: fields.login,
    before: pick(before, changed),
    after: pick(fields, changed),
  });
  return getCustomerUser(context, id);
}

export function deleteCustomerUser(context: ServiceContext, id: string): DeleteResult {
  return context.write(['customerUser'], (batch) => {
    const record = findCustomerUserRecord(context, id);
    if (!record) throw notFound('Customer user', id);
    const { sql: run } = context.conn;
    run
      .prepare(
        `UPDATE customer_user SET deleted = 1, field_stamps = json_set(field_stamps, '$.deleted', ?), updated_at = ? WHERE id = ?`,
      )
      .run(batch.stamp, batch.at, id);
    batch.audit({
      entity: 'customerUser',
      entityId: id,
      action: 'delete',
      label: record.login,
      before: { login: record.login },
      after: { deleted: true },
    });
    return { id, hidden: {} };
  });
}

export const customerUserHandlers = {
  'customerUsers:list': listCustomerUsers,
  'customerUsers:get': (context, { id }) => getCustomerUser(context, id),
  'customerUsers:create': createCustomerUser,
  'customerUsers:update': (context, { id, fields }) => updateCustomerUser(context, id, fields),
  'customerUsers:delete': (context, { id }) => deleteCustomerUser(context, id),
} satisfies HandlerGroup<
  'customerUsers:list' | 'customerUsers:get' | 'customerUsers:create' | 'customerUsers:update' | 'customerUsers:delete'
>;
