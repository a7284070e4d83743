import { z } from 'zod';
import { dateSchema, idSchema, required } from './common';

export const customFieldKinds = ['text', 'number', 'date', 'choice'] as const;
export const customFieldKindSchema = z.enum(customFieldKinds);
export type CustomFieldKind = z.infer<typeof customFieldKindSchema>;

/** One admin-defined customer field; `key` is what customer.custom_fields stores it under. */
export const customFieldDefinitionSchema = z
  .object({
    id: idSchema.nullable().default(null),
    key: required(100).regex(/^[a-z][a-z0-9_]*$/, 'Lower-case letters, digits and _, starting with a letter'),
    label: required(100),
    kind: customFieldKindSchema.default('text'),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
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
  .object({ fields: z.array(customFieldDefinitionSchema).max(100) })
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

export type CustomFieldValue = string | number | null;

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
      return typeof value === 'string' && value.length <= 1000 ? null : 'At most 1000 characters of text';
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
    const message = customFieldMessage(definition, values[definition.key]);
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
