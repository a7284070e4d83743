import { z } from 'zod';
import { dateSchema, trimmed } from './common';

export const assignmentStatuses = ['active', 'pending', 'stopped', 'disabled', 'archived'] as const;
export const assignmentStatusSchema = z.enum(assignmentStatuses);
export type AssignmentStatus = z.infer<typeof assignmentStatusSchema>;

export const payPeriods = ['monthly', 'quarterly', 'yearly', 'one-time'] as const;
export const payPeriodSchema = z.enum(payPeriods);

/** The bounds of an assignment's details, for the dialog, snapshots and the snapshot's fast row check alike. */
export const assignmentLimits = {
  quantity: 1_000_000_000,
  priceMinor: 1e13,
  unit: 50,
  description: 1000,
} as const;

/** The details of one customer's use of one service. Money is integer minor units (cents). */
export const assignmentDetailsSchema = z
  .object({
    status: assignmentStatusSchema.default('active'),
    startDate: dateSchema.nullable().default(null),
    endDate: dateSchema.nullable().default(null),
    quantity: z.number().int().min(0).max(assignmentLimits.quantity).nullable().default(null),
    unit: trimmed(assignmentLimits.unit).default(''),
    priceMinor: z
      .number()
      .int('Price must be whole cents')
      .min(0, 'Price cannot be negative')
      .max(assignmentLimits.priceMinor)
      .nullable()
      .default(null),
    payPeriod: payPeriodSchema.nullable().default(null),
    discountPercent: z.number().min(0, 'Discount is 0–100 %').max(100, 'Discount is 0–100 %').nullable().default(null),
    discountStart: dateSchema.nullable().default(null),
    discountEnd: dateSchema.nullable().default(null),
    description: trimmed(assignmentLimits.description).default(''),
  })
  .superRefine((value, context) => {
    if (value.startDate && value.endDate && value.endDate < value.startDate) {
      context.addIssue({ code: 'custom', path: ['endDate'], message: 'End date cannot be before the start date' });
    }
    if (value.discountStart && value.discountEnd && value.discountEnd < value.discountStart) {
      context.addIssue({ code: 'custom', path: ['discountEnd'], message: 'Discount end cannot be before its start' });
    }
  });
export type AssignmentDetailsInput = z.input<typeof assignmentDetailsSchema>;
export type AssignmentDetails = z.output<typeof assignmentDetailsSchema>;

export type Assignment = AssignmentDetails & {
  readonly customerId: string;
  readonly serviceId: string;
  /** Set when the customer lifecycle stopped it, so that revalidation restores exactly these. */
  readonly stoppedByLifecycle: boolean;
};
