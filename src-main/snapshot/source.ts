import { ServiceError } from '../../src-shared/ipc/envelope';
import {
  canonicalJson,
  snapshotTables,
  type Snapshot,
  type SnapshotCounts,
  type SnapshotHeader,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';
import type { Row } from './merge';
import { keyOf } from './rows';
import { readSnapshotPath, refuse, type RowReader, type SnapshotHead } from './reader';

/**
 * Where an import reads its snapshot from: a file, read as a stream on every pass (a plain
 * snapshot of a million assignments is 390 MB of text: it is never held), or a snapshot already
 * in memory (a dropped file, a test).
 */
export type SnapshotSource =
  | { readonly kind: 'file'; readonly path: string; readonly expect?: SnapshotHeader }
  | { readonly kind: 'memory'; readonly snapshot: Snapshot };

export function sourceOf(snapshot: Snapshot | SnapshotSource): SnapshotSource {
  return 'kind' in snapshot ? snapshot : { kind: 'memory', snapshot };
}

/** The source pinned to the header it had when it was read: a later pass refuses a file changed since. */
export function pinned(source: SnapshotSource, header: SnapshotHeader): SnapshotSource {
  return source.kind === 'file' ? { ...source, expect: header } : source;
}

/** A snapshot built in memory need not list its rows in key order, as a file this app writes does: streaming needs it. */
function inKeyOrder(table: SnapshotTable, rows: Row[]): Row[] {
  let sorted = true;
  for (let index = 1; index < rows.length && sorted; index += 1)
    sorted = keyOf(table, rows[index - 1] ?? {}) < keyOf(table, rows[index] ?? {});
  return sorted ? rows : [...rows].sort((a, b) => (keyOf(table, a) < keyOf(table, b) ? -1 : 1));
}

/** Hands every row of the source to `reader`, in file order, after its head; checks as parseSnapshot does. */
export async function readSource(
  source: SnapshotSource,
  reader: RowReader,
): Promise<{ head: SnapshotHead; counts: SnapshotCounts }> {
  if (source.kind === 'memory') {
    const { format, formatVersion, header, body } = source.snapshot;
    reader.head({ format, formatVersion, header });
    for (const table of snapshotTables)
      inKeyOrder(table, body[table]).forEach((row, index) => reader.row(table, row, index));
    return {
      head: { format, formatVersion, header },
      counts: Object.fromEntries(snapshotTables.map((table) => [table, body[table].length])) as SnapshotCounts,
    };
  }
  const { expect } = source;
  return readSnapshotPath(source.path, {
    head: (head) => {
      // Checked before any row is merged; the body's own checksum is checked at its end.
      if (expect && canonicalJson(expect) !== canonicalJson(head.header)) {
        throw refuse('the file changed since it was opened; open it again to review the new content.');
      }
      reader.head(head);
    },
    row: reader.row,
  });
}

/**
 * The header alone, checked as a full read checks it: a file is read only as far as the start of
 * its body (the header comes before it).
 */
export async function readHeader(source: SnapshotSource): Promise<SnapshotHeader> {
  if (source.kind === 'memory') return source.snapshot.header;
  if (source.expect) return source.expect;
  let header: SnapshotHeader | null = null;
  const enough = new ServiceError('cancelled', 'the header was read');
  try {
    await readSnapshotPath(source.path, {
      head: (head) => {
        header = head.header;
        throw enough;
      },
      row: () => undefined,
    });
  } catch (error) {
    if (error !== enough) throw error;
  }
  if (!header) throw refuse('it is not a Service Allocator snapshot.');
  return header;
}
