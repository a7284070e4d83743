import { z } from 'zod';
import { idSchema } from '../../domain';
import { MAX_DROPPED_SNAPSHOT_BYTES } from '../../snapshot/format';
import type { ExportResult, ImportPreview, ImportSummary } from '../../snapshot/plan';
import { method, noInput } from '../method';

/** The most choices one preview carries: an admin clicks each, so far more than anyone makes. */
const MAX_CHOICES = 100_000;
function choices<Choice extends z.ZodType<string>>(choice: Choice) {
  return z
    .record(z.string().max(300), choice)
    .refine((value) => Object.keys(value).length <= MAX_CHOICES, `At most ${MAX_CHOICES} choices`)
    .default({});
}
const resolutionsSchema = z.object({
  conflicts: choices(z.enum(['mine', 'theirs'])),
  collisions: choices(z.enum(['link', 'keep-both'])),
});
const previewInput = z.object({
  previewId: idSchema,
  resolutions: resolutionsSchema.default({ conflicts: {}, collisions: {} }),
});
/** A dropped file's bytes, base64, under the same size limit as a file read by main. */
const bytesInput = z.object({
  fileName: z.string().max(500),
  base64: z
    .string()
    .max(
      Math.ceil(MAX_DROPPED_SNAPSHOT_BYTES / 3) * 4,
      `A dropped snapshot can be at most ${MAX_DROPPED_SNAPSHOT_BYTES / 1024 / 1024} MB; open a bigger one with Import snapshot… instead.`,
    ),
});
/** 'local' is this copy's data; otherwise the id of an opened snapshot. */
const sideSchema = z.union([z.literal('local'), idSchema]);
const compareInput = z.object({ left: sideSchema, right: idSchema });
const reportInput = z.object({
  source: sideSchema,
  against: sideSchema.nullable().default(null),
  format: z.enum(['csv', 'html']),
});

/** Both directions of a comparison: what `right` would bring into `left`, and what `left` has that `right` lacks. */
export type Comparison = { readonly incoming: ImportPreview; readonly outgoing: ImportPreview };

export type ReviewOpened = {
  readonly previewId: string;
  readonly fileName: string;
  readonly exportedAt: string;
  readonly exporter: string;
};

export const snapshotMethods = {
  /** Asks where to save, then writes this copy's full state (gzip for .sasnapz). Null when cancelled. */
  'snapshots:export': method<typeof noInput, ExportResult | null>(noInput),
  /** Asks for a file, checks it and answers the import preview against this copy. Null when cancelled. */
  'snapshots:open': method<typeof noInput, ImportPreview | null>(noInput),
  /** The same for a file dropped on the window: the renderer sends its bytes. */
  'snapshots:openBytes': method<typeof bytesInput, ImportPreview>(bytesInput),
  /** The same for a file the OS asked to open; the token came with the 'snapshot:open' event. */
  'snapshots:openPending': method<z.ZodObject<{ token: typeof idSchema }>, ImportPreview>(
    z.object({ token: idSchema }),
  ),
  /** The preview again with the admin's choices for conflicts and collisions: what Apply will do. */
  'snapshots:preview': method<typeof previewInput, ImportPreview>(previewInput),
  /** Backup, then one transaction. Null when there was nothing to import. */
  'snapshots:apply': method<typeof previewInput, ImportSummary | null>(previewInput),
  /** Forgets an opened snapshot (Cancel). */
  'snapshots:close': method<z.ZodObject<{ previewId: typeof idSchema }>, boolean>(z.object({ previewId: idSchema })),
  /** Offline review: opens a snapshot read-only; nothing is written anywhere. Null when cancelled. */
  'snapshots:review': method<typeof noInput, ReviewOpened | null>(noInput),
  /** How `right` differs from `left` (this copy or another opened snapshot), in the preview's terms. */
  'snapshots:compare': method<typeof compareInput, Comparison>(compareInput),
  /** Saves a report (CSV or printable HTML) of this copy or a snapshot, with the changes against another. */
  'snapshots:report': method<typeof reportInput, { readonly path: string } | null>(reportInput),
} as const;
