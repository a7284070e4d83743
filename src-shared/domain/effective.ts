import type { AccessMode } from './customer';
import type { AssignmentStatus } from './assignment';
import type { Validity } from './common';

export type EffectiveSource = 'specific' | 'default';

export type RuleCustomer = { readonly validity: Validity; readonly accessMode: AccessMode };
export type RuleAssignment = {
  readonly serviceId: string;
  readonly status: AssignmentStatus;
  readonly startDate: string | null;
  readonly endDate: string | null;
};

/** Whether one assignment grants access today: active, within its dates, on a valid service. */
export function assignmentIsEffective(
  assignment: RuleAssignment,
  serviceValidity: Validity | undefined,
  today: string,
): boolean {
  return (
    assignment.status === 'active' &&
    serviceValidity === 'valid' &&
    (assignment.startDate === null || assignment.startDate <= today) &&
    (assignment.endDate === null || assignment.endDate >= today)
  );
}

/**
 * The rule admins must be able to see (docs/ARCHITECTURE.md#effective-services): an invalid customer gets nothing; a
 * customer in `specific` mode gets exactly its effective assignments, which replace the
 * defaults; a customer in `defaults` mode gets the valid default services.
 */
export function effectiveServices(
  customer: RuleCustomer,
  assignments: readonly RuleAssignment[],
  defaultServiceIds: readonly string[],
  serviceValidity: (serviceId: string) => Validity | undefined,
  today: string,
): Map<string, EffectiveSource> {
  const result = new Map<string, EffectiveSource>();
  if (customer.validity !== 'valid') return result;
  if (customer.accessMode === 'specific') {
    for (const assignment of assignments) {
      if (assignmentIsEffective(assignment, serviceValidity(assignment.serviceId), today)) {
        result.set(assignment.serviceId, 'specific');
      }
    }
    return result;
  }
  for (const serviceId of defaultServiceIds) {
    if (serviceValidity(serviceId) === 'valid') result.set(serviceId, 'default');
  }
  return result;
}

/** The mode a customer has after a save leaves it with this many specific assignments. */
export function modeAfterSave(specificCount: number): AccessMode {
  return specificCount > 0 ? 'specific' : 'defaults';
}

/** Today's date as YYYY-MM-DD in local time. */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
