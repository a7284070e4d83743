import { useEffect, useState } from 'react';
import type { UserService } from '../../../src-shared/ipc/methods/customerUsers';
import { call, errorMessage } from '../../api';
import { t } from '../../i18n';

/** A customer user's effective services, read-only, each with the customers it comes from. */
export function UserServices({ userId }: Readonly<{ userId: string | null }>) {
  const [services, setServices] = useState<readonly UserService[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (userId)
      call('customerUsers:services', { id: userId }).then(setServices, (failure: unknown) =>
        setError(errorMessage(failure)),
      );
  }, [userId]);
  return (
    <section className="record-section" aria-labelledby="user-services-heading">
      <h3 id="user-services-heading">{t('customerUserDialog.services')}</h3>
      <p className="field-hint">{t('customerUserDialog.servicesHint')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!userId ? (
        <p className="muted">{t('customerUserDialog.servicesAfterSave')}</p>
      ) : services === null ? (
        <p className="muted">{t('list.loading')}</p>
      ) : services.length === 0 ? (
        <p className="muted">{t('customerUserDialog.noServices')}</p>
      ) : (
        <ul className="user-services" aria-label={t('customerUserDialog.services')}>
          {services.map((service) => (
            <li key={service.serviceId}>
              <span className="user-service-path">{service.path}</span>
              <span className="user-service-sources">
                {service.sources
                  .map((source) => t('customerUserDialog.source', { code: source.code, source: source.source }))
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
