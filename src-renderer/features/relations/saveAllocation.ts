import type { AllocationChange } from '../../../src-shared/ipc/methods/allocation';
import { call } from '../../api';
import { t } from '../../i18n';
import { announceSave } from '../audit/undoToast';

/**
 * Saves one allocation change (one batch), marks the dialog's change set as saved, and says so
 * in a notification that offers to undo the Save.
 */
export async function saveAllocation(change: AllocationChange, committed: () => void): Promise<void> {
  const since = new Date().toISOString();
  const result = await call('allocation:save', change);
  committed();
  await announceSave(t('allocation.savedToast', { added: result.added, removed: result.removed }), since);
}
