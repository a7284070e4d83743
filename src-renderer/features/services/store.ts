import { call } from '../../api';
import { createListStore } from '../../components/listStore';
import type { ServiceRow } from '../../../src-shared/domain';

/** The main window's service tree; `count` includes the ancestors kept around matches. */
export const useServiceList = createListStore<ServiceRow>(
  (query) => call('services:list', query),
  (page) => page.rowCount ?? page.filtered,
);
