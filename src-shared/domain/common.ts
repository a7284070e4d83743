import { z } from 'zod';

export const validities = ['valid', 'invalid', 'invalid-temporarily'] as const;
export const validitySchema = z.enum(validities);
export type Validity = z.infer<typeof validitySchema>;

export const idSchema = z.uuid();

/** A hybrid logical clock stamp: 15-digit wall ms, 6-digit counter, device id. Sorts as a string. */
export const stampSchema = z.string().regex(/^\d{15}:\d{6}:[0-9a-f-]{36}$/, 'not a clock stamp');
export type Stamp = z.infer<typeof stampSchema>;

/** ISO calendar date, YYYY-MM-DD. */
export const dateSchema = z.iso.date();

export function trimmed(max: number) {
  return z.string().trim().max(max, `At most ${max} characters`);
}

export function required(max: number) {
  return z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);
}

/** What every list method takes: a filter text, whether to show invalid records, and a window. */
export const listQuerySchema = z.object({
  query: z.string().max(200).default(''),
  showInvalid: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(5000).default(200),
});
export type ListQuery = z.input<typeof listQuerySchema>;

/** One window of a list: `total` counts every live record (valid or not), `filtered` those shown for the query. */
export type ListPage<Row> = {
  readonly rows: readonly Row[];
  readonly offset: number;
  readonly total: number;
  readonly filtered: number;
  /** Rows the list shows in all, when that differs from `filtered` (a tree keeps ancestors of matches). */
  readonly rowCount?: number;
};
