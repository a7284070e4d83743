import type { AuditEntity, AuditEvent } from './audit';

/** The marker that replaces erased personal data (right to be forgotten). */
export const REDACTED = '[erased]';

/** Field names in an admin's words, as the record dialogs label them. */
const fieldLabels: Readonly<Record<string, string>> = {
  code: 'Customer ID',
  name: 'Name',
  street: 'Street',
  zip: 'ZIP',
  city: 'City',
  country: 'Country',
  url: 'URL',
  comment: 'Comment',
  validity: 'Validity',
  accessMode: 'Access mode',
  customFields: 'Custom fields',
  login: 'Login',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  customerId: 'Customer',
  additionalCustomerIds: 'Additional customers',
  parentId: 'Sub-service of',
  path: 'Path',
  type: 'Type',
  criticality: 'Criticality',
  granted: 'Granted',
  status: 'Status',
  startDate: 'Start date',
  endDate: 'End date',
  quantity: 'Quantity',
  unit: 'Unit',
  priceMinor: 'Price',
  payPeriod: 'Pay period',
  discountPercent: 'Discount (%)',
  discountStart: 'Discount start',
  discountEnd: 'Discount end',
  description: 'Description',
  stoppedByLifecycle: 'Stopped by lifecycle',
  deleted: 'Deleted',
  actor: 'Admin name',
};

const entityNames: Readonly<Record<AuditEntity, string>> = {
  customer: 'customer',
  customerUser: 'customer user',
  service: 'service',
  assignment: 'assignment',
  defaultService: 'default service',
  customField: 'custom field',
  settings: 'settings',
  data: 'data',
};

export function fieldLabel(field: string): string {
  return fieldLabels[field] ?? field;
}

export function entityName(entity: AuditEntity): string {
  return entityNames[entity];
}

/** A value as an admin reads it in a history line. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(formatValue).join(', ');
  // What is left is a string or a number: the values of events are JSON.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "2026-11-22 10:14" in the reader's local time. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The fields an event changed, with before → after, skipping bookkeeping keys. */
export function fieldChanges(
  event: Pick<AuditEvent, 'before' | 'after'>,
): { field: string; label: string; before: string; after: string }[] {
  const keys = new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})]);
  keys.delete('reason');
  keys.delete('hidden');
  return [...keys].map((field) => ({
    field,
    label: fieldLabel(field),
    before: event.before ? formatValue(event.before[field]) : '—',
    after: event.after ? formatValue(event.after[field]) : '—',
  }));
}

function splitAssignment(label: string): [string, string] {
  const at = label.indexOf(' → ');
  return at < 0 ? [label, ''] : [label.slice(0, at), label.slice(at + 3)];
}

/** What happened, without who and when: "removed VPN::Setup from Acme Corporation". */
export function describeChange(event: Pick<AuditEvent, 'entity' | 'action' | 'label' | 'before' | 'after'>): string {
  const what = `${entityName(event.entity)} ${event.label}`;
  const [customer, service] = splitAssignment(event.label);
  switch (event.action) {
    case 'create':
      return `created ${what}`;
    case 'delete':
      return `deleted ${what}`;
    case 'update': {
      if (event.entity === 'settings') {
        // One setting per event: its label names it ("Admin name", "Backups kept").
        const [before] = Object.values(event.before ?? {});
        const [after] = Object.values(event.after ?? {});
        return `changed the ${event.label.toLowerCase()} from ${formatValue(before)} to ${formatValue(after)}`;
      }
      const changes = fieldChanges(event);
      if (changes.length === 1 && changes[0]) {
        const change = changes[0];
        const subject = event.entity === 'assignment' ? `${service} of ${customer}` : `${what}`;
        return `changed ${change.label} of ${subject} from ${change.before} to ${change.after}`;
      }
      return `changed ${changes.map((change) => change.label).join(', ')} of ${what}`;
    }
    case 'grant':
      return event.entity === 'defaultService'
        ? `added ${event.label} to the default services`
        : `gave ${service} to ${customer}`;
    case 'revoke':
      return event.entity === 'defaultService'
        ? `removed ${event.label} from the default services`
        : `removed ${service} from ${customer}`;
    case 'lifecycle':
      return `set ${service} of ${customer} to ${formatValue(event.after?.status)} (${formatValue(event.after?.reason)})`;
    case 'undo':
      return `undid a change of ${what}: ${fieldChanges(event)
        .map((change) => `${change.label} ${change.before} → ${change.after}`)
        .join('; ')}`;
    case 'erase':
      return `erased the personal data of ${what}`;
    case 'import':
      return `imported ${event.label}`;
    case 'sample':
      return `loaded sample data (${event.label})`;
  }
}

/** The whole sentence: "Anna (laptop-3) removed VPN::Setup from Acme Corporation, 2026-11-22 10:14". */
export function describeEvent(
  event: Pick<AuditEvent, 'actor' | 'device' | 'at' | 'entity' | 'action' | 'label' | 'before' | 'after'>,
): string {
  return `${event.actor} (${event.device}) ${describeChange(event)}, ${formatWhen(event.at)}`;
}
