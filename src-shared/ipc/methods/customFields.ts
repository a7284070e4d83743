import { customFieldListSchema, type CustomFieldDefinition } from '../../domain';
import { method, noInput } from '../method';

export const customFieldMethods = {
  /** The custom-field definitions for customers, in their order. */
  'customFields:list': method<typeof noInput, CustomFieldDefinition[]>(noInput),
  /** Saves the whole ordered list: adds, changes and (soft-)removes definitions in one batch. */
  'customFields:save': method<typeof customFieldListSchema, CustomFieldDefinition[]>(customFieldListSchema),
} as const;
