import { describe, expect, it } from 'vitest';
import { openApp, type OpenApp } from '../../src-main/app';
import type { AuditInput } from '../../src-main/services/context';
import { ok, testApp } from './helpers';

/** Events of every shape a batch writes: with and without before/after, nested values, text in any script. */
function sampleEvents(count: number): AuditInput[] {
  return Array.from({ length: count }, (_, index): AuditInput => {
    if (index % 3 === 0) {
      return {
        entity: 'assignment',
        entityId: `c${index}/s`,
        action: 'grant',
        label: `Kunde ${index} → IT::E-Mail «Archiv»`,
        before: null,
        after: { granted: true, status: 'active', quantity: null, price: 12.5 },
      };
    }
    if (index % 3 === 1) {
      return {
        entity: 'customer',
        entityId: `c${index}`,
        action: 'update',
        label: `顧客 ${index}`,
        before: { accessMode: 'defaults' },
        after: { accessMode: 'specific' },
      };
    }
    return {
      entity: 'assignment',
      entityId: `c${index}/s`,
      action: 'revoke',
      label: `Customer "${index}"`,
      before: { granted: true, description: `line\n${index}` },
      after: { granted: false, description: `line\n${index}` },
    };
  });
}

type Row = Record<string, unknown>;

/** The rows of one batch as written, without what differs by design (the id and the batch's own id). */
function rowsOf(app: OpenApp, batchId: string): Row[] {
  return (
    app.conn.sqlite.prepare('SELECT * FROM audit_event WHERE batch_id = ? ORDER BY id').all(batchId) as Row[]
  ).map(({ id: _id, batch_id: _batch, ...row }) => row);
}

describe('audit batches', () => {
  it('auditMany writes exactly the rows audit writes one by one, in the same order', async () => {
    const app = await testApp({ now: () => Date.parse('2026-11-22T10:00:00.000Z') });
    // 150 events: two full multi-row statements and a remainder written one by one.
    const events = sampleEvents(150);
    const single = app.context.write(['assignment'], (batch) => {
      for (const event of events) batch.audit(event);
      return batch.id;
    });
    const bulk = app.context.write(['assignment'], (batch) => {
      batch.auditMany(events);
      return batch.id;
    });
    expect(rowsOf(app, bulk)).toHaveLength(150);
    expect(rowsOf(app, bulk)).toEqual(rowsOf(app, single));
    const ids = app.conn.sqlite
      .prepare('SELECT id FROM audit_event WHERE batch_id = ? ORDER BY id')
      .pluck()
      .all(bulk) as number[];
    expect(ids.at(-1)! - ids[0]!).toBe(149);
  });

  it('the batch just committed is summarised as the log would summarise it from its rows', async () => {
    const app = await testApp();
    ok(await app.call('customers:create', { code: 'ACME', name: 'Acme' }));
    app.context.write(['assignment'], (batch) => batch.auditMany(sampleEvents(200)));
    const known = app.context.lastBatch();
    expect(known?.count).toBe(200);
    // Another connection to the same file has no memory of it: it reads the rows.
    const other = await openApp(app.dbPath);
    try {
      expect(ok(await other.call('audit:latest', {}))).toEqual(ok(await app.call('audit:latest', {})));
      const fromRows = other.context;
      expect(fromRows.lastBatch()).toBeNull();
      const kinds = other.conn.sqlite
        .prepare(
          'SELECT * FROM audit_event WHERE id IN (SELECT min(id) FROM audit_event WHERE batch_id = ? GROUP BY entity, action, before) ORDER BY id',
        )
        .all(known?.id) as { id: number; entity: string; action: string; before: string | null }[];
      expect(known?.kinds.map((event) => [event.id, event.entity, event.action, event.before])).toEqual(
        kinds.map((row) => [
          row.id,
          row.entity,
          row.action,
          row.before === null ? null : (JSON.parse(row.before) as unknown),
        ]),
      );
    } finally {
      await other.close();
    }
    // A write that audits nothing leaves the last batch as it was.
    app.context.write(['customer'], () => undefined);
    expect(app.context.lastBatch()).toBe(known);
  });
});
