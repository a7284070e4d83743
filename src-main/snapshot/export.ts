import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';
import type { Stamp } from '../../src-shared/domain';
import {
  bodyText,
  compactBody,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  snapshotTables,
  type Snapshot,
  type SnapshotBody,
  type SnapshotCounts,
} from '../../src-shared/snapshot/format';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { ServiceContext } from '../services/context';
import { streamBodyText } from './bodyStream';
import { readBody } from './rows';

const SEEN_KEY = 'snapshot_seen';
const ALIASES_KEY = 'snapshot_aliases';

function readJsonMeta(context: ServiceContext, key: string): Record<string, string> {
  const row = context.conn.sql.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Record<string, string>) : {};
}

/** Per device, the highest stamp this copy has merged from it. */
export function readSeen(context: ServiceContext): Record<string, Stamp> {
  return readJsonMeta(context, SEEN_KEY);
}
/** Remote ids an admin linked to local records ("same record: link"). */
export function readAliases(context: ServiceContext): Record<string, string> {
  return readJsonMeta(context, ALIASES_KEY);
}
export function writeMetaJson(context: ServiceContext, key: 'seen' | 'aliases', value: Record<string, string>): void {
  context.conn.sql
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key === 'seen' ? SEEN_KEY : ALIASES_KEY, JSON.stringify(value));
}

export function countsOf(body: SnapshotBody): SnapshotCounts {
  return Object.fromEntries(snapshotTables.map((table) => [table, body[table].length])) as SnapshotCounts;
}

/** The full state of this copy as a snapshot: tombstones and clocks included, hashed. */
export function buildSnapshot(context: ServiceContext, now: Date = new Date()): Snapshot {
  const body = readBody(context.conn.sqlite);
  const text = bodyText(compactBody(body));
  writtenBodies.set(body, text);
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    header: headerOf(context, now, countsOf(body), createHash('sha256').update(text).digest('hex')),
    body,
  };
}

function headerOf(context: ServiceContext, now: Date, counts: SnapshotCounts, bodySha256: string): Snapshot['header'] {
  return {
    snapshotId: randomUUID(),
    appVersion: context.appVersion.slice(0, 50),
    schemaVersion: LATEST_SCHEMA_VERSION,
    deviceId: context.deviceId,
    deviceName: context.deviceName.slice(0, 200),
    exporter: context.actor().slice(0, 200),
    exportedAt: now.toISOString(),
    clock: context.clock.current(),
    seen: readSeen(context),
    counts,
    bodySha256,
  };
}

/** Everything of the document before the body: the same for a document built in memory and one streamed. */
export function headText(format: string, formatVersion: number, header: Snapshot['header']): string {
  return `{"format":${JSON.stringify(format)},"formatVersion":${formatVersion},"header":${JSON.stringify(header)},"body":`;
}

/** The body as the file holds it (empty optional fields left out), kept from building to writing. */
const writtenBodies = new WeakMap<SnapshotBody, string>();

/**
 * The file's bytes: JSON, gzip-compressed when asked. Written in pieces so that the document
 * is never one string on top of the body's.
 */
export async function encodeSnapshot(snapshot: Snapshot, compress: boolean): Promise<Buffer> {
  const body = writtenBodies.get(snapshot.body) ?? bodyText(compactBody(snapshot.body));
  const head = headText(snapshot.format, snapshot.formatVersion, snapshot.header);
  const bytes = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(body, 'utf8'), Buffer.from('}', 'utf8')]);
  return compress ? await promisify(gzip)(bytes) : bytes;
}

export function wantsGzip(path: string): boolean {
  return /\.(sasnapz|gz)$/i.test(path);
}

/** Writes next to the target and renames over it, so a crash never leaves half a snapshot. */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${randomUUID().slice(0, 8)}.part`;
  try {
    writeFileSync(temporary, bytes, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Exports this copy to `path`; returns the byte size and counts. The body streams from the
 * database into a side file while it is hashed (the header, which carries the hash, comes
 * first in the document); then header and body go to a temporary file, gzipped when asked,
 * renamed over the target. Neither the records nor the whole text are ever held in memory.
 */
export async function exportSnapshot(
  context: ServiceContext,
  path: string,
  compress = wantsGzip(path),
): Promise<{ bytes: number; counts: SnapshotCounts }> {
  context.emit('progress', { task: 'export', done: 0, total: 2, label: 'Reading data' });
  const suffix = randomUUID().slice(0, 8);
  const bodyPath = `${path}.${suffix}.body.part`;
  const temporary = `${path}.${suffix}.part`;
  try {
    const hash = createHash('sha256');
    const bodyFile = openSync(bodyPath, 'wx');
    let counts: SnapshotCounts;
    try {
      // One read transaction, so the body is one consistent state.
      counts = context.conn.sqlite.transaction(() =>
        streamBodyText(context.conn.sqlite, (piece) => {
          const bytes = Buffer.from(piece, 'utf8');
          hash.update(bytes);
          writeSync(bodyFile, bytes);
        }),
      )();
    } finally {
      closeSync(bodyFile);
    }
    context.emit('progress', { task: 'export', done: 1, total: 2, label: 'Writing file' });
    const head = headText(
      SNAPSHOT_FORMAT,
      SNAPSHOT_FORMAT_VERSION,
      headerOf(context, new Date(), counts, hash.digest('hex')),
    );
    async function* document() {
      yield Buffer.from(head, 'utf8');
      yield* createReadStream(bodyPath, { highWaterMark: 1 << 22 });
      yield Buffer.from('}', 'utf8');
    }
    const out = createWriteStream(temporary, { flags: 'wx' });
    let bytes = 0;
    const counter = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    await (compress
      ? pipeline(Readable.from(document()), createGzip(), counter, out)
      : pipeline(Readable.from(document()), counter, out));
    renameSync(temporary, path);
    context.emit('progress', { task: 'export', done: 2, total: 2, label: 'done' });
    return { bytes, counts };
  } finally {
    rmSync(bodyPath, { force: true });
    rmSync(temporary, { force: true });
  }
}
