import { Dialog } from '../../components/Dialog';
import { t } from '../../i18n';
import { CsvDialog } from '../csv/CsvDialog';
import { CustomerUserDialog } from '../customerUsers/CustomerUserDialog';
import { CustomerUserList } from '../customerUsers/CustomerUserList';
import { CustomFieldsDialog } from '../customFields/CustomFieldsDialog';
import type { OpenDialog } from '../shell/uiStore';
import { CloneCustomerDialog, CloneServiceDialog } from './CloneDialogs';

type RecordDialog = Extract<
  OpenDialog,
  { kind: 'customerClone' | 'serviceClone' | 'customerUser' | 'customerUsers' | 'customFields' | 'csv' }
>;

/** The dialogs of the records feature, by kind (App's DialogFor hands them over). */
export function RecordDialogFor({ dialog, onClose }: Readonly<{ dialog: RecordDialog; onClose: () => void }>) {
  switch (dialog.kind) {
    case 'customerClone':
      return <CloneCustomerDialog id={dialog.id} onClose={onClose} />;
    case 'serviceClone':
      return <CloneServiceDialog id={dialog.id} onClose={onClose} />;
    case 'customerUser':
      return <CustomerUserDialog id={dialog.id} customerId={dialog.customerId} onClose={onClose} />;
    case 'customerUsers':
      return (
        <Dialog
          title={t('customerUsers.title')}
          open
          onRequestClose={onClose}
          wide
          footer={
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          }
        >
          <CustomerUserList />
        </Dialog>
      );
    case 'customFields':
      return <CustomFieldsDialog onClose={onClose} />;
    case 'csv':
      return <CsvDialog onClose={onClose} />;
  }
}
