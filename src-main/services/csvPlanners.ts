import {
  customerInputSchema,
  customerUserInputSchema,
  customFieldFromText,
  customFieldMessages,
  type CustomerFields,
  type CustomerUserFields,
  validitySchema,
} from '../../src-shared/domain';
import type { Batch, ServiceContext } from './context';
import type { CsvColumn } from './csvColumns';
import { issueMessages, type LineAction, type Planner } from './csvPlanner';
import { listCustomFields } from './customFields';
import type { CustomerRecord, CustomerUserRecord } from '../db/schema';
import { findCustomerUserRecord, insertCustomerUser, writeCustomerUserUpdate } from './customerUsers';
import { findCustomerRecord } from './customerRecord';
import { customerFieldsOf, insertCustomer, toCustomer, writeCustomerUpdate } from './customers';
import { changedFields } from './records';

const CUSTOM = 'customFields.';

/** A lookup by natural key over the live records, prepared once per import (files have 100,000 lines). */
function lookup(context: ServiceContext, query: string): (key: string) => string | undefined {
  const statement = context.conn.sql.prepare(query);
  return (key) => (statement.get(key.normalize('NFC')) as { id: string } | undefined)?.id;
}

export function customerIdLookup(context: ServiceContext) {
  return lookup(context, 'SELECT id FROM customer WHERE code = ? COLLATE NOCASE AND deleted = 0');
}

/** The action for a record that exists or not: create, update what changed, or leave it. */
function action<F extends Record<string, unknown>>(
  before: F | null,
  fields: F,
  create: (batch: Batch) => void,
  update: (batch: Batch) => void,
): LineAction {
  if (!before) return { action: 'create', apply: create };
  const changed = changedFields(before, fields).length > 0;
  return { action: changed ? 'update' : 'unchanged', apply: changed ? update : () => undefined };
}

/** Customers by Customer ID: an existing one is updated with the columns the file has, a new one created. */
export function customerPlanner(context: ServiceContext, columns: readonly CsvColumn[]): Planner {
  const definitions = listCustomFields(context);
  const customerIdByCode = customerIdLookup(context);
  const customerRecord = context.conn.sql.prepare('SELECT * FROM customer WHERE id = ? AND deleted = 0');
  return (cells, key) => {
    const id = key ? customerIdByCode(key) : undefined;
    const existing = id ? (customerRecord.get(id) as CustomerRecord | undefined) : undefined;
    const before = existing ? customerFieldsOf(toCustomer(existing)) : null;
    const custom: Record<string, unknown> = { ...before?.customFields };
    const input: Record<string, unknown> = { ...before, customFields: custom };
    for (const [column, text] of Object.entries(cells)) {
      if (column.startsWith(CUSTOM)) {
        const definition = definitions.find((field) => field.key === column.slice(CUSTOM.length));
        if (definition) custom[definition.key] = customFieldFromText(definition.kind, text);
      } else input[column] = column === 'validity' ? text.trim().toLowerCase() : text;
    }
    const parsed = customerInputSchema.safeParse(input);
    const customMessages = Object.entries(customFieldMessages(definitions, custom)).map(
      ([path, message]) => `${columns.find((column) => column.key === path)?.label ?? path}: ${message}`,
    );
    if (!parsed.success || customMessages.length > 0) {
      return { messages: [...(parsed.success ? [] : issueMessages(parsed.error.issues, columns)), ...customMessages] };
    }
    const fields: CustomerFields = {
      ...parsed.data,
      customFields: Object.fromEntries(
        Object.entries(parsed.data.customFields).filter(([, value]) => value !== null && value !== ''),
      ),
    };
    return action(
      before,
      fields,
      (batch) => void insertCustomer(context, batch, fields, 'defaults'),
      (batch) => {
        const record = id ? findCustomerRecord(context, id) : undefined;
        if (record) writeCustomerUpdate(context, batch, record, fields);
      },
    );
  };
}

/** Customer users by Login; "Customer" and "Additional customers" hold Customer IDs. */
export function customerUserPlanner(context: ServiceContext, columns: readonly CsvColumn[]): Planner {
  const customerIdByCode = customerIdLookup(context);
  const userIdByLogin = lookup(context, 'SELECT id FROM customer_user WHERE login = ? COLLATE NOCASE AND deleted = 0');
  const userRecord = context.conn.sql.prepare('SELECT * FROM customer_user WHERE id = ?');
  // The same order as customerUsers.ts reads them, so an unchanged set compares equal.
  const userLinks = context.conn.sql.prepare(
    `SELECT l.customer_id AS id FROM customer_user_customer l JOIN customer c ON c.id = l.customer_id
     WHERE l.user_id = ? AND l.granted = 1 AND c.deleted = 0 ORDER BY c.code`,
  );
  const fieldsOf = (id: string): CustomerUserFields => {
    const record = userRecord.get(id) as CustomerUserRecord;
    return {
      login: record.login,
      firstName: record.first_name,
      lastName: record.last_name,
      email: record.email,
      phone: record.phone,
      customerId: record.customer_id,
      additionalCustomerIds: (userLinks.all(id) as { id: string }[]).map((link) => link.id),
      validity: validitySchema.parse(record.validity),
      comment: record.comment,
    };
  };
  return (cells, key) => {
    const id = key ? userIdByLogin(key) : undefined;
    const before = id ? fieldsOf(id) : null;
    const messages: string[] = [];
    const input: Record<string, unknown> = { ...before };
    for (const [column, text] of Object.entries(cells)) {
      if (column === 'customer') {
        const code = text.trim();
        const customerId = code ? customerIdByCode(code) : undefined;
        if (code && !customerId) messages.push(`Customer: no customer has the Customer ID "${code}"`);
        input.customerId = customerId;
      } else if (column === 'additionalCustomers') {
        const codes = text
          .split(/[,;|\n]/)
          .map((code) => code.trim())
          .filter((code) => code !== '');
        const ids: string[] = [];
        for (const code of codes) {
          const customerId = customerIdByCode(code);
          if (customerId) ids.push(customerId);
          else messages.push(`Additional customers: no customer has the Customer ID "${code}"`);
        }
        // The same set in another order is no change.
        const current = before?.additionalCustomerIds ?? [];
        const same = current.length === ids.length && ids.every((value) => current.includes(value));
        input.additionalCustomerIds = same ? current : ids;
      } else input[column] = column === 'validity' ? text.trim().toLowerCase() : text;
    }
    const customerNamed = messages.some((message) => message.startsWith('Customer:'));
    if (input.customerId === undefined && !customerNamed) messages.push('Customer: Required');
    const parsed = customerUserInputSchema.safeParse(input);
    if (!parsed.success) {
      const rename = { customerId: 'customer', additionalCustomerIds: 'additionalCustomers' };
      messages.push(
        ...issueMessages(parsed.error.issues, columns, rename).filter((message) => !message.startsWith('Customer:')),
      );
    }
    if (!parsed.success || messages.length > 0) return { messages };
    const fields = parsed.data;
    return action(
      before,
      fields,
      (batch) => void insertCustomerUser(context, batch, fields),
      (batch) => {
        const record = id ? findCustomerUserRecord(context, id) : undefined;
        if (record) writeCustomerUserUpdate(context, batch, record, fields);
      },
    );
  };
}
