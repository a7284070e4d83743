import { create } from 'zustand';
import type { ReviewOpened } from '../../../src-shared/ipc/methods/snapshots';
import type { ImportPreview } from '../../../src-shared/snapshot/plan';

/** The dialogs that can be open, as a stack: a record dialog opened from another returns to it. */
export type OpenDialog =
  | { readonly kind: 'customer'; readonly id: string | null }
  | { readonly kind: 'service'; readonly id: string | null }
  | { readonly kind: 'sample' }
  | { readonly kind: 'auditLog' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'erasePersonalData'; readonly userId: string; readonly login: string }
  // Records: clones, customer users, custom fields, CSV.
  | { readonly kind: 'customerClone'; readonly id: string }
  | { readonly kind: 'serviceClone'; readonly id: string }
  | { readonly kind: 'customerUser'; readonly id: string | null; readonly customerId?: string }
  | { readonly kind: 'customerUsers' }
  | { readonly kind: 'customFields' }
  | { readonly kind: 'csv' }
  // Allocation: both directions, the defaults and one assignment's details.
  | { readonly kind: 'customerServices'; readonly id: string }
  | { readonly kind: 'serviceCustomers'; readonly id: string }
  | { readonly kind: 'defaultServices' }
  | { readonly kind: 'assignment'; readonly customerId: string; readonly serviceId: string }
  // Snapshots: the import preview and the offline review.
  | { readonly kind: 'snapshotImport'; readonly preview: ImportPreview }
  | { readonly kind: 'snapshotReview'; readonly opened: ReviewOpened };

type UiState = {
  readonly dialogs: readonly OpenDialog[];
  open: (dialog: OpenDialog) => void;
  /** Closes the top dialog, returning to the one below it. */
  close: () => void;
  /** Closes every dialog about a record that no longer exists (after a delete), and those above them. */
  closeAbout: (id: string) => void;
};

export const useUi = create<UiState>()((set, get) => ({
  dialogs: [],
  open(dialog) {
    set({ dialogs: [...get().dialogs, dialog] });
  },
  closeAbout(id) {
    const dialogs = get().dialogs;
    const first = dialogs.findIndex((dialog) => 'id' in dialog && dialog.id === id);
    if (first >= 0) set({ dialogs: dialogs.slice(0, first) });
  },
  close() {
    set({ dialogs: get().dialogs.slice(0, -1) });
  },
}));
