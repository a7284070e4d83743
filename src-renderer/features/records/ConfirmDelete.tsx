import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useEffect, useState } from 'react';
import type { DeleteResult } from '../../../src-shared/ipc/contract';
import { errorMessage } from '../../api';
import { t, type MessageKey } from '../../i18n';

const hiddenLabels: Readonly<Record<string, MessageKey>> = {
  assignments: 'hidden.assignments',
  customerUsers: 'hidden.customerUsers',
  subServices: 'hidden.subServices',
};

/** "12 assignments and 3 customer users": what a soft delete hides, in words. */
export function describeHidden(hidden: DeleteResult['hidden']): string | null {
  const parts = Object.entries(hidden)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => {
      const key = hiddenLabels[kind];
      return key ? t(key, { count }) : `${count} ${kind}`;
    });
  if (parts.length === 0) return null;
  return parts.length === 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

export type ConfirmDeleteProps = Readonly<{
  name: string;
  /** What the delete would hide, asked before deleting. */
  preview: () => Promise<DeleteResult>;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}>;

/** The alert dialog before a soft delete: says what it hides, Cancel has the focus. */
export function ConfirmDelete({ name, preview, onConfirm, onCancel }: ConfirmDeleteProps) {
  const [hidden, setHidden] = useState<DeleteResult['hidden'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    preview().then(
      (result) => setHidden(result.hidden),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [preview]);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  const hides = hidden ? describeHidden(hidden) : null;
  return (
    <AlertDialog.Root open onOpenChange={(open) => !open && onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog alert-dialog">
          <header className="dialog-header">
            <AlertDialog.Title className="dialog-title">{t('delete.title', { name })}</AlertDialog.Title>
          </header>
          <AlertDialog.Description asChild>
            <div className="dialog-body">
              <p>{t('delete.body')}</p>
              <p>
                {hidden ? (hides ? t('delete.hides', { list: hides }) : t('delete.hidesNothing')) : t('delete.loading')}
              </p>
              {error ? (
                <p className="form-error" role="alert">
                  {error}
                </p>
              ) : null}
            </div>
          </AlertDialog.Description>
          <footer className="dialog-footer">
            <AlertDialog.Cancel asChild>
              <button type="button">{t('common.cancel')}</button>
            </AlertDialog.Cancel>
            <button type="button" className="danger" disabled={!hidden || busy} onClick={() => void confirm()}>
              {t('common.delete')}
            </button>
          </footer>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
