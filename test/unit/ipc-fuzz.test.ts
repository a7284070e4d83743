import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, encodeSnapshot } from '../../src-main/snapshot/export';
import { contract, type Method } from '../../src-shared/ipc/contract';
import { errorCodes } from '../../src-shared/ipc/envelope';
import { acme, ok, tempDir, testApp } from './helpers';
import { arbitraryFor, unboundedParts } from './zodWalk';

const methods = Object.keys(contract) as Method[];

/** Values no schema should take, and shapes that have hurt parsers before. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 3 }),
  fc.constantFrom<unknown>(
    undefined,
    null,
    NaN,
    -0,
    Infinity,
    '',
    '\u0000',
    '\ud800',
    '\u202eEMCA',
    'x'.repeat(1_000_000),
    [],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    { toString: 'x', valueOf: 1 },
    JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    Array.from({ length: 300_000 }, () => 0),
  ),
);

/** A valid-ish input with one field replaced by a hostile value, or an extra field added. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.string({ maxLength: 12 }), hostile, fc.boolean()).map(([value, key, bad, replace]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad;
    const keys = Object.keys(value);
    const target = replace && keys.length > 0 ? (keys[key.length % keys.length] ?? key) : key;
    return { ...value, [target]: bad };
  });
}

/**
 * Fields whose full range means minutes of work are kept small; a dropped file is this copy's
 * own snapshot now and then, so the import path is reached too.
 */
function overridesFor(snapshot: Buffer) {
  return {
    customers: fc.nat({ max: 30 }),
    services: fc.nat({ max: 10 }),
    assignments: fc.nat({ max: 60 }),
    base64: fc.oneof(
      fc.base64String({ maxLength: 400 }),
      fc.constant(snapshot.toString('base64')),
      fc.nat({ max: snapshot.length - 1 }).map((cut) => snapshot.subarray(0, cut).toString('base64')),
    ),
  };
}

async function seededApp() {
  const save = tempDir();
  let saved = 0;
  const app = await testApp({
    platform: {
      chooseOpenPath: () => Promise.resolve(null),
      chooseSavePath: () => Promise.resolve(join(save, `out-${(saved += 1)}.csv`)),
    },
  });
  ok(await app.call('sample:load', { customers: 20, services: 8, assignments: 40 }));
  ok(await app.call('customFields:save', { fields: [{ key: 'seats', label: 'Seats', kind: 'number' }] }));
  const customer = ok(await app.call('customers:create', acme));
  ok(await app.call('customerUsers:create', { login: 'anna', customerId: customer.id }));
  return app;
}

/** Every id the database holds (records, batches), for inputs that name something real. */
function idsOf(app: Awaited<ReturnType<typeof seededApp>>): string[] {
  const query = `SELECT id FROM customer UNION ALL SELECT id FROM service UNION ALL SELECT id FROM customer_user
    UNION ALL SELECT DISTINCT batch_id FROM audit_event`;
  return (app.conn.sqlite.prepare(query).all() as { id: string }[]).map((row) => row.id);
}

/** What a refused call must leave as it was: every table's rows, audit and meta included. */
function fingerprint(app: Awaited<ReturnType<typeof seededApp>>): string {
  const hash = createHash('sha256');
  const tables = app.conn.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables)
    hash.update(JSON.stringify(app.conn.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).raw().all()));
  return hash.digest('hex');
}

function printed(input: unknown): string {
  try {
    return String(JSON.stringify(input)).slice(0, 200);
  } catch {
    return '(too deep to print)';
  }
}

function isEnvelope(answer: unknown): boolean {
  if (answer === null || typeof answer !== 'object') return false;
  const envelope = answer as Record<string, unknown>;
  if (envelope.ok === true) return 'value' in envelope;
  if (envelope.ok !== false) return false;
  const error = envelope.error as Record<string, unknown> | undefined;
  return (
    typeof error === 'object' &&
    error !== null &&
    (errorCodes as readonly unknown[]).includes(error.code) &&
    typeof error.message === 'string' &&
    error.message !== ''
  );
}

describe('IPC fuzzer', () => {
  it('every input schema bounds its strings, arrays and records', () => {
    const unbounded = methods.flatMap((method) =>
      unboundedParts(contract[method].input).map((path) => `${method} ${path}`),
    );
    expect(unbounded).toEqual([]);
  });

  it('every method answers hostile and valid-ish input in the envelope, writing nothing when it refuses', async () => {
    const app = await seededApp();
    const ids = idsOf(app);
    const overrides = overridesFor(await encodeSnapshot(buildSnapshot(app.context), true));
    const problems: string[] = [];
    for (const method of methods) {
      const valid = arbitraryFor(contract[method].input, ids, overrides);
      const inputs = fc.sample(
        fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: mutated(valid) }, hostile),
        { numRuns: 30, seed: method.length },
      );
      for (const input of inputs) {
        const before = fingerprint(app);
        const answer = await app.dispatch(method, input);
        const shown = `${method} ${printed(input)}`;
        if (!isEnvelope(answer)) problems.push(`not an envelope: ${shown}`);
        else if (!answer.ok && answer.error.code === 'internal') problems.push(`${answer.error.message}: ${shown}`);
        else if (!answer.ok && fingerprint(app) !== before) problems.push(`refused but wrote: ${shown}`);
      }
    }
    for (const method of [42, null, '__proto__', 'constructor', 'toString', 'customers:list ']) {
      const answer = await app.dispatch(method, {});
      if (!isEnvelope(answer) || answer.ok) problems.push(`unknown method answered: ${String(method)}`);
    }
    expect(problems).toEqual([]);
    expect(app.conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
