/**
 * Posting lists of every one-, two- and three-character string (UTF-16 code units) of a list of
 * texts: for each, the positions of the texts that contain it, ascending, in one compact
 * Int32Array per size (offsets into it per gram). A query of up to three characters is then
 * answered by its own list alone, with no string search at all; longer queries start from the
 * texts holding all of their three-character pieces.
 */
export type GramPostings = {
  /** Code unit → its slot + 1 (0: no text contains it). */
  readonly slotOf: Int32Array;
  /** Distinct code units in the texts. */
  readonly slots: number;
  readonly single: Postings;
  /** By `slot1 * slots + slot2`; null when the texts use too many distinct characters for a pair table. */
  readonly pairs: Postings | null;
  /** By `(slot1 * slots + slot2) * slots + slot3`; null when the texts use too many distinct characters for a triple table. */
  readonly triples: Postings | null;
};

type Postings = { readonly starts: Int32Array; readonly positions: Int32Array };

/** Above this many distinct characters the pair table (slots²) is not built; queries fall back to single characters. */
const MAX_PAIR_SLOTS = 1024;
/** Above this many the triple table (slots³, 4 bytes each: 8 MB at 128) is not built; queries fall back to pairs. */
const MAX_TRIPLE_SLOTS = 128;

export function buildGramPostings(texts: readonly string[]): GramPostings {
  const steps = gramPostingSteps(texts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** One gram size's lists while they are built: counted first, then filled. */
type Builder = { readonly starts: Int32Array; positions: Int32Array; next: Int32Array; readonly seen: Int32Array };

function builder(grams: number): Builder {
  return {
    starts: new Int32Array(grams + 1),
    positions: new Int32Array(0),
    next: new Int32Array(0),
    seen: new Int32Array(grams),
  };
}

/**
 * The same build in steps: it pauses after every `chunk` texts, so a caller can spread the
 * work over several tasks and keep the window responsive (100,000 customers take 0.2–0.5 s).
 */
export function* gramPostingSteps(texts: readonly string[], chunk = 2_000): Generator<undefined, GramPostings> {
  const slotOf = new Int32Array(65536);
  let slots = 0;
  for (let position = 0; position < texts.length; position += 1) {
    const text = texts[position] ?? '';
    for (let at = 0; at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (slotOf[code] === 0) slotOf[code] = ++slots;
    }
    if (position % chunk === chunk - 1) yield;
  }
  const single = builder(slots);
  const pairs = slots <= MAX_PAIR_SLOTS ? builder(slots * slots) : null;
  const triples = slots <= MAX_TRIPLE_SLOTS ? builder(slots * slots * slots) : null;
  const sizes = [single, pairs, triples];
  // Two passes over the text, the same loop: the first counts the texts per gram, the second
  // writes each text's position into its grams' lists. `seen[gram]` holds the position + 1 of the
  // last text that counted it, so a text counts once per gram. No buffers beyond the postings:
  // large temporary arrays would make the garbage collector pause the window while typing.
  for (const fill of [false, true]) {
    for (const size of sizes) {
      if (!size) continue;
      // Counting writes at gram + 1 (so the prefix sums start each list at its gram), filling at gram.
      if (fill) {
        size.positions = new Int32Array(prefixSums(size.starts));
        size.next = size.starts.slice();
        size.seen.fill(0);
      } else size.next = size.starts;
    }
    const shift = fill ? 0 : 1;
    const count = (size: Builder, gram: number, position: number) => {
      if (size.seen[gram] === position + 1) return;
      size.seen[gram] = position + 1;
      const index = size.next[gram + shift] ?? 0;
      if (fill) size.positions[index] = position;
      size.next[gram + shift] = index + 1;
    };
    for (let position = 0; position < texts.length; position += 1) {
      const text = texts[position] ?? '';
      let pair = -1;
      let previous = -1;
      for (let at = 0; at < text.length; at += 1) {
        const slot = (slotOf[text.charCodeAt(at)] ?? 1) - 1;
        count(single, slot, position);
        if (triples && pair >= 0) count(triples, pair * slots + slot, position);
        pair = previous >= 0 ? previous * slots + slot : -1;
        if (pairs && pair >= 0) count(pairs, pair, position);
        previous = slot;
      }
      if (position % chunk === chunk - 1) yield;
    }
  }
  const done = (size: Builder): Postings => ({ starts: size.starts, positions: size.positions });
  return { slotOf, slots, single: done(single), pairs: pairs && done(pairs), triples: triples && done(triples) };
}

/** Turns counts at `[gram + 1]` into start offsets at `[gram]`, in place; returns the total. */
function prefixSums(starts: Int32Array): number {
  for (let gram = 1; gram < starts.length; gram += 1) starts[gram] = (starts[gram] ?? 0) + (starts[gram - 1] ?? 0);
  return starts[starts.length - 1] ?? 0;
}

/**
 * The positions of the texts that contain `query` (already lowercased like the texts) or a
 * superset of them, and whether the list is exact (no check of the text needed). A query longer
 * than the largest gram gets the texts that contain all of its pieces of that size: the lists
 * intersected from the shortest up, so its text check runs over a few candidates. An empty list
 * when some character of the query occurs in no text.
 */
export function candidates(grams: GramPostings, query: string): { positions: Int32Array; exact: boolean } {
  const slotsOfQuery: number[] = [];
  for (let at = 0; at < query.length; at += 1) {
    const slot = grams.slotOf[query.charCodeAt(at)] ?? 0;
    if (slot === 0) return { positions: new Int32Array(0), exact: true };
    slotsOfQuery.push(slot - 1);
  }
  // The largest gram size at hand that the query fills, and its lists.
  const [size, postings] =
    grams.triples && slotsOfQuery.length >= 3
      ? [3, grams.triples]
      : grams.pairs && slotsOfQuery.length >= 2
        ? [2, grams.pairs]
        : [1, grams.single];
  const lists: Int32Array[] = [];
  for (let at = size - 1; at < slotsOfQuery.length; at += 1) {
    let gram = 0;
    for (let back = size - 1; back >= 0; back -= 1) gram = gram * grams.slots + (slotsOfQuery[at - back] ?? 0);
    lists.push(postings.positions.subarray(postings.starts[gram] ?? 0, postings.starts[gram + 1] ?? 0));
  }
  lists.sort((a, b) => a.length - b.length);
  let positions = lists[0] ?? new Int32Array(0);
  for (const other of lists.slice(1)) {
    if (positions.length === 0) break;
    positions = intersect(positions, other);
  }
  return { positions, exact: query.length === size };
}

/** The positions in both ascending lists, ascending; `shorter` is walked, `longer` searched ahead. */
export function intersect(shorter: Int32Array, longer: Int32Array): Int32Array {
  const out = new Int32Array(shorter.length);
  let count = 0;
  let from = 0;
  for (let index = 0; index < shorter.length && from < longer.length; index += 1) {
    const wanted = shorter[index] ?? 0;
    // Gallop to a range holding `wanted`, then search it: a short list against a long one costs
    // its length times a logarithm, two lists of similar length a walk of both.
    let step = 1;
    let to = from;
    while (to < longer.length && (longer[to] ?? 0) < wanted) {
      from = to + 1;
      to = from + step;
      step *= 2;
    }
    to = Math.min(to, longer.length - 1);
    while (from < to) {
      const middle = (from + to) >>> 1;
      if ((longer[middle] ?? 0) < wanted) from = middle + 1;
      else to = middle;
    }
    if (longer[from] === wanted) out[count++] = wanted;
  }
  return out.subarray(0, count);
}
