/**
 * Fields the file may leave out when empty (null, '', false, {} or []); parsing restores them.
 * At 1,000,000 assignments this keeps a snapshot well under what one JSON text can hold.
 */
export const omittableFields: ReadonlySet<string> = new Set([
  'street',
  'zip',
  'city',
  'country',
  'url',
  'comment',
  'customFields',
  'deleted',
  'fieldStamps',
  'firstName',
  'lastName',
  'email',
  'phone',
  'parentId',
  'required',
  'options',
  'startDate',
  'endDate',
  'quantity',
  'unit',
  'priceMinor',
  'payPeriod',
  'discountPercent',
  'discountStart',
  'discountEnd',
  'description',
  'stoppedByLifecycle',
]);

function isEmpty(value: unknown): boolean {
  if (value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** A record as written to the file: empty optional fields left out. */
export function compactRecord(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) if (!(omittableFields.has(key) && isEmpty(record[key]))) out[key] = record[key];
  return out;
}

/** Each table's records as written to the file. Generic over the tables, so this module needs no schema. */
export function compactBody<Table extends string>(
  body: Readonly<Record<Table, readonly Readonly<Record<string, unknown>>[]>>,
): Record<Table, Record<string, unknown>[]> {
  const out: Partial<Record<Table, Record<string, unknown>[]>> = {};
  for (const table in body) out[table] = body[table].map(compactRecord);
  return out as Record<Table, Record<string, unknown>[]>;
}

/**
 * The text the body hash is taken over: the body re-serialized by JSON.stringify, which is
 * the exporter's own serialization (no whitespace, keys in the order written). A file whose
 * body was re-ordered or re-formatted therefore fails the check, which is the safe side.
 */
export function bodyText(body: unknown): string {
  return JSON.stringify(body) ?? 'null';
}

/** JSON with object keys sorted at every level: for comparing values regardless of key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'null';
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Most objects are written in sorted order already; copy only those that are not.
  let sorted = true;
  for (let index = 1; index < keys.length && sorted; index += 1) sorted = (keys[index - 1] ?? '') < (keys[index] ?? '');
  if (sorted) return value;
  const copy: Record<string, unknown> = {};
  for (const key of keys.sort()) copy[key] = record[key];
  return copy;
}

/** Deep equality of plain JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!Object.hasOwn(right, key) || !jsonEqual(left[key], right[key])) return false;
  return true;
}
