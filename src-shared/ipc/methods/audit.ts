import { z } from 'zod';
import { auditActions, auditEntities, dateSchema, idSchema, type AuditEvent, type ListPage } from '../../domain';
import { method, noInput } from '../method';

/** The audit log's filters; every one is optional and they combine with AND. */
export const auditFilterSchema = z.object({
  entity: z.enum(auditEntities).nullable().default(null),
  /** One record: its id (an assignment's is `customerId/serviceId`). */
  entityId: z.string().max(100).nullable().default(null),
  /** Text in the record's name as the log shows it ("Acme", "VPN::Setup"). */
  record: z.string().max(200).default(''),
  actor: z.string().max(200).nullable().default(null),
  action: z.enum(auditActions).nullable().default(null),
  /** Local calendar days, both inclusive. */
  from: dateSchema.nullable().default(null),
  to: dateSchema.nullable().default(null),
  /** Minutes the renderer's clock is ahead of UTC, so that days are the admin's days. */
  utcOffsetMinutes: z.number().int().min(-900).max(900).default(0),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditListSchema = auditFilterSchema.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(5000).default(200),
});

export const historySchema = z.object({
  entity: z.enum(['customer', 'customerUser', 'service', 'assignment', 'defaultService']),
  entityId: z.string().min(1).max(100),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const undoSchema = z.object({ batchId: z.uuid() });
export type UndoResult = { readonly batchId: string; readonly events: number; readonly summary: string };

export const eraseSchema = z.object({ id: idSchema, confirmLogin: z.string().max(200) });
export type EraseResult = {
  readonly id: string;
  readonly login: string;
  readonly fields: readonly string[];
  readonly events: number;
};

/** `since`: only a batch written at or after this instant (when the Save started) counts. */
export const latestSchema = z.object({ since: z.iso.datetime().nullable().default(null) });

export type LatestBatch = {
  readonly batchId: string;
  readonly at: string;
  readonly summary: string;
  readonly undoable: boolean;
} | null;
export type AuditExportResult = { readonly path: string; readonly rows: number } | null;

export const auditMethods = {
  /** One window of the audit log, newest first, with the true total and filtered counts. */
  'audit:list': method<typeof auditListSchema, ListPage<AuditEvent>>(auditListSchema),
  /** The names that appear as actors, for the actor filter. */
  'audit:actors': method<typeof noInput, readonly string[]>(noInput),
  /** Every change of one record, newest first; a customer's and a service's include their assignments. */
  'audit:history': method<typeof historySchema, readonly AuditEvent[]>(historySchema),
  /** The newest batch (the Save just made), for the "Undo" notification. */
  'audit:latest': method<typeof latestSchema, LatestBatch>(latestSchema),
  /** Undoes one batch with new events; refuses, saying which, when later batches changed the same fields. */
  'audit:undo': method<typeof undoSchema, UndoResult>(undoSchema),
  /** Writes the filtered log as CSV to a file the admin chooses; null when the admin cancelled. */
  'audit:export': method<typeof auditFilterSchema, AuditExportResult>(auditFilterSchema),
  /**
   * Right to be forgotten: replaces a customer user's names, email, phone and comment with a
   * redaction marker in the record and in every past audit event, then rewrites the database
   * file so no erased value remains. `confirmLogin` must repeat the user's login.
   */
  'privacy:eraseCustomerUser': method<typeof eraseSchema, EraseResult>(eraseSchema),
} as const;
