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

/** Half of a character: UTF-8 (the database, every file) cannot hold it and would replace it. */
const BROKEN = /\p{Cs}/u;
const BROKEN_MESSAGE = 'Contains a broken character';

/** Text of at most `max` characters, trimmed. */
export function trimmed(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((value) => !BROKEN.test(value), BROKEN_MESSAGE);
}

/** Text that must not be empty once trimmed. */
export function required(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((value) => !BROKEN.test(value), BROKEN_MESSAGE);
}

/**
 * Characters that do not show, or change the order in which text shows: controls, format
 * characters (zero-width, bidi), default-ignorables, broken halves and spaces other than the plain one.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|[^\S ]/u;

/**
 * What admins tell records apart by (Customer ID, login, service name), in the dialogs, CSV files
 * and snapshots alike: NFC-normalised and free of invisible characters, so two that look the
 * same are the same.
 */
export function identifier(max: number) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((value) => !HIDDEN.test(value), 'No invisible, control or text-direction characters');
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
