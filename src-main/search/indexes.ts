import { validitySchema, type CustomerIndexColumns } from '../../src-shared/domain';
import { TextIndex, customerHaystack } from '../../src-shared/search/textIndex';
import type { Connection } from '../db/connection';

type CustomerSearch = { readonly index: TextIndex; readonly columns: CustomerIndexColumns };

/** The customer search index, built lazily from the database and dropped when customers change. */
export class SearchIndexes {
  private customerSearch: CustomerSearch | null = null;

  constructor(private readonly conn: Connection) {}

  customers(): TextIndex {
    return this.customerData().index;
  }

  /** Whether the customer index is built (building it reads every customer). */
  hasCustomers(): boolean {
    return this.customerSearch !== null;
  }

  /** Every live customer in list order, as columns: what the renderer filters locally. */
  customerColumns(): CustomerIndexColumns {
    return this.customerData().columns;
  }

  invalidate(entities: readonly string[]): void {
    if (entities.includes('customer')) this.customerSearch = null;
  }

  private customerData(): CustomerSearch {
    this.customerSearch ??= this.buildCustomers();
    return this.customerSearch;
  }

  private buildCustomers(): CustomerSearch {
    const rows = this.conn.sql
      .prepare(`SELECT id, code, name, city, validity, access_mode FROM customer WHERE deleted = 0 ORDER BY code COLLATE NOCASE, id`)
      .raw()
      .all() as [string, string, string, string, string, string][];
    const columns = {
      ids: rows.map((row) => row[0]),
      codes: rows.map((row) => row[1]),
      names: rows.map((row) => row[2]),
      cities: rows.map((row) => row[3]),
      valid: rows.map((row) => (row[4] === 'valid' ? 1 : 0)),
      validities: rows.map((row) => validitySchema.parse(row[4])),
      specific: rows.map((row) => (row[5] === 'specific' ? 1 : 0)),
    };
    const haystacks = rows.map(([, code, name, city]) => customerHaystack(code, name, city));
    return { index: new TextIndex(columns.ids, haystacks, Uint8Array.from(columns.valid)), columns };
  }
}
