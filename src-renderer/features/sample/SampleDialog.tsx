import { useState } from 'react';
import type { SampleSizes } from '../../../src-shared/ipc/contract';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { TaskProgress, useTaskProgress } from '../../components/TaskProgress';
import { useToasts } from '../../components/toast';
import { t, type MessageKey } from '../../i18n';

const presets: readonly (readonly [MessageKey, SampleSizes])[] = [
  ['sample.small', { customers: 200, services: 60, assignments: 1_500 }],
  ['sample.medium', { customers: 5_000, services: 400, assignments: 50_000 }],
  ['sample.full', { customers: 100_000, services: 2_000, assignments: 1_000_000 }],
];

/** Dialog "Load sample data": pick a size, watch the progress, cancel if it takes too long. */
export function SampleDialog({ onClose }: Readonly<{ onClose: () => void }>) {
  const show = useToasts((state) => state.show);
  const [choice, setChoice] = useState(0);
  const { progress, clear: clearProgress } = useTaskProgress('sample');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    const preset = presets[choice];
    if (!preset) return;
    setRunning(true);
    setError(null);
    try {
      const result = await call('sample:load', preset[1]);
      show(
        t('sample.done', { customers: result.customers, services: result.services, assignments: result.assignments }),
      );
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setRunning(false);
      clearProgress();
    }
  };

  return (
    <Dialog
      title={t('sample.title')}
      open
      onRequestClose={() => (running ? void call('jobs:cancel', {}) : onClose())}
      footer={
        <>
          <button type="button" onClick={() => (running ? void call('jobs:cancel', {}) : onClose())}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" disabled={running} onClick={() => void load()}>
            {t('sample.load')}
          </button>
        </>
      }
    >
      <fieldset className="choices" disabled={running}>
        <legend>{t('sample.body')}</legend>
        {presets.map(([label], index) => (
          <label key={label} className="choice">
            <input type="radio" name="sample-size" checked={choice === index} onChange={() => setChoice(index)} />
            {t(label)}
          </label>
        ))}
      </fieldset>
      {running ? <TaskProgress progress={progress} name={t('sample.title')} /> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
