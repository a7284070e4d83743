import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot, encodeSnapshot } from '../../src-main/snapshot/export';
import { readSnapshotBytes, readSnapshotPath, type RowReader } from '../../src-main/snapshot/reader';
import { ScanLimit, SnapshotScanner, type ScanSink } from '../../src-main/snapshot/scan';
import { openedSnapshot } from '../../src-main/snapshot/session';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { acme, failed, ok, tempDir, testApp } from './helpers';

/** A small valid snapshot's text: one customer, one service. */
let valid = '';

/** How a read of `bytes` ends, by path (the reading thread) and in memory (a dropped file), and how many rows it handed out first. */
async function refusals(bytes: Buffer, name = 'file.sasnap'): Promise<{ message: string; rows: number }[]> {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  const ends: { message: string; rows: number }[] = [];
  for (const way of ['path', 'bytes'] as const) {
    let rows = 0;
    const reader: RowReader = { head: () => undefined, row: () => void (rows += 1) };
    const read =
      way === 'path' ? readSnapshotPath(path, reader) : Promise.resolve().then(() => readSnapshotBytes(bytes, reader));
    const message = await read.then(
      () => 'accepted',
      (error: unknown) => (error instanceof ServiceError ? `${error.code}: ${error.message}` : String(error)),
    );
    ends.push({ message, rows });
  }
  return ends;
}

/** How many pieces of 512 KB the scanner takes before it refuses what follows `head`; Infinity if it never does. */
function piecesUntilRefused(head: string, piece: string, pieces: number): number {
  const sink: ScanSink = {
    entry: () => undefined,
    bodyStart: () => undefined,
    table: () => undefined,
    rows: () => undefined,
    bodyEntry: () => undefined,
    bodyEnd: () => undefined,
    other: () => undefined,
    bodyText: () => undefined,
  };
  const scanner = new SnapshotScanner(sink);
  scanner.push(head);
  for (let count = 1; count <= pieces; count += 1) {
    try {
      scanner.push(piece);
    } catch (error) {
      expect(error).toBeInstanceOf(ScanLimit);
      return count;
    }
  }
  return Infinity;
}

/** `valid` with `text` put right after `marker`. */
function inserted(marker: string, text: string): Buffer {
  const at = valid.indexOf(marker) + marker.length;
  return Buffer.from(valid.slice(0, at) + text + valid.slice(at), 'utf8');
}

describe('snapshot files made to exhaust the reader', () => {
  beforeAll(async () => {
    const app = await testApp();
    ok(await app.call('customers:create', acme));
    ok(await app.call('services:create', { name: 'IT' }));
    valid = (await encodeSnapshot(buildSnapshot(app.context), false)).toString('utf8');
  });

  it('refuses a value nested too deep, saying where', async () => {
    const depth = 100_000;
    const deep = `"deep":${'['.repeat(depth)}${']'.repeat(depth)},`;
    for (const { message } of await refusals(inserted('"customers":[{', deep)))
      expect(message).toMatch(/^refused: .*nested deeper than 64 levels at body\.customers\[0\]\.deep\[0\]\[0\]/);
    const header = `"deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},`;
    for (const { message } of await refusals(inserted('"header":{', header)))
      expect(message).toMatch(/nested deeper than 64 levels at header\.deep\.a\.a/);
  });

  it('refuses a long run of blank space once it passes 1 MB, not after reading it all', async () => {
    const padded = inserted('"customers":[', ' '.repeat(32 * 1024 * 1024));
    for (const { message } of await refusals(padded))
      expect(message).toMatch(
        /^refused: .*more than 1 MB of blank space or stray text between the records of "customers"/,
      );
    for (const { message } of await refusals(inserted('"body":{', '\n'.repeat(2 * 1024 * 1024))))
      expect(message).toMatch(/more than 1 MB of blank space/);
    // Each piece used to be appended to all the blank space before it: 32 MB cost 64 copies of up to 32 MB.
    const blank = ' '.repeat(512 * 1024);
    const head = valid.slice(0, valid.indexOf('"customers":[') + 13);
    expect(piecesUntilRefused(head, blank, 64)).toBe(3);
    expect(piecesUntilRefused(head.slice(0, head.indexOf('"body":{') + 8), blank, 64)).toBe(3);
    expect(piecesUntilRefused(`${head}{"big":"`, 'x'.repeat(512 * 1024), 64)).toBe(8);
  });

  it('refuses a record, an entry or a key too large to be real', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const [row] = await refusals(inserted('"customers":[{', `"big":"${big}",`));
    expect(row?.message).toMatch(/a record of "customers" larger than 4 MB/);
    const [entry] = await refusals(inserted('"header":{', `"big":"${big}",`));
    expect(entry?.message).toMatch(/the entry "header" is larger than 4 MB/);
    const [key] = await refusals(Buffer.from(`{"${big}":1}`));
    expect(key?.message).toMatch(/a key larger than 4 MB/);
  });

  it('refuses a compressed file that unpacks far beyond what snapshots pack to, early', async () => {
    // Valid rows, each padded inside with 16 KB of blank space: gzip packs them a thousandfold.
    const row = valid.slice(valid.indexOf('"customers":[') + 14, valid.indexOf('}],"services"') + 1);
    const padded = `{${' '.repeat(16 * 1024)}${row}`;
    const total = Math.ceil((64 * 1024 * 1024) / padded.length);
    const bomb = gzipSync(inserted('"customers":[', `${`${padded},`.repeat(total)}`));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    for (const { message, rows } of await refusals(bomb, 'bomb.sasnapz')) {
      expect(message).toMatch(/^refused: .*unpacks to more than 200 times its size/);
      expect(rows).toBeLessThan(total / 2);
    }
  });

  it('still reads the untouched file, plain and gzipped', async () => {
    for (const { message } of await refusals(Buffer.from(valid))) expect(message).toBe('accepted');
    for (const { message } of await refusals(gzipSync(valid), 'ok.sasnapz')) expect(message).toBe('accepted');
  });

  it('reads a dropped file as a stream from a file of its own, removed when closed, and bounds its size', async () => {
    const app = await testApp();
    const preview = ok(
      await app.call('snapshots:openBytes', {
        fileName: 'dropped.sasnapz',
        base64: gzipSync(valid).toString('base64'),
      }),
    );
    expect(preview.banner.fileName).toBe('dropped.sasnapz');
    const { source } = openedSnapshot(preview.previewId);
    expect(source.kind).toBe('file');
    const path = source.kind === 'file' ? source.path : '';
    expect(existsSync(path)).toBe(true);
    ok(await app.call('snapshots:close', { previewId: preview.previewId }));
    expect(existsSync(path)).toBe(false);
    const tooBig = failed(
      await app.call('snapshots:openBytes', { fileName: 'big.sasnap', base64: 'A'.repeat(180 * 1024 * 1024) }),
    );
    expect(tooBig.code).toBe('invalid-input');
    expect(tooBig.message).toMatch(/A dropped snapshot can be at most 128 MB; open a bigger one with Import snapshot…/);
  });
});
