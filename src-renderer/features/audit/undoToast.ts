import { call, errorMessage } from '../../api';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';

/** Undoes one batch and says so, offering to redo it (the undo of the undo). */
export async function undoAndAnnounce(batchId: string): Promise<boolean> {
  const { show } = useToasts.getState();
  try {
    const result = await call('audit:undo', { batchId });
    show(t('undo.done', { summary: result.summary }), 'info', { label: t('undo.redo'), run: () => void undoAndAnnounce(result.batchId) });
    return true;
  } catch (error) {
    show(errorMessage(error), 'error');
    return false;
  }
}

/**
 * The notice after a Save: `text` ("Customer Acme saved.") with an "Undo" button for the batch
 * that Save just wrote. Call it right after the Save's answer arrives.
 */
export async function announceSave(text: string): Promise<void> {
  const { show } = useToasts.getState();
  const latest = await call('audit:latest', {}).catch(() => null);
  if (!latest?.undoable) {
    show(text);
    return;
  }
  show(text, 'info', { label: t('undo.action'), run: () => void undoAndAnnounce(latest.batchId) });
}
