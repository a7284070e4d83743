import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../src-shared/domain/auditText';
import { acme, failed, ok, tempDir, testApp } from './helpers';

describe('audit log', () => {
  it('lists newest first with true counts and filters by entity, record, actor, action and date', async () => {
    let now = Date.parse('2026-11-20T09:00:00Z');
    const app = await testApp({ now: () => now });
    ok(await app.call('settings:setActor', { actor: 'Anna' }));
    const customer = ok(await app.call('customers:create', acme));
    now = Date.parse('2026-11-22T10:14:00Z');
    ok(await app.call('services:create', { name: 'VPN' }));
    ok(await app.call('settings:setActor', { actor: 'Ben' }));
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, city: 'Hamburg' } }));

    const all = ok(await app.call('audit:list', {}));
    expect(all).toMatchObject({ total: 5, filtered: 5 });
    expect(all.rows.map((event) => event.action)).toEqual(['update', 'update', 'create', 'create', 'update']);
    expect(all.rows[0]).toMatchObject({
      entity: 'customer',
      actor: 'Ben',
      before: { city: 'Berlin' },
      after: { city: 'Hamburg' },
    });

    const byCustomer = ok(await app.call('audit:list', { entity: 'customer' }));
    expect(byCustomer).toMatchObject({ total: 5, filtered: 2 });
    expect(ok(await app.call('audit:list', { entityId: customer.id })).filtered).toBe(2);
    expect(ok(await app.call('audit:list', { record: 'acme' })).filtered).toBe(2);
    expect(ok(await app.call('audit:list', { actor: 'Ben' })).rows.map((event) => event.entity)).toEqual(['customer']);
    expect(ok(await app.call('audit:list', { action: 'create' })).filtered).toBe(2);
    expect(ok(await app.call('audit:list', { from: '2026-11-21' })).filtered).toBe(3);
    expect(ok(await app.call('audit:list', { to: '2026-11-20' })).filtered).toBe(2);
    // A day is the admin's day: two hours ahead of UTC, 2026-11-22 starts at 22:00 UTC the day before.
    expect(
      ok(await app.call('audit:list', { from: '2026-11-22', to: '2026-11-22', utcOffsetMinutes: 120 })).filtered,
    ).toBe(3);
    const window = ok(await app.call('audit:list', { offset: 1, limit: 2 }));
    expect(window.rows.map((event) => event.id)).toEqual(all.rows.slice(1, 3).map((event) => event.id));
    // The first rename is recorded under the name it replaced: the OS user's.
    const { defaultActor } = ok(await app.call('settings:get', {}));
    expect(ok(await app.call('audit:actors', {}))).toEqual(['Anna', 'Ben', defaultActor].sort());
    expect(failed(await app.call('audit:list', { from: '22.11.2026' })).code).toBe('invalid-input');
  });

  it('reads each event in an admin’s words', () => {
    const base = { actor: 'Anna', device: 'laptop-3', at: new Date(2026, 10, 22, 10, 14).toISOString() };
    expect(
      describeEvent({
        ...base,
        entity: 'assignment',
        action: 'revoke',
        label: 'Acme Corporation → VPN::Setup',
        before: { granted: true },
        after: { granted: false },
      }),
    ).toBe('Anna (laptop-3) removed VPN::Setup from Acme Corporation, 2026-11-22 10:14');
    expect(
      describeEvent({
        ...base,
        entity: 'customer',
        action: 'update',
        label: 'Acme Corporation',
        before: { city: 'Berlin' },
        after: { city: 'Hamburg' },
      }),
    ).toBe('Anna (laptop-3) changed City of customer Acme Corporation from Berlin to Hamburg, 2026-11-22 10:14');
    expect(
      describeEvent({
        ...base,
        entity: 'defaultService',
        action: 'grant',
        label: 'Email',
        before: null,
        after: { granted: true },
      }),
    ).toBe('Anna (laptop-3) added Email to the default services, 2026-11-22 10:14');
  });

  it('shows a customer’s history with its assignments, and a service’s with its defaults', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const vpn = ok(await app.call('services:create', { name: 'VPN' }));
    app.context.write(['assignment'], (batch) => {
      batch.audit({
        entity: 'assignment',
        entityId: `${customer.id}/${vpn.id}`,
        action: 'grant',
        label: 'Acme Corporation → VPN',
        before: null,
        after: { granted: true },
      });
      batch.audit({
        entity: 'defaultService',
        entityId: vpn.id,
        action: 'grant',
        label: 'VPN',
        before: null,
        after: { granted: true },
      });
    });
    expect(
      ok(await app.call('audit:history', { entity: 'customer', entityId: customer.id })).map((event) => event.entity),
    ).toEqual(['assignment', 'customer']);
    expect(
      ok(await app.call('audit:history', { entity: 'service', entityId: vpn.id })).map((event) => event.entity),
    ).toEqual(['defaultService', 'assignment', 'service']);
  });

  it('exports the filtered log as CSV to the chosen file, and nothing when the admin cancels', async () => {
    const out = join(tempDir(), 'log.csv');
    let answer: string | null = out;
    const app = await testApp({
      platform: { chooseOpenPath: () => Promise.resolve(null), chooseSavePath: () => Promise.resolve(answer) },
    });
    ok(await app.call('settings:setActor', { actor: 'Anna' }));
    ok(await app.call('customers:create', acme));
    ok(await app.call('customers:create', { code: 'GLOBEX', name: 'Globex, "the" company' }));
    expect(ok(await app.call('audit:export', { entity: 'customer' }))).toEqual({ path: out, rows: 2 });
    const parsed = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((row) => row.record)).toEqual(['Globex, "the" company', 'Acme Corporation']);
    expect(parsed.data[0]).toMatchObject({ actor: 'Anna', entity: 'customer', action: 'create' });
    expect(parsed.data[0]?.description).toMatch(/^Anna \(.+\) created customer Globex, "the" company, \d{4}-/);
    answer = null;
    expect(ok(await app.call('audit:export', {}))).toBeNull();
  });
});

describe('audit CSV export', () => {
  it('pages through more events than one chunk, ties in time included, and defuses formulas', async () => {
    const out = join(tempDir(), 'big.csv');
    const app = await testApp({
      platform: { chooseOpenPath: () => Promise.resolve(null), chooseSavePath: () => Promise.resolve(out) },
    });
    const insert = app.conn.sqlite.prepare(
      `INSERT INTO audit_event (batch_id, at, actor, device, entity, entity_id, action, label) VALUES (?, ?, 'Anna', 'laptop-3', 'customer', ?, 'create', ?)`,
    );
    app.conn.sqlite.transaction(() => {
      // Three events share each instant, so a page boundary falls inside a tie.
      for (let n = 0; n < 12_001; n += 1)
        insert.run(
          `b${n}`,
          new Date(Date.UTC(2026, 10, 22) + Math.floor(n / 3) * 1000).toISOString(),
          `c${n}`,
          n === 0 ? '=HYPERLINK("x")' : `Customer ${n}`,
        );
    })();
    expect(ok(await app.call('audit:export', {}))).toEqual({ path: out, rows: 12_001 });
    const parsed = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    const batches = parsed.data.map((row) => row.batch);
    expect(new Set(batches).size).toBe(12_001);
    expect(batches[0]).toBe('b12000');
    expect(parsed.data.at(-1)?.record).toBe(`'=HYPERLINK("x")`);
  });
});

describe('settings', () => {
  it('reads and changes the admin’s name, falls back to the OS user, and audits the change', async () => {
    const app = await testApp();
    const initial = ok(await app.call('settings:get', {}));
    expect(initial.actor).toBe(initial.defaultActor);
    expect(initial.device.length).toBeGreaterThan(0);
    expect(ok(await app.call('settings:setActor', { actor: '  Anna  ' })).actor).toBe('Anna');
    ok(await app.call('customers:create', acme));
    const [created, changed] = ok(await app.call('audit:list', {})).rows;
    expect(created).toMatchObject({ actor: 'Anna', device: initial.device });
    expect(changed).toMatchObject({
      entity: 'settings',
      before: { actor: initial.defaultActor },
      after: { actor: 'Anna' },
    });
    expect(ok(await app.call('settings:setActor', { actor: '' })).actor).toBe(initial.defaultActor);
    expect(failed(await app.call('settings:setActor', { actor: 'x'.repeat(101) })).code).toBe('invalid-input');
  });
});
