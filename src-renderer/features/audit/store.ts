import { create } from 'zustand';
import type { AuditEvent } from '../../../src-shared/domain';
import type { AuditFilter } from '../../../src-shared/ipc/methods/audit';
import { call } from '../../api';
import { createListStore } from '../../components/listStore';

/** The log's filters besides the record text (which is the list store's query). */
export type AuditFilters = Required<Pick<AuditFilter, 'entity' | 'actor' | 'action' | 'from' | 'to'>>;
const noFilters: AuditFilters = { entity: null, actor: null, action: null, from: null, to: null };

type FilterState = { readonly filters: AuditFilters; set: (patch: Partial<AuditFilters>) => void; clear: () => void };

export const useAuditFilters = create<FilterState>()((set, get) => ({
  filters: noFilters,
  set(patch) {
    set({ filters: { ...get().filters, ...patch } });
    reloadAudit();
  },
  clear() {
    set({ filters: noFilters });
    useAuditList.getState().setQuery('');
  },
}));

/** The audit log as a windowed list, newest first, filtered in main with true counts. */
export const useAuditList = createListStore<AuditEvent>(({ query, offset, limit }) =>
  call('audit:list', {
    ...useAuditFilters.getState().filters,
    record: query,
    offset,
    limit,
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
  }),
);

/** Starts the list over from its first page with the current filters. */
export function reloadAudit(): void {
  const list = useAuditList.getState();
  list.setQuery(list.query);
}

/** The filters as `audit:export` takes them. */
export function currentAuditFilter(): AuditFilter {
  return {
    ...useAuditFilters.getState().filters,
    record: useAuditList.getState().query,
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
  };
}
