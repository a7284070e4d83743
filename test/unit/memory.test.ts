import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src-main/memory';

/** About 40 MB that outlives the young generation while it is made, and is garbage once this returns. */
function garbage(): number {
  const held = Array.from({ length: 400_000 }, (_, index) => ({ index, text: `record ${index} `.repeat(4) }));
  return held.length;
}

describe('collectGarbage', () => {
  it('frees what was let go at once, not at the next collection V8 would choose', () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    expect(garbage()).toBe(400_000);
    expect(process.memoryUsage().heapUsed - before).toBeGreaterThan(30 * 2 ** 20);
    collectGarbage();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(5 * 2 ** 20);
  });
});
