/**
 * An in-memory filter (used by main for windowed lists and by the renderer once it holds the
 * customer index, so both find exactly the same rows) over a list kept in display order. Each entry has one lowercased
 * haystack; a query that extends the previous one narrows the previous result instead of
 * scanning everything again.
 */
export class TextIndex {
  private last: { query: string; showInvalid: boolean; positions: Int32Array } | null = null;

  constructor(
    readonly ids: readonly string[],
    private readonly haystacks: readonly string[],
    private readonly valid: Uint8Array,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  /** Positions (in display order) of the entries matching `query`. */
  filter(rawQuery: string, showInvalid: boolean): Int32Array {
    const query = rawQuery.trim().toLowerCase();
    const last = this.last;
    if (last && last.showInvalid === showInvalid && last.query === query) return last.positions;
    const source = last && last.showInvalid === showInvalid && query.startsWith(last.query) ? last.positions : null;
    const positions = source ? this.scan(source, query, showInvalid) : this.scanAll(query, showInvalid);
    this.last = { query, showInvalid, positions };
    return positions;
  }

  private scanAll(query: string, showInvalid: boolean): Int32Array {
    const out = new Int32Array(this.ids.length);
    let count = 0;
    for (let position = 0; position < this.ids.length; position += 1) {
      if (this.accepts(position, query, showInvalid)) out[count++] = position;
    }
    return out.slice(0, count);
  }

  private scan(source: Int32Array, query: string, showInvalid: boolean): Int32Array {
    const out = new Int32Array(source.length);
    let count = 0;
    for (const position of source) {
      if (this.accepts(position, query, showInvalid)) out[count++] = position;
    }
    return out.slice(0, count);
  }

  private accepts(position: number, query: string, showInvalid: boolean): boolean {
    if (!showInvalid && this.valid[position] === 0) return false;
    return query === '' || (this.haystacks[position] ?? '').includes(query);
  }
}

/** What a customer is found by: Customer ID, name and city, lowercased. */
export function customerHaystack(code: string, name: string, city: string): string {
  return `${code}\u0001${name}\u0001${city}`.toLowerCase();
}
