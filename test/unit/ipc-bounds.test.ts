import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src-main/snapshot/parse';
import type { AllocationChange } from '../../src-shared/ipc/methods/allocation';
import { acme, failed, ok, tempDir, testApp } from './helpers';
import { dataOf } from './snapshot-helpers';
import { forgedSnapshot } from './snapshot-forge';

/** Texts that look like "ACME" (or hide what they are) but are not. */
const lookalikes = [
  'ACME\u200b',
  '\u200bACME',
  'AC\u200dME',
  'AC\u00adME',
  '\u202eEMCA',
  'ACME\u2066',
  'AC\ufeffME',
  'ACME\ud800',
  '\udc00ACME',
];

describe('IPC bounds', () => {
  it('refuses invisible, bidi-control and broken characters in Customer IDs, logins and service names', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    ok(await app.call('services:create', { name: 'ACME' }));
    for (const text of lookalikes) {
      const name = JSON.stringify(text);
      expect(failed(await app.call('customers:create', { ...acme, code: text })).code, name).toBe('invalid-input');
      expect(failed(await app.call('customerUsers:create', { login: text, customerId: customer.id })).code, name).toBe(
        'invalid-input',
      );
      expect(failed(await app.call('services:create', { name: text })).code, name).toBe('invalid-input');
    }
    expect(ok(await app.call('customers:list', { showInvalid: true })).total).toBe(1);
  });

  it('stores codes, logins and service names NFC-normalised, so a decomposed twin is the same record', async () => {
    const app = await testApp();
    const composed = ok(await app.call('customers:create', { code: 'CAF\u00c9', name: 'Café' }));
    expect(composed.code).toBe('CAF\u00c9');
    expect(failed(await app.call('customers:create', { code: 'CAFE\u0301', name: 'Café 2' })).code).toBe('conflict');
    const user = ok(await app.call('customerUsers:create', { login: 'jose\u0301', customerId: composed.id }));
    expect(user.login).toBe('jos\u00e9');
    const service = ok(await app.call('services:create', { name: 'Re\u0301seau' }));
    expect(service.name).toBe('R\u00e9seau');
    expect(failed(await app.call('services:create', { name: 'R\u00e9seau' })).code).toBe('conflict');
  });

  it('a CSV import applies the same rule', async () => {
    const file = join(tempDir(), 'customers.csv');
    const app = await testApp({
      platform: { chooseOpenPath: () => Promise.resolve(file), chooseSavePath: () => Promise.resolve(null) },
    });
    writeFileSync(file, 'Customer ID,Name\nACME\u200b,Acme\nCAFE\u0301,Café\n');
    const preview = ok(await app.call('csv:preview', { entity: 'customers' }));
    expect(preview?.lineErrors.map((line) => line.line)).toEqual([2]);
    expect(preview?.creates).toBe(1);
    ok(await app.call('customers:create', { code: 'CAF\u00c9', name: 'Café' }));
    const again = ok(await app.call('csv:preview', { entity: 'customers' }));
    expect(again).toMatchObject({ creates: 0, unchanged: 1 });
  });

  it('a snapshot applies the same rule', async () => {
    const source = await testApp();
    ok(await source.call('customers:create', acme));
    for (const text of lookalikes) {
      const bytes = await forgedSnapshot(source, (body) => {
        if (body.customers[0]) body.customers[0].code = text;
      });
      expect(() => parseSnapshot(bytes), JSON.stringify(text)).toThrow(/refused/);
    }
  });

  it('allocation:preview refuses unknown ids as allocation:save does', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const service = ok(await app.call('services:create', { name: 'Mail' }));
    const unknown = randomUUID();
    const changes: AllocationChange[] = [
      { kind: 'customer', customerId: customer.id, grant: [unknown] },
      { kind: 'customer', customerId: customer.id, revoke: [unknown] },
      { kind: 'defaults', grant: [unknown] },
      { kind: 'defaults', revoke: [service.id, unknown] },
      { kind: 'service', serviceId: service.id, grant: [unknown] },
      { kind: 'customer', customerId: unknown, grant: [service.id] },
      { kind: 'service', serviceId: unknown, grant: [customer.id] },
    ];
    for (const change of changes) {
      const saved = failed(await app.call('allocation:save', change));
      expect(failed(await app.call('allocation:preview', change)), JSON.stringify(change)).toEqual(saved);
    }
  });

  it('caps records and arrays: resolutions, custom-field values', async () => {
    const app = await testApp();
    const before = dataOf(app);
    const many = <V extends string>(count: number, value: V): Record<string, V> =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, value]));
    for (const resolutions of [
      { conflicts: many(100_001, 'mine'), collisions: {} },
      { conflicts: {}, collisions: many(100_001, 'link') },
    ]) {
      for (const method of ['snapshots:preview', 'snapshots:apply'] as const) {
        expect(failed(await app.call(method, { previewId: randomUUID(), resolutions })).code).toBe('invalid-input');
      }
    }
    expect(failed(await app.call('customers:create', { ...acme, customFields: many(5000, 'x') })).code).toBe(
      'invalid-input',
    );
    expect(dataOf(app)).toEqual(before);
  });
});
