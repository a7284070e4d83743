import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code and never changes once released.
// "Customers of {service}" counts and lists a service's holders (granted = 1) before it paints.
// The index by (service_id, customer_id) had to visit every row for `granted`: 50,000 lookups for
// a large service. The same index with `granted` in it answers from the index alone, and takes
// the old one's place, so writes keep the same number of B-trees to update. Deleted customers
// are few: a partial index lists them, to leave their registers out of the count.
const statements = [
  `DROP INDEX assignment_by_service`,
  `CREATE INDEX assignment_by_service ON assignment (service_id, granted, customer_id)`,
  `CREATE INDEX customer_deleted ON customer (id) WHERE deleted = 1`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
