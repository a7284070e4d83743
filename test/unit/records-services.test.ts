import { describe, expect, it } from 'vitest';
import type { OpenApp } from '../../src-main/app';
import { acme, dump, failed, ok, testApp } from './helpers';

function paths(app: OpenApp): string[] {
  return (
    app.conn.sqlite.prepare('SELECT path FROM service WHERE deleted = 0 ORDER BY path').all() as { path: string }[]
  ).map((row) => row.path);
}

describe('service tree', () => {
  it('moving a service carries its whole subtree, and moving it back restores every path', async () => {
    const app = await testApp();
    const it_ = ok(await app.call('services:create', { name: 'IT' }));
    const net = ok(await app.call('services:create', { name: 'Network' }));
    const email = ok(await app.call('services:create', { name: 'Email', parentId: it_.id }));
    const archive = ok(await app.call('services:create', { name: 'Archive', parentId: email.id }));
    ok(await app.call('services:create', { name: 'Legal hold', parentId: archive.id }));
    ok(await app.call('services:update', { id: email.id, fields: { name: 'Mail', parentId: net.id } }));
    expect(paths(app)).toEqual([
      'IT',
      'Network',
      'Network::Mail',
      'Network::Mail::Archive',
      'Network::Mail::Archive::Legal hold',
    ]);
    const event = app.conn.sqlite.prepare(`SELECT before, after FROM audit_event WHERE action = 'update'`).get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(event.before)).toMatchObject({ name: 'Email', parentId: it_.id, path: 'IT::Email' });
    expect(JSON.parse(event.after)).toMatchObject({ name: 'Mail', parentId: net.id, path: 'Network::Mail' });
    ok(await app.call('services:update', { id: email.id, fields: { name: 'Email', parentId: it_.id } }));
    expect(paths(app)).toEqual(['IT', 'IT::Email', 'IT::Email::Archive', 'IT::Email::Archive::Legal hold', 'Network']);
  });

  it('a rename that only changes case keeps the subtree, and a move onto a taken path changes nothing', async () => {
    const app = await testApp();
    const it_ = ok(await app.call('services:create', { name: 'IT' }));
    const email = ok(await app.call('services:create', { name: 'Email', parentId: it_.id }));
    ok(await app.call('services:create', { name: 'Archive', parentId: email.id }));
    const other = ok(await app.call('services:create', { name: 'Email' }));
    ok(await app.call('services:update', { id: it_.id, fields: { name: 'it' } }));
    expect(paths(app)).toEqual(['Email', 'it', 'it::Email', 'it::Email::Archive']);
    const before = dump(app, 'service');
    expect(
      failed(await app.call('services:update', { id: other.id, fields: { name: 'Email', parentId: it_.id } })).code,
    ).toBe('conflict');
    const deep = ok(await app.call('services:list', { query: 'archive' })).rows.find((row) => row.match);
    expect(
      failed(await app.call('services:update', { id: it_.id, fields: { name: 'it', parentId: deep?.id ?? null } }))
        .fields?.parentId,
    ).toBe('That would make a cycle');
    expect(dump(app, 'service')).toEqual(before);
  });

  it('clones a service’s settings under a new name beside it; a delete preview counts what it hides', async () => {
    const app = await testApp();
    const it_ = ok(await app.call('services:create', { name: 'IT' }));
    const email = ok(
      await app.call('services:create', {
        name: 'Email',
        parentId: it_.id,
        type: 'Back End',
        criticality: 5,
        comment: 'core',
      }),
    );
    ok(await app.call('services:create', { name: 'Archive', parentId: email.id }));
    const copy = ok(await app.call('services:clone', { id: email.id, name: 'Email EU' }));
    expect(copy).toMatchObject({
      path: 'IT::Email EU',
      parentId: it_.id,
      type: 'Back End',
      criticality: 5,
      comment: 'core',
    });
    expect(failed(await app.call('services:clone', { id: email.id, name: 'email' })).code).toBe('conflict');
    expect(failed(await app.call('services:clone', { id: email.id, name: 'A::B' })).fields?.name).toContain('::');
    const customer = ok(await app.call('customers:create', acme));
    app.conn.sqlite
      .prepare(
        `INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 1, 's', 'active')`,
      )
      .run(customer.id, email.id);
    expect(ok(await app.call('services:deletePreview', { id: it_.id })).hidden).toEqual({
      subServices: 3,
      assignments: 1,
    });
    expect(paths(app)).toHaveLength(4);
  });
});

describe('customer lifecycle', () => {
  it('invalid stops exactly the active assignments; valid again restores exactly those; both audited', async () => {
    const app = await testApp();
    const customer = ok(await app.call('customers:create', acme));
    const [email, vpn, wiki] = [
      ok(await app.call('services:create', { name: 'Email' })),
      ok(await app.call('services:create', { name: 'VPN' })),
      ok(await app.call('services:create', { name: 'Wiki' })),
    ];
    const insert = app.conn.sqlite.prepare(
      `INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 1, 's', ?)`,
    );
    insert.run(customer.id, email.id, 'active');
    insert.run(customer.id, vpn.id, 'pending');
    insert.run(customer.id, wiki.id, 'stopped');
    expect(ok(await app.call('customers:lifecycle', { id: customer.id }))).toEqual({
      active: 1,
      stoppedByLifecycle: 0,
    });
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, validity: 'invalid-temporarily' } }));
    expect(ok(await app.call('customers:lifecycle', { id: customer.id }))).toEqual({
      active: 0,
      stoppedByLifecycle: 1,
    });
    const byService = () =>
      Object.fromEntries(
        (
          app.conn.sqlite.prepare('SELECT service_id, status, stopped_by_lifecycle FROM assignment').all() as Record<
            string,
            string
          >[]
        ).map((row): [string, string] => [row.service_id ?? '', `${row.status}/${row.stopped_by_lifecycle}`]),
      );
    expect(byService()).toEqual({ [email.id]: 'stopped/1', [vpn.id]: 'pending/0', [wiki.id]: 'stopped/0' });
    // Staying invalid (another invalid kind) changes nothing more.
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, validity: 'invalid' } }));
    expect(byService()).toEqual({ [email.id]: 'stopped/1', [vpn.id]: 'pending/0', [wiki.id]: 'stopped/0' });
    ok(await app.call('customers:update', { id: customer.id, fields: { ...acme, validity: 'valid' } }));
    expect(byService()).toEqual({ [email.id]: 'active/0', [vpn.id]: 'pending/0', [wiki.id]: 'stopped/0' });
    const events = app.conn.sqlite
      .prepare(
        `SELECT batch_id, entity, action, label, before, after FROM audit_event WHERE entity = 'assignment' ORDER BY id`,
      )
      .all() as Record<string, string>[];
    expect(
      events.map((event) => [
        event.action,
        event.label,
        (JSON.parse(event.before ?? '{}') as { status?: string }).status,
        (JSON.parse(event.after ?? '{}') as { status?: string }).status,
      ]),
    ).toEqual([
      ['lifecycle', 'Acme Corporation → Email', 'active', 'stopped'],
      ['lifecycle', 'Acme Corporation → Email', 'stopped', 'active'],
    ]);
    const updates = app.conn.sqlite
      .prepare(`SELECT batch_id FROM audit_event WHERE entity = 'customer' AND action = 'update' ORDER BY id`)
      .all() as { batch_id: string }[];
    expect(events[0]?.batch_id).toBe(updates[0]?.batch_id);
    expect(events[1]?.batch_id).toBe(updates[2]?.batch_id);
    const stamps = JSON.parse(
      (
        app.conn.sqlite.prepare('SELECT field_stamps FROM assignment WHERE service_id = ?').get(email.id) as {
          field_stamps: string;
        }
      ).field_stamps,
    ) as Record<string, string>;
    expect(Object.keys(stamps).sort()).toEqual(['status', 'stoppedByLifecycle']);
  });
});
