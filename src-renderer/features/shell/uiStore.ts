import { create } from 'zustand';
import type { ReviewOpened } from '../../../src-shared/ipc/methods/snapshots';
import type { ImportPreview } from '../../../src-shared/snapshot/plan';

/** The dialogs that can be open, as a stack: a record dialog opened from another returns to it. */
export type OpenDialog =
  | { readonly kind: 'customer'; readonly id: string | null }
  | { readonly kind: 'service'; readonly id: string | null }
  | { readonly kind: 'sample' }
  | { readonly kind: 'snapshotImport'; readonly preview: ImportPreview }
  | { readonly kind: 'snapshotReview'; readonly opened: ReviewOpened };

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
