import type { Service } from '../../src-shared/domain';
import type { DeleteResult, ParsedInputOf } from '../../src-shared/ipc/contract';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { descendants, findServiceRecord, insertService, toService } from './serviceCatalog';
import { notFound } from './records';

/** A new service beside the original with the same settings (parent, type, criticality, comment, validity) under a new name. */
export function cloneService(context: ServiceContext, input: ParsedInputOf<'services:clone'>): Service {
  return context.write(['service'], (batch) => {
    const record = findServiceRecord(context, input.id);
    if (!record) throw notFound('Service', input.id);
    const { id: _id, path: _path, createdAt: _c, updatedAt: _u, ...fields } = toService(record);
    return insertService(context, batch, { ...fields, name: input.name });
  });
}

/** What deleting this service would hide (its sub-services and their granted assignments), without deleting. */
export function previewServiceDelete(context: ServiceContext, id: string): DeleteResult {
  const record = findServiceRecord(context, id);
  if (!record) throw notFound('Service', id);
  const doomed = [record, ...descendants(context, id)];
  const count = context.conn.sql.prepare('SELECT count(*) AS n FROM assignment WHERE service_id = ? AND granted = 1');
  const assignments = doomed.reduce((sum, service) => sum + (count.get(service.id) as { n: number }).n, 0);
  return { id, hidden: { subServices: doomed.length - 1, assignments } };
}

export const serviceCloneHandlers = {
  'services:clone': cloneService,
  'services:deletePreview': (context, { id }) => previewServiceDelete(context, id),
} satisfies HandlerGroup<'services:clone' | 'services:deletePreview'>;
