import { useEffect, useState } from 'react';
import type { AllocationChange, AllocationPreview } from '../../../src-shared/ipc/methods/allocation';
import { call } from '../../api';
import { t } from '../../i18n';

/** Main's preview of the pending changes, asked again (debounced) whenever they change. */
export function usePreview(change: AllocationChange | null, dirty: boolean): AllocationPreview | null {
  const [preview, setPreview] = useState<AllocationPreview | null>(null);
  useEffect(() => {
    if (!change || !dirty) {
      setPreview(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('allocation:preview', change).then(
        (value) => current && setPreview(value),
        () => current && setPreview(null),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [change, dirty]);
  return preview;
}

/** "+3, −1 · falls back to the 16 default services": the summary an admin reads before saving. */
export function summaryText(preview: AllocationPreview | null, dirty: boolean, defaults = false): string {
  if (!dirty) return t('allocation.noChanges');
  if (!preview) return '…';
  const parts = [t('allocation.changes', { added: preview.added, removed: preview.removed })];
  const customer = preview.customer;
  if (customer) {
    if (customer.modeBefore === 'specific' && customer.modeAfter === 'defaults')
      parts.push(t('allocation.effect.fallsBack', { count: customer.defaultCount }));
    else if (customer.modeBefore === 'defaults' && customer.modeAfter === 'specific')
      parts.push(
        t('allocation.effect.leavesDefaults', { count: customer.defaultCount, after: customer.effectiveAfter }),
      );
    else parts.push(t('allocation.effect.count', { before: customer.effectiveBefore, after: customer.effectiveAfter }));
  }
  const customers = preview.customers;
  if (customers && defaults) {
    if (customers.gain > 0) parts.push(t('allocation.effect.throughDefaults', { count: customers.gain }));
    if (customers.lose > 0) parts.push(t('allocation.effect.loseDefaults', { count: customers.lose }));
  } else if (customers) {
    if (customers.gain > 0) parts.push(t('allocation.effect.gain', { count: customers.gain }));
    if (customers.lose > 0) parts.push(t('allocation.effect.lose', { count: customers.lose }));
    if (customers.leaveDefaults > 0)
      parts.push(t('allocation.effect.leaveDefaults', { count: customers.leaveDefaults }));
    if (customers.fallBack > 0) parts.push(t('allocation.effect.fallBack', { count: customers.fallBack }));
  }
  return parts.join(' · ');
}
