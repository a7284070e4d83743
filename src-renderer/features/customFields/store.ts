import { create } from 'zustand';
import type { CustomFieldDefinition } from '../../../src-shared/domain';
import { call } from '../../api';

const COLUMNS_KEY = 'customerList.customFieldColumns';

function storedColumns(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

type CustomFieldsState = {
  readonly definitions: readonly CustomFieldDefinition[];
  readonly loaded: boolean;
  /** Keys of the fields the admin shows as columns of the customer list (a per-window preference). */
  readonly columns: readonly string[];
  load: () => Promise<void>;
  setColumns: (columns: readonly string[]) => void;
};

/** The custom-field definitions, shared by the customer dialog, the list columns and the "Custom fields" dialog. */
export const useCustomFields = create<CustomFieldsState>()((set) => ({
  definitions: [],
  loaded: false,
  columns: storedColumns(),
  async load() {
    set({ definitions: await call('customFields:list', {}), loaded: true });
  },
  setColumns(columns) {
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns));
    set({ columns });
  },
}));

/** The definitions shown as customer-list columns, in definition order. */
export function columnDefinitions(
  state: Pick<CustomFieldsState, 'definitions' | 'columns'>,
): readonly CustomFieldDefinition[] {
  return state.definitions.filter((definition) => state.columns.includes(definition.key));
}
