import type { AccessMode } from '../../src-shared/domain';
import { ACCESS_MODES_CHANGED } from '../../src-shared/ipc/events';
import type { AllocationChange, AllocationSaved } from '../../src-shared/ipc/methods/allocation';
import type { AuditInput, Batch, ServiceContext } from './context';
import { previewDefaults } from './allocationPreview';
import { planCustomer, planService, requireServices } from './allocationPlan';
import { customersOnDefaults, liveServiceFacts, type RegisterState } from './allocationState';

const NEW_REGISTER: Omit<RegisterState, 'granted'> = {
  status: 'active',
  startDate: null,
  endDate: null,
  quantity: null,
  unit: '',
  priceMinor: null,
  payPeriod: null,
  discountPercent: null,
  discountStart: null,
  discountEnd: null,
  description: '',
  stoppedByLifecycle: false,
};

/** Prepared statements for one Save, so 50,000 changes stay one fast transaction. */
function writers(context: ServiceContext, batch: Batch) {
  const { sql: run } = context.conn;
  const insert = run.prepare(
    `INSERT INTO assignment (customer_id, service_id, granted, stamp, field_stamps, status) VALUES (?, ?, 1, ?, '{}', 'active')`,
  );
  const setGranted = run.prepare(
    'UPDATE assignment SET granted = ?, stamp = ? WHERE customer_id = ? AND service_id = ?',
  );
  const setMode = run.prepare(
    `UPDATE customer SET access_mode = ?, field_stamps = json_set(field_stamps, '$.accessMode', ?), updated_at = ? WHERE id = ?`,
  );
  return {
    /** Grants or revokes one register, keeping the row and its details, and audits it. */
    register(customerId: string, serviceId: string, grant: boolean, before: RegisterState | null, label: string) {
      if (before) setGranted.run(grant ? 1 : 0, batch.stamp, customerId, serviceId);
      else insert.run(customerId, serviceId, batch.stamp);
      batch.audit({
        entity: 'assignment',
        entityId: `${customerId}/${serviceId}`,
        action: grant ? 'grant' : 'revoke',
        label,
        before: before ? { ...before } : null,
        after: { ...(before ?? NEW_REGISTER), granted: grant },
      });
    },
    mode(customerId: string, name: string, before: AccessMode, after: AccessMode) {
      if (before === after) return;
      setMode.run(after, batch.stamp, batch.at, customerId);
      batch.audit({
        entity: 'customer',
        entityId: customerId,
        action: 'update',
        label: name,
        before: { accessMode: before },
        after: { accessMode: after },
      });
    },
  };
}

/** Saves one dialog's changes: one context.write, one transaction, one audit batch. */
export function saveAllocation(
  context: ServiceContext,
  change: AllocationChange & { grant: string[]; revoke: string[] },
): AllocationSaved {
  // A Save changes customers' modes, never which customers there are or their names.
  const entities = change.kind === 'defaults' ? ['defaultService'] : ['assignment', ACCESS_MODES_CHANGED];
  return context.write(entities, (batch) => {
    if (change.kind === 'customer') {
      const { services, state, preview } = planCustomer(context, change.customerId, change);
      const write = writers(context, batch);
      const label = (id: string) => `${state.name} → ${services.get(id)?.path ?? id}`;
      for (const id of change.grant)
        if (state.registers.get(id)?.granted !== true)
          write.register(state.id, id, true, state.registers.get(id) ?? null, label(id));
      for (const id of change.revoke)
        if (state.registers.get(id)?.granted === true)
          write.register(state.id, id, false, state.registers.get(id) ?? null, label(id));
      write.mode(
        state.id,
        state.name,
        state.customer.accessMode,
        preview.customer?.modeAfter ?? state.customer.accessMode,
      );
      const { registersAfter: _after, ...summary } = preview;
      return { ...summary, batchId: batch.id };
    }
    if (change.kind === 'service')
      return { ...saveService(context, batch, change.serviceId, change), batchId: batch.id };
    return { ...saveDefaults(context, batch, liveServiceFacts(context), change), batchId: batch.id };
  });
}

/**
 * Ids a set-based statement takes at once. Inside the Save's transaction SQLite keeps, for each
 * statement, a copy of every page it changes (to undo that statement alone on an error), in
 * memory: 48,000 new assignments in one statement touch most of the table's 200 MB. Chunks
 * keep that copy to a few MB and are no slower.
 */
const CHUNK = 2_000;

/** Runs `write` over `ids` in chunks, each as a JSON array (key order kept). */
function inChunks(ids: readonly string[], write: (json: string) => void): void {
  for (let start = 0; start < ids.length; start += CHUNK) write(JSON.stringify(ids.slice(start, start + CHUNK)));
}

/**
 * A service's changes for up to 100,000 customers: set-based writes (one statement per kind of
 * change over a JSON array of ids in key order) and one audit event per register and per mode change.
 */
function saveService(
  context: ServiceContext,
  batch: Batch,
  serviceId: string,
  change: { grant: string[]; revoke: string[] },
) {
  const { service, customers, preview } = planService(context, serviceId, change);
  const { sql: run } = context.conn;
  // In key order, so the writes walk the assignment and customer B-trees instead of jumping around.
  const ordered = [...preview.touched].sort((a, b) => (a.state.customerId < b.state.customerId ? -1 : 1));
  const fresh: string[] = [];
  const flipped = { grant: [] as string[], revoke: [] as string[] };
  const modes = { specific: [] as string[], defaults: [] as string[] };
  const changed = ordered.flatMap(({ state, grant, modeAfter }) => {
    const touched = customers.get(state.customerId);
    if (!touched) return [];
    if (touched.state) flipped[grant ? 'grant' : 'revoke'].push(state.customerId);
    else fresh.push(state.customerId);
    if (touched.customer.accessMode !== modeAfter) modes[modeAfter].push(state.customerId);
    return [{ touched, grant, modeAfter }];
  });
  // Each register's event, then its customer's mode change, customer by customer.
  batch.auditMany(
    (function* events(): Generator<AuditInput> {
      for (const { touched, grant, modeAfter } of changed) {
        yield {
          entity: 'assignment',
          entityId: `${touched.customerId}/${service.id}`,
          action: grant ? 'grant' : 'revoke',
          label: `${touched.name} → ${service.path}`,
          before: touched.state ? { ...touched.state } : null,
          after: { ...(touched.state ?? NEW_REGISTER), granted: grant },
        };
        const modeBefore = touched.customer.accessMode;
        if (modeBefore === modeAfter) continue;
        yield {
          entity: 'customer',
          entityId: touched.customerId,
          action: 'update',
          label: touched.name,
          before: { accessMode: modeBefore },
          after: { accessMode: modeAfter },
        };
      }
    })(),
  );
  const insert = run.prepare(
    `INSERT INTO assignment (customer_id, service_id, granted, stamp, field_stamps, status) SELECT value, ?, 1, ?, '{}', 'active' FROM json_each(?)`,
  );
  inChunks(fresh, (ids) => insert.run(service.id, batch.stamp, ids));
  const setGranted = run.prepare(
    'UPDATE assignment SET granted = ?, stamp = ? WHERE service_id = ? AND customer_id IN (SELECT value FROM json_each(?))',
  );
  for (const grant of [true, false] as const)
    inChunks(flipped[grant ? 'grant' : 'revoke'], (ids) => setGranted.run(grant ? 1 : 0, batch.stamp, service.id, ids));
  const setMode = run.prepare(
    `UPDATE customer SET access_mode = ?, field_stamps = json_set(field_stamps, '$.accessMode', ?), updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`,
  );
  for (const mode of ['specific', 'defaults'] as const)
    inChunks(modes[mode], (ids) => setMode.run(mode, batch.stamp, batch.at, ids));
  const { touched: _touched, ...summary } = preview;
  return summary;
}

function saveDefaults(
  context: ServiceContext,
  batch: Batch,
  services: ReturnType<typeof liveServiceFacts>,
  change: { grant: string[]; revoke: string[] },
) {
  requireServices(services, change);
  const { sql: run } = context.conn;
  const rows = run.prepare('SELECT service_id AS id, granted FROM default_service').all() as {
    id: string;
    granted: number;
  }[];
  const known = new Map(rows.map((row) => [row.id, row.granted === 1]));
  const current = new Set(rows.filter((row) => row.granted === 1).map((row) => row.id));
  const preview = previewDefaults({
    current,
    serviceValidity: (id) => services.get(id)?.validity,
    customersOnDefaults: customersOnDefaults(context),
    changes: change,
  });
  const upsert = run.prepare(
    'INSERT INTO default_service (service_id, granted, stamp) VALUES (?, ?, ?) ON CONFLICT (service_id) DO UPDATE SET granted = excluded.granted, stamp = excluded.stamp',
  );
  const apply = (id: string, grant: boolean) => {
    upsert.run(id, grant ? 1 : 0, batch.stamp);
    const before = known.get(id);
    batch.audit({
      entity: 'defaultService',
      entityId: id,
      action: grant ? 'grant' : 'revoke',
      label: services.get(id)?.path ?? id,
      before: before === undefined ? null : { granted: before },
      after: { granted: grant },
    });
  };
  for (const id of change.grant) if (!current.has(id)) apply(id, true);
  for (const id of change.revoke) if (current.has(id)) apply(id, false);
  return preview;
}
