import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { Snapshot } from '../../src-shared/snapshot/format';
import type { ImportPreview, Resolutions, SnapshotBanner } from '../../src-shared/snapshot/plan';
import { PREVIEW_LIST_LIMIT } from '../../src-shared/snapshot/plan';
import type { ServiceContext } from '../services/context';
import { hasWrites, localFingerprint, planAgainstLocal } from './apply';
import { parseSnapshotFile } from './parse';
import type { MergePlan } from './plan';

/** A snapshot opened in this session: parsed once, held in main, referred to by id. */
export type OpenSnapshot = { readonly snapshot: Snapshot; readonly fileName: string; fingerprint: string };

const opened = new Map<string, OpenSnapshot>();
/** Files the OS asked to open (double-click, "Open with"), waiting for the window to ask. */
const pendingFiles = new Map<string, string>();
const MAX_OPEN = 8;

/** A snapshot file, read as a stream and checked (see parseSnapshot). */
export function readSnapshotFile(path: string): Promise<Snapshot> {
  return parseSnapshotFile(path);
}

export function remember(context: ServiceContext, snapshot: Snapshot, fileName: string): string {
  const id = randomUUID();
  opened.set(id, { snapshot, fileName: basename(fileName), fingerprint: localFingerprint(context) });
  while (opened.size > MAX_OPEN) opened.delete(opened.keys().next().value ?? '');
  return id;
}

export function openedSnapshot(id: string): OpenSnapshot {
  const entry = opened.get(id);
  if (!entry) throw new ServiceError('not-found', 'This snapshot is no longer open; open the file again.');
  return entry;
}

export function forget(id: string): boolean {
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
  const { header } = entry.snapshot;
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
export function previewOf(previewId: string, banner: SnapshotBanner, plan: MergePlan, inStep: boolean): ImportPreview {
  const cap = <T>(list: readonly T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
  return {
    previewId,
    banner,
    inStep,
    counts: {
      added: plan.added.length,
      changed: plan.changed.length,
      removed: plan.removed.length,
      conflicts: plan.conflicts.length,
      collisions: plan.collisions.length,
      accessChanges: plan.accessChanges.length,
    },
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
export function importPreview(context: ServiceContext, previewId: string, resolutions: Resolutions): ImportPreview {
  const entry = openedSnapshot(previewId);
  entry.fingerprint = localFingerprint(context);
  const plan = planAgainstLocal(context, entry.snapshot, resolutions);
  return previewOf(previewId, bannerOf(entry), plan, !hasWrites(plan));
}

/** A snapshot file named on the command line ("Open with", double-click on Windows and Linux). */
export function snapshotPathIn(argv: readonly string[]): string | null {
  return argv.find((arg) => !arg.startsWith('-') && /\.(sasnap|sasnapz)$/i.test(arg)) ?? null;
}
