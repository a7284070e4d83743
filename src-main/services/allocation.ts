import {
  compareServicePaths,
  listQuerySchema,
  localToday,
  type ListPage,
  type ListQuery,
} from '../../src-shared/domain';
import type {
  AllocationChange,
  AllocationPreview,
  CustomerAllocation,
  HeldAssignment,
  NotEffectiveReason,
  ServiceAllocation,
  ServiceCustomerIds,
  ServiceCustomerRow,
} from '../../src-shared/ipc/methods/allocation';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { previewDefaults } from './allocationPreview';
import { planCustomer, planService, requireServices } from './allocationPlan';
import { saveAllocation } from './allocationSave';
import {
  customersOnDefaults,
  grantedDefaults,
  liveServiceFact,
  liveServiceFacts,
  loadCustomerState,
  type RegisterState,
} from './allocationState';
import { assignmentHandlers } from './assignments';
import { customerRows } from './customers';
import { effectiveDefaultCount, effectiveServicesOf } from './effective';
import { notFound } from './records';

/** Why a granted assignment gives no access today, in the order an admin would fix it; null when effective. */
export function notEffectiveReason(
  customer: { readonly validity: string; readonly accessMode: string },
  register: Pick<RegisterState, 'status' | 'startDate' | 'endDate'>,
  serviceValidity: string | undefined,
  today: string,
): NotEffectiveReason | null {
  if (customer.validity !== 'valid') return 'customer-invalid';
  if (customer.accessMode !== 'specific') return 'on-defaults';
  if (serviceValidity !== 'valid') return 'service-invalid';
  if (register.status !== 'active') return 'status';
  if (register.startDate !== null && register.startDate > today) return 'not-started';
  if (register.endDate !== null && register.endDate < today) return 'ended';
  return null;
}

export function customerAllocation(context: ServiceContext, customerId: string): CustomerAllocation {
  const state = loadCustomerState(context, customerId);
  const services = liveServiceFacts(context);
  const today = localToday();
  const assignments: HeldAssignment[] = [];
  for (const [serviceId, register] of state.registers) {
    const service = services.get(serviceId);
    if (!register.granted || !service) continue;
    assignments.push({
      serviceId,
      path: service.path,
      status: register.status,
      startDate: register.startDate,
      endDate: register.endDate,
      serviceValidity: service.validity,
      notEffective: notEffectiveReason(state.customer, register, service.validity, today),
    });
  }
  assignments.sort((a, b) => compareServicePaths(a.path, b.path));
  return {
    customer: { id: state.id, code: state.code, name: state.name, ...state.customer },
    assignments,
    effective: effectiveServicesOf(context, customerId, today),
    defaultCount: effectiveDefaultCount(context),
  };
}

export function serviceAllocation(context: ServiceContext, serviceId: string): ServiceAllocation {
  const service = liveServiceFact(context, serviceId);
  if (!service) throw notFound('Service', serviceId);
  return {
    service,
    grantedCount: liveHolderCount(context, serviceId),
    isDefault: grantedDefaults(context).includes(serviceId),
  };
}

/**
 * Live customers holding a granted register of the service: every holder, from the covering
 * index alone, less the holders among the (few) deleted customers, walked from their own index
 * (CROSS JOIN keeps SQLite from starting with the 50,000 holders instead).
 */
function liveHolderCount(context: ServiceContext, serviceId: string): number {
  const row = context.conn.sql
    .prepare(
      `SELECT (SELECT count(*) FROM assignment WHERE service_id = ? AND granted = 1)
        - (SELECT count(*) FROM customer c CROSS JOIN assignment a ON a.customer_id = c.id AND a.service_id = ? AND a.granted = 1 WHERE c.deleted = 1) AS n`,
    )
    .get(serviceId, serviceId) as { n: number };
  return row.n;
}

function grantedCustomers(context: ServiceContext, serviceId: string, ids: readonly string[]): Set<string> {
  const rows = context.conn.sql
    .prepare(
      'SELECT customer_id AS id FROM assignment WHERE service_id = ? AND granted = 1 AND customer_id IN (SELECT value FROM json_each(?))',
    )
    .all(serviceId, JSON.stringify(ids)) as { id: string }[];
  return new Set(rows.map((row) => row.id));
}

/** One window of every customer (the shared customer index), each with whether it holds the service. */
export function serviceCustomers(
  context: ServiceContext,
  input: ListQuery & { serviceId: string },
): ListPage<ServiceCustomerRow> {
  const query = listQuerySchema.parse(input);
  if (!liveServiceFact(context, input.serviceId)) throw notFound('Service', input.serviceId);
  const index = context.search.customers();
  const positions = index.filter(query.query, query.showInvalid);
  const ids = Array.from(
    positions.subarray(query.offset, query.offset + query.limit),
    (position) => index.ids[position] ?? '',
  );
  const granted = grantedCustomers(context, input.serviceId, ids);
  return {
    rows: customerRows(context, ids).map((row) => ({ ...row, granted: granted.has(row.id) })),
    offset: query.offset,
    total: index.size,
    filtered: positions.length,
  };
}

/**
 * The ids of every customer matching the filter, in list order, with a '0'/'1' mask of who holds
 * the service. 100,000 ids are 3.9 MB to send and parse: they are left out when the caller already
 * holds the same list (named by a hash of it), as after a Save, which changes only the mask.
 */
export function serviceCustomerIds(
  context: ServiceContext,
  input: { serviceId: string; query: string; showInvalid: boolean; knownIdsKey?: string | undefined },
): ServiceCustomerIds {
  const { search } = context;
  const list = search.filteredCustomers(input.query, input.showInvalid);
  const { ids } = search.customers();
  const byId = search.customerPositionsById();
  // Holders in id order (from the service's index), walked beside the positions in id order:
  // no set of 50,000 ids. One byte per row, written in place.
  const holders = context.conn.sql
    .prepare('SELECT customer_id FROM assignment WHERE service_id = ? AND granted = 1 ORDER BY customer_id')
    .pluck()
    .all(input.serviceId) as string[];
  const mask = Buffer.alloc(list.ids.length, '0');
  const one = '1'.charCodeAt(0);
  let next = 0;
  for (const holder of holders) {
    while (next < byId.length && (ids[byId[next] ?? 0] ?? '') < holder) next += 1;
    const position = byId[next] ?? -1;
    if (ids[position] !== holder) continue;
    const row = list.rowOf[position] ?? -1;
    if (row >= 0) mask[row] = one;
  }
  return {
    ids: list.key === input.knownIdsKey ? null : list.ids,
    idsKey: list.key,
    grantedMask: mask.toString('latin1'),
  };
}

/** What a Save of these changes would do, computed from the database without writing. */
export function previewAllocation(
  context: ServiceContext,
  change: AllocationChange & { grant: string[]; revoke: string[] },
): AllocationPreview {
  if (change.kind === 'customer') {
    const { registersAfter: _after, ...preview } = planCustomer(context, change.customerId, change).preview;
    return preview;
  }
  if (change.kind === 'service') {
    const { touched: _touched, ...preview } = planService(context, change.serviceId, change).preview;
    return preview;
  }
  const services = liveServiceFacts(context);
  requireServices(services, change);
  return previewDefaults({
    current: new Set(grantedDefaults(context)),
    serviceValidity: (id) => services.get(id)?.validity,
    customersOnDefaults: customersOnDefaults(context),
    changes: change,
  });
}

export const allocationHandlers = {
  'allocation:customer': (context, { customerId }) => customerAllocation(context, customerId),
  'allocation:service': (context, { serviceId }) => serviceAllocation(context, serviceId),
  'allocation:serviceCustomers': serviceCustomers,
  'allocation:serviceCustomerIds': serviceCustomerIds,
  'allocation:defaults': (context) => {
    const live = liveServiceFacts(context);
    return {
      serviceIds: grantedDefaults(context).filter((id) => live.has(id)),
      customersOnDefaults: customersOnDefaults(context),
    };
  },
  'allocation:preview': previewAllocation,
  'allocation:save': saveAllocation,
  ...assignmentHandlers,
} satisfies HandlerGroup<
  | 'allocation:customer'
  | 'allocation:service'
  | 'allocation:serviceCustomers'
  | 'allocation:serviceCustomerIds'
  | 'allocation:defaults'
  | 'allocation:preview'
  | 'allocation:save'
  | 'assignments:get'
  | 'assignments:update'
>;
