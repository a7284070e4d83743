import type { Generated, Selectable } from 'kysely';

/** Columns every replicated record has: a tombstone flag and its clock stamps. */
type Replicated = {
  deleted: number;
  /** The stamp of the record's creation; a field without its own stamp carries this one. */
  stamp: string;
  /** JSON object: field name -> stamp of its last write. */
  field_stamps: string;
};

export type CustomerTable = Replicated & {
  id: string;
  code: string;
  name: string;
  street: string;
  zip: string;
  city: string;
  country: string;
  url: string;
  comment: string;
  validity: string;
  access_mode: string;
  custom_fields: string;
  created_at: string;
  updated_at: string;
};

export type CustomerUserTable = Replicated & {
  id: string;
  login: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  customer_id: string;
  validity: string;
  comment: string;
  created_at: string;
  updated_at: string;
};

/** A last-writer-wins register per (user, customer): granted or revoked, stamped. */
export type CustomerUserCustomerTable = {
  user_id: string;
  customer_id: string;
  granted: number;
  stamp: string;
};

export type ServiceTable = Replicated & {
  id: string;
  name: string;
  parent_id: string | null;
  path: string;
  type: string;
  criticality: number;
  comment: string;
  validity: string;
  created_at: string;
  updated_at: string;
};

/** A register per (customer, service): `granted` with its stamp, plus per-field detail stamps. */
export type AssignmentTable = {
  customer_id: string;
  service_id: string;
  granted: number;
  stamp: string;
  field_stamps: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  quantity: number | null;
  unit: string;
  price_minor: number | null;
  pay_period: string | null;
  discount_percent: number | null;
  discount_start: string | null;
  discount_end: string | null;
  description: string;
  stopped_by_lifecycle: number;
};

export type DefaultServiceTable = {
  service_id: string;
  granted: number;
  stamp: string;
};

export type CustomFieldTable = Replicated & {
  id: string;
  key: string;
  label: string;
  kind: string;
  required: number;
  options: string;
  position: number;
};

export type AuditEventTable = {
  id: Generated<number>;
  batch_id: string;
  at: string;
  actor: string;
  device: string;
  entity: string;
  entity_id: string;
  action: string;
  label: string;
  before: string | null;
  after: string | null;
};

export type MetaTable = { key: string; value: string };

export type Database = {
  customer: CustomerTable;
  customer_user: CustomerUserTable;
  customer_user_customer: CustomerUserCustomerTable;
  service: ServiceTable;
  assignment: AssignmentTable;
  default_service: DefaultServiceTable;
  custom_field: CustomFieldTable;
  audit_event: AuditEventTable;
  meta: MetaTable;
};

export type CustomerRecord = Selectable<CustomerTable>;
export type ServiceRecord = Selectable<ServiceTable>;
export type CustomerUserRecord = Selectable<CustomerUserTable>;
