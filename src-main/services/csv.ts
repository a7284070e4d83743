import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { CsvEntity, CsvExportResult, CsvImportReport } from '../../src-shared/ipc/methods/csv';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { exportCsv } from './csvExport';
import { parseCsv } from './csvFormat';
import { planImport, type ImportPlan } from './csvImport';

const MAX_BYTES = 100 * 1024 * 1024;
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
const pending = new Map<string, { entity: CsvEntity; text: string; fileName: string }>();

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

function readCsvText(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_BYTES)
    throw new ServiceError(
      'refused',
      `${basename(path)} is ${Math.round(size / 1048576)} MB; a CSV import takes at most 100 MB.`,
    );
  const bytes = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) {
    throw new ServiceError(
      'refused',
      `${basename(path)} is not UTF-8 text. Save it again as "CSV UTF-8" (LibreOffice: Character set "Unicode (UTF-8)").`,
    );
  }
  return text;
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
  const text = readCsvText(path);
  const token = randomUUID();
  pending.clear();
  pending.set(token, { entity, text, fileName: basename(path) });
  return report(token, entity, basename(path), planImport(context, entity, parseCsv(text)), false);
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
      const plan = planImport(context, file.entity, parseCsv(file.text));
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
