export const auditEntities = [
  'customer',
  'customerUser',
  'service',
  'assignment',
  'defaultService',
  'customField',
  'settings',
  'data',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

export const auditActions = [
  'create',
  'update',
  'delete',
  'grant',
  'revoke',
  'lifecycle',
  'import',
  'sample',
  'undo',
  'erase',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEvent = {
  readonly id: number;
  readonly batchId: string;
  readonly at: string;
  readonly actor: string;
  readonly device: string;
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly action: AuditAction;
  readonly label: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
};
