import { call, errorMessage } from '../../api';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';

/** Undoes one batch and says so, offering to redo it (the undo of the undo). */
export async function undoAndAnnounce(batchId: string): Promise<boolean> {
  const { show } = useToasts.getState();
  try {
    const result = await call('audit:undo', { batchId });
    show(t('undo.done', { summary: result.summary }), 'info', {
      label: t('undo.redo'),
      run: () => void undoAndAnnounce(result.batchId),
    });
    return true;
  } catch (error) {
    show(errorMessage(error), 'error');
    return false;
  }
}

/**
 * The notice after a Save: `text` ("Customer Acme saved.") with an "Undo" button for the batch
 * that Save wrote. `since` is when the Save started (`new Date().toISOString()` taken before
 * calling main), so a Save that changed nothing offers no Undo of an older change.
 */
export async function announceSave(text: string, since: string): Promise<void> {
  const { show } = useToasts.getState();
  const latest = await call('audit:latest', { since }).catch(() => null);
  if (!latest?.undoable) {
    show(text);
    return;
  }
  show(text, 'info', { label: t('undo.action'), run: () => void undoAndAnnounce(latest.batchId) });
}
