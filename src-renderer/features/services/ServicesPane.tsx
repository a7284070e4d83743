import { useCallback, useEffect } from 'react';
import { criticalityLabels } from '../../../src-shared/domain';
import { t } from '../../i18n';
import { ListHeader } from '../../components/ListHeader';
import { VirtualRows } from '../../components/VirtualRows';
import { useAppInfo } from '../shell/appStore';
import { useUi } from '../shell/uiStore';
import { useServiceList } from './store';

/** Region "Services": the service tree, filtered with the ancestors of matches kept visible. */
export function ServicesPane() {
  const list = useServiceList();
  // With nothing listed and no query, whether what exists is only hidden (all of it invalid).
  const anyInvalid = useAppInfo((state) => (state.info?.counts.services ?? 0) > 0);
  const open = useUi((state) => state.open);
  const ensureRange = useServiceList((state) => state.ensureRange);
  const onRange = useCallback((start: number, end: number) => ensureRange(start, end), [ensureRange]);

  useEffect(() => {
    if (!list.loaded) list.refresh();
  }, [list]);

  return (
    <section className="pane" aria-labelledby="services-heading" data-shown-query={list.shownQuery}>
      <ListHeader
        headingId="services-heading"
        title={t('services.region')}
        searchLabel={t('services.search')}
        placeholder={t('services.searchPlaceholder')}
        query={list.query}
        onQuery={list.setQuery}
        showInvalid={list.showInvalid}
        onShowInvalid={list.setShowInvalid}
        count={t('count.of', { shown: list.filtered, total: list.total })}
      />
      {list.error ? (
        <p className="list-error" role="alert">
          {list.error}
        </p>
      ) : null}
      <VirtualRows
        role="tree"
        label={t('services.region')}
        count={list.count}
        onRange={onRange}
        onActivate={(index) => {
          const row = list.rows.get(index);
          if (row) open({ kind: 'serviceCustomers', id: row.id });
        }}
        empty={
          list.loaded
            ? list.query
              ? t('services.noMatch', { query: list.query })
              : t(anyInvalid && !list.showInvalid ? 'services.allInvalid' : 'services.empty')
            : t('list.loading')
        }
        rowProps={(index) => {
          const row = list.rows.get(index);
          if (!row) return { 'aria-label': t('list.loading') };
          return {
            'aria-label': row.name,
            'aria-level': row.depth + 1,
            'aria-expanded': row.childCount > 0 ? true : undefined,
            'data-invalid': row.validity !== 'valid',
            'data-ancestor': !row.match,
            title: `${row.path} · ${row.type} · ${criticalityLabels[row.criticality - 1] ?? ''}${row.validity !== 'valid' ? ` · ${t(`validity.${row.validity}`)}` : ''}`,
          };
        }}
        renderRow={(index) => {
          const row = list.rows.get(index);
          if (!row) return <span className="loading-row">{t('list.loading')}</span>;
          return (
            <span className="tree-row" style={{ paddingLeft: 12 + row.depth * 18 }}>
              <span className="tree-twisty" aria-hidden="true">
                {row.childCount > 0 ? '▾' : '•'}
              </span>
              <span className="tree-name">{row.name}</span>
              {/* Drawn from data-text by CSS so the visible text stays the treeitem's accessible name (axe label-content-name-mismatch); the row's title says it all. */}
              {row.validity !== 'valid' ? (
                <span className="badge badge-muted generated-text" data-text={t(`validity.${row.validity}`)} />
              ) : null}
              <span
                className="tree-meta generated-text"
                data-text={`${row.type} · ${criticalityLabels[row.criticality - 1] ?? ''}`}
              />
            </span>
          );
        }}
      />
    </section>
  );
}
