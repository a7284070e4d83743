import { useCallback, useEffect, useState } from 'react';
import { customerUserInputSchema, type CustomerUser, type CustomerUserInput } from '../../../src-shared/domain';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { CommentField, RecordFooter, ValidityField } from '../../components/RecordParts';
import { useToasts } from '../../components/toast';
import { useRecordForm } from '../../components/useRecordForm';
import { t } from '../../i18n';
import { HistoryPanel } from '../audit/HistoryPanel';
import { announceSave } from '../audit/undoToast';
import { ConfirmDelete } from '../records/ConfirmDelete';
import { useRecord } from '../records/useRecord';
import { useUi } from '../shell/uiStore';
import { CustomerCombobox, CustomerMultiPicker, customerLabel, type PickedCustomer } from './CustomerPicker';
import { UserServices } from './UserServices';

const textFields = ['login', 'firstName', 'lastName', 'email', 'phone'] as const;

/** Labels ("ACME Acme Corporation") of customers known by id, fetched once. */
function useCustomerLabels(ids: readonly string[]): ReadonlyMap<string, string> | null {
  const [labels, setLabels] = useState<ReadonlyMap<string, string> | null>(ids.length === 0 ? new Map() : null);
  const key = ids.join(',');
  useEffect(() => {
    const wanted = key === '' ? [] : key.split(',');
    Promise.all(
      wanted.map((id) =>
        call('customers:get', { id }).then(
          (customer) => [id, customerLabel(customer)] as const,
          () => [id, id] as const,
        ),
      ),
    ).then(
      (pairs) => setLabels(new Map(pairs)),
      () => setLabels(new Map()),
    );
  }, [key]);
  return labels;
}

/** Dialog "New customer user" / "Edit customer user". */
export function CustomerUserDialog({
  id,
  customerId,
  onClose,
}: Readonly<{ id: string | null; customerId?: string | undefined; onClose: () => void }>) {
  const { record: user, error } = useRecord('customerUsers:get', id);
  const ids = user ? [user.customerId, ...user.additionalCustomerIds] : customerId ? [customerId] : [];
  const labels = useCustomerLabels(id && !user ? [] : ids);
  if ((id && !user) || !labels || (user && labels.size === 0 && ids.length > 0)) {
    return (
      <Dialog title={t(id ? 'customerUserDialog.edit' : 'customerUserDialog.new')} open onRequestClose={onClose}>
        <p role={error ? 'alert' : undefined}>{error ?? t('list.loading')}</p>
      </Dialog>
    );
  }
  return (
    <CustomerUserForm
      key={user?.id ?? 'new'}
      user={user}
      customerId={customerId ?? null}
      labels={labels}
      onClose={onClose}
    />
  );
}

function CustomerUserForm({
  user,
  customerId,
  labels,
  onClose,
}: Readonly<{
  user: CustomerUser | null;
  customerId: string | null;
  labels: ReadonlyMap<string, string>;
  onClose: () => void;
}>) {
  const show = useToasts((state) => state.show);
  const open = useUi((state) => state.open);
  const empty: CustomerUserInput = {
    login: '',
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    customerId: customerId ?? '',
    additionalCustomerIds: [],
    validity: 'valid',
    comment: '',
  };
  const form = useRecordForm(customerUserInputSchema, user ? { ...user } : empty);
  const [primary, setPrimary] = useState<PickedCustomer | null>(() => {
    const idOf = user?.customerId ?? customerId;
    return idOf ? { id: idOf, label: labels.get(idOf) ?? idOf } : null;
  });
  const [additional, setAdditional] = useState<readonly PickedCustomer[]>(() =>
    (user?.additionalCustomerIds ?? []).map((id) => ({ id, label: labels.get(id) ?? id })),
  );
  const [confirming, setConfirming] = useState(false);
  const userId = user?.id ?? '';
  const preview = useCallback(() => Promise.resolve({ id: userId, hidden: {} }), [userId]);

  const save = async () => {
    const saved = await form.submit(async (fields) => {
      const since = new Date().toISOString();
      const result = user
        ? await call('customerUsers:update', { id: user.id, fields })
        : await call('customerUsers:create', fields);
      void announceSave(
        t(user ? 'customerUserDialog.saved' : 'customerUserDialog.created', { login: result.login }),
        since,
      );
    });
    if (saved) onClose();
  };
  return (
    <Dialog
      title={t(user ? 'customerUserDialog.edit' : 'customerUserDialog.new')}
      open
      onRequestClose={onClose}
      footer={
        <RecordFooter formId="customer-user-form" isNew={!user} busy={form.busy} onCancel={onClose}>
          {user ? (
            <>
              <button type="button" className="danger-text" onClick={() => setConfirming(true)}>
                {t('common.deleteEllipsis')}
              </button>
              {/* App closes this dialog too once the erasure is done: its values are gone. */}
              <button
                type="button"
                className="danger-text"
                onClick={() => open({ kind: 'erasePersonalData', userId: user.id, login: user.login })}
              >
                {t('erase.button')}
              </button>
            </>
          ) : null}
        </RecordFooter>
      }
    >
      <form
        id="customer-user-form"
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
            <Field key={key} label={t(`field.${key}`)} error={form.errors[key]} required={key === 'login'}>
              {(props) => (
                <input
                  {...props}
                  type={key === 'email' ? 'email' : 'text'}
                  value={form.values[key] ?? ''}
                  onChange={(event) => form.set(key, event.target.value)}
                />
              )}
            </Field>
          ))}
          <Field label={t('field.customerId')} error={form.errors.customerId} required>
            {(props) => (
              <CustomerCombobox
                control={props}
                selected={primary}
                exclude={additional.map((customer) => customer.id)}
                onPick={(customer) => {
                  setPrimary(customer);
                  form.set('customerId', customer?.id ?? '');
                }}
              />
            )}
          </Field>
          <Field label={t('field.additionalCustomerIds')} error={form.errors.additionalCustomerIds}>
            {(props) => (
              <CustomerMultiPicker
                control={props}
                selected={additional}
                exclude={primary ? [primary.id] : []}
                onChange={(customers) => {
                  setAdditional(customers);
                  form.set(
                    'additionalCustomerIds',
                    customers.map((customer) => customer.id),
                  );
                }}
              />
            )}
          </Field>
          <ValidityField
            value={form.values.validity}
            error={form.errors.validity}
            onChange={(validity) => form.set('validity', validity)}
          />
          <CommentField
            value={form.values.comment}
            error={form.errors.comment}
            rows={2}
            onChange={(comment) => form.set('comment', comment)}
          />
        </fieldset>
      </form>
      <UserServices userId={user?.id ?? null} />
      {user ? <HistoryPanel entity="customerUser" entityId={user.id} onUndone={onClose} /> : null}
      {confirming && user ? (
        <ConfirmDelete
          name={user.login}
          preview={preview}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await call('customerUsers:delete', { id: user.id });
            show(t('customerUserDialog.deleted', { login: user.login }));
            onClose();
          }}
        />
      ) : null}
    </Dialog>
  );
}
