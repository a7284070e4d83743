import { PREVIEW_LIST_LIMIT, type AccessChange } from '../../src-shared/snapshot/plan';
import type { ServiceContext } from '../services/context';
import type { Row } from './merge';
import type { MergePlan } from './plan';
import { toRecord } from './rows';
import { effectiveSpecific, type Validities } from './importPlan';

type Input = {
  readonly context: ServiceContext;
  readonly pre: MergePlan;
  /** Customers whose assignments the import changes: their effective specific services before and after. */
  readonly touched: ReadonlyMap<string, { readonly before: readonly string[]; readonly after: readonly string[] }>;
  readonly defaults: { readonly local: Map<string, Row>; readonly merged: Map<string, Row> };
  readonly today: string;
  readonly validities: Validities;
};

function granted(rows: Map<string, Row>, validity: (id: string) => string | undefined): Set<string> {
  const out = new Set<string>();
  for (const row of rows.values())
    if (row.granted && validity(String(row.serviceId)) === 'valid') out.add(String(row.serviceId));
  return out;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * The access changes of a streamed import (what accessChanges in access.ts gives over two whole
 * bodies), worked out only for the customers whose access can change: those whose assignments or
 * record change, or every customer when the default services or a service's validity change.
 * A customer's assignments the import leaves alone are read from the database. All are counted;
 * only the first PREVIEW_LIST_LIMIT, in label order, are spelled out with their service paths
 * (an import into a new copy changes every customer's access).
 */
export function streamedAccessChanges({ context, pre, touched, defaults, today, validities }: Input): {
  count: number;
  listed: AccessChange[];
} {
  const { local, merged, label, path } = pre.tools;
  const defaultsBefore = granted(defaults.local, validities.local);
  const defaultsAfter = granted(defaults.merged, validities.merged);
  const serviceIds = new Set([...local.services.keys(), ...merged.services.keys()]);
  const validityChanged = [...serviceIds].some((id) => validities.local(id) !== validities.merged(id));
  const candidates = new Set<string>(touched.keys());
  for (const row of pre.writes.customers) candidates.add(String(row.id));
  if (validityChanged || !sameSet(defaultsBefore, defaultsAfter)) {
    for (const id of local.customers.keys()) candidates.add(id);
    for (const id of merged.customers.keys()) candidates.add(id);
  }
  const query = context.conn.sqlite.prepare(
    'SELECT service_id, granted, status, start_date, end_date FROM assignment WHERE customer_id = ?',
  );
  const effective = (customer: Row | undefined, id: string, side: 'before' | 'after'): Set<string> => {
    if (!customer || customer.deleted || customer.validity !== 'valid') return new Set();
    if (customer.accessMode !== 'specific') return side === 'before' ? defaultsBefore : defaultsAfter;
    const known = touched.get(id);
    if (known) return new Set(known[side]);
    return effectiveSpecific(
      (query.all(id) as Row[]).map(toRecord),
      side === 'before' ? validities.local : validities.merged,
      today,
    );
  };
  const changes: { customerId: string; label: string; gained: string[]; lost: string[] }[] = [];
  for (const id of candidates) {
    const was = effective(local.customers.get(id), id, 'before');
    const will = effective(merged.customers.get(id), id, 'after');
    const gained = [...will].filter((service) => !was.has(service));
    const lost = [...was].filter((service) => !will.has(service));
    if (gained.length > 0 || lost.length > 0)
      changes.push({
        customerId: id,
        label: label('customers', merged.customers.get(id) ?? { code: id, name: '' }),
        gained,
        lost,
      });
  }
  // One collator for all comparisons: the order of localeCompare, without a collator per call.
  const collator = new Intl.Collator();
  changes.sort((a, b) => collator.compare(a.label, b.label));
  const paths = (ids: string[]) => ids.map(path).sort();
  return {
    count: changes.length,
    listed: changes
      .slice(0, PREVIEW_LIST_LIMIT)
      .map((change) => ({ ...change, gained: paths(change.gained), lost: paths(change.lost) })),
  };
}
