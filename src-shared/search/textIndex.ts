import { candidates, gramPostingSteps, type GramPostings } from './grams';

/**
 * An in-memory filter (used by main for windowed lists and by the renderer once it holds the
 * customer index, so both find exactly the same rows) over a list kept in display order. Each entry has one lowercased
 * haystack. A query is answered from the shortest list of candidates at hand: the previous
 * result when the query extends the previous one and, once `prepare()` has built them, the
 * postings of its characters and character pairs (so one or two characters need no string search).
 */
export class TextIndex {
  private last: { query: string; showInvalid: boolean; positions: Int32Array } | null = null;
  private grams: GramPostings | null = null;

  constructor(
    readonly ids: readonly string[],
    private readonly haystacks: readonly string[],
    private readonly valid: Uint8Array,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  /**
   * Builds the character postings (about 0.1–0.2 s and 25 MB for 100,000 customers), worth it
   * where every keystroke filters, as in the renderer; until then queries scan the haystacks.
   */
  prepare(): void {
    for (const _step of this.preparing());
  }

  /** `prepare()` in steps, to spread over several tasks; queries scan until the last step. */
  *preparing(): Generator<undefined, void> {
    if (!this.grams) this.grams = yield* gramPostingSteps(this.haystacks);
  }

  /** Positions (in display order) of the entries matching `query`. */
  filter(rawQuery: string, showInvalid: boolean): Int32Array {
    const query = rawQuery.trim().toLowerCase();
    const last = this.last;
    if (last && last.showInvalid === showInvalid && last.query === query) return last.positions;
    const positions = this.search(query, showInvalid, last && last.showInvalid === showInvalid && query.startsWith(last.query) ? last.positions : null);
    this.last = { query, showInvalid, positions };
    return positions;
  }

  private search(query: string, showInvalid: boolean, narrowing: Int32Array | null): Int32Array {
    if (query === '') return this.keep(null, showInvalid, null);
    const found = this.grams ? candidates(this.grams, query) : null;
    if (found && !(narrowing && narrowing.length < found.positions.length)) return this.keep(found.positions, showInvalid, found.exact ? null : query);
    return this.keep(narrowing, showInvalid, query);
  }

  /** The positions of `source` (every entry when null) that are shown and, if `query` is given, contain it. */
  private keep(source: Int32Array | null, showInvalid: boolean, query: string | null): Int32Array {
    const length = source ? source.length : this.ids.length;
    const out = new Int32Array(length);
    let count = 0;
    for (let index = 0; index < length; index += 1) {
      const position = source ? (source[index] ?? 0) : index;
      if (!showInvalid && this.valid[position] === 0) continue;
      if (query !== null && !(this.haystacks[position] ?? '').includes(query)) continue;
      out[count++] = position;
    }
    return count === length ? out : out.slice(0, count);
  }
}

/** What a customer is found by: Customer ID, name and city, lowercased. */
export function customerHaystack(code: string, name: string, city: string): string {
  return `${code}\u0001${name}\u0001${city}`.toLowerCase();
}
