import { z } from 'zod';
import { identifier, idSchema, required, trimmed, validitySchema, type Validity } from './common';
import { customFieldValuesSchema } from './customField';

export const accessModes = ['defaults', 'specific'] as const;
export const accessModeSchema = z.enum(accessModes);
export type AccessMode = z.infer<typeof accessModeSchema>;

const urlSchema = trimmed(500).refine(
  (value) => value === '' || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(value),
  'Enter a full web address, like https://example.com',
);

/**
 * A customer's fields as every copy of the data checks them: the dialogs, CSV files and snapshots.
 * A Customer ID holds no list separator, so a CSV cell can list several.
 */
export const customerParts = {
  code: identifier(150)
    .refine((value) => !/\s/.test(value), 'No spaces in a Customer ID')
    .refine((value) => !/[,;|]/.test(value), 'No , ; or | in a Customer ID'),
  name: required(200),
  street: trimmed(200),
  zip: trimmed(50),
  city: trimmed(200),
  country: trimmed(200),
  url: urlSchema,
  comment: trimmed(250),
  validity: validitySchema,
  customFields: customFieldValuesSchema,
};

/** What an admin types into "New customer" / "Edit customer". */
export const customerInputSchema = z.object({
  code: customerParts.code,
  name: customerParts.name,
  street: customerParts.street.default(''),
  zip: customerParts.zip.default(''),
  city: customerParts.city.default(''),
  country: customerParts.country.default(''),
  url: customerParts.url.default(''),
  comment: customerParts.comment.default(''),
  validity: customerParts.validity.default('valid'),
  customFields: customerParts.customFields.default({}),
});
export type CustomerInput = z.input<typeof customerInputSchema>;
export type CustomerFields = z.output<typeof customerInputSchema>;

export type Customer = CustomerFields & {
  readonly id: string;
  readonly accessMode: AccessMode;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/** Every live customer in list order, column by column, so the renderer can filter without a round trip. */
export type CustomerIndexColumns = {
  /** Names this list of customers: a list with other customers or in another order has another version. */
  readonly version: number;
  readonly ids: readonly string[];
  readonly codes: readonly string[];
  readonly names: readonly string[];
  readonly cities: readonly string[];
  readonly valid: readonly number[];
  readonly validities: readonly Validity[];
  readonly specific: readonly number[];
};

/** One row of the customer list, with what it effectively gets. */
export type CustomerRow = {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly validity: Validity;
  readonly accessMode: AccessMode;
  /** How many services it effectively gets; null while not yet known. */
  readonly effectiveCount: number | null;
  /** Values of the admin-defined fields, for the columns shown on demand. */
  readonly customFields: Readonly<Record<string, string | number | null>>;
};

export const customerUpdateSchema = z.object({ id: idSchema, fields: customerInputSchema });
