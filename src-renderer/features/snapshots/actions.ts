import { useEffect } from 'react';
import { MAX_DROPPED_SNAPSHOT_BYTES } from '../../../src-shared/snapshot/format';
import { call, errorMessage } from '../../api';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';
import { useUi } from '../shell/uiStore';

function fail(error: unknown): void {
  useToasts.getState().show(errorMessage(error), 'error');
}

/** "Export snapshot…": main asks where, writes, and the toast says where it went. */
export async function exportSnapshot(): Promise<void> {
  // Large data takes a few seconds: say so while main writes (its progress events carry the steps).
  const off = window.api.on('progress', (progress) => {
    if (progress.task === 'export' && progress.done === 1) useToasts.getState().show(t('snapshot.exporting'));
  });
  try {
    const result = await call('snapshots:export', {});
    if (result)
      useToasts.getState().show(t('snapshot.exported', { path: result.path, customers: result.counts.customers }));
  } catch (error) {
    fail(error);
  } finally {
    off();
  }
}

/** "Import snapshot…": main asks for the file and answers the preview. */
export async function importSnapshot(): Promise<void> {
  try {
    const preview = await call('snapshots:open', {});
    if (preview) useUi.getState().open({ kind: 'snapshotImport', preview });
  } catch (error) {
    fail(error);
  }
}

/** "Review snapshot…": open one read-only and compare it with this copy. */
export async function reviewSnapshot(): Promise<void> {
  try {
    const opened = await call('snapshots:review', {});
    if (opened) useUi.getState().open({ kind: 'snapshotReview', opened });
  } catch (error) {
    fail(error);
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let start = 0; start < bytes.length; start += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return btoa(binary);
}

/** A file dropped on the window: the sandboxed page has no path, so its bytes go to main. */
export async function importDropped(file: File): Promise<void> {
  if (file.size > MAX_DROPPED_SNAPSHOT_BYTES) {
    fail(new Error(t('snapshot.tooBig', { size: Math.round(MAX_DROPPED_SNAPSHOT_BYTES / 1024 / 1024) })));
    return;
  }
  try {
    const base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    const preview = await call('snapshots:openBytes', { fileName: file.name, base64 });
    useUi.getState().open({ kind: 'snapshotImport', preview });
  } catch (error) {
    fail(error);
  }
}

/** Drag and drop onto the window and files the OS opens with the app. */
export function useSnapshotEntryPoints(): void {
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      void importDropped(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    const offOpen = window.api.on('snapshot:open', ({ token }) => {
      call('snapshots:openPending', { token })
        .then((preview) => useUi.getState().open({ kind: 'snapshotImport', preview }))
        .catch(fail);
    });
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      offOpen();
    };
  }, []);
}
