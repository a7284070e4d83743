import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAssignment } from '../../src-main/snapshot/checks';
import { assignmentStatuses, payPeriods } from '../../src-shared/domain';
import { snapshotAssignmentSchema } from '../../src-shared/snapshot/format';

const stamp = fc
  .tuple(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 999_999 }), fc.uuid())
  .map(([wall, counter, device]) => `${String(wall).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${device}`);
const date = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
  .map((value) => value.toISOString().slice(0, 10));

/** Valid values of each field, and values near the edges of what the schema allows. */
const fields = {
  customerId: fc.oneof(
    fc.uuid(),
    fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '00000000-0000-0000-0000-00000000000',
      'ABCDEF01-2345-4678-9abc-def012345678',
      'abcdef01-2345-0678-9abc-def012345678',
    ),
  ),
  serviceId: fc.uuid(),
  granted: fc.boolean(),
  stamp: fc.oneof(stamp, fc.constantFrom('1:2:3', `${'0'.repeat(15)}:000000:${'g'.repeat(36)}`)),
  fieldStamps: fc.oneof(
    fc.dictionary(fc.string({ maxLength: 42 }), stamp, { maxKeys: 3 }),
    fc.constantFrom([], null, 'x', { a: 'b' }),
  ),
  status: fc.oneof(fc.constantFrom(...assignmentStatuses), fc.constantFrom('Active', '', 'gone')),
  startDate: fc.oneof(date, fc.constantFrom(null, '2026-02-29', '2024-02-29', '2026-13-01', '26-01-01', 5)),
  endDate: fc.oneof(date, fc.constant(null)),
  quantity: fc.oneof(fc.integer({ min: -2, max: 1_000_000_002 }), fc.constantFrom(null, 1.5, 2 ** 53, '3')),
  unit: fc.oneof(fc.string({ maxLength: 52 }), fc.constantFrom(null, 3)),
  priceMinor: fc.oneof(fc.integer({ min: -1, max: 2 ** 31 }), fc.constantFrom(null, 1e13, 1e13 + 1, 0.5)),
  payPeriod: fc.oneof(fc.constantFrom(...payPeriods), fc.constantFrom(null, 'weekly')),
  discountPercent: fc.oneof(fc.double({ min: -1, max: 101, noNaN: true }), fc.constantFrom(null, 100, 0, '5')),
  discountStart: fc.oneof(date, fc.constant(null)),
  discountEnd: fc.oneof(date, fc.constant(null)),
  description: fc.oneof(fc.string({ maxLength: 1002 }), fc.constant(undefined)),
  stoppedByLifecycle: fc.oneof(fc.boolean(), fc.constantFrom(null, 0)),
} as const;

/** A row with any subset of the fields (required ones mostly present), sometimes an unknown key. */
const row = fc
  .record(fields, { requiredKeys: [] })
  .chain((value) => fc.tuple(fc.constant(value), fc.constantFrom(null, 'extra', 'path')))
  .map(([value, extra]) => (extra ? { ...value, [extra]: 1 } : value));

/** A row every field of which is valid, so the property sees many accepted rows too. */
const validRow = fc.record(
  {
    customerId: fc.uuid(),
    serviceId: fc.uuid(),
    granted: fc.boolean(),
    stamp,
    status: fc.constantFrom(...assignmentStatuses),
    startDate: fc.oneof(date, fc.constant(null)),
    quantity: fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constant(null)),
    unit: fc.string({ maxLength: 50 }),
    fieldStamps: fc.dictionary(fc.constantFrom('status', 'unit', 'quantity'), stamp, { maxKeys: 2 }),
  },
  { requiredKeys: ['customerId', 'serviceId', 'granted', 'stamp', 'status'] },
);

describe('the hand-written assignment check', () => {
  it('accepts and refuses exactly what the zod schema does, and returns the same value', () => {
    fc.assert(
      fc.property(fc.oneof(row, validRow, fc.anything()), (value) => {
        const zod = snapshotAssignmentSchema.safeParse(value);
        const before = structuredClone(value);
        const hand = checkAssignment(value);
        expect(hand !== null).toBe(zod.success);
        // Accepted: the same value (filled in on the parsed object; key order plays no part downstream). Refused: untouched.
        if (zod.success) expect(hand).toEqual(zod.data);
        else expect(value).toEqual(before);
      }),
      { numRuns: 5000 },
    );
  });

  it('sends a forbidden key in fieldStamps to the slow path, where it is refused by name', () => {
    const value = JSON.parse(
      '{"customerId":"00006443-f4e4-4b56-84dd-14c3f51d86f0","serviceId":"09e2286c-f5d6-4605-8aee-0b9e038d8851","granted":true,"stamp":"001795316860954:000000:31b94084-d215-40b1-bbf4-2b06b631d04c","status":"active","fieldStamps":{"__proto__":"001795316860954:000000:31b94084-d215-40b1-bbf4-2b06b631d04c"}}',
    ) as unknown;
    expect(checkAssignment(value)).toBeNull();
    const probe: Record<string, unknown> = {};
    expect(probe.customerId).toBeUndefined();
  });
});
