import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ServiceRow } from '../../../src-shared/domain';
import { call, errorMessage } from '../../api';
import { VirtualRows } from '../../components/VirtualRows';
import { t } from '../../i18n';
import { triState, type ChangeSet } from './changeSet';
import { ChecklistHeader } from './ChecklistHeader';
import { RowLink } from './RowLink';

export type ServiceChecklistProps = Readonly<{
  /** The service ids checked in the saved state. */
  saved: ReadonlySet<string>;
  changeSet: ChangeSet;
  /** Reloads the tree when it changes (after a Save). */
  version: number;
  /** Badges and buttons after a row's name. */
  extra?: (row: ServiceRow, checked: boolean) => ReactNode;
  /** Opens the service's record: Enter on a row, or a click on its name. */
  onOpen?: (row: ServiceRow) => void;
}>;

/**
 * The service tree with a checkbox per service, "Filter" keeping the ancestors of matches, and
 * "Select all" over the rows matching the filter. The whole tree (2,000 services) is loaded once
 * per filter, so select-all and counts are exact.
 */
export function ServiceChecklist({ saved, changeSet, version, extra, onOpen }: ServiceChecklistProps) {
  const [query, setQuery] = useState('');
  const [showInvalid, setShowInvalid] = useState(false);
  const [rows, setRows] = useState<readonly ServiceRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    call('services:list', { query, showInvalid, offset: 0, limit: 5000 }).then(
      (page) => {
        if (!current) return;
        setRows(page.rows);
        setTotal(page.total);
        setError(null);
      },
      (failure: unknown) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [query, showInvalid, version]);

  const matching = useMemo(() => (rows ?? []).filter((row) => row.match), [rows]);
  const checkedMatching = matching.filter((row) => changeSet.checked(row.id, saved.has(row.id))).length;
  const selected = saved.size + changeSet.delta((id) => saved.has(id));

  const list = rows ?? [];
  return (
    <div className="checklist-pane">
      <ChecklistHeader
        query={query}
        onQuery={setQuery}
        showInvalid={showInvalid}
        onShowInvalid={setShowInvalid}
        selectAll={triState(checkedMatching, matching.length)}
        selectAllDisabled={matching.length === 0}
        onSelectAll={(checked) =>
          changeSet.setMany(
            matching.map((row) => [row.id, saved.has(row.id)] as const),
            checked,
          )
        }
        selected={selected}
        total={total}
      />
      {error ? (
        <p className="list-error" role="alert">
          {error}
        </p>
      ) : null}
      <VirtualRows
        role="grid"
        label={t('allocation.list')}
        count={list.length}
        activateOnClick={false}
        onActivate={(index) => {
          const row = list[index];
          if (row) onOpen?.(row);
        }}
        onToggle={(index) => {
          const row = list[index];
          if (row) changeSet.toggle(row.id, saved.has(row.id));
        }}
        empty={
          !rows
            ? t('allocation.loading')
            : query
              ? t('allocation.noMatch', { query })
              : t(showInvalid ? 'allocation.noServices' : 'allocation.noValidServices')
        }
        rowProps={(index) => {
          const row = list[index];
          return row
            ? {
                'aria-label': row.path,
                'data-invalid': row.validity !== 'valid',
                'data-ancestor': !row.match,
                title: row.path,
              }
            : {};
        }}
        renderRow={(index) => {
          const row = list[index];
          if (!row) return null;
          const checked = changeSet.checked(row.id, saved.has(row.id));
          return (
            <span role="gridcell" className="tree-row" style={{ paddingLeft: 4 + row.depth * 18 }}>
              <input
                type="checkbox"
                tabIndex={-1}
                aria-label={row.path}
                checked={checked}
                onMouseDown={(event) => event.preventDefault()}
                onChange={() => changeSet.toggle(row.id, saved.has(row.id))}
              />
              {onOpen ? (
                <RowLink name={row.path} onOpen={() => onOpen(row)}>
                  {row.name}
                </RowLink>
              ) : (
                <span className="tree-name">{row.name}</span>
              )}
              {changeSet.changes.has(row.id) ? (
                <span className="badge badge-pending">{checked ? '+' : '−'}</span>
              ) : null}
              {row.validity !== 'valid' ? (
                <span className="badge badge-muted">{t(`validity.${row.validity}`)}</span>
              ) : null}
              {extra?.(row, checked)}
            </span>
          );
        }}
      />
    </div>
  );
}
