import { create } from 'zustand';
import type { ListPage } from '../../src-shared/domain';

const PAGE_SIZE = 200;

export type ListState<Row> = {
  readonly query: string;
  readonly showInvalid: boolean;
  /** The query the rows and counts on screen answer (it lags `query` while an answer is on its way). */
  readonly shownQuery: string;
  /** Every live record (valid only, unless invalid ones are shown). */
  readonly total: number;
  /** Records matching the query. */
  readonly filtered: number;
  /** Rows the list can show (for trees this includes ancestors of matches). */
  readonly count: number;
  readonly loaded: boolean;
  readonly error: string | null;
  readonly rows: ReadonlyMap<number, Row>;
  setQuery: (query: string) => void;
  setShowInvalid: (showInvalid: boolean) => void;
  /** Makes sure rows [start, end) are loaded or on their way. */
  ensureRange: (start: number, end: number) => void;
  /** Reloads what is shown, keeping the query, after data changed (of these kinds, when known). */
  refresh: (entities?: readonly string[]) => void;
};

type Fetch<Row> = (query: {
  query: string;
  showInvalid: boolean;
  offset: number;
  limit: number;
}) => Promise<ListPage<Row>>;

/**
 * A windowed list over a `*:list` method: the store keeps the query and the rows loaded so far,
 * fetches pages as the list scrolls, and drops answers to queries that are no longer current.
 */
export function createListStore<Row>(
  fetch: Fetch<Row>,
  countOf: (page: ListPage<Row>) => number = (page) => page.filtered,
  pageSize = PAGE_SIZE,
) {
  let generation = 0;
  /** The generation whose answers already replaced the old rows. */
  let answered = -1;
  const pending = new Set<number>();

  return create<ListState<Row>>()((set, get) => {
    const loadPage = (page: number, currentGeneration: number) => {
      if (pending.has(page)) return;
      pending.add(page);
      const { query, showInvalid } = get();
      fetch({ query, showInvalid, offset: page * pageSize, limit: pageSize })
        .then((result) => {
          if (currentGeneration !== generation) return;
          // The first answer of a new generation starts afresh; later ones add to it.
          const rows = answered === generation ? new Map(get().rows) : new Map<number, Row>();
          answered = generation;
          result.rows.forEach((row, index) => rows.set(result.offset + index, row));
          set({
            rows,
            total: result.total,
            filtered: result.filtered,
            count: countOf(result),
            loaded: true,
            error: null,
            shownQuery: query,
          });
        })
        .catch((error: unknown) => {
          if (currentGeneration === generation)
            set({ error: error instanceof Error ? error.message : String(error), loaded: true });
        })
        .finally(() => {
          if (currentGeneration === generation) pending.delete(page);
        });
    };

    const reload = () => {
      generation += 1;
      pending.clear();
      loadPage(0, generation);
    };

    return {
      query: '',
      showInvalid: false,
      shownQuery: '',
      total: 0,
      filtered: 0,
      count: 0,
      loaded: false,
      error: null,
      rows: new Map(),
      setQuery(query) {
        set({ query });
        reload();
      },
      setShowInvalid(showInvalid) {
        set({ showInvalid });
        reload();
      },
      ensureRange(start, end) {
        const rows = get().rows;
        for (let page = Math.floor(start / pageSize); page * pageSize < end; page += 1) {
          if (!rows.has(page * pageSize)) loadPage(page, generation);
        }
      },
      refresh() {
        // Keep the old rows on screen until the new ones arrive, so nothing flickers.
        const visiblePages = new Set([...get().rows.keys()].map((index) => Math.floor(index / pageSize)));
        generation += 1;
        pending.clear();
        const current = generation;
        for (const page of visiblePages.size > 0 ? visiblePages : new Set([0])) loadPage(page, current);
      },
    };
  });
}
