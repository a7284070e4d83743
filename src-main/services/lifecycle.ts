import type { Validity } from '../../src-shared/domain';
import type { HandlerGroup } from '../ipc/handlers';
import type { Batch, ServiceContext } from './context';
import { notFound } from './records';
import { findCustomerRecord } from './customerRecord';

/**
 * The lifecycle (docs/ARCHITECTURE.md#lifecycle): when a customer stops being valid its active assignments become
 * stopped and are marked as stopped by the lifecycle; when it is valid again, exactly those
 * return to active. Runs inside the batch that changed the validity.
 */
export function applyLifecycle(
  context: ServiceContext,
  batch: Batch,
  customerId: string,
  customerName: string,
  before: Validity,
  after: Validity,
): void {
  const becameInvalid = before === 'valid' && after !== 'valid';
  const becameValid = before !== 'valid' && after === 'valid';
  if (!becameInvalid && !becameValid) return;
  const { sql: run } = context.conn;
  const [fromStatus, toStatus, marked, nowMarked] = becameInvalid
    ? (['active', 'stopped', 0, 1] as const)
    : (['stopped', 'active', 1, 0] as const);
  const affected = run
    .prepare(
      `SELECT a.service_id AS serviceId, a.field_stamps AS fieldStamps, s.path AS path FROM assignment a
       JOIN service s ON s.id = a.service_id
       WHERE a.customer_id = ? AND a.granted = 1 AND a.status = ? AND a.stopped_by_lifecycle = ?`,
    )
    .all(customerId, fromStatus, marked) as { serviceId: string; fieldStamps: string; path: string }[];
  const update = run.prepare(
    `UPDATE assignment SET status = ?, stopped_by_lifecycle = ?, field_stamps = json_set(field_stamps, '$.status', ?, '$.stoppedByLifecycle', ?)
     WHERE customer_id = ? AND service_id = ?`,
  );
  for (const row of affected) {
    update.run(toStatus, nowMarked, batch.stamp, batch.stamp, customerId, row.serviceId);
    batch.audit({
      entity: 'assignment',
      entityId: `${customerId}/${row.serviceId}`,
      action: 'lifecycle',
      label: `${customerName} → ${row.path}`,
      before: { status: fromStatus },
      after: { status: toStatus, reason: becameInvalid ? 'customer no longer valid' : 'customer valid again' },
    });
  }
}

/**
 * What a validity change of this customer would do: how many active assignments the lifecycle
 * would stop, and how many it stopped that would return. The dialog says it before Save.
 */
export function lifecycleCounts(
  context: ServiceContext,
  customerId: string,
): { active: number; stoppedByLifecycle: number } {
  if (!findCustomerRecord(context, customerId)) throw notFound('Customer', customerId);
  const row = context.conn.sql
    .prepare(
      `SELECT sum(status = 'active' AND stopped_by_lifecycle = 0) AS active, sum(status = 'stopped' AND stopped_by_lifecycle = 1) AS stopped
       FROM assignment WHERE customer_id = ? AND granted = 1`,
    )
    .get(customerId) as { active: number | null; stopped: number | null };
  return { active: row.active ?? 0, stoppedByLifecycle: row.stopped ?? 0 };
}

export const lifecycleHandlers = {
  'customers:lifecycle': (context, { id }) => lifecycleCounts(context, id),
} satisfies HandlerGroup<'customers:lifecycle'>;
