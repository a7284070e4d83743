import type { SnapshotTable } from '../../src-shared/snapshot/format';
import { servicePaths } from './identity';
import type { Indexed, Row } from './merge';

/** Labels in an admin's words for the records of a body. */
export function labeller(...bodies: Indexed[]) {
  const find = (table: SnapshotTable, id: string) => bodies.map((body) => body[table].get(id)).find(Boolean) ?? {};
  const services = new Map<string, Row>();
  for (const body of [...bodies].reverse()) for (const [id, row] of body.services) services.set(id, row);
  const paths = servicePaths(services);
  const customer = (id: string) => {
    const row = find('customers', id);
    return `${typeof row.code === 'string' ? row.code : id} · ${typeof row.name === 'string' ? row.name : ''}`;
  };
  const path = (id: string) => paths.get(id) ?? id;
  const label = (table: SnapshotTable, row: Row): string => {
    switch (table) {
      case 'customers':
        return `${String(row.code)} · ${String(row.name)}`;
      case 'customerUsers':
        return String(row.login);
      case 'services':
        return path(String(row.id));
      case 'customFields':
        return String(row.label);
      case 'assignments':
        return `${customer(String(row.customerId))} → ${path(String(row.serviceId))}`;
      case 'defaultServices':
        return path(String(row.serviceId));
      case 'userLinks':
        return `${String(find('customerUsers', String(row.userId)).login ?? row.userId)} → ${customer(String(row.customerId))}`;
    }
  };
  return { label, customer, path };
}
