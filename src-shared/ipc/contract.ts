import type { z } from 'zod';
import { allocationMethods } from './methods/allocation';
import { appMethods } from './methods/app';
import { auditMethods } from './methods/audit';
import { customerMethods } from './methods/customers';
import { customerUserMethods } from './methods/customerUsers';
import { serviceMethods } from './methods/services';
import { settingsMethods } from './methods/settings';
import { customFieldMethods } from './methods/customFields';
import { csvMethods } from './methods/csv';
import { snapshotMethods } from './methods/snapshots';

/**
 * The one contract between renderer and main, assembled from one file per domain. Every
 * method name is `domain:verb`; main validates every input against its schema before a
 * handler sees it.
 */
export const contract = {
  ...appMethods,
  ...customerMethods,
  ...serviceMethods,
  ...customerUserMethods,
  ...auditMethods,
  ...settingsMethods,
  ...customFieldMethods,
  ...csvMethods,
  ...allocationMethods,
  ...snapshotMethods,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type InputOf<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends Method> = z.output<Contract[M]['input']>;
export type OutputOf<M extends Method> = z.output<Contract[M]['output']>;

export { type AppInfo, type SampleResult, type SampleSizes, sampleSizesSchema } from './methods/app';
export type { DeleteResult } from './method';
export type { EventName, EventPayloads, Progress } from './events';
