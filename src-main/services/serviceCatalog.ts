import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  compareServicePaths,
  listQuerySchema,
  PATH_SEPARATOR,
  serviceInputSchema,
  serviceTypeSchema,
  validitySchema,
  type ListPage,
  type ListQuery,
  type Service,
  type ServiceFields,
  type ServiceInput,
  type ServiceRow,
} from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { DeleteResult } from '../../src-shared/ipc/contract';
import type { ServiceRecord } from '../db/schema';
import type { HandlerGroup } from '../ipc/handlers';
import type { Batch, ServiceContext } from './context';
import { changedFields, notFound, pick, stampFields } from './records';

export function toService(record: ServiceRecord): Service {
  return {
    id: record.id,
    name: record.name,
    parentId: record.parent_id,
    path: record.path,
    type: serviceTypeSchema.parse(record.type),
    criticality: record.criticality,
    comment: record.comment,
    validity: validitySchema.parse(record.validity),
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

function liveServices(context: ServiceContext): ServiceRecord[] {
  const { db, sql: run } = context.conn;
  return run.all(db.selectFrom('service').selectAll().where('deleted', '=', 0));
}

export function findServiceRecord(context: ServiceContext, id: string): ServiceRecord | undefined {
  const { db, sql: run } = context.conn;
  return run.first(db.selectFrom('service').selectAll().where('id', '=', id).where('deleted', '=', 0));
}

export function getService(context: ServiceContext, id: string): Service {
  const record = findServiceRecord(context, id);
  if (!record) throw notFound('Service', id);
  return toService(record);
}

/**
 * The whole live service tree in tree order, filtered: a row is shown when it matches, or as
 * an ancestor of a match. Invalid services are hidden unless asked for (or needed as an ancestor).
 */
export function serviceTree(live: readonly ServiceRecord[], rawQuery: string, showInvalid: boolean): ServiceRow[] {
  const records = [...live].sort((a, b) => compareServicePaths(a.path, b.path));
  const byId = new Map(records.map((record) => [record.id, record]));
  const childCount = new Map<string, number>();
  for (const record of records) {
    if (record.parent_id) childCount.set(record.parent_id, (childCount.get(record.parent_id) ?? 0) + 1);
  }
  const query = rawQuery.trim().toLowerCase();
  const matched = new Set<string>();
  const shown = new Set<string>();
  for (const record of records) {
    if (!showInvalid && record.validity !== 'valid') continue;
    if (query !== '' && !record.path.toLowerCase().includes(query)) continue;
    matched.add(record.id);
    for (
      let current: ServiceRecord | undefined = record;
      current;
      current = current.parent_id ? byId.get(current.parent_id) : undefined
    ) {
      shown.add(current.id);
    }
  }
  return records
    .filter((record) => shown.has(record.id))
    .map((record) => ({
      id: record.id,
      name: record.name,
      path: record.path,
      parentId: record.parent_id,
      depth: record.path.split(PATH_SEPARATOR).length - 1,
      type: serviceTypeSchema.parse(record.type),
      criticality: record.criticality,
      validity: validitySchema.parse(record.validity),
      match: matched.has(record.id),
      childCount: childCount.get(record.id) ?? 0,
    }));
}

export function listServices(context: ServiceContext, rawQuery: ListQuery): ListPage<ServiceRow> {
  const query = listQuerySchema.parse(rawQuery);
  const live = liveServices(context);
  const rows = serviceTree(live, query.query, query.showInvalid);
  return {
    rows: rows.slice(query.offset, query.offset + query.limit),
    offset: query.offset,
    total: live.length,
    filtered: rows.filter((row) => row.match).length,
    rowCount: rows.length,
  };
}

function pathFor(context: ServiceContext, name: string, parentId: string | null): string {
  if (!parentId) return name;
  const parent = findServiceRecord(context, parentId);
  if (!parent)
    throw new ServiceError('invalid-input', 'The chosen parent service does not exist.', {
      parentId: 'No such service',
    });
  return `${parent.path}${PATH_SEPARATOR}${name}`;
}

function assertPathFree(context: ServiceContext, path: string, exceptId: string | null): void {
  const { db, sql: run } = context.conn;
  const clash = run.first(
    db
      .selectFrom('service')
      .select('id')
      .where(sql<boolean>`path = ${path} COLLATE NOCASE`)
      .where('deleted', '=', 0)
      .where('id', '!=', exceptId ?? ''),
  );
  if (clash)
    throw new ServiceError('conflict', `A service "${path}" already exists.`, { name: `"${path}" already exists` });
}

/** A service's fields as its columns; the path is derived from the parent chain. */
function serviceColumns(fields: ServiceFields, path: string) {
  return {
    name: fields.name,
    parent_id: fields.parentId,
    path,
    type: fields.type,
    criticality: fields.criticality,
    comment: fields.comment,
    validity: fields.validity,
  };
}

export function createService(context: ServiceContext, input: ServiceInput): Service {
  const fields = serviceInputSchema.parse(input);
  return context.write(['service'], (batch) => insertService(context, batch, fields));
}

export function insertService(context: ServiceContext, batch: Batch, fields: ServiceFields): Service {
  const path = pathFor(context, fields.name, fields.parentId);
  assertPathFree(context, path, null);
  const id = randomUUID();
  const { db, sql: run } = context.conn;
  run.run(
    db.insertInto('service').values({
      id,
      ...serviceColumns(fields, path),
      deleted: 0,
      stamp: batch.stamp,
      field_stamps: '{}',
      created_at: batch.at,
      updated_at: batch.at,
    }),
  );
  batch.audit({ entity: 'service', entityId: id, action: 'create', label: path, after: { ...fields, path } });
  return getService(context, id);
}

/** All live descendants of a service, deepest last. */
export function descendants(context: ServiceContext, id: string): ServiceRecord[] {
  const records = liveServices(context);
  const children = new Map<string, ServiceRecord[]>();
  for (const record of records) {
    if (!record.parent_id) continue;
    const list = children.get(record.parent_id) ?? [];
    list.push(record);
    children.set(record.parent_id, list);
  }
  const out: ServiceRecord[] = [];
  const queue = [...(children.get(id) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    out.push(next);
    queue.push(...(children.get(next.id) ?? []));
  }
  return out;
}

export function updateService(context: ServiceContext, id: string, input: ServiceInput): Service {
  const fields = serviceInputSchema.parse(input);
  return context.write(['service'], (batch) => {
    const record = findServiceRecord(context, id);
    if (!record) throw notFound('Service', id);
    return writeServiceUpdate(context, batch, record, fields);
  });
}

/**
 * Writes the changed fields of a service inside an open batch (the dialog and CSV import use
 * it). A rename or move refuses cycles and path clashes and carries every descendant's path.
 */
export function writeServiceUpdate(
  context: ServiceContext,
  batch: Batch,
  record: ServiceRecord,
  fields: ServiceFields,
): Service {
  const id = record.id;
  const current = toService(record);
  const { id: _id, path: oldPath, createdAt: _c, updatedAt: _u, ...before } = current;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return current;
  const below = descendants(context, id);
  if (fields.parentId === id || below.some((child) => child.id === fields.parentId)) {
    throw new ServiceError('invalid-input', 'A service cannot be a sub-service of itself or of its own sub-services.', {
      parentId: 'That would make a cycle',
    });
  }
  const path = pathFor(context, fields.name, fields.parentId);
  if (path !== oldPath) assertPathFree(context, path, id);
  const { db, sql: run } = context.conn;
  run.run(
    db
      .updateTable('service')
      .set({
        ...serviceColumns(fields, path),
        field_stamps: stampFields(record.field_stamps, changed, batch.stamp),
        updated_at: batch.at,
      })
      .where('id', '=', id),
  );
  if (path !== oldPath) {
    // Descendant paths are derived from their ancestors, so they follow without new stamps.
    const rename = run.prepare('UPDATE service SET path = ? || substr(path, ?) WHERE id = ?');
    for (const child of below) rename.run(path, oldPath.length + 1, child.id);
  }
  batch.audit({
    entity: 'service',
    entityId: id,
    action: 'update',
    label: path,
    before: { ...pick(before, changed), ...(path !== oldPath ? { path: oldPath } : {}) },
    after: { ...pick(fields, changed), ...(path !== oldPath ? { path } : {}) },
  });
  return getService(context, id);
}

export function deleteService(context: ServiceContext, id: string): DeleteResult {
  return context.write(['service', 'assignment', 'defaultService'], (batch) => {
    const record = findServiceRecord(context, id);
    if (!record) throw notFound('Service', id);
    const doomed = [record, ...descendants(context, id)];
    const { sql: run } = context.conn;
    const countAssignments = run.prepare('SELECT count(*) AS n FROM assignment WHERE service_id = ? AND granted = 1');
    let assignments = 0;
    const tombstone = run.prepare(
      `UPDATE service SET deleted = 1, field_stamps = json_set(field_stamps, '$.deleted', ?), updated_at = ? WHERE id = ?`,
    );
    for (const service of doomed) {
      assignments += (countAssignments.get(service.id) as { n: number }).n;
      tombstone.run(batch.stamp, batch.at, service.id);
      batch.audit({
        entity: 'service',
        entityId: service.id,
        action: 'delete',
        label: service.path,
        before: { path: service.path },
        after: { deleted: true },
      });
    }
    return { id, hidden: { subServices: doomed.length - 1, assignments } };
  });
}

export const serviceHandlers = {
  'services:list': listServices,
  'services:get': (context, { id }) => getService(context, id),
  'services:create': createService,
  'services:update': (context, { id, fields }) => updateService(context, id, fields),
  'services:delete': (context, { id }) => deleteService(context, id),
} satisfies HandlerGroup<'services:list' | 'services:get' | 'services:create' | 'services:update' | 'services:delete'>;
