import type { Customer } from '../../src-shared/domain';
import type { DeleteResult, ParsedInputOf } from '../../src-shared/ipc/contract';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { findCustomerRecord } from './customerRecord';
import { getCustomer, hiddenByCustomerDelete, insertCustomer, toCustomer } from './customers';
import { notFound } from './records';

/**
 * Copies a customer under a new Customer ID (and name), optionally with its granted
 * assignments and their details. The copy is a new record: new UUID, new stamps, its own audit
 * events in one batch.
 */
export function cloneCustomer(context: ServiceContext, input: ParsedInputOf<'customers:clone'>): Customer {
  return context.write(['customer', 'assignment'], (batch) => {
    const record = findCustomerRecord(context, input.id);
    if (!record) throw notFound('Customer', input.id);
    const { id: _id, accessMode, createdAt: _c, updatedAt: _u, ...fields } = toCustomer(record);
    const copy = insertCustomer(
      context,
      batch,
      { ...fields, code: input.code, name: input.name },
      input.withAssignments ? accessMode : 'defaults',
    );
    if (!input.withAssignments) return copy;
    const { sql: run } = context.conn;
    const rows = run
      .prepare(
        `SELECT a.*, s.path AS path FROM assignment a JOIN service s ON s.id = a.service_id
         WHERE a.customer_id = ? AND a.granted = 1 AND s.deleted = 0`,
      )
      .all(record.id) as ({ service_id: string; path: string } & Record<string, unknown>)[];
    const insert = run.prepare(
      `INSERT INTO assignment (customer_id, service_id, granted, stamp, field_stamps, status, start_date, end_date, quantity, unit,
         price_minor, pay_period, discount_percent, discount_start, discount_end, description, stopped_by_lifecycle)
       VALUES (@customer_id, @service_id, 1, @stamp, '{}', @status, @start_date, @end_date, @quantity, @unit,
         @price_minor, @pay_period, @discount_percent, @discount_start, @discount_end, @description, @stopped_by_lifecycle)`,
    );
    for (const row of rows) {
      const { path, field_stamps: _fs, granted: _g, ...columns } = row;
      insert.run({ ...columns, customer_id: copy.id, stamp: batch.stamp });
      batch.audit({
        entity: 'assignment',
        entityId: `${copy.id}/${row.service_id}`,
        action: 'grant',
        label: `${copy.name} → ${path}`,
        after: { status: row.status, clonedFrom: record.code },
      });
    }
    return getCustomer(context, copy.id);
  });
}

/** What deleting this customer would hide, for the confirmation before the delete. */
export function previewCustomerDelete(context: ServiceContext, id: string): DeleteResult {
  if (!findCustomerRecord(context, id)) throw notFound('Customer', id);
  return { id, hidden: hiddenByCustomerDelete(context, id) };
}

export const customerCloneHandlers = {
  'customers:clone': cloneCustomer,
  'customers:deletePreview': (context, { id }) => previewCustomerDelete(context, id),
} satisfies HandlerGroup<'customers:clone' | 'customers:deletePreview'>;
