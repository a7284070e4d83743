import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../src-main/services/clock';
import { applySnapshot } from '../../src-main/snapshot/apply';
import { countsOf } from '../../src-main/snapshot/export';
import { stampOf, type Row } from '../../src-main/snapshot/merge';
import { planMerge, type Seen } from '../../src-main/snapshot/plan';
import { readBody, keyOf } from '../../src-main/snapshot/rows';
import {
  canonicalJson,
  emptyBody,
  SNAPSHOT_FORMAT,
  snapshotTables,
  type Snapshot,
  type SnapshotBody,
  type SnapshotHeader,
} from '../../src-shared/snapshot/format';
import { testApp } from './helpers';

/**
 * The merge's invariants (docs/ARCHITECTURE.md#the-merge) over random edit sequences on 2 and 3 devices, each device an
 * in-memory body with its own hybrid clock, syncing through the real merge plan.
 */
type Device = { id: string; clock: HybridClock; body: SnapshotBody; seen: Seen };

let time = 1_760_000_000_000;
const now = () => time;

function device(index: number): Device {
  const id = `d0000000-0000-4000-8000-00000000000${index}`;
  return { id, clock: new HybridClock(id, null, now), body: emptyBody(), seen: {} };
}

type Op =
  | { kind: 'customer'; n: number }
  | { kind: 'edit'; n: number; field: 'name' | 'city' | 'validity' | 'accessMode'; value: number }
  | { kind: 'deleteCustomer'; n: number }
  | { kind: 'service'; n: number; parent: number | null }
  | { kind: 'grant'; customer: number; service: number; granted: boolean; status: number }
  | { kind: 'default'; service: number; granted: boolean };

const validities = ['valid', 'invalid', 'invalid-temporarily'] as const;
const statuses = ['active', 'pending', 'stopped'] as const;

function header(device: Device): SnapshotHeader {
  return {
    snapshotId: device.id,
    appVersion: 't',
    schemaVersion: 1,
    deviceId: device.id,
    deviceName: device.id,
    exporter: 't',
    exportedAt: new Date(time).toISOString(),
    clock: device.clock.current(),
    seen: device.seen,
    counts: countsOf(device.body),
    bodySha256: '0'.repeat(64),
  };
}

function find(body: SnapshotBody, table: (typeof snapshotTables)[number], key: string): Row | undefined {
  return (body[table] as Row[]).find((row) => keyOf(table, row) === key);
}
function put(body: SnapshotBody, table: (typeof snapshotTables)[number], row: Row): void {
  const rows = body[table] as Row[];
  const at = rows.findIndex((existing) => keyOf(table, existing) === keyOf(table, row));
  if (at >= 0) rows[at] = row;
  else rows.push(row);
}

/** One local edit on a device, stamped by its clock; edits that do not apply are skipped. */
function perform(device: Device, op: Op, index: number): void {
  time += 7;
  const stamp = device.clock.next();
  const at = new Date(time).toISOString();
  const body = device.body;
  const customerId = (n: number) => `c${device.id.slice(1, 8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const customers = body.customers;
  const services = body.services;
  switch (op.kind) {
    case 'customer':
      put(body, 'customers', {
        id: customerId(index),
        code: `D${device.id.slice(-1)}-${index}`,
        name: `Customer ${index}`,
        street: '',
        zip: '',
        city: '',
        country: '',
        url: '',
        comment: '',
        validity: 'valid',
        accessMode: 'defaults',
        customFields: {},
        deleted: false,
        stamp,
        fieldStamps: {},
        createdAt: at,
        updatedAt: at,
      });
      return;
    case 'edit':
    case 'deleteCustomer': {
      const target = customers[op.n % Math.max(1, customers.length)] as Row | undefined;
      if (!target) return;
      const [field, value] =
        op.kind === 'deleteCustomer'
          ? ['deleted', true]
          : op.field === 'validity'
            ? ['validity', validities[op.value % 3]]
            : op.field === 'accessMode'
              ? ['accessMode', op.value % 2 ? 'specific' : 'defaults']
              : [op.field, `${op.field} ${op.value}`];
      put(body, 'customers', {
        ...target,
        [field]: value,
        fieldStamps: { ...(target.fieldStamps as Seen), [field]: stamp },
        updatedAt: at,
      });
      return;
    }
    case 'service': {
      const id = `5${device.id.slice(1, 8)}-0000-4000-8000-${String(index).padStart(12, '0')}`;
      // Parents are always older services (smaller ids), so no edit sequence can make a loop.
      const parent =
        op.parent === null
          ? null
          : (services.filter((service) => service.id < id)[op.parent % Math.max(1, services.length)]?.id ?? null);
      put(body, 'services', {
        id,
        name: `S${device.id.slice(-1)}-${index}`,
        parentId: parent,
        type: 'End User Service',
        criticality: 3,
        comment: '',
        validity: 'valid',
        deleted: false,
        stamp,
        fieldStamps: {},
        createdAt: at,
        updatedAt: at,
      });
      return;
    }
    case 'grant': {
      const customer = customers[op.customer % Math.max(1, customers.length)];
      const service = services[op.service % Math.max(1, services.length)];
      if (!customer || !service) return;
      const existing = find(body, 'assignments', `${customer.id}/${service.id}`);
      const status = statuses[op.status % 3];
      put(body, 'assignments', {
        customerId: customer.id,
        serviceId: service.id,
        granted: op.granted,
        stamp,
        status,
        fieldStamps: { ...(existing?.fieldStamps ?? {}), status: stamp },
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
        ...(existing ? { description: existing.description } : {}),
      });
      return;
    }
    case 'default': {
      const service = services[op.service % Math.max(1, services.length)];
      if (service) put(body, 'defaultServices', { serviceId: service.id, granted: op.granted, stamp });
    }
  }
}

function merge(into: { body: SnapshotBody; id: string; seen: Seen }, from: Device): { body: SnapshotBody; seen: Seen } {
  const plan = planMerge({
    local: into.body,
    localDeviceId: into.id,
    localSeen: into.seen,
    remote: { header: header(from), body: from.body },
    aliases: {},
    resolutions: {},
    restamp: from.clock.current(),
    isTooFarAhead: () => false,
    today: '2026-11-22',
  });
  expect(plan.collisions).toEqual([]);
  return { body: plan.merged, seen: plan.seen };
}

/** A device syncs from another: merge, remember what it saw, move its clock past it. */
function sync(into: Device, from: Device): void {
  const result = merge(into, from);
  into.body = result.body;
  into.seen = result.seen;
  into.clock.observe(from.clock.current());
}

const same = (a: SnapshotBody, b: SnapshotBody) => canonicalJson(a) === canonicalJson(b);
const asDevice = (body: SnapshotBody, base: Device): Device => ({ ...base, body });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('customer' as const), n: fc.nat(5) }),
  fc.record({
    kind: fc.constant('edit' as const),
    n: fc.nat(5),
    field: fc.constantFrom('name' as const, 'city' as const, 'validity' as const, 'accessMode' as const),
    value: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('deleteCustomer' as const), n: fc.nat(5) }),
  fc.record({ kind: fc.constant('service' as const), n: fc.nat(5), parent: fc.option(fc.nat(5)) }),
  fc.record({
    kind: fc.constant('grant' as const),
    customer: fc.nat(5),
    service: fc.nat(5),
    granted: fc.boolean(),
    status: fc.nat(2),
  }),
  fc.record({ kind: fc.constant('default' as const), service: fc.nat(5), granted: fc.boolean() }),
);
/** A step: which device edits (or syncs from which). */
const stepArb = (devices: number) =>
  fc.tuple(
    fc.nat(devices - 1),
    fc.oneof(
      { weight: 4, arbitrary: opArb },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: fc.nat(devices - 1) }) },
    ),
  );

function run(devices: number, steps: [number, Op | { kind: 'sync'; from: number }][]): Device[] {
  const all = Array.from({ length: devices }, (_, index) => device(index + 1));
  steps.forEach(([who, step], index) => {
    const actor = all[who];
    if (!actor) return;
    if (step.kind === 'sync') {
      const from = all[step.from];
      if (from && from !== actor) sync(actor, from);
    } else perform(actor, step, index);
  });
  return all;
}

function stampsNeverGoBack(before: SnapshotBody, after: SnapshotBody): void {
  for (const table of snapshotTables) {
    for (const row of before[table] as Row[]) {
      const merged = find(after, table, keyOf(table, row));
      expect(merged).toBeDefined();
      for (const field of Object.keys(row))
        if (merged) expect(stampOf(merged, field) >= stampOf(row, field)).toBe(true);
    }
  }
}

describe('merge invariants (fast-check)', () => {
  const params = { numRuns: 60, seed: 20261122 };

  it('merging is idempotent, commutative, and never moves a stamp backwards (2 devices)', () => {
    fc.assert(
      fc.property(fc.array(stepArb(2), { maxLength: 25 }), (steps) => {
        const [a, b] = run(2, steps) as [Device, Device];
        expect(same(merge(a, a).body, a.body)).toBe(true);
        const ab = merge(a, b).body;
        const ba = merge(b, a).body;
        expect(canonicalJson(ab)).toBe(canonicalJson(ba));
        expect(same(merge({ ...a, body: ab }, b).body, ab)).toBe(true);
        stampsNeverGoBack(a.body, ab);
        stampsNeverGoBack(b.body, ab);
      }),
      params,
    );
  });

  it('merging is associative and copies converge after syncing (3 devices)', () => {
    fc.assert(
      fc.property(fc.array(stepArb(3), { maxLength: 30 }), (steps) => {
        const [a, b, c] = run(3, steps) as [Device, Device, Device];
        const left = merge({ ...a, body: merge(a, b).body }, c).body;
        const right = merge(a, asDevice(merge(b, c).body, b)).body;
        expect(canonicalJson(left)).toBe(canonicalJson(right));
        for (const [into, from] of [
          [a, b],
          [b, c],
          [c, a],
          [a, b],
          [b, c],
        ] as const)
          sync(into, from);
        expect(canonicalJson(a.body)).toBe(canonicalJson(b.body));
        expect(canonicalJson(b.body)).toBe(canonicalJson(c.body));
      }),
      params,
    );
  });

  it('import(export(db)) into an empty database reproduces it; a second import changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb(2), { maxLength: 20 }), async (steps) => {
        const [a, b] = run(2, steps) as [Device, Device];
        const body = merge(a, b).body;
        const app = await testApp();
        const snapshot: Snapshot = {
          format: SNAPSHOT_FORMAT,
          formatVersion: 1,
          header: header(asDevice(body, a)),
          body,
        };
        await applySnapshot(app.context, snapshot, {});
        expect(canonicalJson(readBody(app.conn.sqlite))).toBe(canonicalJson(body));
        expect(await applySnapshot(app.context, snapshot, {})).toBeNull();
        await app.close();
      }),
      { numRuns: 8, seed: 20261122 },
    );
  });
});
