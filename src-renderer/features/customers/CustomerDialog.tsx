import { useCallback, useEffect, useState } from 'react';
import { type Customer, type CustomerInput, type Validity } from '../../../src-shared/domain';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { CommentField, RecordFooter, ValidityField } from '../../components/RecordParts';
import { useToasts } from '../../components/toast';
import { useRecordForm } from '../../components/useRecordForm';
import { announceSave } from '../audit/undoToast';
import { HistoryPanel } from '../audit/HistoryPanel';
import { t, type MessageKey } from '../../i18n';
import { CustomerUserList } from '../customerUsers/CustomerUserList';
import { CustomFieldInputs, customerFormSchema, typedValues } from '../customFields/CustomFieldInputs';
import { useCustomFields } from '../customFields/store';
import { ConfirmDelete } from '../records/ConfirmDelete';
import { useRecord } from '../records/useRecord';
import { useUi } from '../shell/uiStore';

const emptyCustomer: CustomerInput = {
  code: '',
  name: '',
  street: '',
  zip: '',
  city: '',
  country: '',
  url: '',
  comment: '',
  validity: 'valid',
  customFields: {},
};
const textFields = ['code', 'name', 'street', 'zip', 'city', 'country', 'url'] as const;

/**
 * The lifecycle (docs/ARCHITECTURE.md#lifecycle), said before Save: making the customer invalid stops its active
 * assignments; making it valid again returns those the lifecycle stopped.
 */
function useLifecycleHint(customer: Customer | null, validity: Validity): string | null {
  const [counts, setCounts] = useState<{ active: number; stoppedByLifecycle: number } | null>(null);
  const customerId = customer?.id;
  useEffect(() => {
    if (customerId) call('customers:lifecycle', { id: customerId }).then(setCounts, () => setCounts(null));
  }, [customerId]);
  if (!customer || !counts) return null;
  const wasValid = customer.validity === 'valid';
  if (wasValid && validity !== 'valid' && counts.active > 0) return t('lifecycle.willStop', { count: counts.active });
  if (!wasValid && validity === 'valid' && counts.stoppedByLifecycle > 0)
    return t('lifecycle.willRestore', { count: counts.stoppedByLifecycle });
  return null;
}

/** Dialog "New customer" / "Edit customer". */
export function CustomerDialog({ id, onClose }: Readonly<{ id: string | null; onClose: () => void }>) {
  const { record: customer, error } = useRecord('customers:get', id);
  const loaded = useCustomFields((state) => state.loaded);
  useEffect(() => {
    void useCustomFields.getState().load();
  }, []);
  if ((id && customer?.id !== id) || !loaded) {
    return (
      <Dialog title={t(id ? 'customerDialog.edit' : 'customerDialog.new')} open onRequestClose={onClose}>
        <p role={error ? 'alert' : undefined}>{error ?? t('list.loading')}</p>
      </Dialog>
    );
  }
  // Keyed by id: a clone replaces this dialog in the same slot, and must not keep the old form.
  return <CustomerForm key={customer?.id ?? 'new'} customer={customer} onClose={onClose} />;
}

function CustomerForm({ customer, onClose }: Readonly<{ customer: Customer | null; onClose: () => void }>) {
  const show = useToasts((state) => state.show);
  const open = useUi((state) => state.open);
  const definitions = useCustomFields((state) => state.definitions);
  const form = useRecordForm(customerFormSchema(definitions), customer ? { ...customer } : emptyCustomer);
  const [confirming, setConfirming] = useState(false);
  const lifecycle = useLifecycleHint(customer, form.values.validity ?? 'valid');
  const save = async () => {
    const saved = await form.submit(async (parsed) => {
      const fields = { ...parsed, customFields: typedValues(definitions, parsed.customFields) };
      const since = new Date().toISOString();
      const result = customer
        ? await call('customers:update', { id: customer.id, fields })
        : await call('customers:create', fields);
      void announceSave(t(customer ? 'customerDialog.saved' : 'customerDialog.created', { name: result.name }), since);
    });
    if (saved) onClose();
  };
  const customerId = customer?.id ?? '';
  const preview = useCallback(() => call('customers:deletePreview', { id: customerId }), [customerId]);
  return (
    <Dialog
      title={t(customer ? 'customerDialog.edit' : 'customerDialog.new')}
      open
      onRequestClose={onClose}
      footer={
        <RecordFooter formId="customer-form" isNew={!customer} busy={form.busy} onCancel={onClose}>
          {customer ? (
            <>
              <button type="button" className="danger-text" onClick={() => setConfirming(true)}>
                {t('common.deleteEllipsis')}
              </button>
              <button type="button" onClick={() => open({ kind: 'customerClone', id: customer.id })}>
                {t('common.clone')}
              </button>
            </>
          ) : null}
        </RecordFooter>
      }
    >
      <form
        id="customer-form"
        className="record-sections"
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
        <fieldset className="record-section form-grid">
          <legend>{t('record.details')}</legend>
          {textFields.map((key) => (
            <Field
              key={key}
              label={t(`field.${key}` as MessageKey)}
              error={form.errors[key]}
              required={key === 'code' || key === 'name'}
            >
              {(props) => (
                <input
                  {...props}
                  type={key === 'url' ? 'url' : 'text'}
                  value={form.values[key] ?? ''}
                  onChange={(event) => form.set(key, event.target.value)}
                />
              )}
            </Field>
          ))}
          <ValidityField
            value={form.values.validity}
            error={form.errors.validity}
            hint={lifecycle}
            onChange={(validity) => form.set('validity', validity)}
          />
          <CommentField
            value={form.values.comment}
            error={form.errors.comment}
            onChange={(comment) => form.set('comment', comment)}
          />
        </fieldset>
        <CustomFieldInputs
          definitions={definitions}
          values={form.values.customFields ?? {}}
          errors={form.errors}
          onChange={(values) => form.set('customFields', values)}
        />
      </form>
      {customer ? <CustomerUserList customerId={customer.id} /> : null}
      {customer ? <HistoryPanel entity="customer" entityId={customer.id} onUndone={onClose} /> : null}
      {confirming && customer ? (
        <ConfirmDelete
          name={customer.name}
          preview={preview}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await call('customers:delete', { id: customer.id });
            show(t('customerDialog.deleted', { name: customer.name }));
            // Its allocation dialog below, if any, is about a record that is gone now.
            useUi.getState().closeAbout(customer.id);
          }}
        />
      ) : null}
    </Dialog>
  );
}
