import { createHash, randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
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
import { readBody } from './rows';

const SEEN_KEY = 'snapshot_seen';
const ALIASES_KEY = 'snapshot_aliases';

function readJsonMeta(context: ServiceContext, key: string): Record<string, string> {
  const row = context.conn.sql.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
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
    header: {
      snapshotId: randomUUID(),
      appVersion: context.appVersion.slice(0, 50),
      schemaVersion: LATEST_SCHEMA_VERSION,
      deviceId: context.deviceId,
      deviceName: context.deviceName.slice(0, 200),
      exporter: context.actor().slice(0, 200),
      exportedAt: now.toISOString(),
      clock: context.clock.current(),
      seen: readSeen(context),
      counts: countsOf(body),
      bodySha256: createHash('sha256').update(text).digest('hex'),
    },
    body,
  };
}

/** The file's bytes: JSON, gzip-compressed when asked (or when the name ends in .sasnapz/.gz). */
/** The body as the file holds it (empty optional fields left out), kept from building to writing. */
const writtenBodies = new WeakMap<SnapshotBody, string>();

/**
 * The file's bytes: JSON, gzip-compressed when asked. Written in pieces so that the document
 * is never one string on top of the body's.
 */
export async function encodeSnapshot(snapshot: Snapshot, compress: boolean): Promise<Buffer> {
  const body = writtenBodies.get(snapshot.body) ?? bodyText(compactBody(snapshot.body));
  const head = `{"format":${JSON.stringify(snapshot.format)},"formatVersion":${snapshot.formatVersion},"header":${JSON.stringify(snapshot.header)},"body":`;
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

/** Exports this copy to `path`; returns the byte size and counts. */
export async function exportSnapshot(context: ServiceContext, path: string, compress = wantsGzip(path)): Promise<{ bytes: number; counts: SnapshotCounts }> {
  context.emit('progress', { task: 'export', done: 0, total: 2, label: 'Reading data' });
  const snapshot = buildSnapshot(context);
  context.emit('progress', { task: 'export', done: 1, total: 2, label: 'Writing file' });
  const bytes = await encodeSnapshot(snapshot, compress);
  writeAtomically(path, bytes);
  context.emit('progress', { task: 'export', done: 2, total: 2, label: 'done' });
  return { bytes: bytes.length, counts: snapshot.header.counts };
}
