import { sql, type Kysely } from 'kysely';

// Frozen in time. The customer list reads every live customer in Customer ID order at start-up;
// a covering index lets SQLite answer from the index alone instead of visiting 100,000 rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX customer_list ON customer (code COLLATE NOCASE, id, name, city, validity, access_mode) WHERE deleted = 0`.execute(
    db,
  );
}
