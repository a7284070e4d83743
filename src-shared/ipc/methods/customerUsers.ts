import {
  customerUserInputSchema,
  customerUserUpdateSchema,
  idSchema,
  listQuerySchema,
  type CustomerUser,
  type EffectiveSource,
  type CustomerUserRow,
  type ListPage,
} from '../../domain';
import { byId, method, type DeleteResult } from '../method';

export type UserServiceSource = {
  readonly customerId: string;
  readonly code: string;
  readonly name: string;
  readonly source: EffectiveSource;
};
export type UserService = {
  readonly serviceId: string;
  readonly path: string;
  readonly sources: readonly UserServiceSource[];
};

export const customerUserListSchema = listQuerySchema.extend({ customerId: idSchema.nullable().default(null) });

export const customerUserMethods = {
  /** Customer users, all or those of one customer (primary or additional), ordered by login. */
  'customerUsers:list': method<typeof customerUserListSchema, ListPage<CustomerUserRow>>(customerUserListSchema),
  'customerUsers:get': method<typeof byId, CustomerUser>(byId),
  'customerUsers:create': method<typeof customerUserInputSchema, CustomerUser>(customerUserInputSchema),
  'customerUsers:update': method<typeof customerUserUpdateSchema, CustomerUser>(customerUserUpdateSchema),
  'customerUsers:delete': method<typeof byId, DeleteResult>(byId),
  /** The user's effective services: the union over its customers, each with its sources. */
  'customerUsers:services': method<typeof byId, UserService[]>(byId),
} as const;
