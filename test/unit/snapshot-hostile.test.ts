import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAgainstLocal } from '../../src-main/snapshot/apply';
import { buildSnapshot, encodeSnapshot } from '../../src-main/snapshot/export';
import { parseSnapshot } from '../../src-main/snapshot/parse';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { bodyText, snapshotTables, type Snapshot, type SnapshotTable } from '../../src-shared/snapshot/format';
import { acme, failed, ok, testApp } from './helpers';
import { everything, fileHash, settledHash } from './snapshot-helpers';

type Doc = {
  format: string;
  formatVersion: number;
  header: Snapshot['header'];
  body: { [T in SnapshotTable]: Record<string, unknown>[] };
};

let valid: Doc;

/** A small, valid snapshot: two customers, a service tree, an assignment, a default, a user. */
async function smallSnapshot(): Promise<Doc> {
  const app = await testApp();
  const customer = ok(await app.call('customers:create', acme));
  ok(await app.call('customers:create', { code: 'GLOBEX', name: 'Globex' }));
  const it = ok(await app.call('services:create', { name: 'IT' }));
  const email = ok(await app.call('services:create', { name: 'Email', parentId: it.id }));
  ok(await app.call('customerUsers:create', { login: 'anna', customerId: customer.id }));
  app.context.write(['assignment'], (batch) => {
    app.conn.sqlite
      .prepare("INSERT INTO assignment (customer_id, service_id, granted, stamp, status) VALUES (?, ?, 1, ?, 'active')")
      .run(customer.id, email.id, batch.stamp);
    app.conn.sqlite
      .prepare('INSERT INTO default_service (service_id, granted, stamp) VALUES (?, 1, ?)')
      .run(it.id, batch.stamp);
  });
  return JSON.parse((await encodeSnapshot(buildSnapshot(app.context), false)).toString('utf8')) as Doc;
}

function bytesOf(doc: unknown): Buffer {
  return Buffer.from(JSON.stringify(doc), 'utf8');
}

/** A copy with counts and hash made to match its body, so the checks behind them are reached. */
function resigned(change: (doc: Doc) => void): Buffer {
  const doc = structuredClone(valid);
  change(doc);
  for (const table of snapshotTables) doc.header.counts[table] = doc.body[table].length;
  doc.header.bodySha256 = createHash('sha256').update(bodyText(doc.body)).digest('hex');
  return bytesOf(doc);
}

function edited(change: (doc: Doc) => void): Buffer {
  const doc = structuredClone(valid);
  change(doc);
  return bytesOf(doc);
}

function refusal(bytes: Uint8Array, limits?: Parameters<typeof parseSnapshot>[1]): string {
  try {
    parseSnapshot(bytes, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('refused');
    return (error as ServiceError).message;
  }
  throw new Error('the snapshot was accepted');
}

/**
 * For the tests that read each file of the corpus on a thread of its own: from the sources, each
 * thread loads its TypeScript through tsx, about a second apiece on a busy machine.
 */
const threads = { timeout: 120_000 };

const futureStamp = (device: string) => `${'9'.repeat(15)}:000000:${device}`;

/** Each hostile file and the specific reason it must be refused for. */
function corpus(): [name: string, bytes: Buffer, reason: RegExp][] {
  const device = valid.header.deviceId;
  return [
    ['empty file', Buffer.alloc(0), /the file is empty/],
    ['not JSON', Buffer.from('hello'), /not valid JSON/],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8/],
    ['a JSON array', Buffer.from('[]'), /not a Service Allocator snapshot/],
    ['another format', edited((doc) => (doc.format = 'something-else')), /its "format" is missing or different/],
    [
      'newer format version',
      edited((doc) => (doc.formatVersion = 2)),
      /newer version of Service Allocator \(format 2; this version reads up to 1\)/,
    ],
    [
      'unknown top-level entry',
      edited((doc) => Object.assign(doc, { extra: 1 })),
      /unknown top-level entries \(extra\)/,
    ],
    ['wrong hash', edited((doc) => (doc.header.bodySha256 = '0'.repeat(64))), /does not match its SHA-256 checksum/],
    [
      'edited body, old hash',
      edited((doc) => ((doc.body.customers[0] ?? {}).name = 'Evil Corp')),
      /does not match its SHA-256 checksum/,
    ],
    [
      'wrong counts',
      edited((doc) => (doc.header.counts.customers += 1)),
      /header counts 3 customers but the file holds 2/,
    ],
    ['bad header', edited((doc) => (doc.header.deviceId = 'laptop')), /header is invalid: header\.deviceId/],
    [
      'duplicate ids',
      resigned((doc) => doc.body.customers.push({ ...(doc.body.customers[0] ?? {}) })),
      /the customer [0-9a-f-]{36} appears twice/,
    ],
    [
      'dangling reference',
      resigned((doc) => ((doc.body.assignments[0] ?? {}).serviceId = randomUUID())),
      /the assignment refers to service [0-9a-f-]{36}, which is not in the file/,
    ],
    [
      'dangling user customer',
      resigned((doc) => ((doc.body.customerUsers[0] ?? {}).customerId = randomUUID())),
      /customer user anna refers to customer/,
    ],
    [
      'malformed stamp',
      resigned((doc) => ((doc.body.customers[0] ?? {}).stamp = 'yesterday')),
      /body\.customers\[0\]\.stamp: not a clock stamp/,
    ],
    [
      'stamp after the exporter clock',
      resigned((doc) => ((doc.body.services[0] ?? {}).stamp = futureStamp(device))),
      /later than the exporter's clock \(bad clock\)/,
    ],
    [
      'impossible wall time',
      resigned((doc) => ((doc.body.services[0] ?? {}).stamp = `${'0'.repeat(15)}:000000:${device}`)),
      /impossible clock stamp/,
    ],
    [
      'field stamped before creation',
      resigned((doc) => ((doc.body.customers[0] ?? {}).fieldStamps = { city: `000946684800001:000000:${device}` })),
      /field stamped before the record was created/,
    ],
    [
      'stamp for an unknown field',
      resigned((doc) => ((doc.body.customers[0] ?? {}).fieldStamps = { salary: valid.header.clock })),
      /clock stamp for an unknown field "salary"/,
    ],
    [
      'wrong enum',
      resigned((doc) => ((doc.body.customers[0] ?? {}).validity = 'maybe')),
      /body\.customers\[\d\]\.validity/,
    ],
    [
      'too long',
      resigned((doc) => ((doc.body.customers[0] ?? {}).comment = 'x'.repeat(251))),
      /body\.customers\[\d\]\.comment/,
    ],
    [
      'missing Customer ID',
      resigned((doc) => delete (doc.body.customers[0] ?? {}).code),
      /body\.customers\[\d\]\.code/,
    ],
    ['unknown field', resigned((doc) => ((doc.body.customers[0] ?? {}).isAdmin = true)), /body\.customers\[\d\]/],
    [
      'two live customers, one Customer ID',
      resigned((doc) => doc.body.customers.push({ ...(doc.body.customers[0] ?? {}), id: randomUUID() })),
      /two live customers share the Customer ID "(ACME|GLOBEX)"/,
    ],
    [
      'a service loop',
      resigned(
        (doc) =>
          ((doc.body.services.find((service) => !service.parentId) ?? {}).parentId = doc.body.services.find(
            (service) => service.parentId,
          )?.id),
      ),
      /service tree has a loop/,
    ],
    [
      '__proto__ key',
      Buffer.from(JSON.stringify(valid).replace('"code":', '"__proto__":{"polluted":1},"code":')),
      /forbidden key "__proto__"/,
    ],
    [
      'constructor key',
      Buffer.from(JSON.stringify(valid).replace('"header":{', '"header":{"constructor":{"prototype":{}},')),
      /forbidden key "(constructor|prototype)"/,
    ],
    [
      'prototype key',
      Buffer.from(JSON.stringify(valid).replace('"body":{', '"body":{"prototype":1,')),
      /forbidden key "prototype"/,
    ],
    ['damaged gzip', gzipSync(bytesOf(valid)).subarray(0, 40), /compressed file is damaged or truncated/],
  ];
}

describe('hostile snapshot files', () => {
  beforeAll(async () => {
    valid = await smallSnapshot();
  });

  it('accepts the untouched file, plain and gzipped', () => {
    expect(parseSnapshot(bytesOf(valid)).header.counts.customers).toBe(2);
    expect(parseSnapshot(gzipSync(bytesOf(valid))).body.services).toHaveLength(2);
  });

  it('refuses each hostile file with its specific reason', () => {
    for (const [name, bytes, reason] of corpus()) expect(refusal(bytes), name).toMatch(reason);
  });

  it('refuses the file truncated at every offset, plain and gzipped', () => {
    const plain = bytesOf(valid);
    for (let end = 0; end < plain.length; end += 1)
      expect(refusal(plain.subarray(0, end))).toMatch(/empty|not valid JSON|not UTF-8/);
    const packed = gzipSync(plain);
    for (let end = 1; end < packed.length; end += 1)
      expect(refusal(packed.subarray(0, end))).toMatch(/damaged or truncated|not valid JSON|not UTF-8/);
  });

  it('refuses a byte flipped anywhere in the body', () => {
    const plain = bytesOf(valid);
    const start = plain.indexOf('"body":') + 7;
    for (let at = start; at < plain.length - 1; at += 1) {
      for (const mask of [0x01, 0x80]) {
        const copy = Buffer.from(plain);
        copy[at] = (copy[at] ?? 0) ^ mask;
        expect(refusal(copy)).toMatch(/SHA-256|not valid JSON|not UTF-8|forbidden key/);
      }
    }
  });

  it('refuses oversized input, packed or unpacked', () => {
    expect(refusal(bytesOf(valid), { maxBytes: 1000 })).toMatch(/snapshots up to 0\.0 MB are accepted/);
    const bomb = gzipSync(Buffer.alloc(2_000_000, 0x20));
    expect(refusal(bomb, { maxTextBytes: 1_000_000 })).toMatch(/unpacks to more than/);
  });

  it('through the app: every hostile file is refused and the database file stays byte-identical', threads, async () => {
    const app = await testApp();
    ok(await app.call('customers:create', acme));
    const hash = settledHash(app);
    const rows = everything(app);
    for (const [name, bytes, reason] of corpus()) {
      const error = failed(
        await app.call('snapshots:openBytes', { fileName: `${name}.sasnap`, base64: bytes.toString('base64') }),
      );
      expect(error.code, name).toBe('refused');
      expect(error.message, name).toMatch(reason);
      expect(error.message).toMatch(/Nothing was changed\.$/);
    }
    expect(failed(await app.call('snapshots:openBytes', { fileName: 'x', base64: 'x'.repeat(400_000_000) })).code).toBe(
      'invalid-input',
    );
    expect(everything(app)).toEqual(rows);
    expect(fileHash(app.dbPath)).toBe(hash);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
  });
});

describe('hostile snapshot files opened by path (streamed)', threads, () => {
  beforeAll(async () => {
    valid = await smallSnapshot();
  });

  it('refuses each hostile file with its specific reason, and the database file stays byte-identical', async () => {
    const app = await testApp();
    ok(await app.call('customers:create', acme));
    const hash = settledHash(app);
    const rows = everything(app);
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    for (const [name, bytes, reason] of corpus()) {
      const path = join(dir, `${name}.sasnap`);
      writeFileSync(path, bytes);
      const error = await planAgainstLocal(app.context, { kind: 'file', path }, {}).then(
        () => null,
        (caught: unknown) => caught as ServiceError,
      );
      expect(error, name).toBeInstanceOf(ServiceError);
      expect(error?.code, name).toBe('refused');
      expect(error?.message, name).toMatch(reason);
    }
    expect(everything(app)).toEqual(rows);
    expect(fileHash(app.dbPath)).toBe(hash);
  });

  it('refuses assignments out of key order, and a file changed since it was opened', async () => {
    const app = await testApp();
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    const twice = resigned((doc) => doc.body.assignments.push({ ...(doc.body.assignments[0] ?? {}) }));
    writeFileSync(join(dir, 'twice.sasnap'), twice);
    await expect(planAgainstLocal(app.context, { kind: 'file', path: join(dir, 'twice.sasnap') }, {})).rejects.toThrow(
      /the assignment [0-9a-f-/]+ appears twice/,
    );
    const path = join(dir, 'valid.sasnap');
    writeFileSync(path, bytesOf(valid));
    const plan = await planAgainstLocal(app.context, { kind: 'file', path }, {});
    writeFileSync(
      path,
      resigned((doc) => ((doc.body.customers[0] ?? {}).name = 'Changed')),
    );
    await expect(planAgainstLocal(app.context, { kind: 'file', path, expect: plan.header }, {})).rejects.toThrow(
      /the file changed since it was opened/,
    );
  });
});
