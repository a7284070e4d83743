import { call } from '../../api';
import { createListStore } from '../../components/listStore';
import type { CustomerRow } from '../../../src-shared/domain';

/** The main window's customer list: query, invalid toggle and the rows loaded so far. */
export const useCustomerList = createListStore<CustomerRow>((query) => call('customers:list', query));
