import type { AssignmentDetails } from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { AssignmentWithNames } from '../../src-shared/ipc/methods/allocation';
import type { HandlerGroup } from '../ipc/handlers';
import { REGISTER_COLUMNS, toRegisterState, type RegisterState } from './allocationState';
import type { ServiceContext } from './context';
import { changedFields } from './records';

type Key = { readonly customerId: string; readonly serviceId: string };

const DETAIL_COLUMNS = {
  status: 'status',
  startDate: 'start_date',
  endDate: 'end_date',
  quantity: 'quantity',
  unit: 'unit',
  priceMinor: 'price_minor',
  payPeriod: 'pay_period',
  discountPercent: 'discount_percent',
  discountStart: 'discount_start',
  discountEnd: 'discount_end',
  description: 'description',
} as const satisfies Record<keyof AssignmentDetails, string>;

/** One assignment with its details and the names an admin reads; not-found when there is no row. */
export function getAssignment(context: ServiceContext, key: Key): AssignmentWithNames {
  const row = context.conn.sql
    .prepare(
      `SELECT c.name AS customerName, s.path AS servicePath, ${REGISTER_COLUMNS} FROM assignment a
       JOIN customer c ON c.id = a.customer_id AND c.deleted = 0 JOIN service s ON s.id = a.service_id AND s.deleted = 0
       WHERE a.customer_id = ? AND a.service_id = ?`,
    )
    .get(key.customerId, key.serviceId) as
    (Parameters<typeof toRegisterState>[0] & { customerName: string; servicePath: string }) | undefined;
  if (!row) throw new ServiceError('not-found', 'This customer does not have this service; save the assignment first.');
  const { customerName, servicePath, ...raw } = row;
  const state = toRegisterState(raw);
  return {
    ...key,
    ...details(state),
    granted: state.granted,
    stoppedByLifecycle: state.stoppedByLifecycle,
    customerName,
    servicePath,
  };
}

function details(state: RegisterState): AssignmentDetails {
  return {
    status: state.status,
    startDate: state.startDate,
    endDate: state.endDate,
    quantity: state.quantity,
    unit: state.unit,
    priceMinor: state.priceMinor,
    payPeriod: state.payPeriod === null ? null : (state.payPeriod as AssignmentDetails['payPeriod']),
    discountPercent: state.discountPercent,
    discountStart: state.discountStart,
    discountEnd: state.discountEnd,
    description: state.description,
  };
}

/** Saves the details of an existing assignment; each changed field gets the batch's stamp; one audit event. */
export function updateAssignment(context: ServiceContext, key: Key, next: AssignmentDetails): AssignmentWithNames {
  return context.write(['assignment'], (batch) => {
    const current = getAssignment(context, key);
    const before = details({ ...current, payPeriod: current.payPeriod });
    const changed = changedFields(before, next);
    if (changed.length === 0) return current;
    const sets = changed.map((field) => `${DETAIL_COLUMNS[field]} = ?`).join(', ');
    // A status change by hand ends what the lifecycle started, so revalidation will not undo it.
    const statusChanged = changed.includes('status');
    const stamped: string[] = statusChanged ? [...changed, 'stoppedByLifecycle'] : changed;
    const stamps = stamped.map((field) => `'$.${field}', ?`).join(', ');
    const lifecycle = statusChanged ? ', stopped_by_lifecycle = 0' : '';
    context.conn.sql
      .prepare(
        `UPDATE assignment SET ${sets}${lifecycle}, field_stamps = json_set(field_stamps, ${stamps}) WHERE customer_id = ? AND service_id = ?`,
      )
      .run(...changed.map((field) => next[field]), ...stamped.map(() => batch.stamp), key.customerId, key.serviceId);
    batch.audit({
      entity: 'assignment',
      entityId: `${key.customerId}/${key.serviceId}`,
      action: 'update',
      label: `${current.customerName} → ${current.servicePath}`,
      before: { ...before, granted: current.granted, stoppedByLifecycle: current.stoppedByLifecycle },
      after: {
        ...next,
        granted: current.granted,
        stoppedByLifecycle: statusChanged ? false : current.stoppedByLifecycle,
      },
    });
    return getAssignment(context, key);
  });
}

export const assignmentHandlers = {
  'assignments:get': (context, key) => getAssignment(context, key),
  'assignments:update': (context, { details: next, ...key }) => updateAssignment(context, key, next),
} satisfies HandlerGroup<'assignments:get' | 'assignments:update'>;
