import { z } from 'zod';
import { method, noInput } from '../method';

export type AppInfo = {
  readonly version: string;
  readonly schemaVersion: number;
  readonly dbPath: string;
  readonly deviceId: string;
  readonly actor: string;
  /** Live records, valid or not: what the empty state checks. */
  readonly counts: { readonly customers: number; readonly services: number };
};

export const sampleSizesSchema = z.object({
  customers: z.number().int().min(0).max(100_000).default(200),
  services: z.number().int().min(0).max(2_000).default(60),
  assignments: z.number().int().min(0).max(1_000_000).default(1_500),
});
export type SampleSizes = z.input<typeof sampleSizesSchema>;
export type SampleResult = {
  readonly customers: number;
  readonly customerUsers: number;
  readonly services: number;
  readonly assignments: number;
  readonly defaultServices: number;
};

export const appMethods = {
  /** Version, schema version, database path, device id, actor and record counts of this copy. */
  'app:info': method<typeof noInput, AppInfo>(noInput),
  /** Fills an empty database with deterministic, realistic data. Refused when data exists. */
  'sample:load': method<typeof sampleSizesSchema, SampleResult>(sampleSizesSchema),
  /** Cancels the running long task (sample data, import); it rolls back. False when none runs. */
  'jobs:cancel': method<typeof noInput, boolean>(noInput),
} as const;
