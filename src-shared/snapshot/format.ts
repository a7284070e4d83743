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
/**
 * The largest file accepted (compressed or not), and the largest body after decompression. A
 * plain snapshot of the target scale (1,000,000 assignments) is about 390 MB, so a file opened
 * by path may be as large as its text may be.
 */
export const MAX_SNAPSHOT_BYTES = 480 * 1024 * 1024;
/** A dropped file travels to main as base64 in one message: it is held to a smaller size. */
export const MAX_DROPPED_SNAPSHOT_BYTES = 256 * 1024 * 1024;
export const MAX_SNAPSHOT_TEXT_BYTES = 480 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
/** Optional text: an empty value is left out of the file (see compactRecord) and comes back as ''. */
const optionalText = (max: number) => z.string().max(max).default('');
/** field name -> stamp of its last write. */
const fieldStamps = z.record(z.string().max(40), stampSchema).default({});
const timestamp = z.string().max(40);

const replicated = { deleted: z.boolean().default(false), stamp: stampSchema, fieldStamps };

export const snapshotCustomerSchema = z.strictObject({
  id: idSchema,
  code: z.string().min(1).max(150),
  name: z.string().min(1).max(200),
  street: optionalText(200),
  zip: optionalText(50),
  city: optionalText(200),
  country: optionalText(200),
  url: optionalText(500),
  comment: optionalText(250),
  validity: validitySchema,
  accessMode: accessModeSchema,
  customFields: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.null()])).default({}),
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotCustomerUserSchema = z.strictObject({
  id: idSchema,
  login: z.string().min(1).max(200),
  firstName: optionalText(100),
  lastName: optionalText(100),
  email: optionalText(320),
  phone: optionalText(100),
  customerId: idSchema,
  validity: validitySchema,
  comment: optionalText(250),
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotServiceSchema = z.strictObject({
  id: idSchema,
  name: z
    .string()
    .min(1)
    .max(200)
    .refine((value) => !value.includes('::'), 'a service name cannot contain "::"'),
  parentId: idSchema.nullable().default(null),
  type: serviceTypeSchema,
  criticality: z.number().int().min(1).max(5),
  comment: optionalText(250),
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
  required: z.boolean().default(false),
  options: z.array(text(200)).max(1000).default([]),
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
  startDate: dateSchema.nullable().default(null),
  endDate: dateSchema.nullable().default(null),
  quantity: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
  unit: optionalText(50),
  priceMinor: z.number().int().min(0).max(1e13).nullable().default(null),
  payPeriod: payPeriodSchema.nullable().default(null),
  discountPercent: z.number().min(0).max(100).nullable().default(null),
  discountStart: dateSchema.nullable().default(null),
  discountEnd: dateSchema.nullable().default(null),
  description: optionalText(1000),
  stoppedByLifecycle: z.boolean().default(false),
});

export const snapshotDefaultServiceSchema = z.strictObject({
  serviceId: idSchema,
  granted: z.boolean(),
  stamp: stampSchema,
});
export const snapshotUserLinkSchema = z.strictObject({
  userId: idSchema,
  customerId: idSchema,
  granted: z.boolean(),
  stamp: stampSchema,
});

/** The tables of a snapshot body, in the order they are written and merged. */
export const snapshotTables = [
  'customers',
  'services',
  'customFields',
  'customerUsers',
  'userLinks',
  'assignments',
  'defaultServices',
] as const;
export type SnapshotTable = (typeof snapshotTables)[number];

/** One value per table, made in the order of `snapshotTables`. */
export function byTable<T>(value: (table: SnapshotTable) => T): Record<SnapshotTable, T> {
  return {
    customers: value('customers'),
    services: value('services'),
    customFields: value('customFields'),
    customerUsers: value('customerUsers'),
    userLinks: value('userLinks'),
    assignments: value('assignments'),
    defaultServices: value('defaultServices'),
  };
}

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
  Object.fromEntries(snapshotTables.map((table) => [table, z.number().int().min(0)])) as Record<
    SnapshotTable,
    z.ZodNumber
  >,
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
  /**
   * SHA-256 (hex) of the body's text exactly as the file holds it, in UTF-8. This app writes the
   * body as JSON.stringify does (no whitespace, keys in the order written: see bodyText), so for
   * its files that is also the hash of the re-serialized body, as format 1 first defined it.
   */
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type SnapshotCustomer = z.infer<typeof snapshotCustomerSchema>;
export type SnapshotCustomerUser = z.infer<typeof snapshotCustomerUserSchema>;
export type SnapshotService = z.infer<typeof snapshotServiceSchema>;
export type SnapshotCustomField = z.infer<typeof snapshotCustomFieldSchema>;
export type SnapshotAssignment = z.infer<typeof snapshotAssignmentSchema>;
export type SnapshotBody = z.infer<typeof snapshotBodySchema>;
export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>;
export type SnapshotCounts = z.infer<typeof snapshotCountsSchema>;
export type Snapshot = {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly formatVersion: number;
  readonly header: SnapshotHeader;
  readonly body: SnapshotBody;
};

export function emptyBody(): SnapshotBody {
  return {
    customers: [],
    services: [],
    customFields: [],
    customerUsers: [],
    userLinks: [],
    assignments: [],
    defaultServices: [],
  };
}

export { bodyText, canonicalJson, compactBody, jsonEqual, omittableFields } from './json';
