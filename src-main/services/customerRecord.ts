import type { CustomerRecord } from '../db/schema';
import type { ServiceContext } from './context';

/** A live customer's row, or undefined when there is none or it is deleted. */
export function findCustomerRecord(context: ServiceContext, id: string): CustomerRecord | undefined {
  const { db, sql: run } = context.conn;
  return run.first(db.selectFrom('customer').selectAll().where('id', '=', id).where('deleted', '=', 0));
}
