import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { Snapshot, SnapshotHeader } from '../../src-shared/snapshot/format';
import type { ImportPreview, Resolutions, SnapshotBanner } from '../../src-shared/snapshot/plan';
import { PREVIEW_LIST_LIMIT } from '../../src-shared/snapshot/plan';
import type { ServiceContext } from '../services/context';
import { hasWrites, localFingerprint, planAgainstLocal } from './apply';
import { parseSnapshotFile } from './parse';
import { pinned, sourceOf, type SnapshotSource } from './source';
import type { ImportPlan } from './stream';

/**
 * A snapshot opened in this session, referred to by id: a file is held as its path and header
 * (each preview and the apply read it again, refusing it if it changed). A dropped file is
 * written to a folder of its own first (`temporary`, removed when it is forgotten).
 */
export type OpenSnapshot = {
  readonly source: SnapshotSource;
  readonly header: SnapshotHeader;
  readonly fileName: string;
  readonly temporary?: string;
  fingerprint: string;
};

const opened = new Map<string, OpenSnapshot>();
/** Files the OS asked to open (double-click, "Open with"), waiting for the window to ask. */
const pendingFiles = new Map<string, string>();
const MAX_OPEN = 8;

/** A snapshot file, read as a stream and checked (see parseSnapshot). */
export function readSnapshotFile(path: string): Promise<Snapshot> {
  return parseSnapshotFile(path);
}

export function remember(
  context: ServiceContext,
  snapshot: Snapshot | SnapshotSource,
  fileName: string,
  header?: SnapshotHeader,
  temporary?: string,
): string {
  const id = randomUUID();
  const source = sourceOf(snapshot);
  const known = header ?? (source.kind === 'memory' ? source.snapshot.header : source.expect);
  if (!known) throw new ServiceError('internal', 'A snapshot file is remembered only once it was read.');
  opened.set(id, {
    source: pinned(source, known),
    header: known,
    fileName: basename(fileName),
    fingerprint: localFingerprint(context),
    ...(temporary ? { temporary } : {}),
  });
  while (opened.size > MAX_OPEN) forget(opened.keys().next().value ?? '');
  return id;
}

export function openedSnapshot(id: string): OpenSnapshot {
  const entry = opened.get(id);
  if (!entry) throw new ServiceError('not-found', 'This snapshot is no longer open; open the file again.');
  return entry;
}

export function forget(id: string): boolean {
  const temporary = opened.get(id)?.temporary;
  if (temporary) rmSync(temporary, { recursive: true, force: true });
  return opened.delete(id);
}

export function addPendingFile(path: string): string {
  const token = randomUUID();
  pendingFiles.set(token, path);
  return token;
}
export function takePendingFile(token: string): string {
  const path = pendingFiles.get(token);
  if (!path) throw new ServiceError('not-found', 'That file is no longer waiting to be opened.');
  pendingFiles.delete(token);
  return path;
}

export function bannerOf(entry: OpenSnapshot): SnapshotBanner {
  const { header } = entry;
  return {
    fileName: entry.fileName,
    exporter: header.exporter,
    deviceName: header.deviceName,
    deviceId: header.deviceId,
    exportedAt: header.exportedAt,
    appVersion: header.appVersion,
    counts: header.counts,
  };
}

/** The preview of a plan as the window shows it: true counts, lists capped for the screen. */
export function previewOf(previewId: string, banner: SnapshotBanner, plan: ImportPlan, inStep: boolean): ImportPreview {
  const cap = <T>(list: readonly T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
  return {
    previewId,
    banner,
    inStep,
    counts: plan.counts,
    accessChanges: cap(plan.accessChanges),
    added: cap(plan.added),
    changed: cap(plan.changed),
    removed: cap(plan.removed),
    conflicts: cap(plan.conflicts),
    collisions: cap(plan.collisions),
    cyclesBroken: plan.cyclesBroken,
    renamed: cap(plan.renamed),
  };
}

/** The import preview of an opened snapshot against this copy, with the admin's choices so far. */
export async function importPreview(
  context: ServiceContext,
  previewId: string,
  resolutions: Resolutions,
): Promise<ImportPreview> {
  const entry = openedSnapshot(previewId);
  entry.fingerprint = localFingerprint(context);
  const plan = await planAgainstLocal(context, entry.source, resolutions);
  return previewOf(previewId, bannerOf(entry), plan, !hasWrites(plan));
}

/**
 * Opens a snapshot file for import: one streamed pass checks it whole and makes its preview;
 * the session keeps only its path and header.
 */
export async function openSnapshotFile(
  context: ServiceContext,
  path: string,
  fileName = path,
  temporary?: string,
): Promise<ImportPreview> {
  const plan = await planAgainstLocal(context, { kind: 'file', path }, {});
  const previewId = remember(context, { kind: 'file', path }, fileName, plan.header, temporary);
  return previewOf(previewId, bannerOf(openedSnapshot(previewId)), plan, !hasWrites(plan));
}

/**
 * A dropped file (the window sends its bytes): written to a temporary folder and opened as a
 * file, so it is read as a stream like any other and never held parsed in memory.
 */
export async function openDroppedSnapshot(
  context: ServiceContext,
  fileName: string,
  bytes: Uint8Array,
): Promise<ImportPreview> {
  const folder = mkdtempSync(join(tmpdir(), 'service-allocator-dropped-'));
  try {
    const path = join(folder, 'dropped.sasnap');
    writeFileSync(path, bytes);
    return await openSnapshotFile(context, path, fileName, folder);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** The whole snapshot of an opened entry, for the offline review (which compares whole bodies). */
export async function snapshotOf(entry: OpenSnapshot): Promise<Snapshot> {
  if (entry.source.kind === 'memory') return entry.source.snapshot;
  const snapshot = await parseSnapshotFile(entry.source.path);
  if (
    snapshot.header.snapshotId !== entry.header.snapshotId ||
    snapshot.header.bodySha256 !== entry.header.bodySha256
  ) {
    throw new ServiceError(
      'refused',
      'This snapshot was refused: the file changed since it was opened; open it again. Nothing was changed.',
    );
  }
  return snapshot;
}

/** A snapshot file named on the command line ("Open with", double-click on Windows and Linux). */
export function snapshotPathIn(argv: readonly string[]): string | null {
  return argv.find((arg) => !arg.startsWith('-') && /\.(sasnap|sasnapz)$/i.test(arg)) ?? null;
}
