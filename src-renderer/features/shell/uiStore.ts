import { create } from 'zustand';

/** The dialogs that can be open, as a stack: a record dialog opened from another returns to it. */
export type OpenDialog =
  | { readonly kind: 'customer'; readonly id: string | null }
  | { readonly kind: 'service'; readonly id: string | null }
  | { readonly kind: 'sample' }
  | { readonly kind: 'customerServices'; readonly id: string }
  | { readonly kind: 'serviceCustomers'; readonly id: string }
  | { readonly kind: 'defaultServices' }
  | { readonly kind: 'assignment'; readonly customerId: string; readonly serviceId: string };

type UiState = {
  readonly dialogs: readonly OpenDialog[];
  open(dialog: OpenDialog): void;
  /** Closes the top dialog, returning to the one below it. */
  close(): void;
};

export const useUi = create<UiState>()((set, get) => ({
  dialogs: [],
  open(dialog) {
    set({ dialogs: [...get().dialogs, dialog] });
  },
  close() {
    set({ dialogs: get().dialogs.slice(0, -1) });
  },
}));
