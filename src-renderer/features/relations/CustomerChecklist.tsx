import { useCallback } from 'react';
import type { ServiceCustomerRow } from '../../../src-shared/ipc/methods/allocation';
import type { ListState } from '../../components/listStore';
import { VirtualRows } from '../../components/VirtualRows';
import { t } from '../../i18n';
import type { ChangeSet } from './changeSet';
import { ChecklistHeader } from './ChecklistHeader';
import { RowLink } from './RowLink';

export type CustomerChecklistProps = Readonly<{
  list: ListState<ServiceCustomerRow>;
  changeSet: ChangeSet;
  selectAll: 'all' | 'none' | 'some';
  selectAllDisabled: boolean;
  onSelectAll: (checked: boolean) => void;
  selected: number;
  onOpen: (row: ServiceCustomerRow) => void;
  onDetails: (row: ServiceCustomerRow) => void;
}>;

/** The windowed customer grid of "Customers of {service}", one checkbox per customer. */
export function CustomerChecklist({
  list,
  changeSet,
  selectAll,
  selectAllDisabled,
  onSelectAll,
  selected,
  onOpen,
  onDetails,
}: CustomerChecklistProps) {
  const { ensureRange } = list;
  const onRange = useCallback((start: number, end: number) => ensureRange(start, end), [ensureRange]);
  const withRow = (index: number, action: (row: ServiceCustomerRow) => void) => {
    const row = list.rows.get(index);
    if (row) action(row);
  };
  return (
    <div className="checklist-pane">
      <ChecklistHeader
        query={list.query}
        onQuery={list.setQuery}
        showInvalid={list.showInvalid}
        onShowInvalid={list.setShowInvalid}
        selectAll={selectAll}
        selectAllDisabled={selectAllDisabled}
        onSelectAll={onSelectAll}
        selected={selected}
        total={list.total}
      />
      {list.error ? (
        <p className="list-error" role="alert">
          {list.error}
        </p>
      ) : null}
      <VirtualRows
        role="grid"
        label={t('allocation.customersList')}
        count={list.filtered}
        onRange={onRange}
        activateOnClick={false}
        onActivate={(index) => withRow(index, onOpen)}
        onToggle={(index) => withRow(index, (row) => changeSet.toggle(row.id, row.granted))}
        empty={
          !list.loaded
            ? t('allocation.loading')
            : list.query
              ? t('allocation.noMatch', { query: list.query })
              : t(list.showInvalid ? 'allocation.noCustomers' : 'allocation.noValidCustomers')
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
          const checked = changeSet.checked(row.id, row.granted);
          const mode =
            row.validity !== 'valid'
              ? t('customers.mode.none')
              : t(row.accessMode === 'specific' ? 'customers.mode.specific' : 'customers.mode.defaults', {
                  count: row.effectiveCount ?? '…',
                });
          return (
            <>
              <span role="gridcell" className="col-check">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={row.name}
                  checked={checked}
                  onMouseDown={(event) => event.preventDefault()}
                  onChange={() => changeSet.toggle(row.id, row.granted)}
                />
              </span>
              <span role="gridcell" className="col-code">
                {row.code}
              </span>
              <span role="gridcell" className="col-name">
                <RowLink name={row.name} onOpen={() => onOpen(row)}>
                  {row.name}
                </RowLink>
                {changeSet.changes.has(row.id) ? (
                  <span className="badge badge-pending">{checked ? '+' : '−'}</span>
                ) : null}
                {row.validity !== 'valid' ? (
                  <span className="badge badge-muted">{t(`validity.${row.validity}`)}</span>
                ) : null}
              </span>
              <span role="gridcell" className="col-city">
                {row.city}
              </span>
              <span role="gridcell" className="col-access">
                <span className={`badge badge-${row.validity === 'valid' ? row.accessMode : 'muted'}`}>{mode}</span>
                {checked && changeSet.savedOf(row.id, row.granted) ? (
                  <button
                    type="button"
                    className="row-button"
                    tabIndex={-1}
                    aria-label={t('allocation.detailsOf', { name: row.name })}
                    onClick={() => onDetails(row)}
                  >
                    {t('allocation.details')}
                  </button>
                ) : null}
              </span>
            </>
          );
        }}
      />
    </div>
  );
}
