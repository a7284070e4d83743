import type { Connection } from '../db/connection';
import { TextIndex } from './textIndex';

/** The customer search index, built lazily from the database and dropped when customers change. */
export class SearchIndexes {
  private customerIndex: TextIndex | null = null;

  constructor(private readonly conn: Connection) {}

  customers(): TextIndex {
    if (!this.customerIndex) this.customerIndex = this.buildCustomers();
    return this.customerIndex;
  }

  invalidate(entities: readonly string[]): void {
    if (entities.includes('customer')) this.customerIndex = null;
  }

  private buildCustomers(): TextIndex {
    const rows = this.conn.sql
      .prepare(
        `SELECT id, code, name, city, validity FROM customer WHERE deleted = 0 ORDER BY code COLLATE NOCASE, id`,
      )
      .raw()
      .all() as [string, string, string, string, string][];
    const ids = new Array<string>(rows.length);
    const haystacks = new Array<string>(rows.length);
    const valid = new Uint8Array(rows.length);
    rows.forEach(([id, code, name, city, validity], position) => {
      ids[position] = id;
      haystacks[position] = `${code}\u0001${name}\u0001${city}`.toLowerCase();
      valid[position] = validity === 'valid' ? 1 : 0;
    });
    return new TextIndex(ids, haystacks, valid);
  }
}
