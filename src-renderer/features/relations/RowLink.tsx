import type { ReactNode } from 'react';
import { t } from '../../i18n';

/**
 * A row's name as a link-styled button that opens its record, beside the row's checkbox. Like
 * the row's other controls it stays out of the tab order and never takes the focus from the
 * list, so arrows and Space keep working and Enter on the row opens the same record.
 */
export function RowLink({
  name,
  onOpen,
  children,
}: Readonly<{ name: string; onOpen: () => void; children: ReactNode }>) {
  return (
    <button
      type="button"
      className="link-button row-link"
      tabIndex={-1}
      aria-label={name}
      title={t('allocation.edit', { name })}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onOpen}
    >
      {children}
    </button>
  );
}
