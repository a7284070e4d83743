/**
 * Posting lists of every one- and two-character string (UTF-16 code units) of a list of texts:
 * for each, the positions of the texts that contain it, ascending, in one compact Int32Array per
 * size (offsets into it per gram). A one-character query is then answered by its list alone and
 * a two-character one by its pair's list, with no string search at all; longer queries start
 * from the shortest list among their pairs.
 */
export type GramPostings = {
  /** Code unit → its slot + 1 (0: no text contains it). */
  readonly slotOf: Int32Array;
  /** Distinct code units in the texts. */
  readonly slots: number;
  readonly single: Postings;
  /** By `slot1 * slots + slot2`; null when the texts use too many distinct characters for a pair table. */
  readonly pairs: Postings | null;
};

type Postings = { readonly starts: Int32Array; readonly positions: Int32Array };

/** Above this many distinct characters the pair table (slots²) is not built; queries fall back to single characters. */
const MAX_PAIR_SLOTS = 1024;

export function buildGramPostings(texts: readonly string[]): GramPostings {
  const steps = gramPostingSteps(texts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build in steps: it pauses after every `chunk` texts, so a caller can spread the
 * work over several tasks and keep the window responsive (100,000 customers take 0.1–0.3 s).
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
  const pairGrams = slots <= MAX_PAIR_SLOTS ? slots * slots : 0;
  // Two passes over the text, the same loop: the first counts the texts per gram, the second
  // writes each text's position into its grams' lists. `seen[gram]` holds the position + 1 of the
  // last text that counted it, so a text counts once per gram. No buffers beyond the postings:
  // large temporary arrays would make the garbage collector pause the window while typing.
  const single = { starts: new Int32Array(slots + 1), positions: new Int32Array(0) };
  const pairs = { starts: new Int32Array(pairGrams + 1), positions: new Int32Array(0) };
  const singleSeen = new Int32Array(slots);
  const pairSeen = new Int32Array(pairGrams);
  let singleNext = single.starts;
  let pairNext = pairs.starts;
  for (const fill of [false, true]) {
    if (fill) {
      single.positions = new Int32Array(prefixSums(single.starts));
      pairs.positions = new Int32Array(prefixSums(pairs.starts));
      singleNext = single.starts.slice();
      pairNext = pairs.starts.slice();
      singleSeen.fill(0);
      pairSeen.fill(0);
    }
    // Counting writes at gram + 1 (so the prefix sums start each list at its gram), filling at gram.
    const shift = fill ? 0 : 1;
    for (let position = 0; position < texts.length; position += 1) {
      const text = texts[position] ?? '';
      const mark = position + 1;
      let previous = -1;
      for (let at = 0; at < text.length; at += 1) {
        const slot = (slotOf[text.charCodeAt(at)] ?? 1) - 1;
        if (singleSeen[slot] !== mark) {
          singleSeen[slot] = mark;
          const index = singleNext[slot + shift] ?? 0;
          if (fill) single.positions[index] = position;
          singleNext[slot + shift] = index + 1;
        }
        if (pairGrams > 0 && previous >= 0) {
          const pair = previous * slots + slot;
          if (pairSeen[pair] !== mark) {
            pairSeen[pair] = mark;
            const index = pairNext[pair + shift] ?? 0;
            if (fill) pairs.positions[index] = position;
            pairNext[pair + shift] = index + 1;
          }
        }
        previous = slot;
      }
      if (position % chunk === chunk - 1) yield;
    }
  }
  return { slotOf, slots, single, pairs: pairGrams > 0 ? pairs : null };
}

/** Turns counts at `[gram + 1]` into start offsets at `[gram]`, in place; returns the total. */
function prefixSums(starts: Int32Array): number {
  for (let gram = 1; gram < starts.length; gram += 1) starts[gram] = (starts[gram] ?? 0) + (starts[gram - 1] ?? 0);
  return starts[starts.length - 1] ?? 0;
}

/**
 * The positions of the texts that contain `query` (already lowercased like the texts) or a
 * superset of them, and whether the list is exact (no check of the text needed). A longer query
 * gets the texts that contain all of its pairs (or, with no pair table, all of its characters):
 * the lists intersected from the shortest up, so its text check runs over a few candidates. An
 * empty list when some character of the query occurs in no text.
 */
export function candidates(grams: GramPostings, query: string): { positions: Int32Array; exact: boolean } {
  const slotsOfQuery: number[] = [];
  for (let at = 0; at < query.length; at += 1) {
    const slot = grams.slotOf[query.charCodeAt(at)] ?? 0;
    if (slot === 0) return { positions: new Int32Array(0), exact: true };
    slotsOfQuery.push(slot - 1);
  }
  const list = (postings: Postings, gram: number) => postings.positions.subarray(postings.starts[gram] ?? 0, postings.starts[gram + 1] ?? 0);
  const lists =
    grams.pairs && slotsOfQuery.length >= 2
      ? slotsOfQuery.slice(1).map((slot, at) => list(grams.pairs as Postings, (slotsOfQuery[at] ?? 0) * grams.slots + slot))
      : slotsOfQuery.map((slot) => list(grams.single, slot));
  lists.sort((a, b) => a.length - b.length);
  let positions = lists[0] ?? new Int32Array(0);
  for (const other of lists.slice(1)) {
    if (positions.length === 0) break;
    positions = intersect(positions, other);
  }
  return { positions, exact: query.length === 1 || (query.length === 2 && grams.pairs !== null) };
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
