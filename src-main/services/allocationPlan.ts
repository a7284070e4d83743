import { localToday } from '../../src-shared/domain';
import type { ServiceContext } from './context';
import { previewCustomer, previewService, type Changes } from './allocationPreview';
import {
  grantedDefaults,
  liveServiceFacts,
  loadCustomerState,
  loadCustomersOfService,
  toRegister,
} from './allocationState';
import { notFound } from './records';

/**
 * What a change to one customer's services would do, from the database: the one place both the
 * preview and the Save compute it, so the preview equals what is applied.
 */
export function planCustomer(context: ServiceContext, customerId: string, changes: Changes) {
  const services = liveServiceFacts(context);
  const state = loadCustomerState(context, customerId);
  requireServices(services, changes);
  const preview = previewCustomer({
    customer: state.customer,
    registers: [...state.registers].map(([serviceId, register]) => toRegister(serviceId, register)),
    defaultServiceIds: grantedDefaults(context),
    serviceValidity: (id) => services.get(id)?.validity,
    today: localToday(),
    changes,
  });
  return { services, state, preview };
}

/** Refuses changes naming a service that is not live, in the preview as in the Save. */
export function requireServices(services: ReadonlyMap<string, unknown>, changes: Changes): void {
  for (const id of [...changes.grant, ...changes.revoke]) if (!services.has(id)) throw notFound('Service', id);
}

/**
 * What a change to one service's customers would do, from the database (see planCustomer). The
 * last plan is kept while the database is unchanged, so the Save that follows its preview (50,000
 * changes take a second to plan) applies the very plan the admin saw instead of computing it again.
 */
export function planService(context: ServiceContext, serviceId: string, changes: Changes) {
  const key = JSON.stringify([serviceId, changes.grant, changes.revoke]);
  const version = dataVersion(context);
  const last = lastServicePlan.get(context);
  if (last && last.key === key && last.version === version) return last.plan;
  const plan = computeServicePlan(context, serviceId, changes);
  lastServicePlan.set(context, { key, version, plan });
  return plan;
}

type ServicePlan = ReturnType<typeof computeServicePlan>;
const lastServicePlan = new WeakMap<
  ServiceContext,
  { readonly key: string; readonly version: string; readonly plan: ServicePlan }
>();

/**
 * Changes whenever the data may have: any write on this connection (total_changes), a commit by
 * another connection (data_version), or a new day (dates decide effectiveness).
 */
function dataVersion(context: ServiceContext): string {
  const { sqlite } = context.conn;
  const changes = sqlite.prepare('SELECT total_changes() AS n').get() as { n: number };
  return `${changes.n}:${String(sqlite.pragma('data_version', { simple: true }))}:${localToday()}`;
}

function computeServicePlan(context: ServiceContext, serviceId: string, changes: Changes) {
  const service = liveServiceFacts(context).get(serviceId);
  if (!service) throw notFound('Service', serviceId);
  const customers = loadCustomersOfService(context, service.id, [...changes.grant, ...changes.revoke], changes.revoke);
  const preview = previewService({
    serviceId: service.id,
    serviceValidity: service.validity,
    isDefault: grantedDefaults(context).includes(service.id),
    today: localToday(),
    customers,
    changes,
  });
  return { service, customers, preview };
}
