import {
  emptyBody,
  snapshotTables,
  type Snapshot,
  type SnapshotBody,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';
import { fieldsOf, registerTables, type Row } from './merge';
import {
  readSnapshotBytes,
  readSnapshotPath,
  refuse,
  type ParseLimits,
  type RowReader,
  type SnapshotHead,
} from './reader';
import { keyOf } from './rows';
import { servicePaths } from './identity';

export type { ParseLimits } from './reader';

/** A reader that keeps every row: the whole snapshot in memory, for the small files of review and tests. */
function collector(): { reader: RowReader; body: SnapshotBody } {
  const body = emptyBody();
  const reader: RowReader = {
    head: () => undefined,
    row: (table, row) => void (body[table] as Row[]).push(row),
  };
  return { reader, body };
}

function trusted(head: SnapshotHead, body: SnapshotBody): Snapshot {
  const snapshot: Snapshot = { ...head, body };
  checkConsistency(snapshot);
  return snapshot;
}

/**
 * The import pipeline up to a trusted value (docs/ARCHITECTURE.md#the-snapshot-format): size, decompression, UTF-8, JSON
 * without prototype keys, format and version, header, body hash, strict schema, counts,
 * duplicates, references and clocks. Throws a 'refused' ServiceError saying why.
 */
export function parseSnapshot(bytes: Uint8Array, limits: ParseLimits = {}): Snapshot {
  const { reader, body } = collector();
  const { head } = readSnapshotBytes(bytes, reader, limits);
  return trusted(head, body);
}

/** parseSnapshot of a file, read as a stream. */
export async function parseSnapshotFile(path: string, limits: ParseLimits = {}): Promise<Snapshot> {
  const { reader, body } = collector();
  const { head } = await readSnapshotPath(path, reader, limits);
  return trusted(head, body);
}

export const singular = {
  customers: 'customer',
  services: 'service',
  customFields: 'custom field',
  customerUsers: 'customer user',
  userLinks: 'additional-customer link',
  assignments: 'assignment',
  defaultServices: 'default service',
} as const;

/** Counts, duplicates, references, clocks and the service tree of a schema-valid snapshot. */
export function checkConsistency({ header, body }: Snapshot, streamed: readonly SnapshotTable[] = []): void {
  for (const table of snapshotTables) {
    if (streamed.includes(table)) continue;
    const rows = body[table] as Row[];
    if (header.counts[table] !== rows.length)
      throw refuse(`its header counts ${header.counts[table]} ${table} but the file holds ${rows.length}.`);
    const keys = new Set<string>();
    for (const row of rows) {
      const key = keyOf(table, row);
      if (keys.has(key)) throw refuse(`the ${singular[table]} ${key} appears twice.`);
      keys.add(key);
      checkStamps(table, row, key, header.clock);
    }
  }
  const ids = (table: 'customers' | 'services' | 'customerUsers') => new Set(body[table].map((row) => row.id));
  const customers = ids('customers');
  const services = ids('services');
  const users = ids('customerUsers');
  const dangling = (what: string, id: string, missing: string) =>
    refuse(`the ${what} refers to ${missing} ${id}, which is not in the file.`);
  for (const user of body.customerUsers)
    if (!customers.has(user.customerId)) throw dangling(`customer user ${user.login}`, user.customerId, 'customer');
  for (const service of body.services)
    if (service.parentId !== null && !services.has(service.parentId))
      throw dangling(`service ${service.name}`, service.parentId, 'parent service');
  for (const row of body.assignments) {
    if (!customers.has(row.customerId)) throw dangling('assignment', row.customerId, 'customer');
    if (!services.has(row.serviceId)) throw dangling('assignment', row.serviceId, 'service');
  }
  for (const row of body.defaultServices)
    if (!services.has(row.serviceId)) throw dangling('default service', row.serviceId, 'service');
  for (const row of body.userLinks) {
    if (!users.has(row.userId)) throw dangling('additional-customer link', row.userId, 'customer user');
    if (!customers.has(row.customerId)) throw dangling('additional-customer link', row.customerId, 'customer');
  }
  const loops: string[] = [];
  const paths = servicePaths(new Map(body.services.map((service) => [service.id, { ...service }])), (id) => {
    loops.push(id);
  });
  const loop = loops[0];
  if (loop !== undefined) throw refuse(`its service tree has a loop (service ${loop} is its own ancestor).`);
  uniqueLive('customers', body.customers, (row) => row.code, 'Customer ID');
  uniqueLive('customer users', body.customerUsers, (row) => row.login, 'login');
  uniqueLive('services', body.services, (row) => paths.get(row.id) ?? '', 'service path');
}

function uniqueLive<T extends { deleted: boolean }>(
  table: string,
  rows: readonly T[],
  key: (row: T) => string,
  what: string,
): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.deleted) continue;
    const value = key(row).toLowerCase();
    if (seen.has(value)) throw refuse(`two live ${table} share the ${what} "${key(row)}".`);
    seen.add(value);
  }
}

export function checkStamps(table: (typeof snapshotTables)[number], row: Row, key: string, clock: string): void {
  const stamp = row.stamp as string;
  if (stamp > clock)
    throw refuse(`the ${singular[table]} ${key} has a clock stamp later than the exporter's clock (bad clock).`);
  if (!plausibleWall(stamp)) throw refuse(`the ${singular[table]} ${key} has an impossible clock stamp ${stamp}.`);
  const fieldStamps = row.fieldStamps as Record<string, string> | undefined;
  if (!fieldStamps || !hasKeys(fieldStamps)) return;
  const fields = new Set(fieldsOf(table, row));
  for (const [field, fieldStamp] of Object.entries(fieldStamps)) {
    if (!fields.has(field))
      throw refuse(`the ${singular[table]} ${key} has a clock stamp for an unknown field "${field}".`);
    if (fieldStamp > clock)
      throw refuse(`the ${singular[table]} ${key} has a clock stamp later than the exporter's clock (bad clock).`);
    if (!registerTables.has(table) && fieldStamp < stamp)
      throw refuse(`the ${singular[table]} ${key} has a field stamped before the record was created (bad clock).`);
  }
}

function hasKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

/** A wall time after 2000 and before 9999: anything else is a broken clock. */
function plausibleWall(stamp: string): boolean {
  const wall = Number(stamp.slice(0, 15));
  return wall >= 946_684_800_000 && wall < 253_402_300_800_000;
}
