import { memo, useCallback, useEffect } from 'react';
import type { CustomerRow } from '../../../src-shared/domain';
import { t } from '../../i18n';
import { VirtualRows } from '../../components/VirtualRows';
import { ListHeader } from '../../components/ListHeader';
import { useAppInfo } from '../shell/appStore';
import { useUi } from '../shell/uiStore';
import { useCustomerList } from './store';
import { CustomFieldCells, CustomFieldHeaders } from '../customFields/CustomFieldColumns';

/** Region "Customers": search, true counts and the virtualized list of every customer. */
export function CustomersPane() {
  const list = useCustomerList();
  // With nothing listed and no query, whether what exists is only hidden (all of it invalid).
  const anyInvalid = useAppInfo((state) => (state.info?.counts.customers ?? 0) > 0);
  const open = useUi((state) => state.open);
  const ensureRange = useCustomerList((state) => state.ensureRange);
  const onRange = useCallback((start: number, end: number) => ensureRange(start, end), [ensureRange]);

  useEffect(() => {
    if (!list.loaded) list.refresh();
  }, [list]);

  const activate = (index: number) => {
    const row = list.rows.get(index);
    if (row) open({ kind: 'customerServices', id: row.id });
  };

  return (
    <section className="pane" aria-labelledby="customers-heading" data-shown-query={list.shownQuery}>
      <ListHeader
        headingId="customers-heading"
        title={t('customers.region')}
        searchLabel={t('customers.search')}
        placeholder={t('customers.searchPlaceholder')}
        query={list.query}
        onQuery={list.setQuery}
        showInvalid={list.showInvalid}
        onShowInvalid={list.setShowInvalid}
        count={t('count.of', { shown: list.filtered, total: list.total })}
      />
      <div className="grid-header" aria-hidden="true">
        <span className="col-code">{t('customers.columns.code')}</span>
        <span className="col-name">{t('customers.columns.name')}</span>
        <span className="col-city">{t('customers.columns.city')}</span>
        <span className="col-access">{t('customers.columns.access')}</span>
        <CustomFieldHeaders />
      </div>
      {list.error ? (
        <p className="list-error" role="alert">
          {list.error}
        </p>
      ) : null}
      <VirtualRows
        role="grid"
        label={t('customers.region')}
        count={list.filtered}
        onRange={onRange}
        onActivate={activate}
        empty={
          list.loaded
            ? list.query
              ? t('customers.noMatch', { query: list.query })
              : t(anyInvalid && !list.showInvalid ? 'customers.allInvalid' : 'customers.empty')
            : t('list.loading')
        }
        rowProps={(index) => {
          const row = list.rows.get(index);
          return {
            'aria-label': row ? `${row.code} ${row.name}` : t('list.loading'),
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
          return <CustomerCells row={row} />;
        }}
      />
    </section>
  );
}

/**
 * One customer's cells. The store hands over the same row object while nothing about the
 * customer changed, so after a keystroke only the lines showing another customer are drawn again.
 */
const CustomerCells = memo(function CustomerCells({ row }: Readonly<{ row: CustomerRow }>) {
  const mode =
    row.validity !== 'valid'
      ? t('customers.mode.none')
      : t(row.accessMode === 'specific' ? 'customers.mode.specific' : 'customers.mode.defaults', {
          count: row.effectiveCount ?? '…',
        });
  return (
    <>
      <span role="gridcell" className="col-code">
        {row.code}
      </span>
      <span role="gridcell" className="col-name">
        {row.name}
        {row.validity !== 'valid' ? <span className="badge badge-muted">{t(`validity.${row.validity}`)}</span> : null}
      </span>
      <span role="gridcell" className="col-city">
        {row.city}
      </span>
      <span role="gridcell" className="col-access">
        <span className={`badge badge-${row.validity === 'valid' ? row.accessMode : 'muted'}`}>{mode}</span>
      </span>
      <CustomFieldCells values={row.customFields} />
    </>
  );
});
