import { useState } from 'react';
import type { ImportPreview, ImportSummary, Resolutions } from '../../../src-shared/snapshot/plan';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { TaskProgress, useTaskProgress } from '../../components/TaskProgress';
import { t } from '../../i18n';
import { Banner, PlanView } from './PlanView';

/** Dialog "Import snapshot": the preview, the admin's choices, Apply, then the summary. */
export function ImportDialog({ preview: first, onClose }: Readonly<{ preview: ImportPreview; onClose: () => void }>) {
  const [preview, setPreview] = useState(first);
  const [resolutions, setResolutions] = useState<Resolutions>({ conflicts: {}, collisions: {} });
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [running, setRunning] = useState(false);
  const { progress, clear: clearProgress } = useTaskProgress('import');
  const [error, setError] = useState<string | null>(null);

  const choose = async (next: Resolutions) => {
    setResolutions(next);
    try {
      setPreview(
        await call('snapshots:preview', {
          previewId: first.previewId,
          resolutions: { conflicts: next.conflicts ?? {}, collisions: next.collisions ?? {} },
        }),
      );
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const cancel = () => {
    if (running) {
      void call('jobs:cancel', {});
      return;
    }
    if (!summary) void call('snapshots:close', { previewId: first.previewId });
    onClose();
  };
  const apply = async () => {
    setRunning(true);
    setError(null);
    try {
      const result = await call('snapshots:apply', {
        previewId: first.previewId,
        resolutions: { conflicts: resolutions.conflicts ?? {}, collisions: resolutions.collisions ?? {} },
      });
      if (result) setSummary(result);
      else setPreview({ ...preview, inStep: true });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setRunning(false);
      clearProgress();
    }
  };

  const done = summary !== null || preview.inStep;
  return (
    <Dialog
      title={t('snapshot.importTitle')}
      open
      wide
      onRequestClose={cancel}
      footer={
        done ? (
          <button type="button" className="primary" onClick={onClose}>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" onClick={cancel}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" disabled={running} onClick={() => void apply()}>
              {t('snapshot.apply')}
            </button>
          </>
        )
      }
    >
      <Banner preview={preview} />
      {/* Above the plan, which can be long: the admin sees the import move without scrolling. */}
      {running ? <TaskProgress progress={progress} name={t('snapshot.importTitle')} /> : null}
      {summary ? (
        <div role="status" className="snapshot-summary">
          <p>
            {t('snapshot.summary', {
              added: summary.added,
              changed: summary.changed,
              removed: summary.removed,
              conflicts: summary.conflicts,
            })}
          </p>
          <p>{t('snapshot.backup', { path: summary.backupPath })}</p>
        </div>
      ) : preview.inStep ? (
        <p role="status" className="snapshot-summary">
          {t('snapshot.nothing')}
        </p>
      ) : (
        <>
          <p className="snapshot-counts">{t('snapshot.counts', { ...preview.counts })}</p>
          <PlanView
            preview={preview}
            choose={{
              resolutions,
              onConflict: (id, choice) =>
                void choose({ ...resolutions, conflicts: { ...resolutions.conflicts, [id]: choice } }),
              onCollision: (id, choice) =>
                void choose({ ...resolutions, collisions: { ...resolutions.collisions, [id]: choice } }),
            }}
          />
        </>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
