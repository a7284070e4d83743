import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { exportSnapshot } from '../../src-main/snapshot/export';
import { readSnapshotBytes, readSnapshotPath, type RowReader } from '../../src-main/snapshot/reader';
import { ok, testApp } from './helpers';

/** Everything a read hands its reader, in order, and how it ended. */
type Seen = { heads: unknown[]; rows: string[]; end: unknown };

function recorder(stopAt = Infinity): { reader: RowReader; seen: Seen } {
  const seen: Seen = { heads: [], rows: [], end: null };
  const reader: RowReader = {
    head: (head) => void seen.heads.push(head),
    row: (table, row, index) => {
      if (seen.rows.length === stopAt) throw new Error(`stopped at row ${stopAt}`);
      seen.rows.push(`${table}[${index}] ${JSON.stringify(row)}`);
    },
  };
  return { reader, seen };
}

async function settle(seen: Seen, read: () => unknown): Promise<Seen> {
  try {
    seen.end = { counts: ((await read()) as { counts: unknown }).counts };
  } catch (error) {
    seen.end = { error: error instanceof ServiceError ? `${error.code}: ${error.message}` : String(error) };
  }
  return seen;
}

/** The same file read on the reading thread (by path) and in this one (its bytes). */
async function bothWays(path: string, stopAt?: number): Promise<{ threaded: Seen; inline: Seen }> {
  const threaded = recorder(stopAt);
  const inline = recorder(stopAt);
  return {
    threaded: await settle(threaded.seen, () => readSnapshotPath(path, threaded.reader)),
    inline: await settle(inline.seen, () => readSnapshotBytes(readFileSync(path), inline.reader)),
  };
}

/** The reading thread (scanThread.ts) must hand out exactly what a read in one thread does. */
describe('snapshot files read on a thread of their own', () => {
  // Shared by the tests (tempDir's folders go after each one).
  const dir = mkdtempSync(join(tmpdir(), 'sa-thread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const plain = join(dir, 'many.sasnap');
  const packed = join(dir, 'many.sasnapz');

  beforeAll(async () => {
    const app = await testApp();
    // About 6 MB of text: a dozen pieces of 512 KB, some hundred batches of rows.
    ok(await app.call('sample:load', { customers: 1_500, services: 40, assignments: 15_000 }));
    await exportSnapshot(app.context, plain);
    await exportSnapshot(app.context, packed);
    await app.close();
  });

  it('hands the same head, rows (in file order) and counts, plain and gzipped', async () => {
    for (const path of [plain, packed]) {
      const { threaded, inline } = await bothWays(path);
      expect(threaded.rows.length).toBeGreaterThan(18_000);
      expect(threaded).toEqual(inline);
    }
  });

  it('a file damaged part-way hands the rows before the damage, then refuses it the same way', async () => {
    const text = readFileSync(plain, 'utf8');
    const cases = {
      truncated: text.slice(0, Math.floor(text.length * 0.6)),
      'broken row': text.replace('"customerId":', '"customerId":,'),
      'edited value': text.replace('"quantity":', '"quantity": 1e3, "x":'),
      // A grammar error found by the reading thread part-way through a piece it was handing out.
      'no comma between tables': text.replace('],"customerUsers":[', ']"customerUsers":['),
      'not an object': `[${text}]`,
    };
    for (const [name, damaged] of Object.entries(cases)) {
      const path = join(dir, `${name}.sasnap`);
      writeFileSync(path, damaged);
      const { threaded, inline } = await bothWays(path);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers as any
      expect(threaded.end, name).toMatchObject({ error: expect.stringMatching(/^refused: This snapshot was refused/) });
      expect(threaded, name).toEqual(inline);
    }
  });

  it('a reader that throws stops the read with its own error, and the next read is whole', async () => {
    const { threaded, inline } = await bothWays(plain, 2_000);
    expect(threaded.end).toEqual({ error: 'Error: stopped at row 2000' });
    expect(threaded).toEqual(inline);
    const again = await bothWays(plain);
    expect(again.threaded.end).toEqual(again.inline.end);
    expect(again.threaded.rows.length).toBeGreaterThan(18_000);
  });

  it('a missing file is reported by name', async () => {
    await expect(readSnapshotPath(join(dir, 'absent.sasnap'), recorder().reader)).rejects.toMatchObject({
      code: 'not-found',
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers as any
      message: expect.stringContaining('absent.sasnap'),
    });
  });
});
