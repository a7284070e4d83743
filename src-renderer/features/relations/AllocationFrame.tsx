import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';
import { useUi } from '../shell/uiStore';
import { DiscardGuard } from './DiscardGuard';

export type AllocationFrameProps = Readonly<{
  title: string;
  dirty: boolean;
  /** What the pending changes do ("+3, −1 · falls back to the 16 default services"). */
  summary: string;
  /** Saves the pending changes; throws with main's message on failure. */
  onSave: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}>;

/**
 * The shell of the three allocation dialogs: the change summary and "Save" / "Save and finish" /
 * "Cancel", Ctrl/Cmd+S, and the unsaved-changes guard on Cancel and Esc.
 */
export function AllocationFrame({ title, dirty, summary, onSave, onClose, children }: AllocationFrameProps) {
  const show = useToasts((state) => state.show);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [asking, setAsking] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const lastFocused = useRef<HTMLElement | null>(null);
  const depth = useUi((state) => state.dialogs.length);

  const save = async (finish: boolean) => {
    if (busy) return;
    setBusy(true);
    try {
      if (dirty) await onSave();
      setSaved(true);
      if (finish) onClose();
    } catch (error) {
      show(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    if (dirty) setSaved(false);
  }, [dirty]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 's' || !(event.ctrlKey || event.metaKey)) return;
      // Only the dialog that has the focus saves (lower dialogs of the stack stay mounted).
      if (!ownsFocus()) return;
      event.preventDefault();
      void saveRef.current(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A record opened from this dialog has closed: the focus goes back where it was here (the
  // list, so arrows and Space keep working) instead of staying on the page behind.
  useEffect(() => {
    const timer = setTimeout(() => {
      const active = document.activeElement;
      if ((!active || active === document.body) && lastFocused.current?.isConnected) lastFocused.current.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [depth]);

  const requestClose = () => (dirty ? setAsking(true) : onClose());
  /**
   * Whether keys belong to this dialog: the focus is in it, or nowhere (a stacked dialog just
   * closed and its trigger row was re-rendered) while it is the top dialog; never when the focus
   * is in another dialog (one stacked on it, or the one an Esc is closing).
   */
  const ownsFocus = () => {
    const mine = bodyRef.current?.closest('[role="dialog"]');
    if (!mine) return false;
    const active = document.activeElement;
    if (active && mine.contains(active)) return true;
    if (active && active !== document.body && active.closest('[role="dialog"], [role="alertdialog"]')) return false;
    const dialogs = document.querySelectorAll('[role="dialog"], [role="alertdialog"]');
    return dialogs[dialogs.length - 1] === mine;
  };

  return (
    <>
      <Dialog
        title={title}
        open
        wide
        // An Esc that closed a dialog stacked on this one must not also close this one.
        onRequestClose={() => ownsFocus() && requestClose()}
        footer={
          <>
            <output className="allocation-summary" aria-live="polite">
              {saved && !dirty ? t('allocation.saved') : summary}
            </output>
            <button type="button" onClick={requestClose}>
              {t('common.cancel')}
            </button>
            <button type="button" disabled={busy} onClick={() => void save(false)}>
              {t('allocation.save')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void save(true)}>
              {t('allocation.saveAndFinish')}
            </button>
          </>
        }
      >
        <div
          ref={bodyRef}
          className="allocation-body"
          onFocus={(event) => {
            lastFocused.current = event.target;
          }}
        >
          {children}
        </div>
      </Dialog>
      <DiscardGuard
        open={asking}
        title={title}
        onKeep={() => setAsking(false)}
        onDiscard={() => {
          setAsking(false);
          onClose();
        }}
      />
    </>
  );
}
