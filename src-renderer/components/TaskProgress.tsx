import { useEffect, useState } from 'react';
import type { Progress } from '../../src-shared/ipc/contract';
import { t } from '../i18n';

/** The progress main reports for one kind of long task; `clear` forgets it when the task ends. */
export function useTaskProgress(task: Progress['task']): { progress: Progress | null; clear: () => void } {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => window.api.on('progress', (payload) => payload.task === task && setProgress(payload)), [task]);
  return { progress, clear: () => setProgress(null) };
}

/** A long task's bar and "Label… N%", named for assistive technology by `name`. */
export function TaskProgress({ progress, name }: Readonly<{ progress: Progress | null; name: string }>) {
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="progress">
      <progress max={100} value={percent} aria-label={name} />
      <span>{t('sample.loading', { label: progress?.label ?? t('list.loading'), percent })}</span>
    </div>
  );
}
