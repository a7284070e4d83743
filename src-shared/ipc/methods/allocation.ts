import { z } from 'zod';
import {
  assignmentDetailsSchema,
  idSchema,
  listQuerySchema,
  type Assignment,
  type AssignmentStatus,
  type CustomerRow,
  type EffectiveSource,
  type ListPage,
  type Validity,
} from '../../domain';
import { method, noInput } from '../method';

/**
 * What one Save changes: the ids (services or customers, by the dialog) to grant and to revoke.
 * Sent as two id lists, so 50,000 changes stay a compact message.
 */
const changes = {
  grant: z.array(idSchema).max(200_000).default([]),
  revoke: z.array(idSchema).max(200_000).default([]),
};

/** The pending changes of one allocation dialog: a customer's services, a service's customers, or the defaults. */
export const allocationChangeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('customer'), customerId: idSchema, ...changes }),
    z.object({ kind: z.literal('service'), serviceId: idSchema, ...changes }),
    z.object({ kind: z.literal('defaults'), ...changes }),
  ])
  // A Set, not revoke.includes: a select-all sends 50,000 ids each way.
  .refine((value) => {
    const revoked = new Set(value.revoke);
    return !value.grant.some((id) => revoked.has(id));
  }, 'An id cannot be granted and revoked in one Save');
export type AllocationChange = z.input<typeof allocationChangeSchema>;

/** Why an assignment a customer holds gives no access today. */
export type NotEffectiveReason =
  'service-invalid' | 'status' | 'not-started' | 'ended' | 'customer-invalid' | 'on-defaults';

export type HeldAssignment = {
  readonly serviceId: string;
  readonly path: string;
  readonly status: AssignmentStatus;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly serviceValidity: Validity;
  /** Null when it is effective. */
  readonly notEffective: NotEffectiveReason | null;
};

/** Everything "Services of {customer}" needs besides the service tree. */
export type CustomerAllocation = {
  readonly customer: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly validity: Validity;
    readonly accessMode: 'defaults' | 'specific';
  };
  /** Granted assignments, effective or not. */
  readonly assignments: readonly HeldAssignment[];
  readonly effective: readonly {
    readonly serviceId: string;
    readonly path: string;
    readonly source: EffectiveSource;
  }[];
  readonly defaultCount: number;
};

export type ServiceAllocation = {
  readonly service: { readonly id: string; readonly path: string; readonly validity: Validity };
  /** Live customers holding a granted assignment to it. */
  readonly grantedCount: number;
  readonly isDefault: boolean;
};

export type ServiceCustomerRow = CustomerRow & { readonly granted: boolean };

/** What a Save would do, computed by main from the pending changes without writing. */
export type AllocationPreview = {
  readonly added: number;
  readonly removed: number;
  /** Customer dialog: its mode and effective count before and after. */
  readonly customer?: {
    readonly modeBefore: 'defaults' | 'specific';
    readonly modeAfter: 'defaults' | 'specific';
    readonly effectiveBefore: number;
    readonly effectiveAfter: number;
    readonly defaultCount: number;
  };
  /** Service and defaults dialogs: customers that effectively gain or lose access. */
  readonly customers?: {
    readonly gain: number;
    readonly lose: number;
    readonly leaveDefaults: number;
    readonly fallBack: number;
    readonly throughDefaults: number;
  };
};

export type AllocationSaved = AllocationPreview & { readonly batchId: string };

const serviceCustomersQuery = listQuerySchema.extend({ serviceId: idSchema });
const serviceCustomerIdsQuery = z.object({
  serviceId: idSchema,
  query: z.string().max(200).default(''),
  showInvalid: z.boolean().default(false),
  /** The `idsKey` of the ids the caller already holds: when they are still the ids, they are not sent again. */
  knownIdsKey: z.string().max(100).optional(),
});

/** The filtered customers of "Customers of {service}" and who holds it (see 'allocation:serviceCustomerIds'). */
export type ServiceCustomerIds = {
  /** Null when they equal the ids the caller named by `knownIdsKey` (a Save changes who holds it, rarely who matches). */
  readonly ids: readonly string[] | null;
  /** Names this list of ids (a hash of it), for `knownIdsKey`. */
  readonly idsKey: string;
  /** `grantedMask[i]` is '1' when the i-th id holds the service. */
  readonly grantedMask: string;
};
const assignmentKey = z.object({ customerId: idSchema, serviceId: idSchema });
const assignmentUpdate = assignmentKey.extend({ details: assignmentDetailsSchema });
const byCustomer = z.object({ customerId: idSchema });
const byService = z.object({ serviceId: idSchema });

export type AssignmentWithNames = Assignment & {
  readonly granted: boolean;
  readonly customerName: string;
  readonly servicePath: string;
};

export const allocationMethods = {
  /** A customer's assignments (with why each is or is not effective) and its effective services with their source. */
  'allocation:customer': method<typeof byCustomer, CustomerAllocation>(byCustomer),
  /** A service's header facts for "Customers of {path}". */
  'allocation:service': method<typeof byService, ServiceAllocation>(byService),
  /** One window of every customer, filtered by code, name or city, each with whether it holds the service. */
  'allocation:serviceCustomers': method<typeof serviceCustomersQuery, ListPage<ServiceCustomerRow>>(
    serviceCustomersQuery,
  ),
  /**
   * The ids of every customer matching the filter (for "Select all" over the filtered list, not only
   * the rendered rows), with who holds the service; the ids are left out when the caller holds them.
   */
  'allocation:serviceCustomerIds': method<typeof serviceCustomerIdsQuery, ServiceCustomerIds>(serviceCustomerIdsQuery),
  /** The service ids that are default services now (granted registers). */
  'allocation:defaults': method<typeof noInput, { serviceIds: string[]; customersOnDefaults: number }>(noInput),
  /** What saving these changes would do; writes nothing. */
  'allocation:preview': method<typeof allocationChangeSchema, AllocationPreview>(allocationChangeSchema),
  /** Saves the changes: one transaction, one audit batch; sets each touched customer's access mode. */
  'allocation:save': method<typeof allocationChangeSchema, AllocationSaved>(allocationChangeSchema),
  /** One assignment with its details (granted or revoked). */
  'assignments:get': method<typeof assignmentKey, AssignmentWithNames>(assignmentKey),
  /** Updates the details of an existing assignment; each changed field gets the batch's stamp. */
  'assignments:update': method<typeof assignmentUpdate, AssignmentWithNames>(assignmentUpdate),
} as const;
