import type { Migration } from 'kysely/migration';
import * as initial from './2026_11_22_001_initial';

/** Every migration, in order. Listed by hand: a bundled main process cannot scan a folder. */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['2026_11_22_001_initial', initial],
];

export const LATEST_SCHEMA_VERSION = migrations.length;
