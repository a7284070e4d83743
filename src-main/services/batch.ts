import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntity, AuditEvent, Stamp } from '../../src-shared/domain';
import type { Connection } from '../db/connection';

export type AuditInput = {
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly action: AuditAction;
  /** The record's name in an admin's words: "Acme Corporation", "IT::Email". */
  readonly label: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
};

/** One Save: one transaction, one stamp for every field it writes, one audit batch. */
export type Batch = {
  readonly id: string;
  readonly stamp: Stamp;
  readonly at: string;
  audit(event: AuditInput): void;
  /**
   * The same rows as `audit` for each event in turn, written many to a statement: a Save of
   * 50,000 changes writes twice as many events.
   */
  auditMany(events: Iterable<AuditInput>): void;
};

/**
 * What a batch wrote, as the audit log groups it: its size and the first event of each kind
 * (entity, action, "before"), which is what decides whether it can be undone. Kept for the
 * batch last committed, so offering to undo a Save of 100,000 events reads none of them.
 */
export type WrittenBatch = { readonly id: string; readonly count: number; readonly kinds: readonly AuditEvent[] };

const COLUMNS = '(batch_id, at, actor, device, entity, entity_id, action, label, before, after)';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Rows per multi-row statement: 640 parameters, well under SQLite's limit. */
const ROWS_PER_STATEMENT = 64;

function parsed(text: string | null): Record<string, unknown> | null {
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

type Row = [string, string, string, string, AuditEntity, string, AuditAction, string, string | null, string | null];

/** Makes batches that write their audit events with statements prepared once per connection. */
export function batchMaker(conn: Connection, deviceName: string) {
  const one = conn.sql.prepare(`INSERT INTO audit_event ${COLUMNS} VALUES ${ROW}`);
  const many = conn.sql.prepare(
    `INSERT INTO audit_event ${COLUMNS} VALUES ${Array.from({ length: ROWS_PER_STATEMENT }, () => ROW).join(', ')}`,
  );

  return function newBatch(actor: string, stamp: Stamp, at: string): Batch & { written(): WrittenBatch | null } {
    const id = randomUUID();
    let count = 0;
    const kinds = new Map<string, AuditEvent>();
    const row = (event: AuditInput): Row => [
      id,
      at,
      actor,
      deviceName,
      event.entity,
      event.entityId,
      event.action,
      event.label,
      event.before ? JSON.stringify(event.before) : null,
      event.after ? JSON.stringify(event.after) : null,
    ];
    /** Notes what `rows` wrote; the last of them got `lastId` (ids of one statement follow each other). */
    const note = (rows: readonly Row[], lastId: number) => {
      rows.forEach((values, index) => {
        const [, , , , entity, entityId, action, label, before, after] = values;
        const kind = `${entity}\u0000${action}\u0000${before === null ? 'null' : `=${before}`}`;
        if (kinds.has(kind)) return;
        kinds.set(kind, {
          id: lastId - (rows.length - 1 - index),
          batchId: id,
          at,
          actor,
          device: deviceName,
          entity,
          entityId,
          action,
          label,
          before: parsed(before),
          after: parsed(after),
        });
      });
      count += rows.length;
    };
    const writeOne = (values: Row) => note([values], Number(one.run(values).lastInsertRowid));
    return {
      id,
      stamp,
      at,
      audit: (event) => writeOne(row(event)),
      auditMany(events) {
        let rows: Row[] = [];
        for (const event of events) {
          rows.push(row(event));
          if (rows.length < ROWS_PER_STATEMENT) continue;
          note(rows, Number(many.run(rows.flat()).lastInsertRowid));
          rows = [];
        }
        rows.forEach(writeOne);
      },
      written: () => (count === 0 ? null : { id, count, kinds: [...kinds.values()] }),
    };
  };
}
