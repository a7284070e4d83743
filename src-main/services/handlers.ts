import type { Handlers } from '../ipc/handlers';
import { appHandlers } from './appInfo';
import { customerHandlers } from './customers';
import { customerUserHandlers } from './customerUsers';
import { serviceHandlers } from './serviceCatalog';
import { snapshotHandlers } from './snapshots';

/** The whole handler map, one group per domain: every contract method, no more. */
export const handlers = {
  ...appHandlers,
  ...customerHandlers,
  ...serviceHandlers,
  ...customerUserHandlers,
  ...snapshotHandlers,
} satisfies Handlers;
