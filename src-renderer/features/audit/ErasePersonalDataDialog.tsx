import { useState } from 'react';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';

export type ErasePersonalDataDialogProps = Readonly<{
  /** The customer user whose personal data goes. */
  userId: string;
  login: string;
  onClose: () => void;
  /** Called after the erasure, e.g. to reload or close the customer user's dialog. */
  onErased?: () => void;
}>;

/**
 * Dialog "Erase personal data": the right to be forgotten for one customer user, confirmed by
 * typing the login. Open it from the customer user's edit dialog (button "Erase personal data").
 */
export function ErasePersonalDataDialog({ userId, login, onClose, onErased }: ErasePersonalDataDialogProps) {
  const show = useToasts((state) => state.show);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const erase = async () => {
    setBusy(true);
    try {
      await call('privacy:eraseCustomerUser', { id: userId, confirmLogin: typed });
      show(t('erase.done', { login }));
      onClose();
      onErased?.();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('erase.title')}
      open
      onRequestClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="erase-form" className="danger" disabled={busy || typed.trim() !== login}>
            {t('erase.button')}
          </button>
        </>
      }
    >
      <form
        id="erase-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void erase();
        }}
      >
        <p>{t('erase.body', { login })}</p>
        <Field label={t('erase.confirm')} error={error ?? undefined} hint={login}>
          {(props) => (
            <input
              {...props}
              autoComplete="off"
              value={typed}
              onChange={(event) => {
                setTyped(event.target.value);
                setError(null);
              }}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
