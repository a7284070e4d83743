import { createHash } from 'node:crypto';
import { validitySchema, type CustomerIndexColumns } from '../../src-shared/domain';
import { ACCESS_MODES_CHANGED } from '../../src-shared/ipc/events';
import { TextIndex, customerHaystack } from '../../src-shared/search/textIndex';
import type { Connection } from '../db/connection';

/** The customers matching one filter, in list order, with a name for that list and each position's row. */
export type FilteredCustomers = {
  readonly query: string;
  readonly showInvalid: boolean;
  readonly ids: readonly string[];
  /** A hash of the ids: names this list, so a caller holding it need not be sent it again. */
  readonly key: string;
  /** The row of each index position in this list, -1 when it does not match. */
  readonly rowOf: Int32Array;
};

type CustomerSearch = {
  readonly index: TextIndex;
  columns: CustomerIndexColumns;
  modesStale: boolean;
  /** The last filtered list asked for (a dialog asks for the same one again after each Save). */
  filtered?: FilteredCustomers;
  positionsById?: Int32Array;
};

/** Live customers in list order: the one order the index, its columns and the mode mask share. */
const LIST_ORDER = 'FROM customer WHERE deleted = 0 ORDER BY code COLLATE NOCASE, id';

/** The customer search index, built lazily from the database and dropped when customers change. */
export class SearchIndexes {
  private customerSearch: CustomerSearch | null = null;
  /** Counts the builds, so a window holding the columns of an older list can tell. */
  private builds = 0;

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
    return this.withFreshModes().columns;
  }

  /**
   * Every live customer's access mode in list order ('1' for specific), for the columns of
   * `version`: after a Save that changed only modes, 100 KB instead of every customer again.
   */
  customerAccessModes(): { version: number; specific: string } {
    const { columns } = this.withFreshModes();
    return { version: columns.version, specific: columns.specific.join('') };
  }

  /** The customers matching `query` (see FilteredCustomers); the last one is kept until customers change. */
  filteredCustomers(query: string, showInvalid: boolean): FilteredCustomers {
    const data = this.customerData();
    const last = data.filtered;
    if (last && last.query === query && last.showInvalid === showInvalid) return last;
    const positions = data.index.filter(query, showInvalid);
    const ids = Array.from(positions, (position) => data.columns.ids[position] ?? '');
    const rowOf = new Int32Array(data.columns.ids.length).fill(-1);
    positions.forEach((position, row) => {
      rowOf[position] = row;
    });
    const key = createHash('sha256').update(ids.join('\n')).digest('base64');
    data.filtered = { query, showInvalid, ids, key, rowOf };
    return data.filtered;
  }

  /**
   * Every index position ordered by customer id, the order SQLite returns ids in from an index
   * (UUIDs are ASCII: JavaScript and SQLite compare them alike), to walk beside such a query
   * instead of building a set of 100,000 ids.
   */
  customerPositionsById(): Int32Array {
    const data = this.customerData();
    const { ids } = data.columns;
    data.positionsById ??= Int32Array.from(ids.keys()).sort((a, b) => {
      const left = ids[a] ?? '';
      const right = ids[b] ?? '';
      return left < right ? -1 : left > right ? 1 : 0;
    });
    return data.positionsById;
  }

  invalidate(entities: readonly string[]): void {
    if (entities.includes('customer')) this.customerSearch = null;
    // The same customers in the same order: only the mode column is read again, when asked for.
    else if (entities.includes(ACCESS_MODES_CHANGED) && this.customerSearch) this.customerSearch.modesStale = true;
  }

  private customerData(): CustomerSearch {
    this.customerSearch ??= this.buildCustomers();
    return this.customerSearch;
  }

  private withFreshModes(): CustomerSearch {
    const data = this.customerData();
    if (!data.modesStale) return data;
    // From the covering list index alone: about 30 ms for 100,000 customers.
    const specific = this.conn.sql.prepare(`SELECT access_mode = 'specific' ${LIST_ORDER}`).pluck().all() as number[];
    if (specific.length !== data.columns.ids.length) {
      // Not the same customers after all: build everything again.
      this.customerSearch = null;
      return this.customerData();
    }
    data.columns = { ...data.columns, specific };
    data.modesStale = false;
    return data;
  }

  private buildCustomers(): CustomerSearch {
    const rows = this.conn.sql
      .prepare(`SELECT id, code, name, city, validity, access_mode ${LIST_ORDER}`)
      .raw()
      .all() as [string, string, string, string, string, string][];
    this.builds += 1;
    const columns = {
      version: this.builds,
      ids: rows.map((row) => row[0]),
      codes: rows.map((row) => row[1]),
      names: rows.map((row) => row[2]),
      cities: rows.map((row) => row[3]),
      valid: rows.map((row) => (row[4] === 'valid' ? 1 : 0)),
      validities: rows.map((row) => validitySchema.parse(row[4])),
      specific: rows.map((row) => (row[5] === 'specific' ? 1 : 0)),
    };
    const haystacks = rows.map(([, code, name, city]) => customerHaystack(code, name, city));
    return { index: new TextIndex(columns.ids, haystacks, Uint8Array.from(columns.valid)), columns, modesStale: false };
  }
}
