import { t } from '../../i18n';
import { exportSnapshot, importSnapshot, reviewSnapshot } from '../snapshots/actions';
import { useUi } from './uiStore';

/** The sidebar's actions, grouped the way an admin works; each opens its dialog. */
export function Sidebar() {
  const open = useUi((state) => state.open);
  return (
    <nav className="sidebar" aria-label="Actions">
      <h1 className="app-title">{t('app.title')}</h1>
      <button type="button" onClick={() => open({ kind: 'defaultServices' })}>
        {t('toolbar.editDefaults')}
      </button>
      <button type="button" onClick={() => open({ kind: 'customer', id: null })}>
        {t('toolbar.addCustomer')}
      </button>
      <button type="button" onClick={() => open({ kind: 'service', id: null })}>
        {t('toolbar.addService')}
      </button>
      <button type="button" onClick={() => open({ kind: 'customerUsers' })}>
        {t('toolbar.customerUsers')}
      </button>
      <button type="button" onClick={() => open({ kind: 'customFields' })}>
        {t('toolbar.customFields')}
      </button>
      <hr />
      <button type="button" onClick={() => void importSnapshot()}>
        {t('toolbar.import')}
      </button>
      <button type="button" onClick={() => void exportSnapshot()}>
        {t('toolbar.export')}
      </button>
      <button type="button" onClick={() => void reviewSnapshot()}>
        {t('toolbar.review')}
      </button>
      <button type="button" onClick={() => open({ kind: 'csv' })}>
        {t('toolbar.csv')}
      </button>
      <button type="button" onClick={() => open({ kind: 'sample' })}>
        {t('toolbar.loadSample')}
      </button>
      <hr />
      <button type="button" onClick={() => open({ kind: 'auditLog' })}>
        {t('toolbar.auditLog')}
      </button>
      <button type="button" onClick={() => open({ kind: 'settings' })}>
        {t('settings.button')}
      </button>
    </nav>
  );
}
