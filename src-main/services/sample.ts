import { ServiceError } from '../../src-shared/ipc/envelope';
import { PATH_SEPARATOR, serviceTypes, type Stamp } from '../../src-shared/domain';
import type { SampleResult, SampleSizes } from '../../src-shared/ipc/contract';
import { sampleSizesSchema } from '../../src-shared/ipc/contract';
import type { ServiceContext } from './context';
import * as words from './sampleData';

/** A small seeded generator (mulberry32): the same sizes always give the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function pickFrom<T>(random: () => number, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('empty word list');
  return item;
}

const CORE_SERVICES = 3;

type SampleService = { id: string; name: string; parentId: string | null; path: string };

/** A service tree of exactly `count` services: areas, their children, then leaves below those. */
function serviceTree(random: () => number, count: number): SampleService[] {
  const out: SampleService[] = [];
  const add = (name: string, parent: SampleService | null) => {
    if (out.length >= count) return null;
    const service = {
      id: uuidFrom(random),
      name,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}${PATH_SEPARATOR}${name}` : name,
    };
    out.push(service);
    return service;
  };
  const seconds: SampleService[] = [];
  for (const [area] of words.serviceAreas) add(area, null);
  words.serviceAreas.forEach(([, children], index) => {
    const parent = out[index];
    if (!parent) return;
    for (const child of children) {
      const service = add(child, parent);
      if (service) seconds.push(service);
    }
  });
  // Leaves: cycle through second-level services, adding numbered variants once names run out.
  for (let round = 0; out.length < count && seconds.length > 0; round += 1) {
    for (const parent of seconds) {
      const base = words.leafNames[round % words.leafNames.length] ?? 'Option';
      const generation = Math.floor(round / words.leafNames.length);
      if (!add(generation === 0 ? base : `${base} ${generation + 1}`, parent)) break;
    }
  }
  return out;
}

/**
 * Fills an empty database with deterministic, realistic data: customers with addresses,
 * customer users, a service tree, assignments with details and default services. One batch,
 * one transaction, one audit event summarising it.
 */
export async function loadSample(context: ServiceContext, input: SampleSizes): Promise<SampleResult> {
  const sizes = sampleSizesSchema.parse(input);
  const { sqlite } = context.conn;
  const existing = sqlite
    .prepare('SELECT (SELECT count(*) FROM customer) + (SELECT count(*) FROM service) AS n')
    .get() as { n: number };
  if (existing.n > 0) throw new ServiceError('refused', 'Sample data can only be loaded into an empty database.');
  return context.longWrite(
    ['customer', 'service', 'assignment', 'defaultService', 'customerUser'],
    'sample',
    async (batch, job) => {
      const random = seededRandom(sizes.customers * 31 + sizes.services * 17 + sizes.assignments);
      const stamp: Stamp = batch.stamp;
      const services = serviceTree(random, sizes.services);
      const insertService = sqlite.prepare(
        `INSERT INTO service (id, name, parent_id, path, type, criticality, comment, validity, deleted, stamp, field_stamps, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '', ?, 0, ?, '{}', ?, ?)`,
      );
      services.forEach((service, index) => {
        const validity = index > 20 && index % 37 === 0 ? 'invalid' : 'valid';
        insertService.run(
          service.id,
          service.name,
          service.parentId,
          service.path,
          pickFrom(random, serviceTypes),
          1 + Math.floor(random() * 5),
          validity,
          stamp,
          batch.at,
          batch.at,
        );
      });
      const leaves = services.filter((service) => !services.some((other) => other.parentId === service.id));
      const defaults = leaves.filter((_, index) => index % 12 === 0).slice(0, 16);
      const insertDefault = sqlite.prepare('INSERT INTO default_service (service_id, granted, stamp) VALUES (?, 1, ?)');
      for (const service of defaults) insertDefault.run(service.id, stamp);

      const customerIds = Array.from({ length: sizes.customers }, () => uuidFrom(random)).sort();
      const specificShare = sizes.assignments > 0 ? Math.min(0.6, sizes.assignments / Math.max(1, sizes.customers)) : 0;
      const insertCustomer = sqlite.prepare(
        `INSERT INTO customer (id, code, name, street, zip, city, country, url, comment, validity, access_mode, custom_fields, deleted, stamp, field_stamps, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, '{}', 0, ?, '{}', ?, ?)`,
      );
      const insertUser = sqlite.prepare(
        `INSERT INTO customer_user (id, login, first_name, last_name, email, phone, customer_id, validity, comment, deleted, stamp, field_stamps, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'valid', '', 0, ?, '{}', ?, ?)`,
      );
      const chunk = 5_000;
      const total = sizes.customers * 2 + sizes.assignments;
      let users = 0;
      for (let index = 0; index < customerIds.length; index += 1) {
        const id = customerIds[index] ?? '';
        const stem = pickFrom(random, words.companyStems);
        const name = `${stem} ${pickFrom(random, words.companyTrades)} ${pickFrom(random, words.companyForms)}`;
        const code = `${stem.replace(/\s+/g, '').slice(0, 6).toUpperCase()}-${String(index + 1).padStart(6, '0')}`;
        const [city, country, zip] = pickFrom(random, words.places);
        const validity = index % 50 === 49 ? 'invalid' : 'valid';
        const mode = index === 0 || random() < specificShare ? 'specific' : 'defaults';
        insertCustomer.run(
          id,
          code,
          name,
          `${pickFrom(random, words.streets)} ${1 + Math.floor(random() * 200)}`,
          `${zip}${String(Math.floor(random() * 1000)).padStart(3, '0')}`,
          city,
          country,
          `https://www.${stem.toLowerCase().replace(/\s+/g, '')}-${index + 1}.example`,
          validity,
          mode,
          stamp,
          batch.at,
          batch.at,
        );
        const first = pickFrom(random, words.firstNames);
        const last = pickFrom(random, words.lastNames);
        const login = `${first.toLowerCase()}.${code.toLowerCase()}`;
        insertUser.run(
          uuidFrom(random),
          login,
          first,
          last,
          `${login}@example.com`,
          `+49 30 ${1000000 + index}`,
          id,
          stamp,
          batch.at,
          batch.at,
        );
        users += 1;
        if (index % chunk === chunk - 1) await job.progress(index + 1, total, 'Creating customers');
      }
      const assignments = insertAssignments(context, customerIds, services, sizes.assignments, random, stamp);
      await job.progress(total, total, 'Creating assignments');
      for (const done of assignments) await job.progress(sizes.customers * 2 + done, total, 'Creating assignments');
      // A customer left without specific services is on the defaults, as after any save.
      sqlite.exec(`UPDATE customer SET access_mode = 'defaults' WHERE access_mode = 'specific'
      AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.customer_id = customer.id AND a.granted = 1)`);
      const counted = (sqlite.prepare('SELECT count(*) AS n FROM assignment').get() as { n: number }).n;
      const result = {
        customers: sizes.customers,
        customerUsers: users,
        services: services.length,
        assignments: counted,
        defaultServices: defaults.length,
      };
      batch.audit({ entity: 'data', entityId: 'sample', action: 'sample', label: 'Sample data', after: result });
      return result;
    },
  );
}

/**
 * Spreads `count` assignments over the specific customers, popular services first (a skewed
 * pick), inserted in key order. Yields the number done after each chunk.
 */
function* insertAssignments(
  context: ServiceContext,
  customerIds: readonly string[],
  services: readonly SampleService[],
  count: number,
  random: () => number,
  stamp: Stamp,
): Generator<number> {
  const { sqlite } = context.conn;
  const specific = (
    sqlite.prepare(`SELECT id FROM customer WHERE access_mode = 'specific' ORDER BY id`).all() as { id: string }[]
  ).map((row) => row.id);
  if (count === 0 || specific.length === 0 || services.length === 0) return;
  const perCustomer = Math.min(services.length, Math.ceil(count / specific.length));
  const insert = sqlite.prepare(
    `INSERT INTO assignment (customer_id, service_id, granted, stamp, field_stamps, status, start_date, end_date, quantity, unit, price_minor, pay_period, discount_percent, discount_start, discount_end, description, stopped_by_lifecycle)
     VALUES (?, ?, 1, ?, '{}', ?, ?, NULL, ?, ?, ?, ?, NULL, NULL, NULL, '', 0)`,
  );
  // Leaves first: assignments go to concrete offerings, not to areas.
  const isParent = new Set(services.map((service) => service.parentId));
  const ranked = [
    ...services.filter((service) => !isParent.has(service.id)),
    ...services.filter((service) => isParent.has(service.id)),
  ];
  let done = 0;
  for (const customerId of specific) {
    if (done >= count) break;
    const want = Math.min(perCustomer, count - done);
    const chosen = new Set<number>();
    // A few core services reach most specific customers (a 50k-customer service at full size);
    // the rest follow a skewed pick, so popular services serve many and the tail few.
    for (let core = 0; core < CORE_SERVICES && chosen.size < want; core += 1) if (random() < 0.85) chosen.add(core);
    for (let attempt = 0; chosen.size < want && attempt < want * 20; attempt += 1)
      chosen.add(Math.floor(random() * random() * ranked.length));
    for (let index = 0; chosen.size < want; index += 1) chosen.add(index);
    const serviceIds = [...chosen].map((index) => ranked[index]?.id ?? '').sort();
    for (const serviceId of serviceIds) {
      const status = random() < 0.9 ? 'active' : 'pending';
      insert.run(
        customerId,
        serviceId,
        stamp,
        status,
        '2026-01-01',
        1 + Math.floor(random() * 50),
        'licence',
        Math.floor(random() * 50_000),
        'monthly',
      );
      done += 1;
      if (done % 50_000 === 0) yield done;
    }
  }
  yield done;
}
