import { effectiveServices, type AccessMode, type AssignmentStatus, type Validity } from '../../src-shared/domain';
import type { AccessChange } from '../../src-shared/snapshot/plan';
import type { Indexed, Row } from './merge';

/** Each live customer's effective services by the shared rule (docs/ARCHITECTURE.md#effective-services), over a body in memory. */
export function effectiveByCustomer(body: Indexed, today: string): Map<string, Set<string>> {
  const serviceValidity = (id: string): Validity | undefined => {
    const service = body.services.get(id);
    return service && !service.deleted ? (service.validity as Validity) : undefined;
  };
  const defaults = [...body.defaultServices.values()].filter((row) => row.granted).map((row) => String(row.serviceId));
  const assignments = new Map<string, Row[]>();
  for (const row of body.assignments.values()) {
    if (!row.granted) continue;
    const list = assignments.get(String(row.customerId)) ?? [];
    list.push(row);
    assignments.set(String(row.customerId), list);
  }
  const result = new Map<string, Set<string>>();
  for (const [id, customer] of body.customers) {
    if (customer.deleted) continue;
    const rule = effectiveServices(
      { validity: customer.validity as Validity, accessMode: customer.accessMode as AccessMode },
      (assignments.get(id) ?? []).map((row) => ({
        serviceId: String(row.serviceId),
        status: row.status as AssignmentStatus,
        startDate: row.startDate as string | null,
        endDate: row.endDate as string | null,
      })),
      defaults,
      serviceValidity,
      today,
    );
    result.set(id, new Set(rule.keys()));
  }
  return result;
}

/** Customers that gain or lose effective services, with service paths, sorted by label. */
export function accessChanges(
  before: Indexed,
  after: Indexed,
  today: string,
  label: (id: string) => string,
  path: (id: string) => string,
): AccessChange[] {
  const was = effectiveByCustomer(before, today);
  const will = effectiveByCustomer(after, today);
  const changes: AccessChange[] = [];
  for (const id of new Set([...was.keys(), ...will.keys()])) {
    const old = was.get(id) ?? new Set<string>();
    const next = will.get(id) ?? new Set<string>();
    const gained = [...next]
      .filter((service) => !old.has(service))
      .map(path)
      .sort();
    const lost = [...old]
      .filter((service) => !next.has(service))
      .map(path)
      .sort();
    if (gained.length > 0 || lost.length > 0) changes.push({ customerId: id, label: label(id), gained, lost });
  }
  return changes.sort((a, b) => a.label.localeCompare(b.label));
}
