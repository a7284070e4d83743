import { useEffect, useState } from 'react';
import type { Progress } from '../../../src-shared/ipc/contract';
import { csvEntities, type CsvEntity, type CsvImportReport } from '../../../src-shared/ipc/methods/csv';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { TaskProgress } from '../../components/TaskProgress';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';

/**
 * Dialog "CSV import / export": pick the kind of records, export them, or import a file: the
 * import is a dry run first with a per-line report, and writes only when the admin confirms.
 */
export function CsvDialog({ onClose }: Readonly<{ onClose: () => void }>) {
  const show = useToasts((state) => state.show);
  const [entity, setEntity] = useState<CsvEntity>('customers');
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      window.api.on('progress', (payload) =>
        setProgress(payload.task === 'csv' && payload.done < payload.total ? payload : null),
      ),
    [],
  );

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const exportFile = () =>
    run(async () => {
      const result = await call('csv:export', { entity });
      if (result) show(t('csv.exported', { records: result.records, path: result.path }));
    });
  const preview = () =>
    run(async () => {
      setReport(null);
      const result = await call('csv:preview', { entity });
      if (result) setReport(result);
    });
  const apply = (token: string) =>
    run(async () => {
      const result = await call('csv:apply', { token });
      show(t('csv.applied', { fileName: result.fileName, creates: result.creates, updates: result.updates }));
      onClose();
    });

  // A running read or import stops (main says so, and nothing is changed); otherwise the dialog closes.
  const cancel = async () => {
    if ((progress || busy) && (await call('jobs:cancel', {}))) return;
    onClose();
  };

  const changes = report ? report.creates + report.updates : 0;
  const blocked = !report || report.fileErrors.length > 0 || report.lineErrors.length > 0 || changes === 0;
  return (
    <Dialog
      title={t('csv.title')}
      open
      onRequestClose={() => void cancel()}
      description={t('csv.body')}
      wide={report !== null && report.lineErrors.length > 0}
      footer={
        <>
          <button type="button" onClick={() => void cancel()}>
            {t('common.cancel')}
          </button>
          {report && !blocked ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void apply(report.token)}>
              {t('csv.apply', { count: changes })}
            </button>
          ) : null}
        </>
      }
    >
      <div className="csv-tools">
        <label className="field">
          <span>{t('csv.entity')}</span>
          <select
            value={entity}
            disabled={busy}
            onChange={(event) => {
              setEntity(csvEntities.find((value) => value === event.target.value) ?? 'customers');
              setReport(null);
            }}
          >
            {csvEntities.map((value) => (
              <option key={value} value={value}>
                {t(`csv.entity.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => void exportFile()}>
          {t('csv.export')}
        </button>
        <button type="button" disabled={busy} onClick={() => void preview()}>
          {t('csv.import')}
        </button>
      </div>
      {progress ? <TaskProgress progress={progress} name={progress.label} /> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {report ? <CsvReport report={report} /> : null}
    </Dialog>
  );
}

function CsvReport({ report }: Readonly<{ report: CsvImportReport }>) {
  return (
    <section className="csv-report" aria-label={report.fileName}>
      <p>{t('csv.checked', { fileName: report.fileName, records: report.records })}</p>
      {report.fileErrors.map((message) => (
        <p key={message} className="form-error" role="alert">
          {message}
        </p>
      ))}
      {report.fileErrors.length === 0 ? (
        <p role="status">
          {t('csv.summary', { creates: report.creates, updates: report.updates, unchanged: report.unchanged })}
        </p>
      ) : null}
      {report.ignoredColumns.length > 0 ? (
        <p className="field-hint">{t('csv.ignored', { columns: report.ignoredColumns.join(', ') })}</p>
      ) : null}
      {report.fileErrors.length === 0 && report.lineErrors.length === 0 && report.creates + report.updates === 0 ? (
        <p>{t('csv.nothing')}</p>
      ) : null}
      {report.lineErrors.length > 0 ? (
        <>
          <p className="form-error" role="alert">
            {t('csv.errors', { count: report.lineErrors.length })}
          </p>
          <table className="csv-errors">
            <tbody>
              {report.lineErrors.map((line) => (
                <tr key={line.line}>
                  <th scope="row">{t('csv.line', { line: line.line })}</th>
                  <td>{line.key}</td>
                  <td>{line.messages.join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
