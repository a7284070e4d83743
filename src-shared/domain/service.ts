import { z } from 'zod';
import { identifier, idSchema, trimmed, validitySchema, type Validity } from './common';

export const serviceTypes = [
  'End User Service',
  'Front End',
  'Back End',
  'IT Management',
  'Reporting',
  'IT Operational',
  'Demonstration',
] as const;
export const serviceTypeSchema = z.enum(serviceTypes);
export type ServiceType = z.infer<typeof serviceTypeSchema>;

export const criticalities = [1, 2, 3, 4, 5] as const;
export const criticalityLabels = ['very low', 'low', 'normal', 'high', 'very high'] as const;

export const PATH_SEPARATOR = '::';

/**
 * A service's fields as every copy of the data checks them: the dialogs, CSV files and snapshots.
 * A name neither holds "::" nor starts or ends with ":", so its full path splits back into names.
 */
export const serviceParts = {
  name: identifier(200)
    .refine((value) => !value.includes(PATH_SEPARATOR), 'A name cannot contain "::"; pick "Sub-service of" instead')
    .refine((value) => !value.startsWith(':') && !value.endsWith(':'), 'A name cannot start or end with ":"'),
  type: serviceTypeSchema,
  criticality: z.number().int().min(1).max(5),
  comment: trimmed(250),
  validity: validitySchema,
};

export const serviceInputSchema = z.object({
  name: serviceParts.name,
  parentId: idSchema.nullable().default(null),
  type: serviceParts.type.default('End User Service'),
  criticality: serviceParts.criticality.default(3),
  comment: serviceParts.comment.default(''),
  validity: serviceParts.validity.default('valid'),
});
export type ServiceInput = z.input<typeof serviceInputSchema>;
export type ServiceFields = z.output<typeof serviceInputSchema>;

export type Service = ServiceFields & {
  readonly id: string;
  readonly path: string;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/** One row of the service tree, in tree order. */
export type ServiceRow = {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly parentId: string | null;
  readonly depth: number;
  readonly type: ServiceType;
  readonly criticality: number;
  readonly validity: Validity;
  /** True when it matches the filter itself, false when it is shown only as an ancestor of a match. */
  readonly match: boolean;
  readonly childCount: number;
};

export const serviceUpdateSchema = z.object({ id: idSchema, fields: serviceInputSchema });

/** Tree order: compare path segment by segment, case-insensitively, so "IT::Email" sorts under "IT". */
export function compareServicePaths(a: string, b: string): number {
  const left = a.split(PATH_SEPARATOR);
  const right = b.split(PATH_SEPARATOR);
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const order = collator.compare(left[index] ?? '', right[index] ?? '');
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
