import type BetterSqlite3 from 'better-sqlite3';
import {
  emptyBody,
  type SnapshotAssignment,
  type SnapshotBody,
  type SnapshotCustomer,
  type SnapshotCustomField,
  type SnapshotCustomerUser,
  type SnapshotService,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';

/**
 * The mapping between database rows and snapshot records, both ways. Column names are the
 * snake_case of the record's field names; the few that differ in kind (booleans, JSON) are
 * converted here. `path` is derived from the parent chain, so it is not in the file.
 */
type Row = Record<string, unknown>;

const camelNames = new Map<string, string>();
const snakeNames = new Map<string, string>();
function camel(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    camelNames.set(column, name);
  }
  return name;
}
export function snakeOf(field: string): string {
  let name = snakeNames.get(field);
  if (name === undefined) {
    name = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    snakeNames.set(field, name);
  }
  return name;
}

const booleans = new Set(['deleted', 'granted', 'required', 'stoppedByLifecycle']);
const json = new Set(['fieldStamps', 'customFields', 'options']);
const skipped = new Set(['path']);

/** The record field a column holds. */
export function columnField(column: string): string {
  return camel(column);
}

/** How a field's column value becomes the record's value. */
export function fieldKind(field: string): 'plain' | 'boolean' | 'json' | 'skip' {
  return skipped.has(field) ? 'skip' : booleans.has(field) ? 'boolean' : json.has(field) ? 'json' : 'plain';
}

export function toRecord(row: Row): Row {
  const record: Row = {};
  for (const column in row) {
    const value = row[column];
    const field = camel(column);
    if (skipped.has(field)) continue;
    if (booleans.has(field)) record[field] = value === 1;
    else if (json.has(field)) record[field] = value === '{}' ? {} : value === '[]' ? [] : JSON.parse(String(value));
    else record[field] = value;
  }
  return record;
}

/** Per snapshot table: its SQL table and primary key fields. */
export const tableSpecs = {
  customers: { sql: 'customer', key: ['id'] },
  services: { sql: 'service', key: ['id'] },
  customFields: { sql: 'custom_field', key: ['id'] },
  customerUsers: { sql: 'customer_user', key: ['id'] },
  userLinks: { sql: 'customer_user_customer', key: ['userId', 'customerId'] },
  assignments: { sql: 'assignment', key: ['customerId', 'serviceId'] },
  defaultServices: { sql: 'default_service', key: ['serviceId'] },
} as const satisfies Record<SnapshotTable, { sql: string; key: readonly string[] }>;

export function keyOf(table: SnapshotTable, record: Readonly<Row>): string {
  // Built by hand, not map and join: an import asks for a million keys.
  const fields = tableSpecs[table].key;
  let key = String(record[fields[0] ?? '']);
  for (let index = 1; index < fields.length; index += 1) key += `/${String(record[fields[index] ?? ''])}`;
  return key;
}

/** Whether an SQL table holds no row at all. */
export function isEmptyTable(sqlite: BetterSqlite3.Database, table: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined;
}

/** The whole replicated state of a database, tombstones and stamps included, in key order. */
export function readBody(sqlite: BetterSqlite3.Database, except: readonly SnapshotTable[] = []): SnapshotBody {
  const body = emptyBody();
  const read = (table: SnapshotTable) => {
    if (except.includes(table)) return [];
    const spec = tableSpecs[table];
    const order = spec.key.map(snakeOf).join(', ');
    // Row by row: the database's rows and the records are never both held whole.
    const records: Row[] = [];
    for (const row of sqlite.prepare(`SELECT * FROM ${spec.sql} ORDER BY ${order}`).iterate() as IterableIterator<Row>)
      records.push(toRecord(row));
    return records;
  };
  body.customers = read('customers') as SnapshotCustomer[];
  body.services = read('services') as SnapshotService[];
  body.customFields = read('customFields') as SnapshotCustomField[];
  body.customerUsers = read('customerUsers') as SnapshotCustomerUser[];
  body.userLinks = read('userLinks') as SnapshotBody['userLinks'];
  body.assignments = read('assignments') as SnapshotAssignment[];
  body.defaultServices = read('defaultServices') as SnapshotBody['defaultServices'];
  return body;
}
