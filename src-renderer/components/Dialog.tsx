import * as RadixDialog from '@radix-ui/react-dialog';
import { useLayoutEffect, useRef, type ReactNode } from 'react';

type OpenDialogEntry = { requestClose: () => void };

/**
 * The open dialogs, lowest first, updated synchronously as they mount. Radix learns which layer
 * is on top a render later, so an Esc pressed right after a dialog opens on top of another can
 * reach the lower one; it is passed on to the top dialog instead of being lost.
 */
const openDialogs: OpenDialogEntry[] = [];

export type DialogProps = Readonly<{
  title: string;
  open: boolean;
  /** Called when the admin asks to close (Esc, the close button); the owner decides. */
  onRequestClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  description?: string;
  wide?: boolean;
}>;

/** An accessible modal dialog (focus trap, Esc, labelled by its title) in the app's look. */
export function Dialog({ title, open, onRequestClose, children, footer, description, wide }: DialogProps) {
  const entry = useRef<OpenDialogEntry>({ requestClose: onRequestClose });
  entry.current.requestClose = onRequestClose;
  useLayoutEffect(() => {
    if (!open) return;
    const mine = entry.current;
    openDialogs.push(mine);
    return () => {
      openDialogs.splice(openDialogs.lastIndexOf(mine), 1);
    };
  }, [open]);
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !next && onRequestClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={wide ? 'dialog dialog-wide' : 'dialog'}
          {...(description ? {} : { 'aria-describedby': undefined })}
          onPointerDownOutside={(event) => event.preventDefault()}
          onEscapeKeyDown={(event) => {
            const top = openDialogs[openDialogs.length - 1];
            if (event.defaultPrevented || !top || top === entry.current) return;
            event.preventDefault();
            top.requestClose();
          }}
          onOpenAutoFocus={(event) => {
            // Start in the first field rather than on the close button.
            const first = (event.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>(
              '.dialog-body input:not([type=hidden]), .dialog-body select, .dialog-body textarea, .dialog-body [tabindex="0"]',
            );
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }}
        >
          <header className="dialog-header">
            <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
            <RadixDialog.Close className="icon-button" aria-label="Close">
              ×
            </RadixDialog.Close>
          </header>
          {description ? (
            <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description>
          ) : null}
          <div className="dialog-body">{children}</div>
          {footer ? <footer className="dialog-footer">{footer}</footer> : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
