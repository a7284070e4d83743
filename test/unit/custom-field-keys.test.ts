import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src-main/snapshot/parse';
import { acme, failed, ok, testApp } from './helpers';
import { forgedSnapshot } from './snapshot-forge';

/** Keys that name something every plain object already has. */
const prototypeKeys = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'];

describe('custom-field keys', () => {
  it('a snapshot carrying a field keyed like a prototype member is refused, and customers stay editable', async () => {
    const source = await testApp();
    ok(await source.call('customers:create', acme));
    const target = await testApp();
    for (const key of prototypeKeys) {
      const bytes = await forgedSnapshot(source, (body) => {
        const stamp = String(body.customers[0]?.stamp);
        body.customFields.push({ id: randomUUID(), key, label: key, kind: 'text', position: 0, stamp });
      });
      expect(() => parseSnapshot(bytes), key).toThrow(/refused/);
      ok(await target.call('customers:create', { code: `C-${key.replace(/_/g, '')}`, name: key }));
    }
  });

  it('the dialog refuses the same keys, and a stored one never breaks a customer save', async () => {
    const app = await testApp();
    for (const key of prototypeKeys) {
      expect(failed(await app.call('customFields:save', { fields: [{ key, label: 'X' }] })).code, key).toBe(
        'invalid-input',
      );
    }
    // A database written before the rule may hold such a key already.
    app.conn.sqlite
      .prepare(
        `INSERT INTO custom_field (id, key, label, kind, required, options, position, deleted, stamp, field_stamps)
         VALUES (?, 'constructor', 'Constructor', 'text', 0, '[]', 0, 0, ?, '{}')`,
      )
      .run(randomUUID(), `${'1'.padStart(15, '0')}:000000:${randomUUID()}`);
    const customer = ok(await app.call('customers:create', acme));
    expect(customer.customFields).toEqual({});
    const updated = ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Bonn' } }));
    expect(updated).toMatchObject({ city: 'Bonn', customFields: {} });
    const refused = failed(
      await app.call('customers:update', { id: customer.id, fields: { ...acme, customFields: { constructor: 'x' } } }),
    );
    expect(refused.code).toBe('invalid-input');
  });
});
