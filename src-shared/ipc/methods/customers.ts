import { customerInputSchema, customerUpdateSchema, listQuerySchema, type Customer, type CustomerRow, type ListPage } from '../../domain';
import { byId, method, type DeleteResult } from '../method';

export const customerMethods = {
  /** One window of the customer list, ordered by Customer ID, with true counts. */
  'customers:list': method<typeof listQuerySchema, ListPage<CustomerRow>>(listQuerySchema),
  'customers:get': method<typeof byId, Customer>(byId),
  'customers:create': method<typeof customerInputSchema, Customer>(customerInputSchema),
  'customers:update': method<typeof customerUpdateSchema, Customer>(customerUpdateSchema),
  /** Soft delete: a tombstone that hides the customer, its assignments and its users. */
  'customers:delete': method<typeof byId, DeleteResult>(byId),
} as const;
