import { useState } from 'react';
import type { z } from 'zod';
import { CallError, errorMessage } from '../api';
import { messagesByField } from './Field';

/**
 * Form state for a record dialog: values, per-field messages from the shared zod schema (the
 * same one main validates with) or from main's answer, and a submit that stays on error.
 */
export function useRecordForm<Schema extends z.ZodType<object, object>>(schema: Schema, initial: z.input<Schema>) {
  const [values, setValues] = useState<z.input<Schema>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);

  const set = <K extends keyof z.input<Schema>>(key: K, value: z.input<Schema>[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setDirty(true);
    setErrors(({ [String(key)]: _dropped, ...rest }) => rest);
  };

  /** Validates, then runs `save`; returns whether it succeeded. */
  const submit = async (save: (fields: z.output<Schema>) => Promise<void>): Promise<boolean> => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(messagesByField(parsed.error.issues));
      setFormError(null);
      return false;
    }
    setBusy(true);
    try {
      await save(parsed.data);
      setErrors({});
      setFormError(null);
      setDirty(false);
      return true;
    } catch (error) {
      if (error instanceof CallError && error.error.fields) setErrors({ ...error.error.fields });
      setFormError(errorMessage(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { values, set, setValues, errors, formError, busy, dirty, submit };
}
