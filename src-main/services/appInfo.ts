import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { loadSample } from './sample';

function liveCounts(context: ServiceContext) {
  return context.conn.sql
    .prepare(
      'SELECT (SELECT count(*) FROM customer WHERE deleted = 0) AS customers, (SELECT count(*) FROM service WHERE deleted = 0) AS services',
    )
    .get() as { customers: number; services: number };
}

export const appHandlers = {
  'app:info': (context) => ({
    version: context.appVersion,
    schemaVersion: LATEST_SCHEMA_VERSION,
    dbPath: context.conn.path,
    deviceId: context.deviceId,
    actor: context.actor(),
    counts: liveCounts(context),
  }),
  'sample:load': loadSample,
  'jobs:cancel': (context) => context.cancelJob(),
} satisfies HandlerGroup<'app:info' | 'sample:load' | 'jobs:cancel'>;
