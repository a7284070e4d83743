import fc from 'fast-check';
import { expect, test } from 'vitest';
import { LocalAssignments } from '../../src-main/snapshot/localRows';
import { testApp } from './helpers';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

test('read-ahead rows answer each customer exactly as a query for that customer does, in any order of asking', async () => {
  const app = await testApp();
  const { sqlite } = app.conn;
  sqlite.pragma('foreign_keys = OFF');
  const insert = sqlite.prepare(`INSERT INTO assignment (customer_id, service_id, granted, stamp, field_stamps, status) VALUES (?, ?, 1, 's', '{}', 'active')`);
  const direct = sqlite.prepare('SELECT * FROM assignment WHERE customer_id = ?').raw(true);
  const pairs = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 6 })), { selector: ([c, s]) => `${c}/${s}`, maxLength: 90 });
  // Mostly ascending asks (a snapshot's order), with repeats and steps back mixed in.
  const asks = fc.array(fc.integer({ min: -3, max: 5 }), { maxLength: 40 });
  fc.assert(
    fc.property(pairs, asks, fc.integer({ min: 1, max: 8 }), (rows, steps, readAhead) => {
      sqlite.exec('DELETE FROM assignment');
      for (const [customer, service] of rows) insert.run(uuid(customer), uuid(1000 + service));
      const local = new LocalAssignments(sqlite, readAhead);
      let customer = 0;
      for (const step of steps) {
        customer = Math.max(0, customer + step);
        const expected = new Map((direct.all(uuid(customer)) as unknown[][]).map((values) => [String(values[1]), values]));
        expect(local.of(uuid(customer))).toEqual(expected);
      }
    }),
    { numRuns: 200 },
  );
});
