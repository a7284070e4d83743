import { describe, expect, it } from 'vitest';
import { dump, failed, ok, testApp } from './helpers';

const sizes = { customers: 300, services: 80, assignments: 2_000 };

describe('sample data', () => {
  it('is deterministic: the same sizes give the same records', async () => {
    const first = await testApp();
    const second = await testApp();
    ok(await first.call('sample:load', sizes));
    ok(await second.call('sample:load', sizes));
    for (const table of ['customer', 'service', 'assignment', 'customer_user', 'default_service']) {
      const strip = (rows: unknown[]) =>
        rows.map((row) => ({ ...(row as object), stamp: null, created_at: null, updated_at: null }));
      expect(strip(dump(first, table))).toEqual(strip(dump(second, table)));
    }
  });

  it('creates exactly the asked sizes, a tree, defaults and one audit event', async () => {
    const app = await testApp();
    const result = ok(await app.call('sample:load', sizes));
    expect(result).toMatchObject({ customers: 300, services: 80, assignments: 2_000, customerUsers: 300 });
    expect(result.defaultServices).toBeGreaterThan(0);
    const db = app.conn.sqlite;
    expect(db.prepare('SELECT count(*) AS n FROM service WHERE parent_id IS NOT NULL').get()).toEqual({ n: 72 });
    // Every customer in specific mode has specific services, as after any save.
    expect(
      db
        .prepare(
          `SELECT count(*) AS n FROM customer c WHERE access_mode = 'specific' AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.customer_id = c.id)`,
        )
        .get(),
    ).toEqual({ n: 0 });
    expect(
      db
        .prepare(
          `SELECT count(*) AS n FROM customer c WHERE access_mode = 'defaults' AND EXISTS (SELECT 1 FROM assignment a WHERE a.customer_id = c.id)`,
        )
        .get(),
    ).toEqual({ n: 0 });
    expect(db.prepare(`SELECT action, label FROM audit_event`).all()).toEqual([
      { action: 'sample', label: 'Sample data' },
    ]);
  });

  it('is refused on a database that has data, changing nothing', async () => {
    const app = await testApp();
    ok(await app.call('customers:create', { code: 'A', name: 'A' }));
    const before = dump(app, 'customer');
    expect(failed(await app.call('sample:load', sizes)).code).toBe('refused');
    expect(dump(app, 'customer')).toEqual(before);
  });

  it('reports progress and rolls back completely when cancelled', async () => {
    const progress: number[] = [];
    let cancelled = false;
    const app = await testApp({
      emit: (event, payload) => {
        if (event !== 'progress' || !('done' in payload)) return;
        progress.push(payload.done);
        if (!cancelled && payload.done > 0 && payload.done < payload.total) {
          cancelled = true;
          void app.call('jobs:cancel', {});
        }
      },
    });
    const error = failed(await app.call('sample:load', { customers: 12_000, services: 50, assignments: 0 }));
    expect(error.code).toBe('cancelled');
    expect(progress.length).toBeGreaterThan(0);
    expect(dump(app, 'customer')).toEqual([]);
    expect(dump(app, 'audit_event')).toEqual([]);
    // After a cancel, the app takes writes again.
    ok(await app.call('customers:create', { code: 'A', name: 'A' }));
  });
});
