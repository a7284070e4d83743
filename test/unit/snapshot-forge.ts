import { createHash } from 'node:crypto';
import type { OpenApp } from '../../src-main/app';
import { buildSnapshot, encodeSnapshot } from '../../src-main/snapshot/export';
import { bodyText, snapshotTables, type SnapshotTable } from '../../src-shared/snapshot/format';

export type ForgedBody = { [T in SnapshotTable]: Record<string, unknown>[] };

/**
 * The app's own snapshot as file bytes, after `change` edited its body, with counts and checksum
 * made to match: what a hostile or foreign exporter could write, reaching the schema checks.
 */
export async function forgedSnapshot(app: OpenApp, change: (body: ForgedBody) => void = () => undefined) {
  const doc = JSON.parse((await encodeSnapshot(buildSnapshot(app.context), false)).toString('utf8')) as {
    header: { counts: Record<SnapshotTable, number>; bodySha256: string };
    body: ForgedBody;
  };
  change(doc.body);
  for (const table of snapshotTables) doc.header.counts[table] = doc.body[table].length;
  doc.header.bodySha256 = createHash('sha256').update(bodyText(doc.body)).digest('hex');
  return Buffer.from(JSON.stringify(doc), 'utf8');
}
