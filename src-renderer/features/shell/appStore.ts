import { create } from 'zustand';
import type { AppInfo } from '../../../src-shared/ipc/contract';
import { call } from '../../api';

type AppState = { readonly info: AppInfo | null; reload: () => Promise<void> };

/** This copy's identity and live record counts (for the empty state). */
export const useAppInfo = create<AppState>()((set) => ({
  info: null,
  async reload() {
    set({ info: await call('app:info', {}) });
  },
}));
