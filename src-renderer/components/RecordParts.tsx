import type { ReactNode } from 'react';
import { validities, type Validity } from '../../src-shared/domain';
import { t } from '../i18n';
import { Field } from './Field';

/** The "Validity" select every record dialog has; `hint` says what a change will do. */
export function ValidityField({
  value,
  error,
  hint,
  onChange,
}: Readonly<{
  value: Validity | undefined;
  error?: string | undefined;
  hint?: string | null;
  onChange: (validity: Validity) => void;
}>) {
  return (
    <Field label={t('field.validity')} error={error} {...(hint ? { hint } : {})}>
      {(props) => (
        <select
          {...props}
          value={value ?? 'valid'}
          onChange={(event) => onChange(validities.find((validity) => validity === event.target.value) ?? 'valid')}
        >
          {validities.map((validity) => (
            <option key={validity} value={validity}>
              {t(`validity.${validity}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The "Comment" box (at most 250 characters) every record dialog has. */
export function CommentField({
  value,
  error,
  rows = 3,
  onChange,
}: Readonly<{
  value: string | undefined;
  error?: string | undefined;
  rows?: number;
  onChange: (comment: string) => void;
}>) {
  return (
    <Field label={t('field.comment')} error={error} hint="At most 250 characters">
      {(props) => (
        <textarea
          {...props}
          rows={rows}
          maxLength={250}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A record dialog's buttons: its own actions at the start (Delete…, Clone…), then Cancel and Create/Save. */
export function RecordFooter({
  formId,
  isNew,
  busy,
  onCancel,
  children,
}: Readonly<{ formId: string; isNew: boolean; busy: boolean; onCancel: () => void; children?: ReactNode }>) {
  return (
    <>
      {children ? <span className="footer-start">{children}</span> : null}
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" form={formId} className="primary" disabled={busy}>
        {t(isNew ? 'common.create' : 'common.save')}
      </button>
    </>
  );
}
