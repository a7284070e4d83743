import { z } from 'zod';
import { idSchema, required, trimmed, validitySchema, type Validity } from './common';

export const customerUserInputSchema = z.object({
  login: required(200).refine((value) => !/\s/.test(value), 'No spaces in a login'),
  firstName: trimmed(100).default(''),
  lastName: trimmed(100).default(''),
  email: z.union([z.literal(''), z.email('Enter an email address like anna@example.com')]).default(''),
  phone: trimmed(100).default(''),
  customerId: z.uuid('Choose a customer'),
  additionalCustomerIds: z.array(idSchema).max(1000).default([]),
  validity: validitySchema.default('valid'),
  comment: trimmed(250).default(''),
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
