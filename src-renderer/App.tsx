import { useEffect } from 'react';
import { Toasts } from './components/toast';
import { exportSnapshot, importSnapshot } from './features/snapshots/actions';
import { AuditLogDialog } from './features/audit/AuditLogDialog';
import { ErasePersonalDataDialog } from './features/audit/ErasePersonalDataDialog';
import { CustomerDialog } from './features/customers/CustomerDialog';
import { CustomersPane } from './features/customers/CustomersPane';
import { useCustomerList } from './features/customers/store';
import { DefaultServicesDialog } from './features/defaults/DefaultServicesDialog';
import { AssignmentDetailsDialog } from './features/relations/AssignmentDetailsDialog';
import { CustomerServicesDialog } from './features/relations/CustomerServicesDialog';
import { ServiceCustomersDialog } from './features/relations/ServiceCustomersDialog';
import { SampleDialog } from './features/sample/SampleDialog';
import { useSnapshotEntryPoints } from './features/snapshots/actions';
import { ImportDialog } from './features/snapshots/ImportDialog';
import { ReviewDialog } from './features/snapshots/ReviewDialog';
import { ServiceDialog } from './features/services/ServiceDialog';
import { ServicesPane } from './features/services/ServicesPane';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { useServiceList } from './features/services/store';
import { useAppInfo } from './features/shell/appStore';
import { EmptyState } from './features/shell/EmptyState';
import { Sidebar } from './features/shell/Sidebar';
import { useUi, type OpenDialog } from './features/shell/uiStore';
import type { MenuCommand } from '../src-shared/ipc/menu';
import { RecordDialogFor } from './features/records/RecordDialogFor';

function DialogFor({ dialog, onClose }: Readonly<{ dialog: OpenDialog; onClose: () => void }>) {
  switch (dialog.kind) {
    case 'customer':
      return <CustomerDialog id={dialog.id} onClose={onClose} />;
    case 'service':
      return <ServiceDialog id={dialog.id} onClose={onClose} />;
    case 'sample':
      return <SampleDialog onClose={onClose} />;
    case 'auditLog':
      return <AuditLogDialog onClose={onClose} />;
    case 'settings':
      return <SettingsDialog onClose={onClose} />;
    case 'erasePersonalData':
      // After erasing, the customer user's dialog below shows erased values: close it too.
      return (
        <ErasePersonalDataDialog userId={dialog.userId} login={dialog.login} onClose={onClose} onErased={onClose} />
      );
    case 'customerClone':
    case 'serviceClone':
    case 'customerUser':
    case 'customerUsers':
    case 'customFields':
    case 'csv':
      return <RecordDialogFor dialog={dialog} onClose={onClose} />;
    case 'customerServices':
      return <CustomerServicesDialog customerId={dialog.id} onClose={onClose} />;
    case 'serviceCustomers':
      return <ServiceCustomersDialog serviceId={dialog.id} onClose={onClose} />;
    case 'defaultServices':
      return <DefaultServicesDialog onClose={onClose} />;
    case 'assignment':
      return <AssignmentDetailsDialog customerId={dialog.customerId} serviceId={dialog.serviceId} onClose={onClose} />;
    case 'snapshotImport':
      return <ImportDialog preview={dialog.preview} onClose={onClose} />;
    case 'snapshotReview':
      return <ReviewDialog opened={dialog.opened} onClose={onClose} />;
  }
}

export function App() {
  const info = useAppInfo((state) => state.info);
  const reloadInfo = useAppInfo((state) => state.reload);
  const dialogs = useUi((state) => state.dialogs);
  const close = useUi((state) => state.close);
  const open = useUi((state) => state.open);
  useSnapshotEntryPoints();

  useEffect(() => {
    void reloadInfo();
    const offChanged = window.api.on('data:changed', ({ entities }) => {
      void reloadInfo();
      useCustomerList.getState().refresh(entities);
      useServiceList.getState().refresh();
    });
    // The application menu's commands do what the sidebar buttons do.
    const runCommand = {
      'add-customer': () => open({ kind: 'customer', id: null }),
      'add-service': () => open({ kind: 'service', id: null }),
      'edit-defaults': () => open({ kind: 'defaultServices' }),
      'audit-log': () => open({ kind: 'auditLog' }),
      'import-snapshot': () => void importSnapshot(),
      'export-snapshot': () => void exportSnapshot(),
    } satisfies Record<MenuCommand, () => void>;
    const offMenu = window.api.on('menu:command', ({ command }) => runCommand[command]());
    return () => {
      offChanged();
      offMenu();
    };
  }, [reloadInfo, open]);

  const counts = info?.counts;
  const empty = counts !== undefined && counts.customers === 0 && counts.services === 0;
  return (
    <div className="app">
      <Sidebar />
      <main className="workspace">
        {!info ? null : empty ? (
          <EmptyState customers={counts.customers} services={counts.services} />
        ) : (
          <div className="panes">
            <CustomersPane />
            <ServicesPane />
          </div>
        )}
      </main>
      {/* Lower dialogs stay mounted, so returning to them keeps their unsaved state. */}
      {dialogs.map((dialog, index) => (
        <DialogFor key={index} dialog={dialog} onClose={close} />
      ))}
      <Toasts />
    </div>
  );
}
