import {
  validitySchema,
  type AccessMode,
  type AssignmentStatus,
  type RuleCustomer,
  type Validity,
} from '../../src-shared/domain';
import type { ServiceContext } from './context';
import type { CustomerOfService, Register } from './allocationPreview';
import { notFound } from './records';

/** An assignment row as the audit trail records it: the register and every detail. */
export type RegisterState = {
  readonly granted: boolean;
  readonly status: AssignmentStatus;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly quantity: number | null;
  readonly unit: string;
  readonly priceMinor: number | null;
  readonly payPeriod: string | null;
  readonly discountPercent: number | null;
  readonly discountStart: string | null;
  readonly discountEnd: string | null;
  readonly description: string;
  readonly stoppedByLifecycle: boolean;
};

/** SQL columns that give a RegisterState (prefix with the assignment's alias). */
export const REGISTER_COLUMNS = `a.granted AS granted, a.status AS status, a.start_date AS startDate, a.end_date AS endDate,
  a.quantity AS quantity, a.unit AS unit, a.price_minor AS priceMinor, a.pay_period AS payPeriod,
  a.discount_percent AS discountPercent, a.discount_start AS discountStart, a.discount_end AS discountEnd,
  a.description AS description, a.stopped_by_lifecycle AS stoppedByLifecycle`;

type RawRegister = Omit<RegisterState, 'granted' | 'stoppedByLifecycle'> & {
  granted: number;
  stoppedByLifecycle: number;
};

export function toRegisterState(raw: RawRegister): RegisterState {
  return { ...raw, granted: raw.granted === 1, stoppedByLifecycle: raw.stoppedByLifecycle === 1 };
}

export function toRegister(serviceId: string, state: RegisterState): Register {
  return {
    serviceId,
    granted: state.granted,
    status: state.status,
    startDate: state.startDate,
    endDate: state.endDate,
  };
}

export function ruleCustomer(validity: string, accessMode: string): RuleCustomer {
  return { validity: validitySchema.parse(validity), accessMode: accessMode === 'specific' ? 'specific' : 'defaults' };
}

export type ServiceFacts = { readonly id: string; readonly path: string; readonly validity: Validity };

/** Every live service by id: validity for the rule, path for labels. */
export function liveServiceFacts(context: ServiceContext): Map<string, ServiceFacts> {
  const rows = context.conn.sql
    .prepare('SELECT id, path, validity FROM service WHERE deleted = 0')
    .all() as ServiceFacts[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** One live service's facts, without reading the other 2,000 (what opening a dialog needs). */
export function liveServiceFact(context: ServiceContext, serviceId: string): ServiceFacts | undefined {
  return context.conn.sql
    .prepare('SELECT id, path, validity FROM service WHERE id = ? AND deleted = 0')
    .get(serviceId) as ServiceFacts | undefined;
}

export function grantedDefaults(context: ServiceContext): string[] {
  return (
    context.conn.sql.prepare('SELECT service_id AS id FROM default_service WHERE granted = 1').all() as { id: string }[]
  ).map((row) => row.id);
}

export type CustomerState = {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly customer: RuleCustomer;
  /** Every register row of the customer (granted or revoked), by service. */
  readonly registers: Map<string, RegisterState>;
};

export function loadCustomerState(context: ServiceContext, customerId: string): CustomerState {
  const { sql: run } = context.conn;
  const customer = run
    .prepare('SELECT name, code, validity, access_mode AS accessMode FROM customer WHERE id = ? AND deleted = 0')
    .get(customerId) as { name: string; code: string; validity: string; accessMode: AccessMode } | undefined;
  if (!customer) throw notFound('Customer', customerId);
  const rows = run
    .prepare(
      `SELECT a.service_id AS serviceId, ${REGISTER_COLUMNS} FROM assignment a JOIN service s ON s.id = a.service_id AND s.deleted = 0 WHERE a.customer_id = ?`,
    )
    .all(customerId) as (RawRegister & { serviceId: string })[];
  return {
    id: customerId,
    name: customer.name,
    code: customer.code,
    customer: ruleCustomer(customer.validity, customer.accessMode),
    registers: new Map(rows.map(({ serviceId, ...raw }) => [serviceId, toRegisterState(raw)])),
  };
}

export type TouchedCustomer = CustomerOfService & { readonly name: string; readonly state: RegisterState | null };

/**
 * The customers named by a service's changes, in one query over a JSON array of ids (fast for
 * 50,000): validity, mode, its register for the service, and, for the customers in `counted`
 * (the ones losing it), how many granted registers each holds. A customer gaining the service
 * holds at least that one afterwards, so counting its registers (reading every assignment of
 * 50,000 customers) would change nothing.
 */
export function loadCustomersOfService(
  context: ServiceContext,
  serviceId: string,
  customerIds: readonly string[],
  counted: readonly string[],
): Map<string, TouchedCustomer> {
  const rows = context.conn.sql
    .prepare(
      `WITH dead AS (SELECT id FROM service WHERE deleted = 1)
       SELECT c.id AS customerId, c.name AS name, c.validity AS validity, c.access_mode AS accessMode,
        CASE WHEN c.id IN (SELECT value FROM json_each(@counted))
          THEN (SELECT count(*) FROM assignment g WHERE g.customer_id = c.id AND g.granted = 1 AND g.service_id NOT IN dead) END AS grantedCount,
        a.customer_id IS NOT NULL AS hasRow, ${REGISTER_COLUMNS}
       FROM customer c LEFT JOIN assignment a ON a.customer_id = c.id AND a.service_id = @service
       WHERE c.deleted = 0 AND c.id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ service: serviceId, ids: JSON.stringify(customerIds), counted: JSON.stringify(counted) }) as (RawRegister & {
    customerId: string;
    name: string;
    validity: string;
    accessMode: string;
    grantedCount: number | null;
    hasRow: number;
  })[];
  const out = new Map<string, TouchedCustomer>();
  for (const { customerId, name, validity, accessMode, grantedCount, hasRow, ...raw } of rows) {
    const state = hasRow ? toRegisterState(raw) : null;
    out.set(customerId, {
      customerId,
      name,
      customer: ruleCustomer(validity, accessMode),
      grantedCount,
      register: state ? toRegister(serviceId, state) : null,
      state,
    });
  }
  const missing = customerIds.find((id) => !out.has(id));
  if (missing) throw notFound('Customer', missing);
  return out;
}

/** Valid customers in `defaults` mode: who a default service reaches. */
export function customersOnDefaults(context: ServiceContext): number {
  const row = context.conn.sql
    .prepare(`SELECT count(*) AS n FROM customer WHERE deleted = 0 AND validity = 'valid' AND access_mode = 'defaults'`)
    .get() as { n: number };
  return row.n;
}
