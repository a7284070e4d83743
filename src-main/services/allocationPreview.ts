import {
  effectiveServices,
  modeAfterSave,
  type AccessMode,
  type RuleAssignment,
  type RuleCustomer,
  type Validity,
} from '../../src-shared/domain';
import type { AllocationPreview } from '../../src-shared/ipc/methods/allocation';

/** An assignment register as the rule sees it: granted or revoked, with the details that decide effectiveness. */
export type Register = RuleAssignment & { readonly granted: boolean };

export type Changes = { readonly grant: readonly string[]; readonly revoke: readonly string[] };

/** A register newly granted without details: active, no dates. */
export function freshRegister(serviceId: string): Register {
  return { serviceId, granted: true, status: 'active', startDate: null, endDate: null };
}

/** The changes that really change something: grants of what is not granted, revokes of what is. */
export function effectiveChanges(isGranted: (id: string) => boolean, changes: Changes): Changes {
  return { grant: changes.grant.filter((id) => !isGranted(id)), revoke: changes.revoke.filter((id) => isGranted(id)) };
}

export type CustomerPreviewInput = {
  readonly customer: RuleCustomer;
  /** Every register row the customer has, granted or revoked. */
  readonly registers: readonly Register[];
  readonly defaultServiceIds: readonly string[];
  readonly serviceValidity: (serviceId: string) => Validity | undefined;
  readonly today: string;
  readonly changes: Changes;
};

/**
 * "Services of {customer}": what a Save does to one customer. The mode follows the granted
 * count (regardless of status) only when something changes; effectiveness follows the shared rule.
 */
export function previewCustomer(
  input: CustomerPreviewInput,
): AllocationPreview & { readonly registersAfter: readonly Register[] } {
  const byService = new Map(input.registers.map((register) => [register.serviceId, register]));
  const real = effectiveChanges((id) => byService.get(id)?.granted === true, input.changes);
  const after = new Map(byService);
  for (const id of real.grant) after.set(id, { ...(byService.get(id) ?? freshRegister(id)), granted: true });
  for (const id of real.revoke) {
    const register = byService.get(id);
    if (register) after.set(id, { ...register, granted: false });
  }
  const grantedAfter = [...after.values()].filter((register) => register.granted);
  const changed = real.grant.length + real.revoke.length > 0;
  const modeAfter: AccessMode = changed ? modeAfterSave(grantedAfter.length) : input.customer.accessMode;
  const count = (mode: AccessMode, registers: readonly Register[]) =>
    effectiveServices(
      { ...input.customer, accessMode: mode },
      registers,
      input.defaultServiceIds,
      input.serviceValidity,
      input.today,
    ).size;
  const defaultCount = input.defaultServiceIds.filter((id) => input.serviceValidity(id) === 'valid').length;
  return {
    added: real.grant.length,
    removed: real.revoke.length,
    customer: {
      modeBefore: input.customer.accessMode,
      modeAfter,
      effectiveBefore: count(
        input.customer.accessMode,
        input.registers.filter((register) => register.granted),
      ),
      effectiveAfter: count(modeAfter, grantedAfter),
      defaultCount,
    },
    registersAfter: [...after.values()],
  };
}

/** One customer touched by a change in "Customers of {service}". */
export type CustomerOfService = {
  readonly customerId: string;
  readonly customer: RuleCustomer;
  /**
   * Granted registers the customer holds now, over all services; null when not counted (a
   * customer gaining the service holds at least that one afterwards, whatever it held before).
   */
  readonly grantedCount: number | null;
  /** Its register for this service, if any. */
  readonly register: Register | null;
};

export type ServicePreviewInput = {
  readonly serviceId: string;
  readonly serviceValidity: Validity | undefined;
  /** Whether the service is a default service now. */
  readonly isDefault: boolean;
  readonly today: string;
  /** The customers named by the changes, with their state. */
  readonly customers: ReadonlyMap<string, CustomerOfService>;
  readonly changes: Changes;
};

/**
 * "Customers of {service}": how many customers effectively gain or lose the service, and how many
 * leave the defaults (a customer on defaults that gets a specific service loses its defaults) or
 * fall back to them (its last specific service removed).
 */
export function previewService(input: ServicePreviewInput): AllocationPreview & {
  readonly touched: readonly {
    readonly state: CustomerOfService;
    readonly grant: boolean;
    readonly modeAfter: AccessMode;
  }[];
} {
  const real = effectiveChanges((id) => input.customers.get(id)?.register?.granted === true, input.changes);
  const validity = () => input.serviceValidity;
  const defaults = input.isDefault ? [input.serviceId] : [];
  const has = (customer: RuleCustomer, register: Register | null) =>
    effectiveServices(customer, register?.granted ? [register] : [], defaults, validity, input.today).has(
      input.serviceId,
    );
  const totals = { gain: 0, lose: 0, leaveDefaults: 0, fallBack: 0, throughDefaults: 0 };
  const touched: { state: CustomerOfService; grant: boolean; modeAfter: AccessMode }[] = [];
  const visit = (id: string, grant: boolean) => {
    const state = input.customers.get(id);
    if (!state) return;
    if (!grant && state.grantedCount === null)
      throw new Error(`The registers of ${id}, losing the service, were not counted`);
    const countAfter = (state.grantedCount ?? 0) + (grant ? 1 : -1);
    const modeAfter = modeAfterSave(countAfter);
    const registerAfter: Register = { ...(state.register ?? freshRegister(input.serviceId)), granted: grant };
    const before = has(state.customer, state.register);
    const after = has({ ...state.customer, accessMode: modeAfter }, registerAfter);
    if (!before && after) totals.gain += 1;
    if (before && !after) totals.lose += 1;
    const valid = state.customer.validity === 'valid';
    if (valid && state.customer.accessMode === 'defaults' && modeAfter === 'specific') totals.leaveDefaults += 1;
    if (valid && state.customer.accessMode === 'specific' && modeAfter === 'defaults') {
      totals.fallBack += 1;
      if (!before && after) totals.throughDefaults += 1;
    }
    touched.push({ state, grant, modeAfter });
  };
  for (const id of real.grant) visit(id, true);
  for (const id of real.revoke) visit(id, false);
  return { added: real.grant.length, removed: real.revoke.length, customers: totals, touched };
}

export type DefaultsPreviewInput = {
  readonly current: ReadonlySet<string>;
  readonly serviceValidity: (serviceId: string) => Validity | undefined;
  /** Valid customers in `defaults` mode: the ones a default service reaches. */
  readonly customersOnDefaults: number;
  readonly changes: Changes;
};

/** "Default services": every valid customer on defaults gains each added valid service and loses each removed one. */
export function previewDefaults(input: DefaultsPreviewInput): AllocationPreview {
  const real = effectiveChanges((id) => input.current.has(id), input.changes);
  const reaches = (ids: readonly string[]) =>
    ids.some((id) => input.serviceValidity(id) === 'valid') ? input.customersOnDefaults : 0;
  const gain = reaches(real.grant);
  return {
    added: real.grant.length,
    removed: real.revoke.length,
    customers: { gain, lose: reaches(real.revoke), leaveDefaults: 0, fallBack: 0, throughDefaults: gain },
  };
}
