import { z } from 'zod';
import { REDACTED } from './auditText';
import { identifier, idSchema, trimmed, validitySchema, type Validity } from './common';

/** The longest address RFC 5321 allows (64 before the @, 255 after). */
export const MAX_EMAIL = 320;

/** A customer user's fields as every copy of the data checks them: the dialogs, CSV files and snapshots. */
export const customerUserParts = {
  login: identifier(200).refine((value) => !/\s/.test(value), 'No spaces in a login'),
  firstName: trimmed(100),
  lastName: trimmed(100),
  /** Empty, an address, or the marker an erasure left. */
  email: z.union([
    z.literal(''),
    z.literal(REDACTED),
    z.email('Enter an email address like anna@example.com').max(MAX_EMAIL, `At most ${MAX_EMAIL} characters`),
  ]),
  phone: trimmed(100),
  validity: validitySchema,
  comment: trimmed(250),
};

export const customerUserInputSchema = z.object({
  login: customerUserParts.login,
  firstName: customerUserParts.firstName.default(''),
  lastName: customerUserParts.lastName.default(''),
  email: customerUserParts.email.default(''),
  phone: customerUserParts.phone.default(''),
  customerId: z.uuid('Choose a customer'),
  additionalCustomerIds: z.array(idSchema).max(1000).default([]),
  validity: customerUserParts.validity.default('valid'),
  comment: customerUserParts.comment.default(''),
});
export type CustomerUserInput = z.input<typeof customerUserInputSchema>;
export type CustomerUserFields = z.output<typeof customerUserInputSchema>;

export type CustomerUser = CustomerUserFields & {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type CustomerUserRow = {
  readonly id: string;
  readonly login: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly validity: Validity;
};

export const customerUserUpdateSchema = z.object({ id: idSchema, fields: customerUserInputSchema });
