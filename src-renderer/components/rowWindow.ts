import { useCallback, useLayoutEffect, useMemo, useState } from 'react';

export type RowWindow = {
  /** The scrolling element's ref callback. */
  readonly ref: (element: HTMLDivElement | null) => void;
  readonly element: HTMLDivElement | null;
  /** The rows to draw (visible ones and `overscan` on each side), ascending. */
  readonly indexes: readonly number[];
  readonly first: number;
  readonly last: number;
  /** Scrolls as little as needed to show row `index`. */
  scrollToIndex: (index: number) => void;
};

/**
 * Which rows of a list of equally tall rows are in view. Every row has the same height, so the
 * window follows from the scroll position in constant time, however many rows there are: a new
 * count (a filter keystroke over 100,000 customers) measures nothing.
 */
export function useRowWindow(count: number, rowHeight: number, overscan: number): RowWindow {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });

  useLayoutEffect(() => {
    if (!element) return undefined;
    const read = () =>
      setViewport((previous) =>
        previous.top === element.scrollTop && previous.height === element.clientHeight
          ? previous
          : { top: element.scrollTop, height: element.clientHeight },
      );
    read();
    element.addEventListener('scroll', read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      observer.disconnect();
    };
  }, [element]);

  // A shorter list than the scroll position allows is clamped by the browser a moment later;
  // clamp here too, so the rows at the end show at once instead of an empty frame.
  const top = Math.max(0, Math.min(viewport.top, count * rowHeight - viewport.height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((top + viewport.height) / rowHeight) + overscan - 1);
  const indexes = useMemo(
    () => Array.from({ length: Math.max(0, last - first + 1) }, (_, offset) => first + offset),
    [first, last],
  );

  const scrollToIndex = useCallback(
    (index: number) => {
      if (!element) return;
      const start = index * rowHeight;
      if (start < element.scrollTop) element.scrollTop = start;
      else if (start + rowHeight > element.scrollTop + element.clientHeight)
        element.scrollTop = start + rowHeight - element.clientHeight;
    },
    [element, rowHeight],
  );

  return {
    ref: setElement,
    element,
    indexes,
    first: Math.max(0, Math.min(first, last)),
    last: Math.max(0, last),
    scrollToIndex,
  };
}
