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
 * The number of effective services of each customer (DESIGN.md §1), computed in SQL for a
 * window of customers: specific customers count their effective assignments, customers on
 * defaults the valid defaults, invalid customers nothing.
 */
export function effectiveCounts(context: ServiceContext, customerIds: readonly string[], today: string): Map<string, number> {
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
