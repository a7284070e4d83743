import { randomUUID } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { CsvEntity, CsvExportResult, CsvImportReport } from '../../src-shared/ipc/methods/csv';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { exportCsv } from './csvExport';
import type { CsvTable } from './csvFormat';
import { planImport, type ImportPlan } from './csvImport';
import { checkCsvSize } from './csvRead';
import { cancelled, readCsvOnThread } from './csvThread';
const titles = {
  customers: 'customers',
  customerUsers: 'customer users',
  services: 'services',
} as const satisfies Record<CsvEntity, string>;
const fileNames = {
  customers: 'customers.csv',
  customerUsers: 'customer-users.csv',
  services: 'services.csv',
} as const satisfies Record<CsvEntity, string>;

/** Files checked by a preview, waiting for the admin's go: the renderer only ever holds the token. */
const pending = new Map<string, { entity: CsvEntity; table: CsvTable; fileName: string }>();

/** Writes every live record of one kind to a CSV file the admin chooses. */
export async function exportCsvFile(context: ServiceContext, entity: CsvEntity): Promise<CsvExportResult | null> {
  const path = await context.platform.chooseSavePath({
    title: `Export ${titles[entity]} as CSV`,
    defaultName: fileNames[entity],
    extensions: ['csv'],
  });
  if (!path) return null;
  const { text, records } = exportCsv(context, entity);
  writeFileSync(path, text, 'utf8');
  return { path, records };
}

function report(
  token: string,
  entity: CsvEntity,
  fileName: string,
  plan: ImportPlan,
  applied: boolean,
): CsvImportReport {
  const count = (action: string) => plan.actions.filter((line) => line.action === action).length;
  return {
    token,
    entity,
    fileName,
    records: plan.records,
    creates: count('create'),
    updates: count('update'),
    unchanged: count('unchanged'),
    fileErrors: plan.fileErrors,
    lineErrors: plan.lineErrors,
    ignoredColumns: plan.ignoredColumns,
    applied,
  };
}

/** The dry run: reads the chosen file and reports per line what an import would do, writing nothing. */
export async function previewCsvImport(context: ServiceContext, entity: CsvEntity): Promise<CsvImportReport | null> {
  const path = await context.platform.chooseOpenPath({
    title: `Import ${titles[entity]} from CSV`,
    extensions: ['csv', 'txt', 'tsv'],
  });
  if (!path) return null;
  const fileName = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ServiceError('not-found', `Cannot read ${fileName}: ${(error as Error).message}`);
  }
  // Checked here too, so a huge file is refused before a thread starts for it.
  checkCsvSize(path, size);
  const progress = (label: string) => (done: number, total: number) =>
    context.emit('progress', { task: 'csv', done, total, label });
  const { table, plan } = await context.longRead(async (signal) => {
    try {
      const reading = `Reading ${fileName}`;
      progress(reading)(0, size);
      const read = await readCsvOnThread(path, signal, progress(reading));
      const checking = `Checking ${fileName}`;
      const checked = await planImport(context, entity, read, async (done, total) => {
        progress(checking)(done, total);
        await setImmediate();
        if (signal.aborted) throw cancelled(checking);
      });
      return { table: read, plan: checked };
    } finally {
      context.emit('progress', { task: 'csv', done: 1, total: 1, label: 'done' });
    }
  });
  const token = randomUUID();
  pending.clear();
  pending.set(token, { entity, table, fileName });
  return report(token, entity, fileName, plan, false);
}

/**
 * Imports a previewed file in one transaction, with progress; cancelling rolls it all back. The
 * plan is made again inside the transaction, so a change since the preview is seen; any bad
 * line refuses the whole file.
 */
export async function applyCsvImport(context: ServiceContext, token: string): Promise<CsvImportReport> {
  const file = pending.get(token);
  if (!file) throw new ServiceError('not-found', 'That CSV preview is no longer available; choose the file again.');
  const label = `Importing ${file.fileName}`;
  const result = await context.longWrite(
    ['customer', 'customerUser', 'service', 'assignment'],
    'csv',
    async (batch, job) => {
      const checking = `Checking ${file.fileName}`;
      const plan = await planImport(context, file.entity, file.table, (done, total) =>
        job.progress(done, total, checking),
      );
      if (plan.fileErrors.length > 0 || plan.lineErrors.length > 0) {
        const lines = plan.lineErrors.length;
        throw new ServiceError(
          'refused',
          plan.fileErrors[0] ??
            `${lines} line${lines === 1 ? '' : 's'} of ${file.fileName} cannot be imported; nothing was changed.`,
        );
      }
      for (const [index, line] of plan.actions.entries()) {
        if (index % 500 === 0) await job.progress(index, plan.actions.length, label);
        line.apply(batch);
      }
      return report(token, file.entity, file.fileName, plan, true);
    },
  );
  pending.delete(token);
  return result;
}

export const csvHandlers = {
  'csv:export': (context, { entity }) => exportCsvFile(context, entity),
  'csv:preview': (context, { entity }) => previewCsvImport(context, entity),
  'csv:apply': (context, { token }) => applyCsvImport(context, token),
} satisfies HandlerGroup<'csv:export' | 'csv:preview' | 'csv:apply'>;
