import type { Stamp } from '../../src-shared/domain';
import { PATH_SEPARATOR } from '../../src-shared/domain';
import type { Collision } from '../../src-shared/snapshot/plan';
import { stampOf, type Indexed, type Row } from './merge';

/** The tables whose records carry a natural key that must be unique among live records. */
export const naturalTables = ['customers', 'customerUsers', 'services'] as const;
export type NaturalTable = (typeof naturalTables)[number];
const naturalField = { customers: 'code', customerUsers: 'login', services: 'name' } as const;

/**
 * Full paths from the parent chain. A chain that loops (two copies each moved a service under
 * the other) is broken at the service whose move is the latest: it goes to the top level.
 */
export function servicePaths(services: Map<string, Row>, breakCycle?: (id: string) => void): Map<string, string> {
  const paths = new Map<string, string>();
  const resolve = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: string | null = id;
    while (current !== null && !paths.has(current)) {
      if (onChain.has(current)) {
        const loop = chain.slice(chain.indexOf(current));
        const latest = loop.reduce((a, b) =>
          stampOf(services.get(a) ?? {}, 'parentId') >= stampOf(services.get(b) ?? {}, 'parentId') ? a : b,
        );
        breakCycle?.(latest);
        const record = services.get(latest);
        if (record) services.set(latest, { ...record, parentId: null });
        return resolve(id);
      }
      onChain.add(current);
      chain.push(current);
      const parent: unknown = services.get(current)?.parentId;
      current = typeof parent === 'string' && services.has(parent) ? parent : null;
    }
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      const serviceId = chain[index] ?? '';
      const record = services.get(serviceId);
      const parent = record?.parentId;
      const prefix = typeof parent === 'string' ? paths.get(parent) : undefined;
      paths.set(
        serviceId,
        prefix !== undefined ? `${prefix}${PATH_SEPARATOR}${String(record?.name)}` : String(record?.name),
      );
    }
    return paths.get(id) ?? '';
  };
  for (const id of services.keys()) resolve(id);
  return paths;
}

/** The natural key of each live record, lower-cased as the unique indexes compare it. */
export function naturalKeys(
  table: NaturalTable,
  rows: Map<string, Row>,
  paths?: Map<string, string>,
): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [id, row] of rows) {
    if (row.deleted) continue;
    const value = table === 'services' ? (paths?.get(id) ?? '') : String(row[naturalField[table]]);
    keys.set(id, value.toLowerCase());
  }
  return keys;
}

/** Incoming live records this copy does not know whose natural key a live local record already has. */
export function findCollisions(
  local: Indexed,
  remote: Indexed,
  label: (table: NaturalTable, row: Row) => string,
): Collision[] {
  const collisions: Collision[] = [];
  const localPaths = servicePaths(new Map(local.services));
  const remotePaths = servicePaths(new Map(remote.services));
  for (const table of naturalTables) {
    const mine = new Map<string, string>();
    for (const [id, key] of naturalKeys(table, local[table], localPaths)) mine.set(key, id);
    for (const [id, key] of naturalKeys(table, remote[table], remotePaths)) {
      const mineId = mine.get(key);
      if (mineId === undefined || mineId === id || local[table].has(id)) continue;
      const row = remote[table].get(id) ?? {};
      collisions.push({
        id: `${table}:${id}`,
        table,
        naturalKey: table === 'services' ? (remotePaths.get(id) ?? '') : String(row[naturalField[table]]),
        mineId,
        theirsId: id,
        label: label(table, row),
      });
    }
  }
  return collisions;
}

/**
 * Keeps natural keys unique after a merge: every live record whose key another live record
 * already has (the one this copy knew first, or else the smaller id, keeps it) gets a free
 * variant — "ACME-2", "anna-2", "Email (2)" — stamped `restamp` so the rename travels.
 */
export function renameClashes(
  merged: Indexed,
  knownLocally: (table: NaturalTable, id: string) => boolean,
  restamp: Stamp,
  renamed: (label: string) => void,
): void {
  for (const table of naturalTables) {
    const rows = merged[table];
    const paths = table === 'services' ? servicePaths(new Map(rows)) : undefined;
    const keys = naturalKeys(table, rows, paths);
    const taken = new Set(keys.values());
    const holder = new Map<string, string>();
    const order = [...keys.keys()].sort(
      (a, b) => Number(knownLocally(table, b)) - Number(knownLocally(table, a)) || (a < b ? -1 : a > b ? 1 : 0),
    );
    for (const id of order) {
      const key = keys.get(id) ?? '';
      const scope = table === 'services' ? key.slice(0, key.length - String(rows.get(id)?.name).length) : '';
      if (!holder.has(key)) {
        holder.set(key, id);
        continue;
      }
      const row = rows.get(id) ?? {};
      const field = naturalField[table];
      const original = String(row[field]);
      const variant = (n: number) => (table === 'services' ? `${original} (${n})` : `${original}-${n}`);
      let n = 2;
      while (taken.has(`${scope}${variant(n)}`.toLowerCase())) n += 1;
      const candidate = variant(n);
      taken.add(`${scope}${candidate}`.toLowerCase());
      holder.set(`${scope}${candidate}`.toLowerCase(), id);
      rows.set(id, {
        ...row,
        [field]: candidate,
        fieldStamps: { ...(row.fieldStamps as Record<string, Stamp>), [field]: restamp },
      });
      renamed(`${original} → ${candidate}`);
    }
  }
}
