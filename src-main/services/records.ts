import { ServiceError } from '../../src-shared/ipc/envelope';
import type { Stamp } from '../../src-shared/domain';

/** The names of the fields whose values differ, compared as JSON. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/** Picks the given fields of a record, for an audit event's before or after. */
export function pick<T extends Record<string, unknown>>(
  record: T,
  keys: readonly (keyof T)[],
): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}

/** Returns the field-stamps JSON with `fields` stamped `stamp`. */
export function stampFields(fieldStamps: string, fields: readonly string[], stamp: Stamp): string {
  const stamps = JSON.parse(fieldStamps) as Record<string, string>;
  for (const field of fields) stamps[field] = stamp;
  return JSON.stringify(stamps);
}

export function notFound(what: string, id: string): ServiceError {
  return new ServiceError('not-found', `${what} ${id} does not exist or was deleted.`);
}
