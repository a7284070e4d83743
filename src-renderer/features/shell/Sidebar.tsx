import { t } from '../../i18n';
import { useUi } from './uiStore';

/** The sidebar's actions; each opens its dialog. */
export function Sidebar() {
  const open = useUi((state) => state.open);
  return (
    <nav className="sidebar" aria-label="Actions">
      <h1 className="app-title">{t('app.title')}</h1>
      <button type="button" onClick={() => open({ kind: 'defaultServices' })}>{t('toolbar.editDefaults')}</button>
      <button type="button" onClick={() => open({ kind: 'customer', id: null })}>{t('toolbar.addCustomer')}</button>
      <button type="button" onClick={() => open({ kind: 'service', id: null })}>{t('toolbar.addService')}</button>
      <button type="button" onClick={() => open({ kind: 'customerUsers' })}>{t('toolbar.customerUsers')}</button>
      <button type="button" onClick={() => open({ kind: 'customFields' })}>{t('toolbar.customFields')}</button>
      <button type="button" onClick={() => open({ kind: 'csv' })}>{t('toolbar.csv')}</button>
      <hr />
      <button type="button" onClick={() => open({ kind: 'sample' })}>{t('toolbar.loadSample')}</button>
      <button type="button" onClick={() => open({ kind: 'auditLog' })}>{t('toolbar.auditLog')}</button>
      <button type="button" onClick={() => open({ kind: 'settings' })}>{t('settings.button')}</button>
    </nav>
  );
}
