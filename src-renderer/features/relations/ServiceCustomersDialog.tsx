import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AllocationSaved,
  ServiceAllocation,
  ServiceCustomerRow,
} from '../../../src-shared/ipc/methods/allocation';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { createListStore } from '../../components/listStore';
import { useToasts } from '../../components/toast';
import { saveAllocation } from './saveAllocation';
import { t } from '../../i18n';
import { useUi } from '../shell/uiStore';
import { AllocationFrame } from './AllocationFrame';
import { triState, useChangeSet } from './changeSet';
import { CustomerChecklist } from './CustomerChecklist';
import { useDataVersion } from './useDataVersion';
import { summaryText, usePreview } from './usePreview';

type ListStore<Row> = ReturnType<typeof createListStore<Row>>;

/** How long the dialog may wait for its first answers before it shows "Loading…" instead of nothing. */
const LOADING_DELAY_MS = 150;

/**
 * Rows per page of the customer list: a screenful and some (the dialog shows about 20), so the
 * first page, which the dialog waits for before it appears, is quick to read and to send.
 */
const PAGE_SIZE = 60;

/** Dialog "Customers of {service path}": every customer (100,000 of them), windowed, with exact select-all. */
export function ServiceCustomersDialog({ serviceId, onClose }: Readonly<{ serviceId: string; onClose: () => void }>) {
  const version = useDataVersion();
  const [allocation, setAllocation] = useState<ServiceAllocation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [useList] = useState(() =>
    createListStore<ServiceCustomerRow>(
      (query) => call('allocation:serviceCustomers', { ...query, serviceId }),
      undefined,
      PAGE_SIZE,
    ),
  );
  // The header facts and the first window are asked for together, so the rows are on their way
  // while the facts arrive instead of being asked for only once the dialog has rendered them.
  useEffect(() => {
    call('allocation:service', { serviceId }).then(setAllocation, (error: unknown) =>
      setLoadError(errorMessage(error)),
    );
    useList.getState().refresh();
  }, [serviceId, version, useList]);
  const listLoaded = useList((state) => state.loaded);
  // The dialog appears once, with its rows, when both answers are quick; "Loading…" only when they are not.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), LOADING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!allocation || !listLoaded) {
    if (!slow && !loadError) return null;
    return (
      <Dialog title={t('allocation.loading')} open onRequestClose={onClose}>
        <p role={loadError ? 'alert' : undefined}>{loadError ?? t('allocation.loading')}</p>
      </Dialog>
    );
  }
  // Until main's fresh facts arrive, the count of holders follows the Save that was just made.
  const onSaved = (before: ServiceAllocation, saved: AllocationSaved) =>
    setAllocation((current) =>
      current === before ? { ...current, grantedCount: current.grantedCount + saved.added - saved.removed } : current,
    );
  return (
    <ServiceCustomers allocation={allocation} useList={useList} version={version} onClose={onClose} onSaved={onSaved} />
  );
}

type FilteredIds = {
  readonly ids: readonly string[];
  readonly idsKey: string;
  readonly grantedMask: string;
  readonly query: string;
  readonly showInvalid: boolean;
};

/** Every filtered id with who holds the service; ids main left out because they equal `known`'s are taken from it. */
async function filteredIds(
  serviceId: string,
  query: string,
  showInvalid: boolean,
  known: FilteredIds | null,
): Promise<FilteredIds> {
  const value = await call('allocation:serviceCustomerIds', {
    serviceId,
    query,
    showInvalid,
    knownIdsKey: known?.idsKey,
  });
  const ids = value.ids ?? (known?.idsKey === value.idsKey ? known.ids : null);
  if (!ids) return filteredIds(serviceId, query, showInvalid, null);
  return { ids, idsKey: value.idsKey, grantedMask: value.grantedMask, query, showInvalid };
}

type ServiceCustomersProps = Readonly<{
  allocation: ServiceAllocation;
  useList: ListStore<ServiceCustomerRow>;
  version: number;
  onClose: () => void;
  onSaved: (before: ServiceAllocation, saved: AllocationSaved) => void;
}>;

function ServiceCustomers({ allocation, useList, version, onClose, onSaved }: ServiceCustomersProps) {
  const open = useUi((state) => state.open);
  const show = useToasts((state) => state.show);
  const { service } = allocation;
  const list = useList();
  const changeSet = useChangeSet();
  const [filtered, setFiltered] = useState<FilteredIds | null>(null);
  const known = useRef(filtered);
  known.current = filtered;

  // The ids of every filtered row, so "Select all" covers rows that were never rendered.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      filteredIds(service.id, list.query, list.showInvalid, known.current).then(
        (value) => current && setFiltered(value),
        (error: unknown) => current && show(errorMessage(error), 'error'),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [service.id, list.query, list.showInvalid, version, show]);

  const upToDate = filtered !== null && filtered.query === list.query && filtered.showInvalid === list.showInvalid;
  // Over every filtered row (100,000): only when the rows or the selections change, not on each render.
  const { checked: isChecked, setMany } = changeSet;
  const checkedFiltered = useMemo(() => {
    if (!filtered) return 0;
    let count = 0;
    filtered.ids.forEach((id, index) => {
      if (isChecked(id, filtered.grantedMask[index] === '1')) count += 1;
    });
    return count;
  }, [filtered, isChecked]);
  const selectAll = useCallback(
    (checked: boolean) => {
      if (!filtered) return;
      setMany(
        filtered.ids.map((id, index) => [id, filtered.grantedMask[index] === '1'] as const),
        checked,
      );
    },
    [filtered, setMany],
  );

  let selected = allocation.grantedCount;
  for (const wanted of changeSet.changes.values()) selected += wanted ? 1 : -1;
  const change = useMemo(
    () => ({ kind: 'service' as const, serviceId: service.id, grant: changeSet.grant, revoke: changeSet.revoke }),
    [service.id, changeSet.grant, changeSet.revoke],
  );
  const preview = usePreview(change, changeSet.dirty);

  return (
    <AllocationFrame
      title={t('allocation.serviceTitle', { path: service.path })}
      dirty={changeSet.dirty}
      summary={summaryText(preview, changeSet.dirty)}
      onClose={onClose}
      onSave={() =>
        saveAllocation(change, (saved) => {
          changeSet.commit();
          onSaved(allocation, saved);
        })
      }
    >
      <div className="allocation-subject">
        <button
          type="button"
          className="link-button"
          title={t('allocation.edit', { name: service.path })}
          onClick={() => open({ kind: 'service', id: service.id })}
        >
          {service.path}
        </button>
        {service.validity !== 'valid' ? (
          <span className="badge badge-muted">{t(`validity.${service.validity}`)}</span>
        ) : null}
        {allocation.isDefault ? <span className="badge badge-defaults">{t('allocation.isDefault')}</span> : null}
        <span className="muted">{t('allocation.holders', { count: allocation.grantedCount })}</span>
      </div>
      <CustomerChecklist
        list={list}
        changeSet={changeSet}
        selectAll={upToDate ? triState(checkedFiltered, filtered.ids.length) : 'none'}
        selectAllDisabled={!upToDate || filtered.ids.length === 0}
        onSelectAll={selectAll}
        selected={selected}
        onOpen={(row) => open({ kind: 'customer', id: row.id })}
        onDetails={(row) => open({ kind: 'assignment', customerId: row.id, serviceId: service.id })}
      />
    </AllocationFrame>
  );
}
