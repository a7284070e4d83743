import { z } from 'zod';
import { dateSchema, idSchema, required, trimmed } from './common';

export const customFieldKinds = ['text', 'number', 'date', 'choice'] as const;
export const customFieldKindSchema = z.enum(customFieldKinds);
export type CustomFieldKind = z.infer<typeof customFieldKindSchema>;

/**
 * What customer.custom_fields stores a value under, in the dialog, a CSV file and a snapshot
 * alike. A name every object already has ("constructor") is refused, so a key never reaches
 * the prototype of the object that holds the values.
 */
export const customFieldKeySchema = required(100)
  .regex(/^[a-z][a-z0-9_]*$/, 'Lower-case letters, digits and _, starting with a letter')
  .refine((key) => !(key in Object.prototype), 'This name is reserved; choose another key');

/** The most fields a customer can have, and the most options a choice can offer. */
export const MAX_CUSTOM_FIELDS = 100;
export const MAX_CUSTOM_FIELD_OPTIONS = 200;

/** The parts of one definition every copy of the data checks the same way. */
export const customFieldParts = {
  key: customFieldKeySchema,
  label: required(100),
  kind: customFieldKindSchema,
  options: z.array(required(100)).max(MAX_CUSTOM_FIELD_OPTIONS),
};

/** One admin-defined customer field; `key` is what customer.custom_fields stores it under. */
export const customFieldDefinitionSchema = z
  .object({
    id: idSchema.nullable().default(null),
    key: customFieldParts.key,
    label: customFieldParts.label,
    kind: customFieldParts.kind.default('text'),
    required: z.boolean().default(false),
    options: customFieldParts.options.default([]),
  })
  .superRefine((value, context) => {
    if (value.kind === 'choice' && value.options.length === 0) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'A choice needs at least one option' });
    }
  });
export type CustomFieldDefinitionInput = z.input<typeof customFieldDefinitionSchema>;
export type CustomFieldDefinition = z.output<typeof customFieldDefinitionSchema> & {
  readonly id: string;
  readonly position: number;
};

/** The whole list of definitions, in order, as the "Custom fields" dialog saves it. */
export const customFieldListSchema = z
  .object({ fields: z.array(customFieldDefinitionSchema).max(MAX_CUSTOM_FIELDS) })
  .superRefine((value, context) => {
    const seen = new Map<string, number>();
    value.fields.forEach((field, index) => {
      const first = seen.get(field.key);
      if (first !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['fields', index, 'key'],
          message: `Key "${field.key}" is used twice`,
        });
      else seen.set(field.key, index);
    });
  });

export const MAX_CUSTOM_TEXT = 1000;
export const customFieldValueSchema = z.union([trimmed(MAX_CUSTOM_TEXT), z.number(), z.null()]);
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;

/**
 * A customer's values by key. Values of removed fields stay until the customer is saved again,
 * so there may be more than the live definitions.
 */
export const customFieldValuesSchema = z
  .record(customFieldKeySchema, customFieldValueSchema)
  .refine((values) => Object.keys(values).length <= 10 * MAX_CUSTOM_FIELDS, 'Too many custom-field values');

/** The value stored under `key`, looked up as an own property only. */
export function customFieldValue<V>(values: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/**
 * The message for one custom-field value, or null when it is fine: required fields must have a
 * value, numbers must be numbers, dates ISO dates, choices one of the options. Renderer and
 * main both call it, so a message looks the same wherever it appears.
 */
export function customFieldMessage(
  definition: Pick<CustomFieldDefinition, 'kind' | 'required' | 'options'>,
  value: unknown,
): string | null {
  const empty = value === null || value === undefined || value === '';
  if (empty) return definition.required ? 'Required' : null;
  switch (definition.kind) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_CUSTOM_TEXT
        ? null
        : `At most ${MAX_CUSTOM_TEXT} characters of text`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Enter a number';
    case 'date':
      return dateSchema.safeParse(value).success ? null : 'Enter a date as YYYY-MM-DD';
    case 'choice':
      return typeof value === 'string' && definition.options.includes(value)
        ? null
        : `Choose one of: ${definition.options.join(', ')}`;
  }
}

/** Field messages ("customFields.size" -> "Required") for a customer's custom-field values. */
export function customFieldMessages(
  definitions: readonly CustomFieldDefinition[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const definition of definitions) {
    const message = customFieldMessage(definition, customFieldValue(values, definition.key));
    if (message) out[`customFields.${definition.key}`] = message;
  }
  return out;
}

/** Text typed into a form or a CSV cell, as the value stored for this kind ("12.5" -> 12.5). */
export function customFieldFromText(kind: CustomFieldKind, text: string): CustomFieldValue | string {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (kind === 'number') {
    const number = Number(trimmed.replace(',', '.'));
    return Number.isFinite(number) ? number : trimmed;
  }
  return trimmed;
}
