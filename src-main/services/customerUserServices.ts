import { compareServicePaths } from '../../src-shared/domain';
import type { UserService, UserServiceSource } from '../../src-shared/ipc/methods/customerUsers';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { getCustomerUser } from './customerUsers';
import { findCustomerRecord } from './customerRecord';
import { effectiveServicesOf } from './effective';

/**
 * A customer user's effective services (docs/ARCHITECTURE.md#effective-services): the union of the effective services of
 * its primary and additional customers, each with the customers it comes from and how.
 */
export function customerUserServices(context: ServiceContext, userId: string): UserService[] {
  const user = getCustomerUser(context, userId);
  const byService = new Map<string, { path: string; sources: UserServiceSource[] }>();
  for (const customerId of [user.customerId, ...user.additionalCustomerIds]) {
    const customer = findCustomerRecord(context, customerId);
    if (!customer) continue;
    for (const service of effectiveServicesOf(context, customerId)) {
      const entry = byService.get(service.serviceId) ?? { path: service.path, sources: [] };
      entry.sources.push({ customerId, code: customer.code, name: customer.name, source: service.source });
      byService.set(service.serviceId, entry);
    }
  }
  return [...byService]
    .map(([serviceId, entry]) => ({ serviceId, path: entry.path, sources: entry.sources }))
    .sort((a, b) => compareServicePaths(a.path, b.path));
}

export const customerUserServiceHandlers = {
  'customerUsers:services': (context, { id }) => customerUserServices(context, id),
} satisfies HandlerGroup<'customerUsers:services'>;
