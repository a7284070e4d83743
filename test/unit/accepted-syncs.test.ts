import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src-main/snapshot/apply';
import { buildSnapshot, encodeSnapshot } from '../../src-main/snapshot/export';
import { parseSnapshot } from '../../src-main/snapshot/parse';
import { ok, tempDir, testApp } from './helpers';
import { dataOf } from './snapshot-helpers';

/**
 * Whatever the IPC accepts must travel: exported as a snapshot and imported into an empty copy
 * it is the same data, and exported as CSV and imported it is the same records. Inputs are mostly
 * valid, with the characters files and spreadsheets treat specially, lengths at every limit and
 * now and then a character the rules refuse.
 */
const visible = [',', ';', '|', '"', "'", '=', '+', '-', '@', ':', '.', 'é', 'e\u0301', '😀', '::'];
const hidden = ['\n', '\r\n', '\t', '\u00a0', '\u200b', '\u202e', '\ud800', '\udc00', ' '];
const letters = fc.constantFrom('a', 'Z', '7', 'x');
const safeUnit = fc.oneof(
  letters,
  fc.constantFrom(...visible),
  fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }),
);
const anyUnit = fc.oneof(safeUnit, fc.constantFrom(...hidden));

/** Text of a field: mostly fine, sometimes at the limit or just past it, sometimes hostile. */
function text(max: number, unit = fc.oneof(safeUnit, fc.constant(' '))) {
  return fc.oneof(
    { weight: 10, arbitrary: fc.string({ unit, maxLength: Math.min(max, 24) }) },
    { weight: 2, arbitrary: fc.integer({ min: max - 2, max: max + 1 }).map((length) => 'x'.repeat(length)) },
    { weight: 1, arbitrary: fc.string({ unit: anyUnit, maxLength: 24 }) },
  );
}
/** A Customer ID or a login: no spaces. */
const code = (max: number) => text(max, safeUnit).filter((value) => value.trim() !== '');
const emails = fc.oneof(
  fc.constant(''),
  fc.emailAddress(),
  fc.integer({ min: 290, max: 330 }).map((length) => `${'a'.repeat(length)}@example.com`),
);
const validity = fc.constantFrom('valid', 'invalid', 'invalid-temporarily');
const customer = fc.record({
  code: code(150),
  name: text(200),
  street: text(200),
  zip: text(50),
  city: text(200),
  country: text(200),
  comment: text(250),
  validity,
  customFields: fc.record({
    note: fc.option(text(1000), { nil: null }),
    seats: fc.option(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { nil: null }),
  }),
});
const user = fc.record({
  login: code(200),
  firstName: text(100),
  lastName: text(100),
  email: emails,
  phone: text(100),
  comment: text(250),
  validity,
  customer: fc.nat(),
  additional: fc.array(fc.nat(), { maxLength: 3 }),
});
const service = fc.record({
  name: text(200),
  parent: fc.option(fc.nat(), { nil: null }),
  criticality: fc.integer({ min: 1, max: 5 }),
  comment: text(250),
  validity,
});
const fields = [
  { key: 'note', label: 'Note', kind: 'text' },
  { key: 'seats', label: 'Seats', kind: 'number' },
] as const;

async function csvApp() {
  const files = { open: null as string | null, save: null as string | null };
  const app = await testApp({
    platform: { chooseOpenPath: () => Promise.resolve(files.open), chooseSavePath: () => Promise.resolve(files.save) },
  });
  ok(await app.call('customFields:save', { fields: [...fields] }));
  return Object.assign(app, { files });
}
type CsvApp = Awaited<ReturnType<typeof csvApp>>;
const entities = ['customers', 'services', 'customerUsers'] as const;

/** Every live record of each kind as CSV rows, sorted: what the spreadsheet shows. */
async function csvRows(app: CsvApp): Promise<string[]> {
  const rows: string[] = [];
  for (const entity of entities) {
    const out = join(tempDir(), `${entity}.csv`);
    app.files.save = out;
    ok(await app.call('csv:export', { entity }));
    rows.push(readFileSync(out, 'utf8'));
  }
  return rows;
}

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

async function accept(
  app: CsvApp,
  input: {
    customers: ValueOf<typeof customer>[];
    users: ValueOf<typeof user>[];
    services: ValueOf<typeof service>[];
  },
) {
  const customerIds: string[] = [];
  for (const record of input.customers) {
    const answer = await app.call('customers:create', record);
    if (answer.ok) customerIds.push(answer.value.id);
  }
  for (const { customer: primary, additional, ...record } of input.users) {
    if (customerIds.length === 0) break;
    const pick = (index: number) => customerIds[index % customerIds.length] ?? '';
    await app.call('customerUsers:create', {
      ...record,
      customerId: pick(primary),
      additionalCustomerIds: [...new Set(additional.map(pick))].filter((id) => id !== pick(primary)),
    });
  }
  const serviceIds: string[] = [];
  for (const { parent, ...record } of input.services) {
    const parentId =
      parent === null || serviceIds.length === 0 ? null : (serviceIds[parent % serviceIds.length] ?? null);
    const answer = await app.call('services:create', { ...record, parentId });
    if (answer.ok) serviceIds.push(answer.value.id);
  }
}

describe('what the IPC accepts can be synced', () => {
  it('any accepted record survives snapshot export and import, and CSV export and import, unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          customers: fc.array(customer, { minLength: 1, maxLength: 5 }),
          users: fc.array(user, { maxLength: 4 }),
          services: fc.array(service, { maxLength: 5 }),
        }),
        async (input) => {
          const source = await csvApp();
          await accept(source, input);

          const snapshot = parseSnapshot(await encodeSnapshot(buildSnapshot(source.context), false));
          const copy = await testApp();
          await applySnapshot(copy.context, snapshot, {});
          expect(dataOf(copy)).toEqual(dataOf(source));

          const spreadsheet = await csvApp();
          for (const entity of entities) {
            const out = join(tempDir(), `${entity}.csv`);
            source.files.save = out;
            ok(await source.call('csv:export', { entity }));
            spreadsheet.files.open = out;
            const preview = ok(await spreadsheet.call('csv:preview', { entity }));
            expect(preview?.lineErrors).toEqual([]);
            ok(await spreadsheet.call('csv:apply', { token: preview?.token ?? '' }));
          }
          expect(await csvRows(spreadsheet)).toEqual(await csvRows(source));
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
