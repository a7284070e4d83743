import type { CsvEntity, CsvLineError } from '../../src-shared/ipc/methods/csv';
import type { ServiceContext } from './context';
import { columnsFor, csvKeyColumn, mapHeaders } from './csvColumns';
import { restoreCell } from './csvCell';
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

/** Lines checked between two calls of planImport's `progress`. */
const PROGRESS_LINES = 500;

/**
 * The dry run of an import: maps the headers, checks every line against the same schemas the
 * dialogs use and the current data, and says per line what it would do. Pure reading; `apply`
 * runs the actions inside one batch. `progress` is awaited every few hundred lines: it reports,
 * yields to the event loop and throws to stop.
 */
export async function planImport(
  context: ServiceContext,
  entity: CsvEntity,
  table: CsvTable,
  progress: (done: number, total: number) => Promise<void> = () => Promise.resolve(),
): Promise<ImportPlan> {
  const columns = columnsFor(entity, listCustomFields(context));
  const mapping = mapHeaders(table.headers.map(restoreCell), columns);
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
  for (const [index, record] of ordered.entries()) {
    if (index % PROGRESS_LINES === 0) await progress(index, ordered.length);
    const cells: Record<string, string> = {};
    mapping.byIndex.forEach((key, index) => (cells[key] = restoreCell(record.cells[index] ?? '')));
    // Keys compare as the schemas store them (NFC), so a decomposed twin is the same record.
    const key = (cells[keyColumn] ?? '').trim().normalize('NFC');
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
