import type { Stamp } from '../../src-shared/domain';
import {
  byTable,
  canonicalJson,
  jsonEqual,
  snapshotTables,
  type SnapshotBody,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';
import type { ConflictChoice } from '../../src-shared/snapshot/plan';
import { keyOf } from './rows';

/**
 * The field-level merge (docs/ARCHITECTURE.md#the-merge): every replicated field is a last-writer-wins register
 * on hybrid-logical-clock stamps; assignments, default services and user links are registers
 * whose `granted` carries the row's stamp. Pure: no database, no clock.
 */
export type Row = Record<string, unknown>;

/** Fields that are not replicated values: identity, stamps and local bookkeeping. */
const notFields = new Set(['id', 'stamp', 'fieldStamps', 'createdAt', 'updatedAt']);
/** In these tables `stamp` is the stamp of `granted`, not of the row's creation. */
export const registerTables = new Set<SnapshotTable>(['assignments', 'defaultServices', 'userLinks']);

export function fieldsOf(table: SnapshotTable, record: Row): string[] {
  const keys = new Set<string>(keyFields(table));
  return Object.keys(record).filter((field) => !notFields.has(field) && !keys.has(field));
}

export function keyFields(table: SnapshotTable): readonly string[] {
  return table === 'assignments'
    ? ['customerId', 'serviceId']
    : table === 'defaultServices'
      ? ['serviceId']
      : table === 'userLinks'
        ? ['userId', 'customerId']
        : ['id'];
}

/**
 * The stamp of one field's value. In a record a field never written since creation carries the
 * creation stamp. In a register row `stamp` belongs to `granted` and moves with every grant or
 * revoke, so a detail never written carries no stamp ('' sorts first): any real edit beats it.
 */
export function stampOf(record: Row, field: string): Stamp {
  if (field === 'granted') return record.stamp as Stamp;
  const own = (record.fieldStamps as Record<string, Stamp> | undefined)?.[field];
  if (own !== undefined) return own;
  return 'granted' in record ? '' : (record.stamp as Stamp);
}

export function same(a: unknown, b: unknown): boolean {
  return jsonEqual(a, b);
}

export type FieldJudge = (
  table: SnapshotTable,
  key: string,
  field: string,
  mine: Row,
  theirs: Row,
) => ConflictChoice | null;

/**
 * Merges one record known on both sides. `judge` may force a side for a field (a conflict's
 * choice, a stamp from the future); a forced side that is not the later write takes `restamp`
 * so the choice wins everywhere it travels.
 */
export function mergeRecord(table: SnapshotTable, mine: Row, theirs: Row, judge: FieldJudge, restamp: Stamp): Row {
  if (jsonEqual(mine, theirs)) return mine;
  const key = keyOf(table, mine);
  const fields = [...new Set([...fieldsOf(table, mine), ...fieldsOf(table, theirs)])];
  const merged: Row = { ...mine };
  const stamps: Record<string, Stamp> = {};
  const register = registerTables.has(table);
  const base = register ? laterStamp(mine, theirs) : minStamp(mine.stamp as Stamp, theirs.stamp as Stamp);
  for (const field of fields) {
    const sm = stampOf(mine, field);
    const st = stampOf(theirs, field);
    const later =
      st > sm || (st === sm && canonicalJson(theirs[field]) > canonicalJson(mine[field])) ? 'theirs' : 'mine';
    const forced = judge(table, key, field, mine, theirs);
    const winner = forced ?? later;
    merged[field] = winner === 'theirs' ? theirs[field] : mine[field];
    stamps[field] = forced && forced !== later ? restamp : winner === 'theirs' ? st : sm;
  }
  if (register) {
    merged.stamp = stamps.granted ?? base;
  } else {
    merged.stamp = base;
    if ('createdAt' in mine) merged.createdAt = minString(mine.createdAt, theirs.createdAt);
    if ('updatedAt' in mine) merged.updatedAt = maxString(mine.updatedAt, theirs.updatedAt);
  }
  const fieldStamps: Record<string, Stamp> = {};
  for (const field of fields) {
    const stamp = stamps[field];
    if (field === 'granted' || !stamp) continue;
    const explicit = hasOwnStamp(mine, field) || hasOwnStamp(theirs, field);
    if (stamp !== merged.stamp || explicit) fieldStamps[field] = stamp;
  }
  if ('fieldStamps' in mine || 'fieldStamps' in theirs) merged.fieldStamps = sortKeys(fieldStamps);
  return merged;
}

function hasOwnStamp(record: Row, field: string): boolean {
  const stamps = record.fieldStamps as Record<string, Stamp> | undefined;
  return stamps !== undefined && Object.hasOwn(stamps, field);
}

function laterStamp(a: Row, b: Row): Stamp {
  return (a.stamp as Stamp) > (b.stamp as Stamp) ? (a.stamp as Stamp) : (b.stamp as Stamp);
}
function minStamp(a: Stamp, b: Stamp): Stamp {
  return a < b ? a : b;
}
function minString(a: unknown, b: unknown): unknown {
  return String(a) < String(b) ? a : b;
}
function maxString(a: unknown, b: unknown): unknown {
  return String(a) > String(b) ? a : b;
}
function sortKeys<T>(object: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Each table of a body as a map by key. */
export type Indexed = { readonly [T in SnapshotTable]: Map<string, Row> };

export function indexBody(body: SnapshotBody): Indexed {
  return byTable((table) => new Map((body[table] as Row[]).map((record) => [keyOf(table, record), record])));
}

export function bodyOf(indexed: Indexed): SnapshotBody {
  const out = byTable((table) =>
    [...indexed[table].entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row),
  );
  return out as unknown as SnapshotBody;
}

/** Every stamp a body carries, for the clock and the seen-map. */
export function* stampsIn(body: SnapshotBody): Generator<Stamp> {
  for (const table of snapshotTables) {
    for (const record of body[table] as Row[]) {
      yield record.stamp as Stamp;
      const fieldStamps = record.fieldStamps as Record<string, Stamp> | undefined;
      if (fieldStamps) yield* Object.values(fieldStamps);
    }
  }
}
