import type { z } from 'zod';
import type { Batch } from './context';
import type { CsvColumn } from './csvColumns';

/** One CSV line's cells by field key. */
export type Cells = Readonly<Record<string, string>>;
export type LineAction = { readonly action: 'create' | 'update' | 'unchanged'; apply(batch: Batch): void };
/** A planner turns one line's cells into an action or its messages; it remembers earlier lines of the file. */
export type Planner = (cells: Cells, key: string) => LineAction | { readonly messages: readonly string[] };

/** "Name: Required" for each zod issue, named by the column the admin sees. */
export function issueMessages(
  issues: readonly z.core.$ZodIssue[],
  columns: readonly CsvColumn[],
  rename: Readonly<Record<string, string>> = {},
): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const key = rename[path] ?? path;
    const label = columns.find((column) => column.key === key)?.label ?? key;
    // A spreadsheet cell gets the allowed words, not zod's quoting.
    const message =
      issue.code === 'invalid_value' ? `use one of ${issue.values.map(String).join(', ')}` : issue.message;
    return `${label}: ${message}`;
  });
}
