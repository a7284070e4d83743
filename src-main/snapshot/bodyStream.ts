import type BetterSqlite3 from 'better-sqlite3';
import { byTable, omittableFields, snapshotTables, type SnapshotCounts } from '../../src-shared/snapshot/format';
import { columnField, fieldKind, snakeOf, tableSpecs } from './rows';

/** Text is handed to the sink in pieces of about this size: large enough to be cheap, small enough to be lean. */
const PIECE_CHARS = 1 << 20;

type Column = {
  readonly prefix: string;
  readonly kind: 'plain' | 'boolean' | 'json' | 'skip';
  readonly omittable: boolean;
};

/**
 * Streams the body text of a snapshot straight from the database: exactly the characters of
 * `bodyText(compactBody(readBody(sqlite)))` (same key order, same omissions), but one row at a
 * time, so the export never holds the records, the compact copy and the whole text at once.
 * Returns the row count per table.
 */
export function streamBodyText(sqlite: BetterSqlite3.Database, sink: (piece: string) => void): SnapshotCounts {
  const counts = byTable(() => 0);
  let buffer = '{';
  const flush = () => {
    sink(buffer);
    buffer = '';
  };
  snapshotTables.forEach((table, tableIndex) => {
    const spec = tableSpecs[table];
    const statement = sqlite
      .prepare(`SELECT * FROM ${spec.sql} ORDER BY ${spec.key.map(snakeOf).join(', ')}`)
      .raw(true);
    const columns: Column[] = statement.columns().map(({ name }) => {
      const field = columnField(name);
      return { prefix: `${JSON.stringify(field)}:`, kind: fieldKind(field), omittable: omittableFields.has(field) };
    });
    buffer += `${tableIndex === 0 ? '' : ','}${JSON.stringify(table)}:[`;
    let count = 0;
    for (const values of statement.iterate() as IterableIterator<unknown[]>) {
      let text = count === 0 ? '{' : ',{';
      let first = true;
      for (let index = 0; index < columns.length; index += 1) {
        const column = columns[index] as Column;
        const encoded = encodeValue(column, values[index]);
        if (encoded === null) continue;
        text += first ? column.prefix + encoded : `,${column.prefix}${encoded}`;
        first = false;
      }
      buffer += `${text}}`;
      count += 1;
      if (buffer.length >= PIECE_CHARS) flush();
    }
    buffer += ']';
    counts[table] = count;
  });
  buffer += '}';
  flush();
  return counts;
}

/** One value as JSON, or null when the compact record leaves it out. */
function encodeValue(column: Column, value: unknown): string | null {
  switch (column.kind) {
    case 'skip':
      return null;
    case 'boolean':
      return value === 1 ? 'true' : column.omittable ? null : 'false';
    case 'json': {
      if (column.omittable && (value === '{}' || value === '[]')) return null;
      const parsed: unknown = JSON.parse(String(value));
      if (column.omittable && isEmptyJson(parsed)) return null;
      return JSON.stringify(parsed);
    }
    default:
      if (column.omittable && (value === null || value === '')) return null;
      return JSON.stringify(value) ?? 'null';
  }
}

function isEmptyJson(value: unknown): boolean {
  if (value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
