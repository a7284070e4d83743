import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../src-shared/search/textIndex';
import { acme, ok, testApp } from './helpers';

describe('customer filter index', () => {
  it('narrowing the previous result finds exactly what a full scan finds', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', ' ', '-'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.boolean()), { maxLength: 60 }),
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (entries, queries, showInvalid) => {
          const ids = entries.map((_, index) => String(index));
          const haystacks = entries.map(([text]) => text.toLowerCase());
          const valid = Uint8Array.from(entries.map(([, isValid]) => (isValid ? 1 : 0)));
          const narrowing = new TextIndex(ids, haystacks, valid);
          let query = '';
          for (const part of queries) {
            query += part;
            const fresh = new TextIndex(ids, haystacks, valid).filter(query, showInvalid);
            expect([...narrowing.filter(query, showInvalid)]).toEqual([...fresh]);
            const expected = entries.flatMap(([text, isValid], index) =>
              (showInvalid || isValid) && text.toLowerCase().includes(query.trim().toLowerCase()) ? [index] : [],
            );
            expect([...fresh]).toEqual(expected);
          }
        },
      ),
    );
  });

  it('the index main sends to the renderer follows creates and edits', async () => {
    const app = await testApp();
    const first = ok(await app.call('customers:create', acme));
    ok(await app.call('customers:create', { code: 'BETA', name: 'Beta', validity: 'invalid' }));
    expect(ok(await app.call('customers:index', {}))).toMatchObject({
      codes: ['ACME', 'BETA'],
      valid: [1, 0],
      specific: [0, 0],
      validities: ['valid', 'invalid'],
    });
    ok(await app.call('customers:update', { id: first.id, fields: { ...acme, code: 'ZETA' } }));
    expect(ok(await app.call('customers:index', {})).codes).toEqual(['BETA', 'ZETA']);
    const rows = ok(await app.call('customers:rows', { ids: [first.id] }));
    expect(rows).toEqual([
      expect.objectContaining({ id: first.id, code: 'ZETA', effectiveCount: 0, accessMode: 'defaults' }),
    ]);
  });
});
