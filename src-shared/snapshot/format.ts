import { z } from 'zod';
import { accessModeSchema, customerParts } from '../domain/customer';
import { customerUserParts } from '../domain/customerUser';
import { assignmentLimits, assignmentStatusSchema, payPeriodSchema } from '../domain/assignment';
import { dateSchema, idSchema, stampSchema } from '../domain/common';
import { customFieldParts } from '../domain/customField';
import { serviceParts } from '../domain/service';

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
/**
 * A dropped file travels to main as base64 in one message, held there whole (as text and bytes)
 * until it is written to a temporary file: it is held to a smaller size. A bigger file is opened
 * with "Import snapshot…", by path.
 */
export const MAX_DROPPED_SNAPSHOT_BYTES = 128 * 1024 * 1024;
export const MAX_SNAPSHOT_TEXT_BYTES = 480 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
/** Optional text: an empty value is left out of the file (see compactRecord) and comes back as ''. */
const optionalText = (max: number) => z.string().max(max).default('');
/** field name -> stamp of its last write. */
const fieldStamps = z.record(z.string().max(40), stampSchema).default({});
const timestamp = z.string().max(40);

const replicated = { deleted: z.boolean().default(false), stamp: stampSchema, fieldStamps };

/**
 * Records are checked field by field with the same schemas as the dialogs and CSV files, so
 * whatever one copy accepted, every other copy accepts from its snapshot.
 */
export const snapshotCustomerSchema = z.strictObject({
  id: idSchema,
  code: customerParts.code,
  name: customerParts.name,
  street: customerParts.street.default(''),
  zip: customerParts.zip.default(''),
  city: customerParts.city.default(''),
  country: customerParts.country.default(''),
  url: customerParts.url.default(''),
  comment: customerParts.comment.default(''),
  validity: customerParts.validity,
  accessMode: accessModeSchema,
  customFields: customerParts.customFields.default({}),
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotCustomerUserSchema = z.strictObject({
  id: idSchema,
  login: customerUserParts.login,
  firstName: customerUserParts.firstName.default(''),
  lastName: customerUserParts.lastName.default(''),
  email: customerUserParts.email.default(''),
  phone: customerUserParts.phone.default(''),
  customerId: idSchema,
  validity: customerUserParts.validity,
  comment: customerUserParts.comment.default(''),
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotServiceSchema = z.strictObject({
  id: idSchema,
  name: serviceParts.name,
  parentId: idSchema.nullable().default(null),
  type: serviceParts.type,
  criticality: serviceParts.criticality,
  comment: serviceParts.comment.default(''),
  validity: serviceParts.validity,
  ...replicated,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const snapshotCustomFieldSchema = z.strictObject({
  id: idSchema,
  key: customFieldParts.key,
  label: customFieldParts.label,
  kind: customFieldParts.kind,
  required: z.boolean().default(false),
  options: customFieldParts.options.default([]),
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
  quantity: z.number().int().min(0).max(assignmentLimits.quantity).nullable().default(null),
  unit: optionalText(assignmentLimits.unit),
  priceMinor: z.number().int().min(0).max(assignmentLimits.priceMinor).nullable().default(null),
  payPeriod: payPeriodSchema.nullable().default(null),
  discountPercent: z.number().min(0).max(100).nullable().default(null),
  discountStart: dateSchema.nullable().default(null),
  discountEnd: dateSchema.nullable().default(null),
  description: optionalText(assignmentLimits.description),
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
