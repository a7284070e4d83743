import type { Handlers } from '../ipc/handlers';
import { allocationHandlers } from './allocation';
import { appHandlers } from './appInfo';
import { auditHandlers } from './audit';
import { customerHandlers } from './customers';
import { customerUserHandlers } from './customerUsers';
import { serviceHandlers } from './serviceCatalog';
import { settingsHandlers } from './settings';
import { customerCloneHandlers } from './customerClone';
import { serviceCloneHandlers } from './serviceClone';
import { customerUserServiceHandlers } from './customerUserServices';
import { customFieldHandlers } from './customFields';
import { csvHandlers } from './csv';
import { lifecycleHandlers } from './lifecycle';
import { snapshotHandlers } from './snapshots';

/** The whole handler map, one group per domain: every contract method, no more. */
export const handlers = {
  ...appHandlers,
  ...customerHandlers,
  ...serviceHandlers,
  ...customerUserHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...customerCloneHandlers,
  ...serviceCloneHandlers,
  ...customerUserServiceHandlers,
  ...customFieldHandlers,
  ...csvHandlers,
  ...lifecycleHandlers,
  ...allocationHandlers,
  ...snapshotHandlers,
} satisfies Handlers;
