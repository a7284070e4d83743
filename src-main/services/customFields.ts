import { randomUUID } from 'node:crypto';
import {
  customFieldKindSchema,
  customFieldListSchema,
  customFieldMessages,
  customFieldValue,
  type CustomFieldDefinition,
} from '../../src-shared/domain';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { ParsedInputOf } from '../../src-shared/ipc/contract';
import type { HandlerGroup } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { changedFields, pick, stampFields } from './records';

type Row = {
  id: string;
  key: string;
  label: string;
  kind: string;
  required: number;
  options: string;
  position: number;
  field_stamps: string;
};

function toDefinition(row: Row): CustomFieldDefinition {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    kind: customFieldKindSchema.parse(row.kind),
    required: row.required === 1,
    options: JSON.parse(row.options) as string[],
    position: row.position,
  };
}

function liveRows(context: ServiceContext): Row[] {
  return context.conn.sql
    .prepare(
      'SELECT id, key, label, kind, required, options, position, field_stamps FROM custom_field WHERE deleted = 0 ORDER BY position, key',
    )
    .all() as Row[];
}

/** The live custom-field definitions for customers, in their order. */
export function listCustomFields(context: ServiceContext): CustomFieldDefinition[] {
  return liveRows(context).map(toDefinition);
}

/**
 * Checks a customer's custom-field values against the definitions and drops values of fields
 * that no longer exist; throws one message per bad field, as the dialog shows them.
 */
export function checkCustomFields(
  context: ServiceContext,
  values: Readonly<Record<string, unknown>>,
): Record<string, string | number | null> {
  const definitions = listCustomFields(context);
  const messages = customFieldMessages(definitions, values);
  const keys = Object.keys(messages);
  if (keys.length > 0) {
    const labels = keys.map(
      (key) => definitions.find((definition) => `customFields.${definition.key}` === key)?.label ?? key,
    );
    throw new ServiceError('invalid-input', `Check ${labels.join(', ')}.`, messages);
  }
  const out: Record<string, string | number | null> = {};
  for (const definition of definitions) {
    const value = customFieldValue(values, definition.key);
    if (value !== undefined && value !== null && value !== '') out[definition.key] = value as string | number;
  }
  return out;
}

/**
 * Saves the whole list of definitions as the "Custom fields" dialog shows it: new ones are
 * created, changed ones updated, missing ones soft-deleted (customer values stay in place, so
 * bringing a field back under the same key brings its values back).
 */
export function saveCustomFields(
  context: ServiceContext,
  input: ParsedInputOf<'customFields:save'>,
): CustomFieldDefinition[] {
  const { fields } = customFieldListSchema.parse(input);
  return context.write(['customField', 'customer'], (batch) => {
    const { sql: run } = context.conn;
    const current = new Map(liveRows(context).map((row) => [row.id, row]));
    const kept = new Set<string>();
    const insert = run.prepare(
      `INSERT INTO custom_field (id, key, label, kind, required, options, position, deleted, stamp, field_stamps) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, '{}')`,
    );
    const update = run.prepare(
      'UPDATE custom_field SET key = ?, label = ?, kind = ?, required = ?, options = ?, position = ?, field_stamps = ? WHERE id = ?',
    );
    // Two fields may swap keys in one save; park the old keys first so the unique index never trips.
    run.prepare(`UPDATE custom_field SET key = '~' || id WHERE deleted = 0`).run();
    fields.forEach((field, position) => {
      const row = field.id ? current.get(field.id) : undefined;
      const values = {
        key: field.key,
        label: field.label,
        kind: field.kind,
        required: field.required,
        options: field.options,
        position,
      };
      if (!row) {
        const id = randomUUID();
        insert.run(
          id,
          field.key,
          field.label,
          field.kind,
          field.required ? 1 : 0,
          JSON.stringify(field.options),
          position,
          batch.stamp,
        );
        batch.audit({ entity: 'customField', entityId: id, action: 'create', label: field.label, after: values });
        return;
      }
      kept.add(row.id);
      const before = { ...toDefinition(row) };
      const changed = changedFields(
        {
          key: before.key,
          label: before.label,
          kind: before.kind,
          required: before.required,
          options: before.options,
          position: before.position,
        },
        values,
      );
      update.run(
        field.key,
        field.label,
        field.kind,
        field.required ? 1 : 0,
        JSON.stringify(field.options),
        position,
        stampFields(row.field_stamps, changed, batch.stamp),
        row.id,
      );
      if (changed.length > 0) {
        batch.audit({
          entity: 'customField',
          entityId: row.id,
          action: 'update',
          label: field.label,
          before: pick(before, changed),
          after: pick(values, changed),
        });
      }
    });
    const remove = run.prepare(
      `UPDATE custom_field SET deleted = 1, key = ?, field_stamps = json_set(field_stamps, '$.deleted', ?) WHERE id = ?`,
    );
    for (const row of current.values()) {
      if (kept.has(row.id)) continue;
      remove.run(row.key, batch.stamp, row.id);
      batch.audit({
        entity: 'customField',
        entityId: row.id,
        action: 'delete',
        label: row.label,
        before: { key: row.key, label: row.label },
        after: { deleted: true },
      });
    }
    return listCustomFields(context);
  });
}

export const customFieldHandlers = {
  'customFields:list': (context) => listCustomFields(context),
  'customFields:save': saveCustomFields,
} satisfies HandlerGroup<'customFields:list' | 'customFields:save'>;
