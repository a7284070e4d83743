import type { CustomFieldDefinition } from '../../src-shared/domain';
import type { CsvEntity } from '../../src-shared/ipc/methods/csv';
import { headerKey } from './csvFormat';

/** One CSV column: the field key, its screen name (docs/ARCHITECTURE.md#names-on-screen) and other headers accepted for it. */
export type CsvColumn = { readonly key: string; readonly label: string; readonly aliases?: readonly string[] };

export const csvColumns = {
  customers: [
    { key: 'code', label: 'Customer ID', aliases: ['customer', 'id', 'customer_id'] },
    { key: 'name', label: 'Name' },
    { key: 'street', label: 'Street' },
    { key: 'zip', label: 'ZIP', aliases: ['postcode', 'postal code', 'zip code'] },
    { key: 'city', label: 'City' },
    { key: 'country', label: 'Country' },
    { key: 'url', label: 'URL', aliases: ['website', 'web'] },
    { key: 'comment', label: 'Comment' },
    { key: 'validity', label: 'Validity', aliases: ['valid'] },
  ],
  customerUsers: [
    { key: 'login', label: 'Login', aliases: ['username', 'user'] },
    { key: 'firstName', label: 'First name', aliases: ['firstname', 'first_name'] },
    { key: 'lastName', label: 'Last name', aliases: ['lastname', 'last_name'] },
    { key: 'email', label: 'Email', aliases: ['e-mail', 'mail'] },
    { key: 'phone', label: 'Phone' },
    { key: 'customer', label: 'Customer', aliases: ['customerId', 'Customer ID', 'customer_id'] },
    { key: 'additionalCustomers', label: 'Additional customers', aliases: ['additionalCustomerIds'] },
    { key: 'validity', label: 'Validity', aliases: ['valid'] },
    { key: 'comment', label: 'Comment' },
  ],
  services: [
    { key: 'path', label: 'Service', aliases: ['path', 'full path', 'name'] },
    { key: 'type', label: 'Type' },
    { key: 'criticality', label: 'Criticality' },
    { key: 'comment', label: 'Comment' },
    { key: 'validity', label: 'Validity', aliases: ['valid'] },
  ],
} as const satisfies Record<CsvEntity, readonly CsvColumn[]>;

/** The column that identifies a record, and must be present in every file of that kind. */
export const csvKeyColumn = { customers: 'code', customerUsers: 'login', services: 'path' } as const satisfies Record<
  CsvEntity,
  string
>;

/** Customer columns plus one per custom field, headed by its label. */
export function columnsFor(entity: CsvEntity, customFields: readonly CustomFieldDefinition[]): readonly CsvColumn[] {
  if (entity !== 'customers') return csvColumns[entity];
  return [
    ...csvColumns.customers,
    ...customFields.map((field) => ({ key: `customFields.${field.key}`, label: field.label, aliases: [field.key] })),
  ];
}

export type HeaderMapping = {
  readonly byIndex: ReadonlyMap<number, string>;
  readonly ignored: readonly string[];
  readonly duplicates: readonly string[];
};

/** Maps each header to a column by its screen name, its key or an alias, ignoring case, spaces and _. */
export function mapHeaders(headers: readonly string[], columns: readonly CsvColumn[]): HeaderMapping {
  const lookup = new Map<string, string>();
  for (const column of columns) {
    for (const name of [column.label, column.key, ...(column.aliases ?? [])]) {
      if (!lookup.has(headerKey(name))) lookup.set(headerKey(name), column.key);
    }
  }
  const byIndex = new Map<number, string>();
  const seen = new Set<string>();
  const ignored: string[] = [];
  const duplicates: string[] = [];
  headers.forEach((header, index) => {
    const key = lookup.get(headerKey(header));
    if (!key) {
      if (header !== '') ignored.push(header);
      return;
    }
    if (seen.has(key)) duplicates.push(header);
    seen.add(key);
    byIndex.set(index, key);
  });
  return { byIndex, ignored, duplicates };
}
