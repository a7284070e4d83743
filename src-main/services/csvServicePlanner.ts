import { PATH_SEPARATOR, serviceInputSchema, type ServiceFields } from '../../src-shared/domain';
import type { ServiceContext } from './context';
import type { CsvColumn } from './csvColumns';
import { issueMessages, type Planner } from './csvPlanner';
import { findServiceRecord, insertService, toService, writeServiceUpdate } from './serviceCatalog';
import { changedFields } from './records';

/**
 * Services by full path ("IT::Email::Archive"): the last segment is the name, the rest the
 * parent, which must exist already or come from an earlier line (lines run parents first).
 * An existing service keeps its place and takes the file's Type, Criticality, Comment, Validity.
 */
export function servicePlanner(context: ServiceContext, columns: readonly CsvColumn[]): Planner {
  const created = new Set<string>();
  const statement = context.conn.sql.prepare('SELECT id FROM service WHERE path = ? COLLATE NOCASE AND deleted = 0');
  const serviceIdByPath = (_context: ServiceContext, path: string) =>
    (statement.get(path.normalize('NFC')) as { id: string } | undefined)?.id;
  return (cells, key) => {
    const segments = key.split(PATH_SEPARATOR).map((segment) => segment.trim());
    const path = segments.join(PATH_SEPARATOR);
    const parentPath = segments.slice(0, -1).join(PATH_SEPARATOR);
    const messages: string[] = [];
    if (parentPath !== '' && !serviceIdByPath(context, parentPath) && !created.has(parentPath.toLowerCase())) {
      messages.push(`Service: the parent "${parentPath}" does not exist and is not in the file`);
    }
    const id = path ? serviceIdByPath(context, path) : undefined;
    const record = id ? findServiceRecord(context, id) : undefined;
    const current = record ? toService(record) : null;
    const before: ServiceFields | null = current
      ? {
          name: current.name,
          parentId: current.parentId,
          type: current.type,
          criticality: current.criticality,
          comment: current.comment,
          validity: current.validity,
        }
      : null;
    const input: Record<string, unknown> = {
      ...before,
      name: segments[segments.length - 1] ?? '',
      parentId: before?.parentId ?? null,
    };
    for (const [column, text] of Object.entries(cells)) {
      if (column === 'path') continue;
      if (column === 'criticality')
        input.criticality = text.trim() === '' ? undefined : Number.parseInt(text.trim(), 10);
      else if (column === 'type') input.type = text.trim() === '' ? undefined : text.trim();
      else input[column] = column === 'validity' ? text.trim().toLowerCase() : text;
    }
    const parsed = serviceInputSchema.safeParse(input);
    if (!parsed.success) messages.push(...issueMessages(parsed.error.issues, columns, { name: 'path' }));
    if (!parsed.success || messages.length > 0) return { messages };
    const fields = parsed.data;
    if (!before) {
      created.add(path.toLowerCase());
      return {
        action: 'create',
        apply: (batch) => {
          const parentId = parentPath === '' ? null : (serviceIdByPath(context, parentPath) ?? null);
          insertService(context, batch, { ...fields, parentId });
        },
      };
    }
    const changed = changedFields(before, fields).length > 0;
    return {
      action: changed ? 'update' : 'unchanged',
      apply: (batch) => {
        const fresh = id ? findServiceRecord(context, id) : undefined;
        if (changed && fresh) writeServiceUpdate(context, batch, fresh, fields);
      },
    };
  };
}
