import type { CsvEntity, CsvLineError } from '../../src-shared/ipc/methods/csv';
import type { ServiceContext } from './context';
import { columnsFor, csvKeyColumn, mapHeaders } from './csvColumns';
import type { CsvTable } from './csvFormat';
import type { LineAction, Planner } from './csvPlanner';
import { customerPlanner, customerUserPlanner } from './csvPlanners';
import { servicePlanner } from './csvServicePlanner';
import { listCustomFields } from './customFields';

export type ImportPlan = {
  readonly records: number;
  readonly fileErrors: readonly string[];
  readonly lineErrors: readonly CsvLineError[];
  readonly ignoredColumns: readonly string[];
  readonly actions: readonly LineAction[];
};

/**
 * The dry run of an import: maps the headers, checks every line against the same schemas the
 * dialogs use and the current data, and says per line what it would do. Pure reading; `apply`
 * runs the actions inside one batch.
 */
export function planImport(context: ServiceContext, entity: CsvEntity, table: CsvTable): ImportPlan {
  const columns = columnsFor(entity, listCustomFields(context));
  const mapping = mapHeaders(table.headers, columns);
  const keyColumn = csvKeyColumn[entity];
  const fileErrors: string[] = [];
  if (![...mapping.byIndex.values()].includes(keyColumn)) {
    const label = columns.find((column) => column.key === keyColumn)?.label ?? keyColumn;
    fileErrors.push(
      `The file has no "${label}" column. Its first line must name the columns, like the file an export writes.`,
    );
  }
  for (const header of mapping.duplicates) fileErrors.push(`The column "${header}" appears twice.`);
  if (fileErrors.length > 0) {
    return { records: table.records.length, fileErrors, lineErrors: [], ignoredColumns: mapping.ignored, actions: [] };
  }
  const planner: Planner =
    entity === 'customers'
      ? customerPlanner(context, columns)
      : entity === 'customerUsers'
        ? customerUserPlanner(context, columns)
        : servicePlanner(context, columns);
  const firstLine = new Map<string, number>();
  const lineErrors: CsvLineError[] = [];
  const actions: LineAction[] = [];
  const ordered =
    entity === 'services'
      ? [...table.records].sort((a, b) => depthOf(a.cells, mapping.byIndex) - depthOf(b.cells, mapping.byIndex))
      : table.records;
  for (const record of ordered) {
    const cells: Record<string, string> = {};
    mapping.byIndex.forEach((key, index) => (cells[key] = record.cells[index] ?? ''));
    const key = (cells[keyColumn] ?? '').trim();
    const earlier = firstLine.get(key.toLowerCase());
    if (key !== '' && earlier !== undefined) {
      lineErrors.push({
        line: record.line,
        key,
        messages: [`"${key}" appears again; it was already on line ${earlier}.`],
      });
      continue;
    }
    if (key !== '') firstLine.set(key.toLowerCase(), record.line);
    const result = planner(cells, key);
    if ('messages' in result) lineErrors.push({ line: record.line, key, messages: result.messages });
    else actions.push(result);
  }
  lineErrors.sort((a, b) => a.line - b.line);
  return { records: table.records.length, fileErrors, lineErrors, ignoredColumns: mapping.ignored, actions };
}

function depthOf(cells: readonly string[], byIndex: ReadonlyMap<number, string>): number {
  for (const [index, key] of byIndex) if (key === 'path') return (cells[index] ?? '').split('::').length;
  return 0;
}
