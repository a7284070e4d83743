import { useEffect, useState } from 'react';
import { customerInputSchema, validities, type Customer, type CustomerInput } from '../../../src-shared/domain';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useRecordForm } from '../../components/useRecordForm';
import { announceSave } from '../audit/undoToast';
import { HistoryPanel } from '../audit/HistoryPanel';
import { t, type MessageKey } from '../../i18n';

const emptyCustomer: CustomerInput = { code: '', name: '', street: '', zip: '', city: '', country: '', url: '', comment: '', validity: 'valid', customFields: {} };
const textFields = ['code', 'name', 'street', 'zip', 'city', 'country', 'url'] as const;

/** Dialog "New customer" / "Edit customer". */
export function CustomerDialog({ id, onClose }: Readonly<{ id: string | null; onClose: () => void }>) {
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (id) call('customers:get', { id }).then(setCustomer, (error: unknown) => setLoadError(errorMessage(error)));
  }, [id]);
  if (id && !customer) {
    return (
      <Dialog title={t('customerDialog.edit')} open onRequestClose={onClose}>
        <p role={loadError ? 'alert' : undefined}>{loadError ?? t('list.loading')}</p>
      </Dialog>
    );
  }
  return <CustomerForm customer={customer} onClose={onClose} />;
}

function CustomerForm({ customer, onClose }: Readonly<{ customer: Customer | null; onClose: () => void }>) {
  const form = useRecordForm(customerInputSchema, customer ? { ...customer } : emptyCustomer);
  const save = async () => {
    const saved = await form.submit(async (fields) => {
      const since = new Date().toISOString();
      const result = customer ? await call('customers:update', { id: customer.id, fields }) : await call('customers:create', fields);
      void announceSave(t(customer ? 'customerDialog.saved' : 'customerDialog.created', { name: result.name }), since);
    });
    if (saved) onClose();
  };
  return (
    <Dialog
      title={t(customer ? 'customerDialog.edit' : 'customerDialog.new')}
      open
      onRequestClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form="customer-form" className="primary" disabled={form.busy}>
            {t(customer ? 'common.save' : 'common.create')}
          </button>
        </>
      }
    >
      <form
        id="customer-form"
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {form.formError ? <p className="form-error" role="alert">{form.formError}</p> : null}
        {textFields.map((key) => (
          <Field key={key} label={t(`field.${key}` as MessageKey)} error={form.errors[key]} required={key === 'code' || key === 'name'}>
            {(props) => <input {...props} type={key === 'url' ? 'url' : 'text'} value={form.values[key] ?? ''} onChange={(event) => form.set(key, event.target.value)} />}
          </Field>
        ))}
        <Field label={t('field.validity')} error={form.errors.validity}>
          {(props) => (
            <select {...props} value={form.values.validity} onChange={(event) => form.set('validity', customerInputSchema.shape.validity.parse(event.target.value))}>
              {validities.map((validity) => <option key={validity} value={validity}>{t(`validity.${validity}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('field.comment')} error={form.errors.comment}>
          {(props) => <textarea {...props} rows={3} value={form.values.comment ?? ''} onChange={(event) => form.set('comment', event.target.value)} />}
        </Field>
      </form>
      {customer ? <HistoryPanel entity="customer" entityId={customer.id} onUndone={onClose} /> : null}
    </Dialog>
  );
}
