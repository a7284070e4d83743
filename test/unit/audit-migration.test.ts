import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrations } from '../../src-main/db/migrations';
import { tempDir } from './helpers';

describe('migration 2026_11_22_003_audit_indexes', () => {
  it('adds the audit log filter indexes, keeps the events, and the filters use them', async () => {
    const target = migrations.findIndex(([name]) => name === '2026_11_22_003_audit_indexes') + 1;
    const path = join(tempDir(), 'audit-indexes.sqlite');
    const before = await openDatabase(path, { migrateTo: target - 1 });
    before.sqlite
      .prepare(
        `INSERT INTO audit_event (batch_id, at, actor, device, entity, entity_id, action, label) VALUES ('b', '2026-11-22T10:14:00.000Z', 'Anna', 'laptop-3', 'customer', 'c', 'update', 'Acme')`,
      )
      .run();
    await before.close();
    const after = await openDatabase(path, { migrateTo: target });
    const indexes = (
      after.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_event'`)
        .all() as { name: string }[]
    ).map((row) => row.name);
    expect(indexes).toEqual(expect.arrayContaining(['audit_event_actor', 'audit_event_action', 'audit_event_at']));
    expect(after.sqlite.prepare('SELECT actor, label FROM audit_event').all()).toEqual([
      { actor: 'Anna', label: 'Acme' },
    ]);
    const plan = after.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM audit_event WHERE action = 'grant' AND entity = 'assignment'`)
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('audit_event_action');
    await after.close();
  });
});
