import { useEffect, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api';
import { useToasts } from '../../components/toast';
import { saveAllocation } from '../relations/saveAllocation';
import { t } from '../../i18n';
import { AllocationFrame } from '../relations/AllocationFrame';
import { useChangeSet } from '../relations/changeSet';
import { ServiceChecklist } from '../relations/ServiceChecklist';
import { useDataVersion } from '../relations/useDataVersion';
import { summaryText, usePreview } from '../relations/usePreview';
import { useUi } from '../shell/uiStore';

/** Dialog "Default services": what every valid customer on defaults gets, and how many customers a change reaches. */
export function DefaultServicesDialog({ onClose }: Readonly<{ onClose: () => void }>) {
  const version = useDataVersion();
  const open = useUi((state) => state.open);
  const show = useToasts((state) => state.show);
  const [state, setState] = useState<{ serviceIds: string[]; customersOnDefaults: number } | null>(null);
  const changeSet = useChangeSet();
  useEffect(() => {
    call('allocation:defaults', {}).then(setState, (error: unknown) => show(errorMessage(error), 'error'));
  }, [version, show]);
  const saved = useMemo(() => new Set(state?.serviceIds ?? []), [state]);
  const change = useMemo(
    () => ({ kind: 'defaults' as const, grant: changeSet.grant, revoke: changeSet.revoke }),
    [changeSet.grant, changeSet.revoke],
  );
  const preview = usePreview(change, changeSet.dirty);
  return (
    <AllocationFrame
      title={t('allocation.defaultsTitle')}
      dirty={changeSet.dirty}
      summary={summaryText(preview, changeSet.dirty, true)}
      onClose={onClose}
      onSave={() => saveAllocation(change, () => changeSet.commit())}
    >
      <p className="allocation-subject muted">{t('defaults.reach', { count: state?.customersOnDefaults ?? 0 })}</p>
      <ServiceChecklist
        saved={saved}
        changeSet={changeSet}
        version={version}
        onOpen={(row) => open({ kind: 'service', id: row.id })}
      />
    </AllocationFrame>
  );
}
