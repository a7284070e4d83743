import { useEffect, useState } from 'react';
import {
  customFieldKinds,
  customFieldListSchema,
  customFieldKindSchema,
  type CustomFieldDefinitionInput,
} from '../../../src-shared/domain';
import { call, CallError, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field, messagesByField } from '../../components/Field';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';
import { useCustomFields } from './store';

type Row = CustomFieldDefinitionInput & {
  readonly optionsText: string;
  readonly column: boolean;
  readonly keyEdited: boolean;
  readonly uid: number;
};

let nextUid = 1;

/** "Contract size (m²)" -> "contract_size_m2"-ish: a key suggestion while the admin types a new label. */
function keyFor(label: string): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(key) ? key : `field_${key}`;
}

/** Dialog "Custom fields": the admin's own customer fields, their kinds, order and list columns. */
export function CustomFieldsDialog({ onClose }: Readonly<{ onClose: () => void }>) {
  const store = useCustomFields();
  const show = useToasts((state) => state.show);
  const [rows, setRows] = useState<readonly Row[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    useCustomFields
      .getState()
      .load()
      .then(
        () => {
          const { definitions, columns } = useCustomFields.getState();
          setRows(
            definitions.map((definition) => ({
              ...definition,
              optionsText: definition.options.join('\n'),
              column: columns.includes(definition.key),
              keyEdited: true,
              uid: nextUid++,
            })),
          );
        },
        (failure: unknown) => setFormError(errorMessage(failure)),
      );
  }, []);

  const update = (uid: number, change: Partial<Row>) =>
    setRows((current) => (current ?? []).map((row) => (row.uid === uid ? { ...row, ...change } : row)));
  const add = () =>
    setRows((current) => [
      ...(current ?? []),
      {
        id: null,
        key: '',
        label: '',
        kind: 'text',
        required: false,
        options: [],
        optionsText: '',
        column: false,
        keyEdited: false,
        uid: nextUid++,
      },
    ]);
  const move = (index: number) =>
    setRows((current) => {
      const next = [...(current ?? [])];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index - 1, 0, row);
      return next;
    });

  const save = async () => {
    const payload = {
      fields: (rows ?? []).map(({ id, key, label, kind, required, optionsText }) => ({
        id,
        key,
        label,
        kind,
        required,
        options:
          kind === 'choice'
            ? optionsText
                .split('\n')
                .map((option) => option.trim())
                .filter((option) => option !== '')
            : [],
      })),
    };
    const parsed = customFieldListSchema.safeParse(payload);
    if (!parsed.success) {
      setErrors(messagesByField(parsed.error.issues));
      return;
    }
    setBusy(true);
    try {
      await call('customFields:save', payload);
      store.setColumns((rows ?? []).filter((row) => row.column).map((row) => row.key));
      await useCustomFields.getState().load();
      show(t('customFields.saved'));
      onClose();
    } catch (failure) {
      if (failure instanceof CallError && failure.error.fields) setErrors({ ...failure.error.fields });
      setFormError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('customFields.title')}
      open
      onRequestClose={onClose}
      description={t('customFields.body')}
      footer={
        <>
          <button type="button" onClick={add} className="footer-start">
            {t('customFields.add')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy || !rows} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      {rows === null ? (
        <p>{t('list.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('customFields.empty')}</p>
      ) : null}
      {(rows ?? []).map((row, index) => {
        const error = (name: string) => errors[`fields.${index}.${name}`];
        const name = row.label || t('customFields.add');
        return (
          <fieldset key={row.uid} className="record-section form-grid custom-field-row">
            <legend>{name}</legend>
            <Field label={t('customFields.label')} error={error('label')} required>
              {(props) => (
                <input
                  {...props}
                  value={row.label}
                  onChange={(event) =>
                    update(row.uid, {
                      label: event.target.value,
                      ...(row.keyEdited ? {} : { key: keyFor(event.target.value) }),
                    })
                  }
                />
              )}
            </Field>
            <Field label={t('customFields.key')} error={error('key')} required>
              {(props) => (
                <input
                  {...props}
                  value={row.key}
                  onChange={(event) => update(row.uid, { key: event.target.value, keyEdited: true })}
                />
              )}
            </Field>
            <Field label={t('customFields.kind')} error={error('kind')}>
              {(props) => (
                <select
                  {...props}
                  value={row.kind}
                  onChange={(event) => update(row.uid, { kind: customFieldKindSchema.parse(event.target.value) })}
                >
                  {customFieldKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`customFields.kind.${kind}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {row.kind === 'choice' ? (
              <Field
                label={t('customFields.options')}
                error={error('options')}
                hint={t('customFields.optionsHint')}
                required
              >
                {(props) => (
                  <textarea
                    {...props}
                    rows={3}
                    value={row.optionsText}
                    onChange={(event) => update(row.uid, { optionsText: event.target.value })}
                  />
                )}
              </Field>
            ) : null}
            <div className="custom-field-flags">
              <label className="choice">
                <input
                  type="checkbox"
                  checked={row.required ?? false}
                  onChange={(event) => update(row.uid, { required: event.target.checked })}
                />
                {t('customFields.required')}
              </label>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={row.column}
                  onChange={(event) => update(row.uid, { column: event.target.checked })}
                />
                {t('customFields.column')}
              </label>
              <span className="spacer" />
              {index > 0 ? (
                <button
                  type="button"
                  aria-label={t('customFields.moveUp', { label: name })}
                  onClick={() => move(index)}
                >
                  ↑
                </button>
              ) : null}
              <button
                type="button"
                aria-label={t('customFields.remove', { label: name })}
                onClick={() => setRows((current) => (current ?? []).filter((other) => other.uid !== row.uid))}
              >
                {t('customFields.removeShort')}
              </button>
            </div>
          </fieldset>
        );
      })}
    </Dialog>
  );
}
