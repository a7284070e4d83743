import {
  customerUserInputSchema,
  customerUserUpdateSchema,
  idSchema,
  listQuerySchema,
  type CustomerUser,
  type CustomerUserRow,
  type ListPage,
} from '../../domain';
import { byId, method, type DeleteResult } from '../method';

export const customerUserListSchema = listQuerySchema.extend({ customerId: idSchema.nullable().default(null) });

export const customerUserMethods = {
  /** Customer users, all or those of one customer (primary or additional), ordered by login. */
  'customerUsers:list': method<typeof customerUserListSchema, ListPage<CustomerUserRow>>(customerUserListSchema),
  'customerUsers:get': method<typeof byId, CustomerUser>(byId),
  'customerUsers:create': method<typeof customerUserInputSchema, CustomerUser>(customerUserInputSchema),
  'customerUsers:update': method<typeof customerUserUpdateSchema, CustomerUser>(customerUserUpdateSchema),
  'customerUsers:delete': method<typeof byId, DeleteResult>(byId),
} as const;
