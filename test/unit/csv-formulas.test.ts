import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src-main/services/csvFormat';
import { ok, tempDir, testApp } from './helpers';

/** Values a spreadsheet would run as formulas, and values that only look close to one. */
const hostile = ["=cmd|' /C calc'!A0", '+SUM(A1:A9)', '@SUM(1)', '-2+3', "'=already quoted", "'plain quote"];

async function csvApp() {
  const files = { open: null as string | null, save: null as string | null };
  const app = await testApp({
    platform: { chooseOpenPath: () => Promise.resolve(files.open), chooseSavePath: () => Promise.resolve(files.save) },
  });
  return Object.assign(app, { files });
}

type CsvApp = Awaited<ReturnType<typeof csvApp>>;
type Entity = 'customers' | 'customerUsers' | 'services';

async function exportTo(app: CsvApp, entity: Entity): Promise<string> {
  const out = join(tempDir(), `${entity}.csv`);
  app.files.save = out;
  ok(await app.call('csv:export', { entity }));
  return out;
}

/** Every cell of the file, headers included, as a spreadsheet reads it. */
function cellsOf(path: string): string[] {
  const table = parseCsv(readFileSync(path, 'utf8'));
  return [...table.headers, ...table.records.flatMap((record) => record.cells)];
}

function runsAsFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell);
}

async function seed(app: CsvApp) {
  ok(
    await app.call('customFields:save', {
      fields: [{ key: 'link', label: '=HYPERLINK("http://evil.example","x")', kind: 'text' }],
    }),
  );
  const ids: string[] = [];
  for (const [index, value] of hostile.entries()) {
    const customer = ok(
      await app.call('customers:create', {
        code: `C${index}`,
        name: value,
        city: value,
        comment: value,
        customFields: { link: value },
      }),
    );
    ids.push(customer.id);
    ok(
      await app.call('customerUsers:create', {
        login: `u${index}`,
        firstName: value,
        lastName: value,
        phone: value,
        comment: value,
        customerId: customer.id,
      }),
    );
    ok(await app.call('services:create', { name: `S${index} ${value}`, comment: value }));
  }
  return ids;
}

describe('CSV export defuses formulas', () => {
  it('writes no cell a spreadsheet would run, and reads its own file back unchanged', async () => {
    const app = await csvApp();
    await seed(app);
    for (const entity of ['customers', 'customerUsers', 'services'] as const) {
      const out = await exportTo(app, entity);
      const cells = cellsOf(out);
      expect(cells.filter(runsAsFormula)).toEqual([]);
      if (entity === 'customers') expect(cells).toContain(`'=HYPERLINK("http://evil.example","x")`);
      app.files.open = out;
      const again = ok(await app.call('csv:preview', { entity }));
      expect(again).toMatchObject({ creates: 0, updates: 0, unchanged: hostile.length, lineErrors: [] });
      expect(again?.ignoredColumns).toEqual([]);
    }
  });

  it('an export imported into an empty database gives the same values back', async () => {
    const source = await csvApp();
    await seed(source);
    const target = await csvApp();
    ok(
      await target.call('customFields:save', {
        fields: [{ key: 'link', label: '=HYPERLINK("http://evil.example","x")', kind: 'text' }],
      }),
    );
    for (const entity of ['customers', 'services', 'customerUsers'] as const) {
      target.files.open = await exportTo(source, entity);
      const preview = ok(await target.call('csv:preview', { entity }));
      expect(preview?.lineErrors).toEqual([]);
      ok(await target.call('csv:apply', { token: preview?.token ?? '' }));
    }
    const customers = async (app: CsvApp) =>
      Promise.all(
        ok(await app.call('customers:list', {})).rows.map(async (row) => {
          const {
            id: _id,
            createdAt: _c,
            updatedAt: _u,
            ...fields
          } = ok(await app.call('customers:get', { id: row.id }));
          return fields;
        }),
      );
    expect(await customers(target)).toEqual(await customers(source));
    expect(cellsOf(await exportTo(target, 'customerUsers'))).toEqual(cellsOf(await exportTo(source, 'customerUsers')));
    expect(cellsOf(await exportTo(target, 'services'))).toEqual(cellsOf(await exportTo(source, 'services')));
    const names = ok(await target.call('customers:list', {})).rows.map((row) => row.name);
    expect(names.sort()).toEqual([...hostile].sort());
  });
});
