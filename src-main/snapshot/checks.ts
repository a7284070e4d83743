import { z } from 'zod';
import { assignmentLimits, assignmentStatuses, payPeriods } from '../../src-shared/domain';
import type { SnapshotAssignment } from '../../src-shared/snapshot/format';

/**
 * `snapshotAssignmentSchema` written out by hand for the hot path of an import (a million rows):
 * it accepts exactly what the schema accepts and returns the same value (defaults filled in, on
 * the given object; key order aside), or null, leaving it untouched, for anything the schema refuses. The caller then asks
 * zod, so a refusal reads the same either way. test/unit/snapshot-checks.test.ts proves the
 * two agree on random valid and invalid rows.
 */
const uuid = z.regexes.uuid();
const date = z.regexes.date;
const stamp = /^\d{15}:\d{6}:[0-9a-f-]{36}$/;
const statuses: ReadonlySet<unknown> = new Set(assignmentStatuses);
const periods: ReadonlySet<unknown> = new Set(payPeriods);
const allowed: ReadonlySet<string> = new Set([
  'customerId',
  'serviceId',
  'granted',
  'stamp',
  'fieldStamps',
  'status',
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

/** Ids and stamps repeat from row to row (a customer's rows are adjacent, a batch shares its stamp): the last good one skips the regex. */
let lastCustomer = '';
let lastStamp = '';
function isId(value: unknown): value is string {
  return typeof value === 'string' && uuid.test(value);
}
function isCustomerId(value: unknown): value is string {
  if (value === lastCustomer) return true;
  if (!isId(value)) return false;
  lastCustomer = value;
  return true;
}
function isStamp(value: unknown): value is string {
  if (value === lastStamp) return true;
  if (typeof value !== 'string' || !stamp.test(value)) return false;
  lastStamp = value;
  return true;
}
/**
 * Every customer's rows name the same few thousand services: an id once found good skips the
 * regex (0.2 s of a million rows). Up to a bound, so a file of ever new ids holds no more.
 */
const goodServices = new Set<string>();
const GOOD_SERVICES_MAX = 10_000;
function isServiceId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (goodServices.has(value)) return true;
  if (!uuid.test(value)) return false;
  if (goodServices.size < GOOD_SERVICES_MAX) goodServices.add(value);
  return true;
}
/** A nullable, defaulted date: undefined → null. Returns undefined when invalid. */
function dateOrNull(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && date.test(value) ? value : undefined;
}
function intOrNull(value: unknown, max: number): number | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max ? value : undefined;
}
function textOrEmpty(value: unknown, max: number): string | undefined {
  if (value === undefined) return '';
  return typeof value === 'string' && value.length <= max ? value : undefined;
}
function stampsOrEmpty(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    // A key that could reach the prototype goes to the slow path, which refuses it by name.
    if (key.length > 40 || key === '__proto__' || !isStamp(item)) return undefined;
  }
  return value as Record<string, string>;
}

export function checkAssignment(value: unknown): SnapshotAssignment | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const row = value as Record<string, unknown>;
  for (const key in row) if (!allowed.has(key)) return null;
  const {
    customerId,
    serviceId,
    granted,
    status,
    payPeriod = null,
    discountPercent = null,
    stoppedByLifecycle = false,
  } = row;
  if (
    !isCustomerId(customerId) ||
    !isServiceId(serviceId) ||
    typeof granted !== 'boolean' ||
    !isStamp(row.stamp) ||
    !statuses.has(status)
  )
    return null;
  if (payPeriod !== null && !periods.has(payPeriod)) return null;
  if (
    discountPercent !== null &&
    !(
      typeof discountPercent === 'number' &&
      Number.isFinite(discountPercent) &&
      discountPercent >= 0 &&
      discountPercent <= 100
    )
  )
    return null;
  if (typeof stoppedByLifecycle !== 'boolean') return null;
  const fieldStamps = stampsOrEmpty(row.fieldStamps);
  const startDate = dateOrNull(row.startDate);
  const endDate = dateOrNull(row.endDate);
  const quantity = intOrNull(row.quantity, assignmentLimits.quantity);
  const unit = textOrEmpty(row.unit, assignmentLimits.unit);
  const priceMinor = intOrNull(row.priceMinor, assignmentLimits.priceMinor);
  const discountStart = dateOrNull(row.discountStart);
  const discountEnd = dateOrNull(row.discountEnd);
  const description = textOrEmpty(row.description, assignmentLimits.description);
  if (
    fieldStamps === undefined ||
    startDate === undefined ||
    endDate === undefined ||
    quantity === undefined ||
    unit === undefined ||
    priceMinor === undefined ||
    discountStart === undefined ||
    discountEnd === undefined ||
    description === undefined
  ) {
    return null;
  }
  // The parsed row is completed in place (it is the parser's own fresh object): a million copies are garbage saved.
  row.fieldStamps = fieldStamps;
  row.status = status;
  row.startDate = startDate;
  row.endDate = endDate;
  row.quantity = quantity;
  row.unit = unit;
  row.priceMinor = priceMinor;
  row.payPeriod = payPeriod;
  row.discountPercent = discountPercent;
  row.discountStart = discountStart;
  row.discountEnd = discountEnd;
  row.description = description;
  row.stoppedByLifecycle = stoppedByLifecycle;
  return row as SnapshotAssignment;
}
