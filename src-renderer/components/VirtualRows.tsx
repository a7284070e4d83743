import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useRowWindow } from './rowWindow';

export type VirtualRowsProps = Readonly<{
  /** The container's role: a grid of records, or a tree. */
  role: 'grid' | 'tree';
  label: string;
  count: number;
  rowHeight?: number;
  /** Called with the visible range so the store can fetch what is missing. */
  onRange?: (start: number, end: number) => void;
  /** Renders one row's content; `index` is the row's position in the whole list. */
  renderRow: (index: number, active: boolean) => ReactNode;
  rowProps?: (index: number) => Readonly<Record<string, string | number | boolean | undefined>>;
  onActivate?: (index: number) => void;
  /** Space on the active row (checklists toggle the row's checkbox). */
  onToggle?: (index: number) => void;
  /** Whether a click on a row activates it (false for checklists: a click only moves the focus). */
  activateOnClick?: boolean;
  empty?: ReactNode;
}>;

/**
 * A virtualized, keyboard-driven list: only the visible rows are in the DOM, the focus stays on
 * the list and the active row is announced through aria-activedescendant.
 */
export function VirtualRows({
  role,
  label,
  count,
  rowHeight = 32,
  onRange,
  renderRow,
  rowProps,
  onActivate,
  onToggle,
  activateOnClick = true,
  empty,
}: VirtualRowsProps) {
  const [active, setActive] = useState(0);
  const baseId = useId();
  const rows = useRowWindow(count, rowHeight, 4);
  const { first, last } = rows;

  useEffect(() => {
    if (count > 0) onRange?.(first, last + 1);
  }, [first, last, count, onRange]);

  useEffect(() => {
    if (active >= count) setActive(Math.max(0, count - 1));
  }, [active, count]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    rows.scrollToIndex(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((rows.element?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => count > 0 && onActivate?.(active),
      ...(onToggle ? { ' ': () => count > 0 && onToggle(active) } : {}),
    };
    // Space and Enter on a control inside a row belong to that control.
    if ((event.key === ' ' || event.key === 'Enter') && event.target !== event.currentTarget) return;
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  if (count === 0 && empty) return <div className="list-empty">{empty}</div>;

  return (
    <div
      ref={rows.ref}
      className="virtual-rows"
      role={role}
      aria-label={label}
      aria-rowcount={role === 'grid' ? count : undefined}
      aria-activedescendant={count > 0 ? `${baseId}-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: count * rowHeight, position: 'relative' }} role="presentation">
        {rows.indexes.map((index) => (
          <div
            key={index}
            id={`${baseId}-${index}`}
            className={index === active ? 'virtual-row active' : 'virtual-row'}
            role={role === 'grid' ? 'row' : 'treeitem'}
            aria-rowindex={role === 'grid' ? index + 1 : undefined}
            aria-selected={index === active}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              height: rowHeight,
              transform: `translateY(${index * rowHeight}px)`,
            }}
            onClick={() => {
              setActive(index);
              if (activateOnClick) onActivate?.(index);
            }}
            {...rowProps?.(index)}
          >
            {renderRow(index, index === active)}
          </div>
        ))}
      </div>
    </div>
  );
}
