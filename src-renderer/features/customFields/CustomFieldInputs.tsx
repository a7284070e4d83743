import {
  customerInputSchema,
  customFieldFromText,
  customFieldMessages,
  customFieldValue,
  type CustomFieldDefinition,
  type CustomFieldValue,
} from '../../../src-shared/domain';
import { Field } from '../../components/Field';
import { t } from '../../i18n';

export type CustomFieldInputsProps = Readonly<{
  definitions: readonly CustomFieldDefinition[];
  values: Readonly<Record<string, CustomFieldValue>>;
  errors: Readonly<Record<string, string>>;
  onChange: (values: Record<string, CustomFieldValue>) => void;
}>;

/** The customer's custom fields, one control per kind, each with its message next to it. */
export function CustomFieldInputs({ definitions, values, errors, onChange }: CustomFieldInputsProps) {
  if (definitions.length === 0) return null;
  // Text stays as typed ("1." on the way to "1.5") and becomes a value on save (typedValues).
  const change = (key: string, value: CustomFieldValue) => onChange({ ...values, [key]: value });
  return (
    <fieldset className="record-section form-grid">
      <legend>{t('record.customFields')}</legend>
      {definitions.map((definition) => {
        const value = customFieldValue(values, definition.key);
        const text = value === null || value === undefined ? '' : String(value);
        return (
          <Field
            key={definition.id}
            label={definition.label}
            error={errors[`customFields.${definition.key}`]}
            required={definition.required}
          >
            {(props) =>
              definition.kind === 'choice' ? (
                <select
                  {...props}
                  value={text}
                  onChange={(event) => change(definition.key, event.target.value || null)}
                >
                  <option value="">{t('common.none')}</option>
                  {definition.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...props}
                  type={definition.kind === 'date' ? 'date' : 'text'}
                  inputMode={definition.kind === 'number' ? 'decimal' : undefined}
                  value={text}
                  onChange={(event) => change(definition.key, event.target.value)}
                />
              )
            }
          </Field>
        );
      })}
    </fieldset>
  );
}

/** The typed values for these definitions: "12,5" -> 12.5 for a number, "" -> null. */
export function typedValues(
  definitions: readonly CustomFieldDefinition[],
  values: Readonly<Record<string, unknown>>,
): Record<string, CustomFieldValue> {
  const out: Record<string, CustomFieldValue> = {};
  for (const definition of definitions) {
    const value = customFieldValue(values, definition.key);
    out[definition.key] =
      typeof value === 'string'
        ? customFieldFromText(definition.kind, value)
        : ((value as CustomFieldValue | undefined) ?? null);
  }
  return out;
}

/**
 * The customer dialog's schema: the shared one main validates with, plus the custom fields as
 * main checks them (required, kind), with messages under "customFields.<key>".
 */
export function customerFormSchema(definitions: readonly CustomFieldDefinition[]) {
  return customerInputSchema.superRefine((value, context) => {
    const messages = customFieldMessages(definitions, typedValues(definitions, value.customFields));
    for (const [path, message] of Object.entries(messages))
      context.addIssue({ code: 'custom', path: path.split('.'), message });
  });
}
