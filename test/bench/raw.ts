import type BetterSqlite3 from 'better-sqlite3';

/** Raw better-sqlite3 baselines over the app's own schema: what the app's figures are compared to. */

export function topService(sqlite: BetterSqlite3.Database): { id: string; customers: number } {
  const row = sqlite
    .prepare(
      'SELECT service_id AS id, count(*) AS customers FROM assignment WHERE granted = 1 GROUP BY service_id ORDER BY customers DESC LIMIT 1',
    )
    .get() as { id: string; customers: number } | undefined;
  if (!row) throw new Error('the bench database has no assignments');
  return row;
}

const ASSIGNMENT_INSERT = `INSERT INTO assignment (customer_id, service_id, granted, stamp, field_stamps, status, start_date, end_date, quantity, unit, price_minor, pay_period, discount_percent, discount_start, discount_end, description, stopped_by_lifecycle)
  VALUES (?, ?, 1, ?, '{}', 'active', '2026-01-01', NULL, 3, 'licence', 1200, 'monthly', NULL, NULL, NULL, '', 0)`;

/** Inserts the given (customer, service) pairs, sorted by key, in one transaction. */
export function rawInsertAssignments(
  sqlite: BetterSqlite3.Database,
  pairs: readonly (readonly [string, string])[],
  stamp: string,
): void {
  const insert = sqlite.prepare(ASSIGNMENT_INSERT);
  sqlite.transaction(() => {
    for (const [customerId, serviceId] of pairs) insert.run(customerId, serviceId, stamp);
  })();
}

/** Replaces every customer of one service: delete its rows, insert the new set, one transaction. */
export function rawReplaceServiceCustomers(
  sqlite: BetterSqlite3.Database,
  serviceId: string,
  customerIds: readonly string[],
  stamp: string,
): void {
  const insert = sqlite.prepare(ASSIGNMENT_INSERT);
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM assignment WHERE service_id = ?').run(serviceId);
    for (const customerId of customerIds) insert.run(customerId, serviceId, stamp);
  })();
}

export function rawReadServiceCustomers(sqlite: BetterSqlite3.Database, serviceId: string): number {
  return sqlite.prepare('SELECT customer_id FROM assignment WHERE service_id = ? AND granted = 1').raw().all(serviceId)
    .length;
}

/** A compact JSON serialisation of every table's rows: the floor for a snapshot export. */
export function rawSerialise(sqlite: BetterSqlite3.Database): number {
  const tables = [
    'customer',
    'customer_user',
    'customer_user_customer',
    'service',
    'assignment',
    'default_service',
    'custom_field',
  ];
  const body: Record<string, unknown[]> = {};
  for (const table of tables) body[table] = sqlite.prepare(`SELECT * FROM ${table}`).raw().all();
  return JSON.stringify(body).length;
}
