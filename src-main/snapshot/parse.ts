import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';
import { ServiceError } from '../../src-shared/ipc/envelope';
import {
  bodyText,
  MAX_SNAPSHOT_BYTES,
  MAX_SNAPSHOT_TEXT_BYTES,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  snapshotBodySchema,
  snapshotHeaderSchema,
  snapshotTables,
  type Snapshot,
} from '../../src-shared/snapshot/format';
import { fieldsOf, registerTables, type Row } from './merge';
import { keyOf } from './rows';
import { servicePaths } from './identity';

export type ParseLimits = { readonly maxBytes?: number; readonly maxTextBytes?: number };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function refuse(reason: string): ServiceError {
  return new ServiceError('refused', `This snapshot was refused: ${reason} Nothing was changed.`);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function issue(error: z.ZodError, where: string): string {
  const first = error.issues[0];
  const path = first ? first.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('') : '';
  return `${where}${path}: ${first?.message ?? 'invalid'}.`;
}

/** The file's text: gunzipped when it is gzip, and strictly UTF-8. */
function decode(bytes: Uint8Array, limits: ParseLimits): string {
  const maxBytes = limits.maxBytes ?? MAX_SNAPSHOT_BYTES;
  const maxText = limits.maxTextBytes ?? MAX_SNAPSHOT_TEXT_BYTES;
  if (bytes.length === 0) throw refuse('the file is empty.');
  if (bytes.length > maxBytes) throw refuse(`the file is ${megabytes(bytes.length)}; snapshots up to ${megabytes(maxBytes)} are accepted.`);
  let raw = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes, { maxOutputLength: maxText });
    } catch (error) {
      const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || /larger than|maxOutputLength/i.test(String(error));
      throw refuse(tooBig ? `it unpacks to more than ${megabytes(maxText)}.` : 'the compressed file is damaged or truncated.');
    }
  }
  if (raw.length > maxText) throw refuse(`its content is ${megabytes(raw.length)}; up to ${megabytes(maxText)} is accepted.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw refuse('it is not UTF-8 text (damaged, or not a snapshot).');
  }
}

/** JSON.parse that refuses keys which could reach an object's prototype (checked by one walk, not a reviver, for speed). */
export function parseJsonSafely(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refuse(`it is not valid JSON, probably truncated or damaged (${(error as Error).message}).`);
  }
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === null || typeof next !== 'object') continue;
    if (Array.isArray(next)) {
      for (const item of next) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key of Object.keys(next)) {
      if (FORBIDDEN_KEYS.has(key)) throw refuse(`it contains the forbidden key "${key}".`);
      const child = (next as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return value;
}


/**
 * The import pipeline up to a trusted value (DESIGN.md §3): size, decompression, UTF-8, a
 * JSON parse without prototype keys, format and version, header, body hash, strict schema,
 * counts, duplicates, references and clocks. Throws a 'refused' ServiceError saying why.
 */
export function parseSnapshot(bytes: Uint8Array, limits: ParseLimits = {}): Snapshot {
  const document = parseJsonSafely(decode(bytes, limits));
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw refuse('it is not a Service Allocator snapshot.');
  const top = document as Record<string, unknown>;
  if (top.format !== SNAPSHOT_FORMAT) throw refuse('it is not a Service Allocator snapshot (its "format" is missing or different).');
  const version = top.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw refuse('its format version is missing or not a whole number.');
  if (version > SNAPSHOT_FORMAT_VERSION) {
    throw refuse(`it was written by a newer version of Service Allocator (format ${version}; this version reads up to ${SNAPSHOT_FORMAT_VERSION}). Update the app to import it.`);
  }
  const extra = Object.keys(top).filter((key) => !['format', 'formatVersion', 'header', 'body'].includes(key));
  if (extra.length > 0) throw refuse(`it has unknown top-level entries (${extra.slice(0, 3).join(', ')}).`);
  const header = snapshotHeaderSchema.safeParse(top.header);
  if (!header.success) throw refuse(`its header is invalid: ${issue(header.error, 'header')}`);
  const hash = createHash('sha256').update(bodyText(top.body)).digest('hex');
  if (hash !== header.data.bodySha256) throw refuse('its content does not match its SHA-256 checksum (the file was damaged or edited).');
  const body = snapshotBodySchema.safeParse(top.body);
  if (!body.success) throw refuse(`a record is invalid: ${issue(body.error, 'body')}`);
  const snapshot: Snapshot = { format: SNAPSHOT_FORMAT, formatVersion: version, header: header.data, body: body.data };
  checkConsistency(snapshot);
  return snapshot;
}

const singular = {
  customers: 'customer',
  services: 'service',
  customFields: 'custom field',
  customerUsers: 'customer user',
  userLinks: 'additional-customer link',
  assignments: 'assignment',
  defaultServices: 'default service',
} as const;

/** Counts, duplicates, references, clocks and the service tree of a schema-valid snapshot. */
function checkConsistency({ header, body }: Snapshot): void {
  for (const table of snapshotTables) {
    const rows = body[table] as Row[];
    if (header.counts[table] !== rows.length) throw refuse(`its header counts ${header.counts[table]} ${table} but the file holds ${rows.length}.`);
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
  const dangling = (what: string, id: string, missing: string) => refuse(`the ${what} refers to ${missing} ${id}, which is not in the file.`);
  for (const user of body.customerUsers) if (!customers.has(user.customerId)) throw dangling(`customer user ${user.login}`, user.customerId, 'customer');
  for (const service of body.services) if (service.parentId !== null && !services.has(service.parentId)) throw dangling(`service ${service.name}`, service.parentId, 'parent service');
  for (const row of body.assignments) {
    if (!customers.has(row.customerId)) throw dangling('assignment', row.customerId, 'customer');
    if (!services.has(row.serviceId)) throw dangling('assignment', row.serviceId, 'service');
  }
  for (const row of body.defaultServices) if (!services.has(row.serviceId)) throw dangling('default service', row.serviceId, 'service');
  for (const row of body.userLinks) {
    if (!users.has(row.userId)) throw dangling('additional-customer link', row.userId, 'customer user');
    if (!customers.has(row.customerId)) throw dangling('additional-customer link', row.customerId, 'customer');
  }
  let loop: string | null = null;
  const paths = servicePaths(new Map(body.services.map((service) => [service.id, { ...service }])), (id) => {
    loop ??= id;
  });
  if (loop) throw refuse(`its service tree has a loop (service ${loop} is its own ancestor).`);
  uniqueLive('customers', body.customers, (row) => row.code, 'Customer ID');
  uniqueLive('customer users', body.customerUsers, (row) => row.login, 'login');
  uniqueLive('services', body.services, (row) => paths.get(row.id) ?? '', 'service path');
}

function uniqueLive<T extends { deleted: boolean }>(table: string, rows: readonly T[], key: (row: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.deleted) continue;
    const value = key(row).toLowerCase();
    if (seen.has(value)) throw refuse(`two live ${table} share the ${what} "${key(row)}".`);
    seen.add(value);
  }
}

function checkStamps(table: (typeof snapshotTables)[number], row: Row, key: string, clock: string): void {
  const stamp = row.stamp as string;
  if (stamp > clock) throw refuse(`the ${singular[table]} ${key} has a clock stamp later than the exporter's clock (bad clock).`);
  if (!plausibleWall(stamp)) throw refuse(`the ${singular[table]} ${key} has an impossible clock stamp ${stamp}.`);
  const fieldStamps = row.fieldStamps as Record<string, string> | undefined;
  if (!fieldStamps || !hasKeys(fieldStamps)) return;
  const fields = new Set(fieldsOf(table, row));
  for (const [field, fieldStamp] of Object.entries(fieldStamps)) {
    if (!fields.has(field)) throw refuse(`the ${singular[table]} ${key} has a clock stamp for an unknown field "${field}".`);
    if (fieldStamp > clock) throw refuse(`the ${singular[table]} ${key} has a clock stamp later than the exporter's clock (bad clock).`);
    if (!registerTables.has(table) && fieldStamp < stamp) throw refuse(`the ${singular[table]} ${key} has a field stamped before the record was created (bad clock).`);
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
