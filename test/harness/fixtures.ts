import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openApp } from '../../src-main/app';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations';
import type { SampleSizes } from '../../src-shared/ipc/contract';

const CACHE_DIR = resolve(import.meta.dirname, '../../node_modules/.cache/service-allocator-fixtures');

/** Removes a database file and its WAL companions. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** Fills `path` (new) with the deterministic sample of these sizes, through the real handlers. */
export async function createSampleDatabase(path: string, sizes: Required<SampleSizes>): Promise<void> {
  const app = await openApp(path);
  try {
    const result = await app.call('sample:load', sizes);
    if (!result.ok) throw new Error(`Sample data failed: ${result.error.message}`);
  } finally {
    await app.close();
  }
}

/**
 * Large samples take a while to generate; the generator is deterministic, so a generated file
 * is kept in node_modules/.cache and copied for each test that asks for the same sizes.
 */
export async function sampleDatabase(target: string, sizes: Required<SampleSizes>): Promise<void> {
  if (sizes.customers + sizes.assignments < 20_000) {
    await createSampleDatabase(target, sizes);
    return;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const cached = join(
    CACHE_DIR,
    `sample-v${LATEST_SCHEMA_VERSION}-${sizes.customers}-${sizes.services}-${sizes.assignments}.sqlite`,
  );
  if (!existsSync(cached)) {
    const partial = `${cached}.${process.pid}.partial`;
    removeDatabase(partial);
    await createSampleDatabase(partial, sizes);
    renameSync(partial, cached);
  }
  copyFileSync(cached, target);
}
