import {
  compareServicePaths,
  effectiveServices,
  localToday,
  validitySchema,
  type EffectiveSource,
  type RuleAssignment,
  type Validity,
} from '../../src-shared/domain';
import type { ServiceContext } from './context';

const EFFECTIVE_ASSIGNMENT = `a.granted = 1 AND a.status = 'active'
  AND (a.start_date IS NULL OR a.start_date <= @today)
  AND (a.end_date IS NULL OR a.end_date >= @today)
  AND s.deleted = 0 AND s.validity = 'valid'`;

/** How many valid default services a customer in `defaults` mode gets. */
export function effectiveDefaultCount(context: ServiceContext): number {
  const row = context.conn.sql
    .prepare(
      `SELECT count(*) AS n FROM default_service d JOIN service s ON s.id = d.service_id
       WHERE d.granted = 1 AND s.deleted = 0 AND s.validity = 'valid'`,
    )
    .get() as { n: number };
  return row.n;
}

/**
 * The number of effective services of each customer (docs/ARCHITECTURE.md#effective-services), computed in SQL for a
 * window of customers: specific customers count their effective assignments, customers on
 * defaults the valid defaults, invalid customers nothing.
 */
export function effectiveCounts(
  context: ServiceContext,
  customerIds: readonly string[],
  today: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  if (customerIds.length === 0) return counts;
  const defaults = effectiveDefaultCount(context);
  const placeholders = customerIds.map(() => '?').join(',');
  const customers = context.conn.sql.sqlite
    .prepare(`SELECT id, validity, access_mode FROM customer WHERE id IN (${placeholders})`)
    .all(...customerIds) as { id: string; validity: string; access_mode: string }[];
  const specific: string[] = [];
  for (const customer of customers) {
    if (customer.validity !== 'valid') counts.set(customer.id, 0);
    else if (customer.access_mode === 'specific') specific.push(customer.id);
    else counts.set(customer.id, defaults);
  }
  if (specific.length > 0) {
    const rows = context.conn.sql.sqlite
      .prepare(
        `SELECT a.customer_id AS id, count(*) AS n FROM assignment a JOIN service s ON s.id = a.service_id
         WHERE a.customer_id IN (${specific.map(() => '?').join(',')}) AND ${EFFECTIVE_ASSIGNMENT.replaceAll('@today', '?')}
         GROUP BY a.customer_id`,
      )
      .all(...specific, today, today) as { id: string; n: number }[];
    for (const id of specific) counts.set(id, 0);
    for (const row of rows) counts.set(row.id, row.n);
  }
  return counts;
}

export type EffectiveService = { readonly serviceId: string; readonly path: string; readonly source: EffectiveSource };

/**
 * One customer's effective services with their source, by the shared rule of
 * src-shared/domain/effective.ts: the one place main decides what a customer gets.
 */
export function effectiveServicesOf(
  context: ServiceContext,
  customerId: string,
  today: string = localToday(),
): EffectiveService[] {
  const { sql: run } = context.conn;
  const customer = run
    .prepare('SELECT validity, access_mode FROM customer WHERE id = ? AND deleted = 0')
    .get(customerId) as { validity: string; access_mode: string } | undefined;
  if (!customer) return [];
  const services = new Map(
    (
      run.prepare('SELECT id, path, validity FROM service WHERE deleted = 0').all() as {
        id: string;
        path: string;
        validity: Validity;
      }[]
    ).map((row) => [row.id, row]),
  );
  const assignments = run
    .prepare(
      'SELECT service_id AS serviceId, status, start_date AS startDate, end_date AS endDate FROM assignment WHERE customer_id = ? AND granted = 1',
    )
    .all(customerId) as RuleAssignment[];
  const defaults = (
    run.prepare('SELECT service_id AS id FROM default_service WHERE granted = 1').all() as { id: string }[]
  ).map((row) => row.id);
  const rule = effectiveServices(
    {
      validity: validitySchema.parse(customer.validity),
      accessMode: customer.access_mode === 'specific' ? 'specific' : 'defaults',
    },
    assignments,
    defaults,
    (serviceId) => services.get(serviceId)?.validity,
    today,
  );
  return [...rule]
    .map(([serviceId, source]) => ({ serviceId, source, path: services.get(serviceId)?.path ?? '' }))
    .sort((a, b) => compareServicePaths(a.path, b.path));
}
