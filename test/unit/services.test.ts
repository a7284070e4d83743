import { describe, expect, it } from 'vitest';
import { dump, failed, ok, testApp } from './helpers';

describe('services', () => {
  it('builds paths from the tree and renames every descendant with its parent', async () => {
    const app = await testApp();
    const it_ = ok(await app.call('services:create', { name: 'IT' }));
    const email = ok(await app.call('services:create', { name: 'Email', parentId: it_.id }));
    const archive = ok(await app.call('services:create', { name: 'Archive', parentId: email.id }));
    expect(archive.path).toBe('IT::Email::Archive');
    ok(await app.call('services:update', { id: it_.id, fields: { name: 'Information Technology' } }));
    expect(ok(await app.call('services:get', { id: archive.id })).path).toBe('Information Technology::Email::Archive');
  });

  it('refuses "::" in a name, a duplicate path and a cycle, changing nothing', async () => {
    const app = await testApp();
    const parent = ok(await app.call('services:create', { name: 'IT' }));
    const child = ok(await app.call('services:create', { name: 'Email', parentId: parent.id }));
    const before = dump(app, 'service');
    expect(failed(await app.call('services:create', { name: 'IT::Email' })).fields?.name).toContain('::');
    expect(failed(await app.call('services:create', { name: 'email', parentId: parent.id })).code).toBe('conflict');
    const cycle = failed(
      await app.call('services:update', { id: parent.id, fields: { name: 'IT', parentId: child.id } }),
    );
    expect(cycle.fields?.parentId).toBe('That would make a cycle');
    expect(
      failed(await app.call('services:create', { name: 'x'.repeat(10), comment: 'y'.repeat(251) })).fields?.comment,
    ).toBeDefined();
    expect(dump(app, 'service')).toEqual(before);
  });

  it('lists in tree order and keeps the ancestors of matches visible', async () => {
    const app = await testApp();
    const network = ok(await app.call('services:create', { name: 'Network' }));
    const it_ = ok(await app.call('services:create', { name: 'IT' }));
    ok(await app.call('services:create', { name: 'VPN', parentId: network.id }));
    ok(await app.call('services:create', { name: 'Email', parentId: it_.id }));
    ok(await app.call('services:create', { name: 'IT Ops' }));
    const all = ok(await app.call('services:list', {}));
    expect(all.rows.map((row) => row.path)).toEqual(['IT', 'IT::Email', 'IT Ops', 'Network', 'Network::VPN']);
    const vpn = ok(await app.call('services:list', { query: 'vpn' }));
    expect(vpn.rows.map((row) => [row.path, row.match])).toEqual([
      ['Network', false],
      ['Network::VPN', true],
    ]);
    expect(vpn).toMatchObject({ total: 5, filtered: 1, rowCount: 2 });
  });

  it('deletes a service with its sub-services as tombstones', async () => {
    const app = await testApp();
    const parent = ok(await app.call('services:create', { name: 'IT' }));
    ok(await app.call('services:create', { name: 'Email', parentId: parent.id }));
    expect(ok(await app.call('services:delete', { id: parent.id })).hidden).toEqual({ subServices: 1, assignments: 0 });
    expect(ok(await app.call('services:list', { showInvalid: true })).total).toBe(0);
    expect(app.conn.sqlite.prepare('SELECT count(*) AS n FROM service WHERE deleted = 1').get()).toEqual({ n: 2 });
  });
});
