import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { t } from '../../i18n';

/** "Discard unsaved changes?": asked before Cancel or Esc throws away a dialog's changes. */
export function DiscardGuard({
  open,
  title,
  onKeep,
  onDiscard,
}: Readonly<{ open: boolean; title: string; onKeep: () => void; onDiscard: () => void }>) {
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !next && onKeep()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog alert-dialog">
          <header className="dialog-header">
            <AlertDialog.Title className="dialog-title">{t('allocation.discardTitle')}</AlertDialog.Title>
          </header>
          <AlertDialog.Description className="dialog-description">
            {t('allocation.discardBody', { title })}
          </AlertDialog.Description>
          <footer className="dialog-footer">
            <AlertDialog.Cancel asChild>
              <button type="button">{t('allocation.keepEditing')}</button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className="danger" onClick={onDiscard}>
                {t('allocation.discard')}
              </button>
            </AlertDialog.Action>
          </footer>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
