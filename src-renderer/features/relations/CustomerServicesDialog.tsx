import { useEffect, useMemo, useState } from 'react';
import type { CustomerAllocation, HeldAssignment } from '../../../src-shared/ipc/methods/allocation';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { saveAllocation } from './saveAllocation';
import { t } from '../../i18n';
import { useUi } from '../shell/uiStore';
import { AllocationFrame } from './AllocationFrame';
import { useChangeSet } from './changeSet';
import { ServiceChecklist } from './ServiceChecklist';
import { useDataVersion } from './useDataVersion';
import { summaryText, usePreview } from './usePreview';

/** Why an assignment gives no access, in words. */
export function reasonText(held: HeldAssignment): string {
  switch (held.notEffective) {
    case 'status':
      return t('allocation.reason.status', { status: held.status });
    case 'not-started':
      return t('allocation.reason.not-started', { date: held.startDate ?? '' });
    case 'ended':
      return t('allocation.reason.ended', { date: held.endDate ?? '' });
    case null:
      return '';
    default:
      return t(`allocation.reason.${held.notEffective}`);
  }
}

/** Dialog "Services of {customer name}": its specific services, what it effectively gets, and what a Save changes. */
export function CustomerServicesDialog({ customerId, onClose }: Readonly<{ customerId: string; onClose: () => void }>) {
  const version = useDataVersion();
  const [allocation, setAllocation] = useState<CustomerAllocation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    call('allocation:customer', { customerId }).then(setAllocation, (error: unknown) =>
      setLoadError(errorMessage(error)),
    );
  }, [customerId, version]);
  if (!allocation) {
    return (
      <Dialog title={t('allocation.loading')} open onRequestClose={onClose}>
        <p role={loadError ? 'alert' : undefined}>{loadError ?? t('allocation.loading')}</p>
      </Dialog>
    );
  }
  return <CustomerServices allocation={allocation} version={version} onClose={onClose} />;
}

function CustomerServices({
  allocation,
  version,
  onClose,
}: Readonly<{ allocation: CustomerAllocation; version: number; onClose: () => void }>) {
  const open = useUi((state) => state.open);
  const changeSet = useChangeSet();
  const { customer } = allocation;
  const saved = useMemo(() => new Set(allocation.assignments.map((held) => held.serviceId)), [allocation]);
  const held = useMemo(() => new Map(allocation.assignments.map((entry) => [entry.serviceId, entry])), [allocation]);
  const change = useMemo(
    () => ({ kind: 'customer' as const, customerId: customer.id, grant: changeSet.grant, revoke: changeSet.revoke }),
    [customer.id, changeSet.grant, changeSet.revoke],
  );
  const preview = usePreview(change, changeSet.dirty);
  const notEffective = allocation.assignments.filter((entry) => entry.notEffective !== null);
  const mode =
    customer.validity !== 'valid'
      ? t('allocation.mode.invalid')
      : customer.accessMode === 'specific'
        ? t('allocation.mode.specific')
        : t('allocation.mode.defaults', { count: allocation.defaultCount });

  return (
    <AllocationFrame
      title={t('allocation.customerTitle', { name: customer.name })}
      dirty={changeSet.dirty}
      summary={summaryText(preview, changeSet.dirty)}
      onClose={onClose}
      onSave={() => saveAllocation(change, () => changeSet.commit())}
    >
      <div className="allocation-subject">
        <button
          type="button"
          className="link-button"
          title={t('allocation.edit', { name: customer.name })}
          onClick={() => open({ kind: 'customer', id: customer.id })}
        >
          {customer.name}
        </button>
        <span className="muted">{customer.code}</span>
        <span className={`badge badge-${customer.validity === 'valid' ? customer.accessMode : 'muted'}`}>{mode}</span>
      </div>
      <div className="allocation-columns">
        <ServiceChecklist
          saved={saved}
          changeSet={changeSet}
          version={version}
          onOpen={(row) => open({ kind: 'service', id: row.id })}
          extra={(row, checked) => {
            const entry = held.get(row.id);
            return (
              <>
                {entry?.notEffective ? (
                  <span className="badge badge-warning" title={reasonText(entry)}>
                    {t('allocation.notEffective')}
                  </span>
                ) : null}
                {checked && changeSet.savedOf(row.id, saved.has(row.id)) ? (
                  <button
                    type="button"
                    className="row-button"
                    tabIndex={-1}
                    aria-label={t('allocation.detailsOf', { name: row.path })}
                    onClick={() => open({ kind: 'assignment', customerId: customer.id, serviceId: row.id })}
                  >
                    {t('allocation.details')}
                  </button>
                ) : null}
              </>
            );
          }}
        />
        <aside
          className="effective-panel"
          aria-label={t('allocation.effectiveHeading', { count: allocation.effective.length })}
        >
          <h3>{t('allocation.effectiveHeading', { count: allocation.effective.length })}</h3>
          {allocation.effective.length === 0 ? (
            <p className="muted">
              {t(
                customer.validity !== 'valid'
                  ? 'allocation.effectiveNone.invalid'
                  : customer.accessMode === 'specific'
                    ? 'allocation.effectiveNone.specific'
                    : 'allocation.effectiveNone.defaults',
              )}
            </p>
          ) : null}
          <ul className="effective-list">
            {allocation.effective.map((service) => (
              <li key={service.serviceId}>
                <span>{service.path}</span>
                <span className={`badge badge-${service.source === 'specific' ? 'specific' : 'defaults'}`}>
                  {t(`allocation.source.${service.source}`)}
                </span>
              </li>
            ))}
          </ul>
          {notEffective.length > 0 ? (
            <>
              <h3>{t('allocation.notEffectiveHeading', { count: notEffective.length })}</h3>
              <ul className="effective-list not-effective">
                {notEffective.map((entry) => (
                  <li key={entry.serviceId}>
                    <span>{entry.path}</span>
                    <span className="badge badge-warning">
                      {t('allocation.notEffective')}: {reasonText(entry)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>
    </AllocationFrame>
  );
}
