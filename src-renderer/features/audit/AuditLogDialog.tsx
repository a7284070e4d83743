import { useCallback, useEffect, useState } from 'react';
import { describeChange, formatWhen } from '../../../src-shared/domain/auditText';
import { isUndoable } from '../../../src-shared/domain/undoPlan';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useToasts } from '../../components/toast';
import { VirtualRows } from '../../components/VirtualRows';
import { t } from '../../i18n';
import { AuditFiltersBar } from './AuditFiltersBar';
import { EventChanges } from './EventChanges';
import { currentAuditFilter, useAuditFilters, useAuditList } from './store';
import { undoAndAnnounce } from './undoToast';

/** Dialog "Audit log": every change, newest first, filterable, virtualized, exportable as CSV. */
export function AuditLogDialog({ onClose }: Readonly<{ onClose: () => void }>) {
  const list = useAuditList();
  const filters = useAuditFilters((state) => state.filters);
  const show = useToasts((state) => state.show);
  const [selected, setSelected] = useState<number | null>(null);
  const ensureRange = useAuditList((state) => state.ensureRange);
  const onRange = useCallback((start: number, end: number) => ensureRange(start, end), [ensureRange]);

  useEffect(() => {
    // Each opening starts with every change, newest first.
    useAuditFilters.getState().clear();
    return window.api.on('data:changed', () => useAuditList.getState().refresh());
  }, []);

  const exportCsv = async () => {
    try {
      const result = await call('audit:export', currentAuditFilter());
      if (result) show(t('audit.exported', { rows: result.rows, path: result.path }));
    } catch (error) {
      show(errorMessage(error), 'error');
    }
  };

  const event = selected === null ? undefined : list.rows.get(selected);
  const filtering = list.query !== '' || Object.values(filters).some((value) => value !== null);
  return (
    <Dialog
      title={t('audit.title')}
      open
      wide
      onRequestClose={onClose}
      footer={
        <>
          <button type="button" onClick={() => void exportCsv()}>
            {t('audit.export')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
    >
      <AuditFiltersBar />
      <div className="audit-count" role="status" aria-label={t('audit.count')}>
        {t('count.of', { shown: list.filtered, total: list.total })}
      </div>
      <div className="grid-header" aria-hidden="true">
        <span className="col-when">{t('audit.columns.when')}</span>
        <span className="col-who">{t('audit.columns.who')}</span>
        <span className="col-what">{t('audit.columns.what')}</span>
      </div>
      {list.error ? (
        <p className="list-error" role="alert">
          {list.error}
        </p>
      ) : null}
      <div className="audit-rows">
        <VirtualRows
          role="grid"
          label={t('audit.events')}
          count={list.filtered}
          onRange={onRange}
          onActivate={setSelected}
          empty={list.loaded ? t(filtering ? 'audit.noMatch' : 'audit.empty') : t('list.loading')}
          rowProps={(index) => {
            const row = list.rows.get(index);
            return {
              'aria-label': row
                ? `${row.actor} (${row.device}) ${describeChange(row)}, ${formatWhen(row.at)}`
                : t('list.loading'),
            };
          }}
          renderRow={(index) => {
            const row = list.rows.get(index);
            if (!row)
              return (
                <span role="gridcell" className="loading-row">
                  {t('list.loading')}
                </span>
              );
            return (
              <>
                <span role="gridcell" className="col-when">
                  {formatWhen(row.at)}
                </span>
                <span role="gridcell" className="col-who">{`${row.actor} (${row.device})`}</span>
                <span role="gridcell" className="col-what" title={describeChange(row)}>
                  {describeChange(row)}
                </span>
              </>
            );
          }}
        />
      </div>
      <section className="audit-details" aria-label={t('audit.details')}>
        {event ? (
          <>
            <div className="history-head">
              <span>{`${event.actor} (${event.device}) ${describeChange(event)}, ${formatWhen(event.at)}`}</span>
              {isUndoable([event]) ? (
                <button
                  type="button"
                  className="small"
                  aria-label={t('history.undoLabel', { when: formatWhen(event.at), actor: event.actor })}
                  onClick={() => void undoAndAnnounce(event.batchId)}
                >
                  {t('history.undo')}
                </button>
              ) : null}
            </div>
            <EventChanges event={event} />
          </>
        ) : (
          <p className="muted">{t('audit.selectHint')}</p>
        )}
      </section>
    </Dialog>
  );
}
