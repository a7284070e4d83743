import { useCallback, useEffect, useState } from 'react';
import {
  criticalities,
  criticalityLabels,
  PATH_SEPARATOR,
  serviceInputSchema,
  serviceTypes,
  type Service,
  type ServiceInput,
  type ServiceRow,
} from '../../../src-shared/domain';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { CommentField, RecordFooter, ValidityField } from '../../components/RecordParts';
import { useToasts } from '../../components/toast';
import { useRecordForm } from '../../components/useRecordForm';
import { announceSave } from '../audit/undoToast';
import { HistoryPanel } from '../audit/HistoryPanel';
import { t } from '../../i18n';
import { ConfirmDelete } from '../records/ConfirmDelete';
import { useUi } from '../shell/uiStore';

const emptyService: ServiceInput = {
  name: '',
  parentId: null,
  type: 'End User Service',
  criticality: 3,
  comment: '',
  validity: 'valid',
};

/** Dialog "New service" / "Edit service". */
export function ServiceDialog({ id, onClose }: Readonly<{ id: string | null; onClose: () => void }>) {
  const [service, setService] = useState<Service | null>(null);
  const [tree, setTree] = useState<readonly ServiceRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    const fail = (error: unknown) => setLoadError(errorMessage(error));
    if (id) call('services:get', { id }).then(setService, fail);
    call('services:list', { query: '', showInvalid: true, offset: 0, limit: 5000 }).then(
      (page) => setTree(page.rows),
      fail,
    );
  }, [id]);
  if ((id && !service) || !tree) {
    return (
      <Dialog title={t(id ? 'serviceDialog.edit' : 'serviceDialog.new')} open onRequestClose={onClose}>
        <p role={loadError ? 'alert' : undefined}>{loadError ?? t('list.loading')}</p>
      </Dialog>
    );
  }
  return <ServiceForm service={service} tree={tree} onClose={onClose} />;
}

function ServiceForm({
  service,
  tree,
  onClose,
}: Readonly<{ service: Service | null; tree: readonly ServiceRow[]; onClose: () => void }>) {
  const show = useToasts((state) => state.show);
  const open = useUi((state) => state.open);
  const [confirming, setConfirming] = useState(false);
  const serviceId = service?.id ?? '';
  const preview = useCallback(() => call('services:deletePreview', { id: serviceId }), [serviceId]);
  const form = useRecordForm(serviceInputSchema, service ? { ...service } : emptyService);
  // A service cannot move under itself or its own sub-services.
  const parents = service
    ? tree.filter((row) => row.id !== service.id && !row.path.startsWith(service.path + PATH_SEPARATOR))
    : tree;
  const save = async () => {
    const saved = await form.submit(async (fields) => {
      const since = new Date().toISOString();
      const result = service
        ? await call('services:update', { id: service.id, fields })
        : await call('services:create', fields);
      void announceSave(t(service ? 'serviceDialog.saved' : 'serviceDialog.created', { path: result.path }), since);
    });
    if (saved) onClose();
  };
  return (
    <Dialog
      title={t(service ? 'serviceDialog.edit' : 'serviceDialog.new')}
      open
      onRequestClose={onClose}
      footer={
        <RecordFooter formId="service-form" isNew={!service} busy={form.busy} onCancel={onClose}>
          {service ? (
            <>
              <button type="button" className="danger-text" onClick={() => setConfirming(true)}>
                {t('common.deleteEllipsis')}
              </button>
              <button type="button" onClick={() => open({ kind: 'serviceClone', id: service.id })}>
                {t('common.clone')}
              </button>
            </>
          ) : null}
        </RecordFooter>
      }
    >
      <form
        id="service-form"
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
        <Field label={t('field.parentId')} error={form.errors.parentId}>
          {(props) => (
            <select
              {...props}
              value={form.values.parentId ?? ''}
              onChange={(event) => form.set('parentId', event.target.value || null)}
            >
              <option value="">{t('serviceDialog.noParent')}</option>
              {parents.map((row) => (
                <option key={row.id} value={row.id}>
                  {row.path}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('field.type')} error={form.errors.type}>
          {(props) => (
            <select
              {...props}
              value={form.values.type}
              onChange={(event) => form.set('type', serviceInputSchema.shape.type.parse(event.target.value))}
            >
              {serviceTypes.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('field.criticality')} error={form.errors.criticality}>
          {(props) => (
            <select
              {...props}
              value={form.values.criticality}
              onChange={(event) => form.set('criticality', Number(event.target.value))}
            >
              {criticalities.map((level) => (
                <option key={level} value={level}>{`${level} ${criticalityLabels[level - 1]}`}</option>
              ))}
            </select>
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
          onChange={(comment) => form.set('comment', comment)}
        />
      </form>
      {confirming && service ? (
        <ConfirmDelete
          name={service.path}
          preview={preview}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await call('services:delete', { id: service.id });
            show(t('delete.done', { name: service.path }));
            // Its allocation dialog below, if any, is about a record that is gone now.
            useUi.getState().closeAbout(service.id);
          }}
        />
      ) : null}
      {service ? <HistoryPanel entity="service" entityId={service.id} onUndone={onClose} /> : null}
    </Dialog>
  );
}
