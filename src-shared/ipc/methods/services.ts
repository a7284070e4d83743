import { z } from 'zod';
import {
  idSchema,
  listQuerySchema,
  serviceInputSchema,
  serviceUpdateSchema,
  type ListPage,
  type Service,
  type ServiceRow,
} from '../../domain';
import { byId, method, type DeleteResult } from '../method';

export const serviceCloneSchema = z.object({ id: idSchema, name: serviceInputSchema.shape.name });

export const serviceMethods = {
  /** One window of the service tree in tree order; ancestors of matches are kept. */
  'services:list': method<typeof listQuerySchema, ListPage<ServiceRow>>(listQuerySchema),
  'services:get': method<typeof byId, Service>(byId),
  'services:create': method<typeof serviceInputSchema, Service>(serviceInputSchema),
  /** Renaming or moving a service updates the path of every descendant. */
  'services:update': method<typeof serviceUpdateSchema, Service>(serviceUpdateSchema),
  /** Soft delete of the service and its sub-services. */
  'services:delete': method<typeof byId, DeleteResult>(byId),
  /** What `services:delete` would hide, without deleting: for the confirmation. */
  'services:deletePreview': method<typeof byId, DeleteResult>(byId),
  /** A copy of a service's settings under a new name, beside the original. */
  'services:clone': method<typeof serviceCloneSchema, Service>(serviceCloneSchema),
} as const;
