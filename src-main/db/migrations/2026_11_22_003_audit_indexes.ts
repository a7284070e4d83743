import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code and never changes once released.
// The audit log filters by admin, action (with entity type) and date with true counts; with a
// million events those counts, and the newest-first windows, need an index each.
const statements = [
  `CREATE INDEX audit_event_actor ON audit_event (actor, at)`,
  `CREATE INDEX audit_event_action ON audit_event (action, entity, at)`,
  `CREATE INDEX audit_event_at ON audit_event (at)`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
