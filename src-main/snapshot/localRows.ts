import type BetterSqlite3 from 'better-sqlite3';
import { jsonEqual } from '../../src-shared/snapshot/format';
import type { Row } from './merge';
import { columnField, fieldKind, isEmptyTable } from './rows';

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
  private readonly columns: readonly Column[];
  private readonly serviceIndex: number;
  private readonly fieldCount: number;

  /** Whether the table was empty when the import began (a new copy): then no customer has rows to read. */
  private readonly empty: boolean;

  constructor(sqlite: BetterSqlite3.Database) {
    this.empty = isEmptyTable(sqlite, 'assignment');
    this.statement = sqlite.prepare('SELECT * FROM assignment WHERE customer_id = ?').raw(true);
    this.columns = this.statement
      .columns()
      .map(({ name }) => ({ field: columnField(name), kind: fieldKind(columnField(name)) }));
    this.serviceIndex = this.columns.findIndex((column) => column.field === 'serviceId');
    this.fieldCount = this.columns.filter((column) => column.kind !== 'skip').length;
  }

  /** The customer's rows by service id. */
  of(customerId: string): Map<string, unknown[]> {
    const rows = new Map<string, unknown[]>();
    if (this.empty) return rows;
    // all() rather than iterate(): a hundred thousand small queries, and iterate costs more per call.
    for (const values of this.statement.all(customerId) as unknown[][])
      rows.set(String(values[this.serviceIndex]), values);
    return rows;
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
