import { z } from 'zod';
import { accessModeSchema } from '../domain/customer';
import { assignmentStatusSchema, payPeriodSchema } from '../domain/assignment';
import { dateSchema, idSchema, stampSchema, validitySchema } from '../domain/common';
import { serviceTypeSchema } from '../domain/service';

/** The `format` string every snapshot file carries, and the version this app writes. */
export const SNAPSHOT_FORMAT = 'service-allocator-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;
/** File extensions: plain JSON and its gzip form. */
export const SNAPSHOT_EXTENSIONS = ['sasnap', 'sasnapz'] as const;
/** The largest file accepted (compressed or not), and the largest body after decompression. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;
export const MAX_SNAPSHOT_TEXT_BYTES = 480 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
/** field name -> stamp of its last write. */
const fieldStamps = z.record(z.string().max(40), stampSchema);
const timestamp = z.string().max(40);

const replicated = { deleted: z.boolean(), stamp: stampSchema, fieldStamps };

export const snapshotCustomerSchema = z.strictObject({
  id: idSchema,
  code: z.string().min(1).max(150),
  name: z.string().min(1).max(200),
  street: text(200),
  zip: text(50),
  city: text(200),
  country: text(200),
  url: text(500),
  comment: text(250),
  validity: validitySchema,
  accessMode: accessModeSchema,
  customFields: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.null()])),
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotCustomerUserSchema = z.strictObject({
  id: idSchema,
  login: z.string().min(1).max(200),
  firstName: text(100),
  lastName: text(100),
  email: text(320),
  phone: text(100),
  customerId: idSchema,
  validity: validitySchema,
  comment: text(250),
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotServiceSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200).refine((value) => !value.includes('::'), 'a service name cannot contain "::"'),
  parentId: idSchema.nullable(),
  type: serviceTypeSchema,
  criticality: z.number().int().min(1).max(5),
  comment: text(250),
  validity: validitySchema,
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotCustomFieldSchema = z.strictObject({
  id: idSchema,
  key: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
  kind: z.enum(['text', 'number', 'date', 'choice']),
  required: z.boolean(),
  options: z.array(text(200)).max(1000),
  position: z.number().int().min(0).max(1_000_000),
  ...replicated,
});

export const snapshotAssignmentSchema = z.strictObject({
  customerId: idSchema,
  serviceId: idSchema,
  granted: z.boolean(),
  stamp: stampSchema,
  fieldStamps,
  status: assignmentStatusSchema,
  startDate: dateSchema.nullable(),
  endDate: dateSchema.nullable(),
  quantity: z.number().int().min(0).max(1_000_000_000).nullable(),
  unit: text(50),
  priceMinor: z.number().int().min(0).max(1e13).nullable(),
  payPeriod: payPeriodSchema.nullable(),
  discountPercent: z.number().min(0).max(100).nullable(),
  discountStart: dateSchema.nullable(),
  discountEnd: dateSchema.nullable(),
  description: text(1000),
  stoppedByLifecycle: z.boolean(),
});

export const snapshotDefaultServiceSchema = z.strictObject({ serviceId: idSchema, granted: z.boolean(), stamp: stampSchema });
export const snapshotUserLinkSchema = z.strictObject({ userId: idSchema, customerId: idSchema, granted: z.boolean(), stamp: stampSchema });

/** The tables of a snapshot body, in the order they are written and merged. */
export const snapshotTables = ['customers', 'services', 'customFields', 'customerUsers', 'userLinks', 'assignments', 'defaultServices'] as const;
export type SnapshotTable = (typeof snapshotTables)[number];

const MAX_ROWS = 5_000_000;
export const snapshotBodySchema = z.strictObject({
  customers: z.array(snapshotCustomerSchema).max(MAX_ROWS),
  services: z.array(snapshotServiceSchema).max(MAX_ROWS),
  customFields: z.array(snapshotCustomFieldSchema).max(MAX_ROWS),
  customerUsers: z.array(snapshotCustomerUserSchema).max(MAX_ROWS),
  userLinks: z.array(snapshotUserLinkSchema).max(MAX_ROWS),
  assignments: z.array(snapshotAssignmentSchema).max(MAX_ROWS),
  defaultServices: z.array(snapshotDefaultServiceSchema).max(MAX_ROWS),
});

export const snapshotCountsSchema = z.strictObject(
  Object.fromEntries(snapshotTables.map((table) => [table, z.number().int().min(0)])) as Record<SnapshotTable, z.ZodNumber>,
);

export const snapshotHeaderSchema = z.strictObject({
  snapshotId: idSchema,
  appVersion: text(50),
  schemaVersion: z.number().int().min(1),
  deviceId: idSchema,
  deviceName: text(200),
  exporter: text(200),
  exportedAt: z.iso.datetime(),
  /** The exporter's clock when it wrote the file: every stamp in it is at or below this. */
  clock: stampSchema,
  /** Per device, the highest stamp the exporter had merged from it: what it has seen. */
  seen: z.record(idSchema, stampSchema),
  counts: snapshotCountsSchema,
  /** SHA-256 (hex) of the body serialized by JSON.stringify, keys in the order written (see bodyText). */
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type SnapshotCustomer = z.infer<typeof snapshotCustomerSchema>;
export type SnapshotCustomerUser = z.infer<typeof snapshotCustomerUserSchema>;
export type SnapshotService = z.infer<typeof snapshotServiceSchema>;
export type SnapshotCustomField = z.infer<typeof snapshotCustomFieldSchema>;
export type SnapshotAssignment = z.infer<typeof snapshotAssignmentSchema>;
export type SnapshotDefaultService = z.infer<typeof snapshotDefaultServiceSchema>;
export type SnapshotUserLink = z.infer<typeof snapshotUserLinkSchema>;
export type SnapshotBody = z.infer<typeof snapshotBodySchema>;
export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>;
export type SnapshotCounts = z.infer<typeof snapshotCountsSchema>;
export type Snapshot = { readonly format: typeof SNAPSHOT_FORMAT; readonly formatVersion: number; readonly header: SnapshotHeader; readonly body: SnapshotBody };

export function emptyBody(): SnapshotBody {
  return { customers: [], services: [], customFields: [], customerUsers: [], userLinks: [], assignments: [], defaultServices: [] };
}

/**
 * The text the body hash is taken over: the body re-serialized by JSON.stringify, which is
 * the exporter's own serialization (no whitespace, keys in the order written). A file whose
 * body was re-ordered or re-formatted therefore fails the check, which is the safe side.
 */
export function bodyText(body: unknown): string {
  return JSON.stringify(body) ?? 'null';
}

/** JSON with object keys sorted at every level: for comparing values regardless of key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'null';
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Most objects are written in sorted order already; copy only those that are not.
  let sorted = true;
  for (let index = 1; index < keys.length && sorted; index += 1) sorted = (keys[index - 1] ?? '') < (keys[index] ?? '');
  if (sorted) return value;
  const copy: Record<string, unknown> = {};
  for (const key of keys.sort()) copy[key] = record[key];
  return copy;
}

/** Deep equality of plain JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!Object.hasOwn(right, key) || !jsonEqual(left[key], right[key])) return false;
  return true;
}
