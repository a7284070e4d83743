import type BetterSqlite3 from 'better-sqlite3';
import { jsonEqual } from '../../src-shared/snapshot/format';
import type { Row } from './merge';
import { columnField, fieldKind } from './rows';

/** Rows per range read of LocalAssignments. */
const READ_AHEAD = 4096;
const ASCII = /^[\x20-\x7e]*$/;

type Column = { readonly field: string; readonly kind: ReturnType<typeof fieldKind> };

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

/**
 * One customer's local assignments as the database returns them (raw values), and the test
 * whether an incoming record equals one of them, made column by column without building the
 * local record: a re-import of a million unchanged rows builds none.
 */
export class LocalAssignments {
  private readonly statement: BetterSqlite3.Statement;
  private readonly from: BetterSqlite3.Statement;
  private readonly after: BetterSqlite3.Statement;
  private readonly columns: readonly Column[];
  private readonly customerIndex: number;
  private readonly serviceIndex: number;
  private readonly fieldCount: number;
  /** Rows read ahead in key order, and the next one to look at. */
  private buffer: unknown[][] = [];
  private position = 0;
  private previous: string | null = null;

  constructor(
    sqlite: BetterSqlite3.Database,
    private readonly readAhead = READ_AHEAD,
  ) {
    this.statement = sqlite.prepare('SELECT * FROM assignment WHERE customer_id = ?').raw(true);
    this.from = sqlite.prepare(`SELECT * FROM assignment WHERE customer_id >= ? ORDER BY customer_id, service_id LIMIT ${readAhead}`).raw(true);
    this.after = sqlite.prepare(`SELECT * FROM assignment WHERE (customer_id, service_id) > (?, ?) ORDER BY customer_id, service_id LIMIT ${readAhead}`).raw(true);
    this.columns = this.statement.columns().map(({ name }) => ({ field: columnField(name), kind: fieldKind(columnField(name)) }));
    this.customerIndex = this.columns.findIndex((column) => column.field === 'customerId');
    this.serviceIndex = this.columns.findIndex((column) => column.field === 'serviceId');
    this.fieldCount = this.columns.filter((column) => column.kind !== 'skip').length;
  }

  /**
   * The customer's rows by service id. Asked in ascending order (as a snapshot streams), the rows
   * come from range reads of `readAhead` rows in key order: a re-import of 100,000 customers makes
   * a few hundred queries, not 100,000. Asked out of order, or for an id whose JavaScript order
   * may differ from SQLite's (not ASCII), it is one query for that customer.
   */
  of(customerId: string): Map<string, unknown[]> {
    const rows = new Map<string, unknown[]>();
    if ((this.previous !== null && customerId <= this.previous) || !ASCII.test(customerId)) {
      for (const values of this.statement.all(customerId) as unknown[][]) rows.set(String(values[this.serviceIndex]), values);
      return rows;
    }
    this.previous = customerId;
    const last = this.buffer[this.buffer.length - 1];
    // Rows of customers the snapshot skips are passed over; a gap past the whole buffer is a new seek.
    if (!last || String(last[this.customerIndex]) < customerId) this.fill(this.from.all(customerId) as unknown[][]);
    for (;;) {
      const values = this.buffer[this.position];
      if (!values) {
        const end = this.buffer[this.buffer.length - 1];
        if (!end || this.buffer.length < this.readAhead) break;
        this.fill(this.after.all(end[this.customerIndex], end[this.serviceIndex]) as unknown[][]);
        continue;
      }
      const id = String(values[this.customerIndex]);
      if (id > customerId) break;
      if (id === customerId) rows.set(String(values[this.serviceIndex]), values);
      this.position += 1;
    }
    return rows;
  }

  private fill(rows: unknown[][]): void {
    this.buffer = rows;
    this.position = 0;
  }

  /** The record of a raw row, as toRecord gives it. */
  record(values: readonly unknown[]): Row {
    const record: Row = {};
    this.columns.forEach(({ field, kind }, index) => {
      const value = values[index];
      if (kind === 'skip') return;
      if (kind === 'boolean') record[field] = value === 1;
      else if (kind === 'json') record[field] = value === '{}' ? {} : value === '[]' ? [] : JSON.parse(String(value));
      else record[field] = value;
    });
    return record;
  }

  /** Whether `record` equals the record of `values` (jsonEqual of the two, without building one). */
  same(values: readonly unknown[], record: Row): boolean {
    let fields = 0;
    for (const key in record) if (Object.hasOwn(record, key)) fields += 1;
    if (fields !== this.fieldCount) return false;
    for (let index = 0; index < this.columns.length; index += 1) {
      const { field, kind } = this.columns[index] as Column;
      const value = values[index];
      const mine = record[field];
      if (kind === 'skip') continue;
      if (kind === 'boolean') {
        if (typeof mine !== 'boolean' || mine !== (value === 1)) return false;
      } else if (kind === 'json') {
        if (value === '{}' ? !isEmptyObject(mine) : !jsonEqual(JSON.parse(String(value)), mine)) return false;
      } else if (mine !== value) {
        return false;
      }
    }
    return true;
  }
}
