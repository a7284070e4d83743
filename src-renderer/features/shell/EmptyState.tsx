import { t } from '../../i18n';
import { useUi } from './uiStore';

/** What an empty database shows: what allocating needs first, and the buttons to get there. */
export function EmptyState({ customers, services }: Readonly<{ customers: number; services: number }>) {
  const open = useUi((state) => state.open);
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <ul className="checklist">
        <li data-done={customers > 0}>{t('empty.needCustomer')}</li>
        <li data-done={services > 0}>{t('empty.needService')}</li>
      </ul>
      <div className="empty-actions">
        <button type="button" className="primary" onClick={() => open({ kind: 'customer', id: null })}>
          {t('toolbar.addCustomer')}
        </button>
        <button type="button" className="primary" onClick={() => open({ kind: 'service', id: null })}>
          {t('toolbar.addService')}
        </button>
        <button type="button" onClick={() => open({ kind: 'sample' })}>
          {t('toolbar.loadSample')}
        </button>
      </div>
    </section>
  );
}
