import { z } from 'zod';
import {
  customerInputSchema,
  customerUpdateSchema,
  idSchema,
  listQuerySchema,
  type Customer,
  type CustomerIndexColumns,
  type CustomerRow,
  type ListPage,
} from '../../domain';
import { byId, method, type DeleteResult } from '../method';

const noInput = z.object({});
const byIds = z.object({ ids: z.array(idSchema).max(5000) });

export const customerCloneSchema = z.object({
  id: idSchema,
  code: customerInputSchema.shape.code,
  name: customerInputSchema.shape.name,
  withAssignments: z.boolean().default(false),
});

export const customerMethods = {
  /** Every live customer in list order as columns, for filtering in the renderer. */
  'customers:index': method<typeof noInput, CustomerIndexColumns>(noInput),
  /**
   * Every live customer's access mode in the order of the `version` of 'customers:index' ('1' for
   * specific): what a window holding the index reads after a change of modes only.
   */
  'customers:accessModes': method<typeof noInput, { version: number; specific: string }>(noInput),
  /** List rows (with effective service counts) for these customers, in the given order. */
  'customers:rows': method<typeof byIds, readonly CustomerRow[]>(byIds),
  /** One window of the customer list, ordered by Customer ID, with true counts. */
  'customers:list': method<typeof listQuerySchema, ListPage<CustomerRow>>(listQuerySchema),
  'customers:get': method<typeof byId, Customer>(byId),
  'customers:create': method<typeof customerInputSchema, Customer>(customerInputSchema),
  'customers:update': method<typeof customerUpdateSchema, Customer>(customerUpdateSchema),
  /** Soft delete: a tombstone that hides the customer, its assignments and its users. */
  'customers:delete': method<typeof byId, DeleteResult>(byId),
  /** What `customers:delete` would hide, without deleting: for the confirmation. */
  'customers:deletePreview': method<typeof byId, DeleteResult>(byId),
  /** A copy under a new Customer ID and name, with or without its assignments. */
  'customers:clone': method<typeof customerCloneSchema, Customer>(customerCloneSchema),
  /** Assignments a validity change would stop (active ones) or restore (stopped by the lifecycle). */
  'customers:lifecycle': method<typeof byId, { active: number; stoppedByLifecycle: number }>(byId),
} as const;
