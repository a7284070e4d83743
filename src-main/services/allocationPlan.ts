import { localToday } from '../../src-shared/domain';
import type { ServiceContext } from './context';
import { previewCustomer, previewService, type Changes } from './allocationPreview';
import { grantedDefaults, liveServiceFacts, loadCustomerState, loadCustomersOfService, toRegister } from './allocationState';
import { notFound } from './records';

/**
 * What a change to one customer's services would do, from the database: the one place both the
 * preview and the Save compute it, so the preview equals what is applied.
 */
export function planCustomer(context: ServiceContext, customerId: string, changes: Changes) {
  const services = liveServiceFacts(context);
  const state = loadCustomerState(context, customerId);
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

/** What a change to one service's customers would do, from the database (see planCustomer). */
export function planService(context: ServiceContext, serviceId: string, changes: Changes) {
  const service = liveServiceFacts(context).get(serviceId);
  if (!service) throw notFound('Service', serviceId);
  const customers = loadCustomersOfService(context, service.id, [...changes.grant, ...changes.revoke]);
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
