import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGramPostings, candidates, gramPostingSteps, intersect } from '../../src-shared/search/grams';
import { TextIndex } from '../../src-shared/search/textIndex';

/** Texts over a small alphabet (so queries hit), with a character outside the Latin-1 range and a separator. */
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', 'ж', '\u0001', ' '), maxLength: 10 });
const query = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', 'ж', 'z', ' '), minLength: 1, maxLength: 4 });

function plainFilter(texts: readonly string[], valid: Uint8Array, rawQuery: string, showInvalid: boolean): number[] {
  const wanted = rawQuery.trim().toLowerCase();
  return texts.flatMap((haystack, position) =>
    (showInvalid || valid[position] === 1) && haystack.includes(wanted) ? [position] : [],
  );
}

describe('character postings', () => {
  it('list, for every one-, two- and three-character string, exactly the texts containing it, ascending', () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 40 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'ж', '\u0001', 'z'), minLength: 1, maxLength: 3 }),
        (texts, gram) => {
          const found = candidates(buildGramPostings(texts), gram);
          expect(found.exact).toBe(true);
          expect([...found.positions]).toEqual(
            texts.flatMap((haystack, position) => (haystack.includes(gram) ? [position] : [])),
          );
        },
      ),
    );
  });

  it('offer for a longer query a superset of the texts containing it', () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 40 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'ж'), minLength: 3, maxLength: 5 }),
        (texts, longer) => {
          const found = new Set(candidates(buildGramPostings(texts), longer).positions);
          texts.forEach((haystack, position) => {
            if (haystack.includes(longer)) expect(found.has(position)).toBe(true);
          });
        },
      ),
    );
  });

  it('intersect two ascending lists of any lengths into exactly the positions in both', () => {
    const ascending = (maxLength: number) =>
      fc
        .uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength })
        .map((values) => Int32Array.from(values.sort((a, b) => a - b)));
    fc.assert(
      fc.property(ascending(20), ascending(200), (shorter, longer) => {
        const inLonger = new Set(longer);
        expect([...intersect(shorter, longer)]).toEqual([...shorter].filter((position) => inLonger.has(position)));
      }),
    );
  });

  it('offer a longer query only texts holding all of its three-character pieces', () => {
    const grams = buildGramPostings(['abcd', 'abc bcd', 'abd', 'xbcd', 'dabc']);
    expect(candidates(grams, 'abc')).toEqual({ positions: Int32Array.from([0, 1, 4]), exact: true });
    expect(candidates(grams, 'abcd')).toEqual({ positions: Int32Array.from([0, 1]), exact: false });
    expect([...candidates(grams, 'abx').positions]).toEqual([]);
  });

  it('fall back to pairs when the texts use too many distinct characters for a triple table', () => {
    const texts = Array.from({ length: 300 }, (_, index) => `${String.fromCharCode(0x4e00 + index)}abc`);
    const grams = buildGramPostings(texts);
    expect(grams.triples).toBeNull();
    expect(grams.pairs).not.toBeNull();
    expect(candidates(grams, 'abc').exact).toBe(false);
    const index = new TextIndex(texts.map(String), texts, new Uint8Array(texts.length).fill(1));
    index.prepare();
    expect([...index.filter('abc', false)]).toHaveLength(300);
    expect([...index.filter(`${String.fromCharCode(0x4e00 + 9)}ab`, false)]).toEqual([9]);
  });

  it('built in steps, pause between chunks of texts and end with the same postings', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (texts, chunk) => {
        const steps = gramPostingSteps(texts, chunk);
        let pauses = 0;
        let step = steps.next();
        while (!step.done) {
          pauses += 1;
          step = steps.next();
        }
        expect(pauses).toBeGreaterThanOrEqual(Math.floor(texts.length / chunk));
        expect(step.value).toEqual(buildGramPostings(texts));
      }),
    );
  });

  it('count each text once per gram, and nothing for characters no text uses', () => {
    const grams = buildGramPostings(['aaa', 'ab', 'b']);
    expect([...candidates(grams, 'a').positions]).toEqual([0, 1]);
    expect([...candidates(grams, 'aa').positions]).toEqual([0]);
    expect([...candidates(grams, 'ab').positions]).toEqual([1]);
    expect([...candidates(grams, 'ba').positions]).toEqual([]);
    expect([...candidates(grams, 'x').positions]).toEqual([]);
    expect(grams.slots).toBe(2);
  });

  it('fall back to single characters when the texts use too many distinct characters for a pair table', () => {
    const texts = Array.from({ length: 1100 }, (_, index) => String.fromCharCode(0x4e00 + index) + 'ab');
    const grams = buildGramPostings(texts);
    expect(grams.pairs).toBeNull();
    const found = candidates(grams, String.fromCharCode(0x4e00 + 7) + 'a');
    expect(found.exact).toBe(false);
    expect([...found.positions]).toEqual([7]);
    const index = new TextIndex(texts.map(String), texts, new Uint8Array(texts.length).fill(1));
    index.prepare();
    expect([...index.filter('ab', false)]).toHaveLength(1100);
    expect([...index.filter(`${String.fromCharCode(0x4e00 + 9)}ab`, false)]).toEqual([9]);
  });
});

describe('the customer filter with postings', () => {
  it('finds, query after query, exactly what the plain filter finds (typing, deleting, retyping, toggling invalid)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.boolean()), { maxLength: 60 }),
        fc.array(fc.tuple(query, fc.constantFrom('extend', 'replace', 'shorten'), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        (entries, steps) => {
          const texts = entries.map(([haystack]) => haystack.toLowerCase());
          const valid = Uint8Array.from(entries.map(([, isValid]) => (isValid ? 1 : 0)));
          const index = new TextIndex(
            texts.map((_, position) => String(position)),
            texts,
            valid,
          );
          index.prepare();
          let current = '';
          for (const [part, how, showInvalid] of steps) {
            current = how === 'extend' ? current + part : how === 'replace' ? part : current.slice(0, -1);
            expect([...index.filter(current, showInvalid)]).toEqual(plainFilter(texts, valid, current, showInvalid));
          }
        },
      ),
    );
  });

  it('answers every single character exactly, at each step of the build (its shown entries are made with the postings)', () => {
    const texts = [
      'abc-1\u0001alpha\u0001oslo',
      'def-2\u0001delta\u0001rome',
      'ghi-3\u0001gamma\u0001kyiv',
      'jkl-4\u0001juliet\u0001bern',
      'mno-5\u0001mike\u0001wien',
    ];
    const valid = Uint8Array.from([1, 0, 1, 1, 0]);
    const index = new TextIndex(texts.map(String), texts, valid);
    const characters = [...new Set(texts.join(''))];
    const check = () => {
      for (const character of characters) {
        for (const showInvalid of [false, true])
          expect([...index.filter(character, showInvalid)]).toEqual(plainFilter(texts, valid, character, showInvalid));
      }
    };
    const steps = index.preparing();
    let paused = 0;
    while (!steps.next().done) {
      paused += 1;
      check();
    }
    // More than eight distinct characters: the build paused while their lists were being made.
    expect(paused).toBeGreaterThan(1);
    check();
  });

  it('answers the same before and after the postings are built', () => {
    const texts = [
      'acme-1\u0001acme gmbh\u0001berlin',
      'beta-2\u0001beta ab\u0001london',
      'acme-3\u0001acme labs\u0001oslo',
    ];
    const valid = Uint8Array.from([1, 0, 1]);
    const scanning = new TextIndex(['1', '2', '3'], texts, valid);
    const prepared = new TextIndex(['1', '2', '3'], texts, valid);
    prepared.prepare();
    for (const [typed, showInvalid] of [
      ['a', false],
      ['ac', false],
      ['acm', true],
      ['lo', true],
      [' B ', true],
      ['Lon', false],
      ['', false],
      ['q', true],
    ] as const) {
      expect([...prepared.filter(typed, showInvalid)]).toEqual([...scanning.filter(typed, showInvalid)]);
    }
  });
});
