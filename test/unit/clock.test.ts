import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStamp, HybridClock, parseStamp } from '../../src-main/services/clock';
import { stampSchema } from '../../src-shared/domain';

const device = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';

describe('hybrid logical clock', () => {
  it('never goes backwards, even when the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 50 }),
        (walls) => {
          let index = 0;
          const clock = new HybridClock(device, null, () => walls[Math.min(index++, walls.length - 1)] ?? 0);
          let previous = '';
          for (let step = 0; step < walls.length; step += 1) {
            const stamp = clock.next();
            expect(stampSchema.safeParse(stamp).success).toBe(true);
            expect(stamp > previous).toBe(true);
            previous = stamp;
          }
        },
      ),
    );
  });

  it('moves past an observed stamp from another device', () => {
    const clock = new HybridClock(device, null, () => 1_000);
    const remote = formatStamp({ wall: 5_000, counter: 7, device: other });
    clock.observe(remote);
    const next = clock.next();
    expect(next > remote).toBe(true);
    expect(parseStamp(next)).toEqual({ wall: 5_000, counter: 8, device });
  });

  it('resumes after the last persisted stamp', () => {
    const last = formatStamp({ wall: 9_000, counter: 3, device });
    const clock = new HybridClock(device, last, () => 1_000);
    expect(clock.next() > last).toBe(true);
  });

  it('flags stamps more than 24 h ahead of the wall clock', () => {
    const now = 1_700_000_000_000;
    const clock = new HybridClock(device, null, () => now);
    expect(clock.isTooFarAhead(formatStamp({ wall: now + 23 * 3600_000, counter: 0, device: other }))).toBe(false);
    expect(clock.isTooFarAhead(formatStamp({ wall: now + 25 * 3600_000, counter: 0, device: other }))).toBe(true);
  });
});
