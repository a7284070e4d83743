import type { AllocationChange, AllocationSaved } from '../../../src-shared/ipc/methods/allocation';
import { call } from '../../api';
import { t } from '../../i18n';
import { announceSave } from '../audit/undoToast';

/**
 * Saves one allocation change (one batch) and marks the dialog's change set as saved. The
 * notification that offers to undo the Save follows on its own, as in the record dialogs: the
 * Save is done once main committed it, and a dialog says so without waiting for the notice.
 */
export async function saveAllocation(
  change: AllocationChange,
  committed: (saved: AllocationSaved) => void,
): Promise<void> {
  const since = new Date().toISOString();
  const result = await call('allocation:save', change);
  committed(result);
  void announceSave(t('allocation.savedToast', { added: result.added, removed: result.removed }), since);
}
