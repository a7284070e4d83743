import { create } from 'zustand';

/** The dialogs that can be open, as a stack: a record dialog opened from another returns to it. */
export type OpenDialog =
  | { readonly kind: 'customer'; readonly id: string | null }
  | { readonly kind: 'service'; readonly id: string | null }
  | { readonly kind: 'sample' }
  | { readonly kind: 'auditLog' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'erasePersonalData'; readonly userId: string; readonly login: string }
  // Records (issue 4): clones, customer users, custom fields, CSV.
  | { readonly kind: 'customerClone'; readonly id: string }
  | { readonly kind: 'serviceClone'; readonly id: string }
  | { readonly kind: 'customerUser'; readonly id: string | null; readonly customerId?: string }
  | { readonly kind: 'customerUsers' }
  | { readonly kind: 'customFields' }
  | { readonly kind: 'csv' };

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
