import { useEffect, useState } from 'react';
import { auditActions, auditEntities, dateSchema } from '../../../src-shared/domain';
import { entityName } from '../../../src-shared/domain/auditText';
import { call } from '../../api';
import { t } from '../../i18n';
import { useAuditFilters, useAuditList } from './store';

function pickOne<T extends string>(values: readonly T[], value: string): T | null {
  return values.find((candidate) => candidate === value) ?? null;
}

/** The log's filters: entity type, record, admin, action and a date range. */
export function AuditFiltersBar() {
  const filters = useAuditFilters((state) => state.filters);
  const setFilters = useAuditFilters((state) => state.set);
  const clear = useAuditFilters((state) => state.clear);
  const query = useAuditList((state) => state.query);
  const setQuery = useAuditList((state) => state.setQuery);
  const [actors, setActors] = useState<readonly string[]>([]);
  useEffect(() => {
    call('audit:actors', {}).then(setActors, () => setActors([]));
  }, []);
  const date = (value: string) => (dateSchema.safeParse(value).success ? value : null);
  return (
    <div className="audit-filters">
      <label>
        {t('audit.entity')}
        <select value={filters.entity ?? ''} onChange={(event) => setFilters({ entity: pickOne(auditEntities, event.target.value) })}>
          <option value="">{t('audit.all')}</option>
          {auditEntities.map((entity) => <option key={entity} value={entity}>{entityName(entity)}</option>)}
        </select>
      </label>
      <label>
        {t('audit.record')}
        <input type="search" placeholder={t('audit.recordPlaceholder')} value={query} onChange={(event) => setQuery(event.target.value)} />
      </label>
      <label>
        {t('audit.actor')}
        <select value={filters.actor ?? ''} onChange={(event) => setFilters({ actor: event.target.value || null })}>
          <option value="">{t('audit.all')}</option>
          {actors.map((actor) => <option key={actor} value={actor}>{actor}</option>)}
        </select>
      </label>
      <label>
        {t('audit.action')}
        <select value={filters.action ?? ''} onChange={(event) => setFilters({ action: pickOne(auditActions, event.target.value) })}>
          <option value="">{t('audit.all')}</option>
          {auditActions.map((action) => <option key={action} value={action}>{action}</option>)}
        </select>
      </label>
      <label>
        {t('audit.from')}
        <input type="date" value={filters.from ?? ''} onChange={(event) => setFilters({ from: date(event.target.value) })} />
      </label>
      <label>
        {t('audit.to')}
        <input type="date" value={filters.to ?? ''} onChange={(event) => setFilters({ to: date(event.target.value) })} />
      </label>
      <button type="button" className="small" onClick={clear}>{t('audit.clear')}</button>
    </div>
  );
}
