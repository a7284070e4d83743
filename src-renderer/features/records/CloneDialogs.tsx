import { useState } from 'react';
import { z } from 'zod';
import { customerInputSchema, serviceInputSchema } from '../../../src-shared/domain';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useToasts } from '../../components/toast';
import { useRecordForm } from '../../components/useRecordForm';
import { t } from '../../i18n';
import { useUi } from '../shell/uiStore';
import { useRecord } from './useRecord';

const customerCloneForm = z.object({
  code: customerInputSchema.shape.code,
  name: customerInputSchema.shape.name,
  withAssignments: z.boolean(),
});

/** Dialog "Clone customer": a new Customer ID and name, with or without the assignments. Opens the copy. */
export function CloneCustomerDialog({ id, onClose }: Readonly<{ id: string; onClose: () => void }>) {
  const { record } = useRecord('customers:get', id);
  const show = useToasts((state) => state.show);
  const form = useRecordForm(customerCloneForm, { code: '', name: '', withAssignments: true });
  const [named, setNamed] = useState(false);
  if (record && !named) {
    setNamed(true);
    form.setValues({ code: `${record.code}-COPY`, name: `${record.name} (copy)`, withAssignments: true });
  }
  const save = async () => {
    let copyId: string | null = null;
    const saved = await form.submit(async (fields) => {
      const copy = await call('customers:clone', { id, ...fields });
      copyId = copy.id;
      show(t('cloneCustomer.done', { name: copy.name }));
    });
    if (saved && copyId) {
      const ui = useUi.getState();
      onClose();
      // Replace the original's dialog by the copy's, so the admin goes on with the copy.
      if (ui.dialogs.at(-2)?.kind === 'customer') useUi.getState().close();
      useUi.getState().open({ kind: 'customer', id: copyId });
    }
  };
  return (
    <Dialog
      title={t('cloneCustomer.title')}
      open
      onRequestClose={onClose}
      description={record ? t('cloneCustomer.body', { name: record.name }) : t('list.loading')}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="clone-customer-form" className="primary" disabled={form.busy || !record}>
            {t('common.create')}
          </button>
        </>
      }
    >
      <form
        id="clone-customer-form"
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {form.formError ? (
          <p className="form-error" role="alert">
            {form.formError}
          </p>
        ) : null}
        <Field label={t('field.code')} error={form.errors.code} required>
          {(props) => (
            <input {...props} value={form.values.code} onChange={(event) => form.set('code', event.target.value)} />
          )}
        </Field>
        <Field label={t('field.name')} error={form.errors.name} required>
          {(props) => (
            <input {...props} value={form.values.name} onChange={(event) => form.set('name', event.target.value)} />
          )}
        </Field>
        <label className="choice wide">
          <input
            type="checkbox"
            checked={form.values.withAssignments}
            onChange={(event) => form.set('withAssignments', event.target.checked)}
          />
          {t('cloneCustomer.withAssignments')}
        </label>
      </form>
    </Dialog>
  );
}

const serviceCloneForm = z.object({ name: serviceInputSchema.shape.name });

/** Dialog "Clone service": the same settings under a new name, beside the original. */
export function CloneServiceDialog({ id, onClose }: Readonly<{ id: string; onClose: () => void }>) {
  const { record } = useRecord('services:get', id);
  const show = useToasts((state) => state.show);
  const form = useRecordForm(serviceCloneForm, { name: '' });
  const [named, setNamed] = useState(false);
  if (record && !named) {
    setNamed(true);
    form.setValues({ name: `${record.name} (copy)` });
  }
  const save = async () => {
    const saved = await form.submit(async (fields) => {
      const copy = await call('services:clone', { id, ...fields });
      show(t('cloneService.done', { path: copy.path }));
    });
    if (saved) onClose();
  };
  return (
    <Dialog
      title={t('cloneService.title')}
      open
      onRequestClose={onClose}
      description={record ? t('cloneService.body', { path: record.path }) : t('list.loading')}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="clone-service-form" className="primary" disabled={form.busy || !record}>
            {t('common.create')}
          </button>
        </>
      }
    >
      <form
        id="clone-service-form"
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {form.formError ? (
          <p className="form-error" role="alert">
            {form.formError}
          </p>
        ) : null}
        <Field label={t('field.name')} error={form.errors.name} required>
          {(props) => (
            <input {...props} value={form.values.name} onChange={(event) => form.set('name', event.target.value)} />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
