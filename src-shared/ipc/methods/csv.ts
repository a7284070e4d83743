import { z } from 'zod';
import { method } from '../method';

export const csvEntities = ['customers', 'customerUsers', 'services'] as const;
export const csvEntitySchema = z.enum(csvEntities);
export type CsvEntity = z.infer<typeof csvEntitySchema>;

/** One line of a CSV file that cannot be imported, with every reason. */
export type CsvLineError = { readonly line: number; readonly key: string; readonly messages: readonly string[] };

/** What an import would do (dry run) or did; `token` names the checked file for the apply step. */
export type CsvImportReport = {
  readonly token: string;
  readonly entity: CsvEntity;
  readonly fileName: string;
  readonly records: number;
  readonly creates: number;
  readonly updates: number;
  readonly unchanged: number;
  /** Problems of the file itself (a missing column); nothing can be imported while there are any. */
  readonly fileErrors: readonly string[];
  readonly lineErrors: readonly CsvLineError[];
  /** Columns that are not recognised and will be ignored. */
  readonly ignoredColumns: readonly string[];
  readonly applied: boolean;
};

export type CsvExportResult = { readonly path: string; readonly records: number };

const entityInput = z.object({ entity: csvEntitySchema });
const applyInput = z.object({ token: z.uuid() });

export const csvMethods = {
  /** Asks where to save, then writes every live record of the kind as spreadsheet CSV. Null when the admin cancelled. */
  'csv:export': method<typeof entityInput, CsvExportResult | null>(entityInput),
  /** Asks for a file, then checks it without writing: a per-line error report and what would change. Null when cancelled. */
  'csv:preview': method<typeof entityInput, CsvImportReport | null>(entityInput),
  /** Imports a previewed file in one transaction; refused (nothing written) when any line is bad. */
  'csv:apply': method<typeof applyInput, CsvImportReport>(applyInput),
} as const;
