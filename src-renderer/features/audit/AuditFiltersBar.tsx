import { useEffect, useId, useState } from 'react';
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
  const id = useId();
  const [actors, setActors] = useState<readonly string[]>([]);
  // Text search cannot use an index: wait for a pause in typing before asking main.
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  useEffect(() => {
    if (text === query) return undefined;
    const timer = setTimeout(() => setQuery(text), 250);
    return () => clearTimeout(timer);
  }, [text, query, setQuery]);
  useEffect(() => {
    call('audit:actors', {}).then(setActors, () => setActors([]));
  }, []);
  const date = (value: string) => (dateSchema.safeParse(value).success ? value : null);
  return (
    <div className="audit-filters">
      <div className="audit-filter">
        <label htmlFor={`${id}-entity`}>{t('audit.entity')}</label>
        <select
          id={`${id}-entity`}
          value={filters.entity ?? ''}
          onChange={(event) => setFilters({ entity: pickOne(auditEntities, event.target.value) })}
        >
          <option value="">{t('audit.all')}</option>
          {auditEntities.map((entity) => (
            <option key={entity} value={entity}>
              {entityName(entity)}
            </option>
          ))}
        </select>
      </div>
      <div className="audit-filter">
        <label htmlFor={`${id}-record`}>{t('audit.record')}</label>
        <input
          id={`${id}-record`}
          type="search"
          placeholder={t('audit.recordPlaceholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="audit-filter">
        <label htmlFor={`${id}-actor`}>{t('audit.actor')}</label>
        <select
          id={`${id}-actor`}
          value={filters.actor ?? ''}
          onChange={(event) => setFilters({ actor: event.target.value || null })}
        >
          <option value="">{t('audit.all')}</option>
          {actors.map((actor) => (
            <option key={actor} value={actor}>
              {actor}
            </option>
          ))}
        </select>
      </div>
      <div className="audit-filter">
        <label htmlFor={`${id}-action`}>{t('audit.action')}</label>
        <select
          id={`${id}-action`}
          value={filters.action ?? ''}
          onChange={(event) => setFilters({ action: pickOne(auditActions, event.target.value) })}
        >
          <option value="">{t('audit.all')}</option>
          {auditActions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </div>
      <div className="audit-filter">
        <label htmlFor={`${id}-from`}>{t('audit.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={filters.from ?? ''}
          onChange={(event) => setFilters({ from: date(event.target.value) })}
        />
      </div>
      <div className="audit-filter">
        <label htmlFor={`${id}-to`}>{t('audit.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={filters.to ?? ''}
          onChange={(event) => setFilters({ to: date(event.target.value) })}
        />
      </div>
      <button type="button" className="small" onClick={clear}>
        {t('audit.clear')}
      </button>
    </div>
  );
}
