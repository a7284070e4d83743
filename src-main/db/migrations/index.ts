import type { Migration } from 'kysely/migration';
import * as initial from './2026_11_22_001_initial';
import * as customerListIndex from './2026_11_22_002_customer_list_index';
import * as auditIndexes from './2026_11_22_003_audit_indexes';
import * as serviceHoldersIndex from './2026_11_22_004_service_holders_index';

/** Every migration, in order. Listed by hand: a bundled main process cannot scan a folder. */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['2026_11_22_001_initial', initial],
  ['2026_11_22_002_customer_list_index', customerListIndex],
  ['2026_11_22_003_audit_indexes', auditIndexes],
  ['2026_11_22_004_service_holders_index', serviceHoldersIndex],
];

export const LATEST_SCHEMA_VERSION = migrations.length;
