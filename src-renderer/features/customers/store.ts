import { create } from 'zustand';
import type { CustomerIndexColumns, CustomerRow } from '../../../src-shared/domain';
import { TextIndex } from '../../../src-shared/search/textIndex';
import { customerHaystack } from '../../../src-shared/search/textIndex';
import { ACCESS_MODES_CHANGED } from '../../../src-shared/ipc/events';
import { call } from '../../api';
import type { ListState } from '../../components/listStore';
import { afterPaintOnce } from '../../components/afterPaint';

/** The index and its columns; the columns' modes are replaced in place when only modes change. */
type Local = { columns: CustomerIndexColumns; readonly index: TextIndex };

function buildLocal(columns: CustomerIndexColumns): Local {
  const haystacks = columns.ids.map((_, position) =>
    customerHaystack(columns.codes[position] ?? '', columns.names[position] ?? '', columns.cities[position] ?? ''),
  );
  return { columns, index: new TextIndex(columns.ids, haystacks, Uint8Array.from(columns.valid)) };
}

const noCustomFields: CustomerRow['customFields'] = Object.freeze({});

/**
 * The main window's customer list. The first window comes from main; meanwhile the whole
 * customer index (100,000 rows as columns) loads once, and from then on every keystroke filters
 * in the renderer with no round trip. Effective counts fill in per visible window from main.
 */
export const useCustomerList = create<ListState<CustomerRow>>()((set, get) => {
  let local: Local | null = null;
  let loadingIndex: Promise<void> | null = null;
  let positions: Int32Array = new Int32Array(0);
  let range: [number, number] = [0, 60];
  /** What the rows on screen were drawn from, so a range they already cover is not drawn again. */
  let painted: { positions: Int32Array; start: number; end: number } | null = null;
  /**
   * Rows by position, kept while nothing about them changes: a keystroke that leaves a customer
   * on the same line hands React the same object, and its memoised cells are not drawn again.
   */
  let rowCache = new Map<number, CustomerRow>();
  let generation = 0;
  /** What only main knows (effective count, custom-field values) by customer id; cleared when data changes. */
  let details = new Map<string, Pick<CustomerRow, 'effectiveCount' | 'customFields'>>();
  /** Asked for and not yet answered, or not answered at all (gone from main meanwhile): not asked again. */
  const pendingCounts = new Set<string>();

  const rowAt = (position: number): CustomerRow | undefined => {
    if (!local) return undefined;
    const { columns } = local;
    const id = columns.ids[position];
    if (id === undefined) return undefined;
    const detail = details.get(id);
    const effectiveCount = detail?.effectiveCount ?? null;
    const customFields = detail?.customFields ?? noCustomFields;
    const cached = rowCache.get(position);
    if (cached && cached.effectiveCount === effectiveCount && cached.customFields === customFields) return cached;
    const row: CustomerRow = {
      id,
      code: columns.codes[position] ?? '',
      name: columns.names[position] ?? '',
      city: columns.cities[position] ?? '',
      validity: columns.validities[position] ?? 'valid',
      accessMode: columns.specific[position] ? 'specific' : 'defaults',
      effectiveCount,
      customFields,
    };
    if (rowCache.size > 10_000) rowCache = new Map();
    rowCache.set(position, row);
    return row;
  };

  const paintRange = () => {
    const [start, end] = range;
    const rows = new Map<number, CustomerRow>();
    let countsMissing = false;
    for (let index = start; index < Math.min(end, positions.length); index += 1) {
      const row = rowAt(positions[index] ?? -1);
      if (!row) continue;
      rows.set(index, row);
      if (row.effectiveCount === null) countsMissing = true;
    }
    painted = { positions, start, end: Math.min(end, positions.length) };
    set({ rows });
    if (countsMissing) fetchCountsAfterPaint();
  };

  // What only main knows is asked for once the frame showing the rows has painted, and drawn
  // after the frame it arrives in: a keystroke's frame carries only the filtered rows, and
  // main's query does not compete with it for the processor. Rows show "…" meanwhile.
  const fetchCountsAfterPaint = afterPaintOnce(() => {
    const ids = [...get().rows.values()]
      .filter((row) => row.effectiveCount === null && !pendingCounts.has(row.id))
      .map((row) => row.id);
    if (ids.length === 0) return;
    ids.forEach((id) => pendingCounts.add(id));
    const asked = details;
    call('customers:rows', { ids })
      .then((rows) => {
        // Data changed meanwhile: this answer is older than the change, and the rows ask again.
        if (asked !== details) return;
        for (const row of rows) {
          details.set(row.id, row);
          pendingCounts.delete(row.id);
        }
        paintCounts();
      })
      .catch((error: unknown) => {
        if (asked === details) ids.forEach((id) => pendingCounts.delete(id));
        set({ error: error instanceof Error ? error.message : String(error) });
      });
  });
  const paintCounts = afterPaintOnce(() => paintRange());

  const filterLocally = () => {
    if (!local) return;
    const { query, showInvalid } = get();
    positions = local.index.filter(query, showInvalid);
    set({
      total: local.index.size,
      filtered: positions.length,
      count: positions.length,
      loaded: true,
      error: null,
      shownQuery: query,
    });
    paintRange();
  };

  const loadIndex = () => {
    loadingIndex ??= call('customers:index', {})
      .then((columns) => {
        local = buildLocal(columns);
        rowCache = new Map();
        filterLocally();
        // The character postings make filters of up to three characters instant; build them in the
        // window's idle time, a step at a time, so neither painting nor typing ever waits for them
        // (keystrokes before they are done scan, as before).
        const built = local;
        const steps = built.index.preparing();
        const step = (deadline: IdleDeadline) => {
          if (local !== built) return;
          do {
            if (steps.next().done) return;
          } while (deadline.timeRemaining() > 1);
          requestIdleCallback(step, { timeout: 1000 });
        };
        requestIdleCallback(step, { timeout: 1000 });
      })
      .catch((error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        loadingIndex = null;
      });
  };

  /** Before the index is here: ask main for the window, as any windowed list does. */
  const fetchRemote = (): Promise<void> => {
    const current = ++generation;
    const { query, showInvalid } = get();
    const [start, end] = range;
    return call('customers:list', {
      query,
      showInvalid,
      offset: start,
      limit: Math.min(2000, Math.max(60, end - start)),
    })
      .then((page) => {
        if (current !== generation || local) return;
        const rows = new Map<number, CustomerRow>();
        page.rows.forEach((row, index) => {
          rows.set(page.offset + index, row);
          details.set(row.id, row);
        });
        set({
          rows,
          total: page.total,
          filtered: page.filtered,
          count: page.filtered,
          loaded: true,
          error: null,
          shownQuery: query,
        });
      })
      .catch((error: unknown) => set({ error: error instanceof Error ? error.message : String(error), loaded: true }));
  };

  const loadIndexAfterPaint = afterPaintOnce(loadIndex);

  const update = () => (local ? filterLocally() : void fetchRemote());

  /** After a change of access modes only: the same customers, so only the mode column is read again. */
  const loadAccessModes = () => {
    void (loadingIndex ?? Promise.resolve())
      .then(() => call('customers:accessModes', {}))
      .then(({ version, specific }) => {
        if (!local) return;
        // Main's list is not the one this window holds (customers changed meanwhile): all of it again.
        if (local.columns.version !== version) return loadIndex();
        local.columns = { ...local.columns, specific: Array.from(specific, (flag) => (flag === '1' ? 1 : 0)) };
        rowCache = new Map();
        paintRange();
      })
      .catch((error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }));
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
      update();
    },
    setShowInvalid(showInvalid) {
      set({ showInvalid });
      update();
    },
    ensureRange(start, end) {
      range = [start, end];
      if (!local) {
        if ([...Array(end - start).keys()].some((offset) => !get().rows.has(start + offset))) void fetchRemote();
        return;
      }
      // After a keystroke the list reports its range again; the rows drawn with the filter cover it.
      const covered =
        painted !== null &&
        painted.positions === positions &&
        start >= painted.start &&
        Math.min(end, positions.length) <= painted.end;
      if (!covered) paintRange();
    },
    refresh(entities?: readonly string[]) {
      details = new Map();
      pendingCounts.clear();
      if (!entities || entities.includes('customer') || !local) {
        // The first window paints first; the whole index follows, so it never delays the lists.
        if (!local) void fetchRemote().finally(loadIndexAfterPaint);
        else loadIndex();
      } else if (entities.includes(ACCESS_MODES_CHANGED)) {
        loadAccessModes();
      } else {
        paintRange();
      }
    },
  };
});
