import { useCallback, useEffect, useId, useState } from 'react';
import type { CustomerUserRow } from '../../../src-shared/domain';
import { call } from '../../api';
import { ListHeader } from '../../components/ListHeader';
import { createListStore } from '../../components/listStore';
import { VirtualRows } from '../../components/VirtualRows';
import { t } from '../../i18n';
import { useUi } from '../shell/uiStore';

/**
 * A windowed list of customer users with a filter: all of them, or those of one customer
 * (primary or additional). Activating a row opens "Edit customer user".
 */
export function CustomerUserList({
  customerId = null,
  searchLabel,
}: Readonly<{ customerId?: string | null; searchLabel?: string }>) {
  const [useList] = useState(() =>
    createListStore<CustomerUserRow>((query) => call('customerUsers:list', { ...query, customerId })),
  );
  const list = useList();
  const open = useUi((state) => state.open);
  const headingId = useId();
  const ensureRange = useList((state) => state.ensureRange);
  const onRange = useCallback((start: number, end: number) => ensureRange(start, end), [ensureRange]);
  useEffect(() => {
    useList.getState().refresh();
    return window.api.on('data:changed', ({ entities }) => {
      if (entities.includes('customerUser') || entities.includes('customer')) useList.getState().refresh();
    });
  }, [useList]);
  return (
    <section className="record-section user-list" aria-labelledby={headingId}>
      <ListHeader
        headingId={headingId}
        title={t('customerUsers.title')}
        searchLabel={searchLabel ?? t('customerUsers.filter')}
        placeholder={t('customerUsers.filterPlaceholder')}
        query={list.query}
        onQuery={list.setQuery}
        showInvalid={list.showInvalid}
        onShowInvalid={list.setShowInvalid}
        count={t('count.of', { shown: list.filtered, total: list.total })}
      />
      <div className="list-actions">
        <button
          type="button"
          onClick={() => open({ kind: 'customerUser', id: null, ...(customerId ? { customerId } : {}) })}
        >
          {t('customerDialog.addUser')}
        </button>
      </div>
      <VirtualRows
        role="grid"
        label={t('customerUsers.title')}
        count={list.filtered}
        onRange={onRange}
        onActivate={(index) => {
          const row = list.rows.get(index);
          if (row) open({ kind: 'customerUser', id: row.id });
        }}
        empty={
          list.loaded
            ? list.query
              ? t('customerUsers.noMatch', { query: list.query })
              : t('customerUsers.empty')
            : t('list.loading')
        }
        rowProps={(index) => {
          const row = list.rows.get(index);
          return {
            'aria-label': row ? `${row.login} ${row.firstName} ${row.lastName}`.trim() : t('list.loading'),
            'data-invalid': row ? row.validity !== 'valid' : undefined,
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
              <span role="gridcell" className="col-login">
                {row.login}
              </span>
              <span role="gridcell" className="col-person">
                {`${row.firstName} ${row.lastName}`.trim()}
              </span>
              <span role="gridcell" className="col-email">
                {row.email}
              </span>
              <span role="gridcell" className="col-customer">
                {row.customerName}
              </span>
            </>
          );
        }}
      />
    </section>
  );
}
