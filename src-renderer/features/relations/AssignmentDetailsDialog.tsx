import { useEffect, useState } from 'react';
import {
  assignmentDetailsSchema,
  assignmentStatuses,
  payPeriods,
  type AssignmentDetailsInput,
} from '../../../src-shared/domain';
import type { AssignmentWithNames } from '../../../src-shared/ipc/methods/allocation';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useToasts } from '../../components/toast';
import { useRecordForm } from '../../components/useRecordForm';
import { t, type MessageKey } from '../../i18n';
import { formatMoney, parseMoney } from './money';

type Key = Readonly<{ customerId: string; serviceId: string }>;

/** Dialog "Assignment details": status, dates, quantity, price, discount and description of one assignment. */
export function AssignmentDetailsDialog({ customerId, serviceId, onClose }: Key & Readonly<{ onClose: () => void }>) {
  const [assignment, setAssignment] = useState<AssignmentWithNames | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    call('assignments:get', { customerId, serviceId }).then(setAssignment, (error: unknown) =>
      setLoadError(errorMessage(error)),
    );
  }, [customerId, serviceId]);
  if (!assignment) {
    return (
      <Dialog title={t('details.title')} open onRequestClose={onClose}>
        <p role={loadError ? 'alert' : undefined}>{loadError ?? t('list.loading')}</p>
      </Dialog>
    );
  }
  return <DetailsForm assignment={assignment} onClose={onClose} />;
}

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));
const dateOrNull = (text: string) => (text === '' ? null : text);
type DateField = 'startDate' | 'endDate' | 'discountStart' | 'discountEnd';

function DetailsForm({ assignment, onClose }: Readonly<{ assignment: AssignmentWithNames; onClose: () => void }>) {
  const show = useToasts((state) => state.show);
  const {
    customerId,
    serviceId,
    customerName,
    servicePath,
    granted: _granted,
    stoppedByLifecycle: _stopped,
    ...details
  } = assignment;
  const form = useRecordForm(assignmentDetailsSchema, details satisfies AssignmentDetailsInput);
  const [priceText, setPriceText] = useState(details.priceMinor === null ? '' : formatMoney(details.priceMinor));
  const [priceError, setPriceError] = useState<string | undefined>(undefined);
  const names = { customer: customerName, service: servicePath };

  const save = async () => {
    if (priceError) return;
    const saved = await form.submit(async (fields) => {
      await call('assignments:update', { customerId, serviceId, details: fields });
      show(t('details.saved', names));
    });
    if (saved) onClose();
  };
  const dateField = (key: DateField) => (
    <Field key={key} label={t(`field.${key}` as MessageKey)} error={form.errors[key]}>
      {(props) => (
        <input
          {...props}
          type="date"
          value={form.values[key] ?? ''}
          onChange={(event) => form.set(key, dateOrNull(event.target.value))}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      title={t('details.title')}
      description={t('details.of', names)}
      open
      onRequestClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="assignment-form" className="primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form
        id="assignment-form"
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
        <Field label={t('field.status')} error={form.errors.status}>
          {(props) => (
            <select
              {...props}
              value={form.values.status}
              onChange={(event) => form.set('status', assignmentDetailsSchema.shape.status.parse(event.target.value))}
            >
              {assignmentStatuses.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('field.payPeriod')} error={form.errors.payPeriod}>
          {(props) => (
            <select
              {...props}
              value={form.values.payPeriod ?? ''}
              onChange={(event) =>
                form.set(
                  'payPeriod',
                  event.target.value === '' ? null : assignmentDetailsSchema.shape.payPeriod.parse(event.target.value),
                )
              }
            >
              <option value="">{t('details.none')}</option>
              {payPeriods.map((period) => (
                <option key={period} value={period}>
                  {period}
                </option>
              ))}
            </select>
          )}
        </Field>
        {dateField('startDate')}
        {dateField('endDate')}
        <Field label={t('field.quantity')} error={form.errors.quantity}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              step={1}
              value={form.values.quantity ?? ''}
              onChange={(event) => form.set('quantity', numberOrNull(event.target.value))}
            />
          )}
        </Field>
        <Field label={t('field.unit')} error={form.errors.unit}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={form.values.unit ?? ''}
              onChange={(event) => form.set('unit', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.price')} error={priceError ?? form.errors.priceMinor}>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              placeholder="0.00"
              value={priceText}
              onChange={(event) => {
                const text = event.target.value;
                setPriceText(text);
                const minor = text.trim() === '' ? null : parseMoney(text);
                setPriceError(minor === null && text.trim() !== '' ? t('details.priceFormat') : undefined);
                form.set('priceMinor', minor);
              }}
            />
          )}
        </Field>
        <Field label={t('field.discountPercent')} error={form.errors.discountPercent}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              max={100}
              step="any"
              value={form.values.discountPercent ?? ''}
              onChange={(event) => form.set('discountPercent', numberOrNull(event.target.value))}
            />
          )}
        </Field>
        {dateField('discountStart')}
        {dateField('discountEnd')}
        <Field label={t('field.description')} error={form.errors.description}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={form.values.description ?? ''}
              onChange={(event) => form.set('description', event.target.value)}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
