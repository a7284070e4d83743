import { useCallback, useEffect, useState } from 'react';
import type { Comparison, ReviewOpened } from '../../../src-shared/ipc/methods/snapshots';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';
import { Banner, PlanView } from './PlanView';

/**
 * Dialog "Review snapshot": a snapshot opened read-only, compared with this copy or with a
 * second snapshot in the import preview's diff view, and reports saved from it. Nothing is written.
 */
export function ReviewDialog({ opened, onClose }: Readonly<{ opened: ReviewOpened; onClose: () => void }>) {
  const show = useToasts((state) => state.show);
  const [base, setBase] = useState<ReviewOpened | null>(null);
  const [diff, setDiff] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  const compare = useCallback(
    async (left: ReviewOpened | null) => {
      setError(null);
      try {
        setDiff(await call('snapshots:compare', { left: left?.previewId ?? 'local', right: opened.previewId }));
      } catch (failure) {
        setError(errorMessage(failure));
      }
    },
    [opened.previewId],
  );

  useEffect(() => {
    void compare(null);
  }, [compare]);

  const chooseBase = async () => {
    try {
      const other = await call('snapshots:review', {});
      if (!other) return;
      setBase(other);
      await compare(other);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const report = async (format: 'csv' | 'html') => {
    try {
      const saved = await call('snapshots:report', {
        source: opened.previewId,
        against: base?.previewId ?? 'local',
        format,
      });
      if (saved) show(t('snapshot.reportSaved', { path: saved.path }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const close = () => {
    void call('snapshots:close', { previewId: opened.previewId });
    if (base) void call('snapshots:close', { previewId: base.previewId });
    onClose();
  };

  const mineName = base ? base.fileName : t('snapshot.thisComputer');
  return (
    <Dialog
      title={t('snapshot.reviewTitle')}
      open
      wide
      onRequestClose={close}
      footer={
        <>
          <button type="button" onClick={() => void report('csv')}>
            {t('snapshot.reportCsv')}
          </button>
          <button type="button" onClick={() => void report('html')}>
            {t('snapshot.reportHtml')}
          </button>
          <button type="button" onClick={close}>
            {t('common.close')}
          </button>
        </>
      }
    >
      <p className="snapshot-compare">
        {t('snapshot.comparing', { theirs: opened.fileName, mine: mineName })}{' '}
        <button type="button" onClick={() => void chooseBase()}>
          {t('snapshot.compareOther')}
        </button>
        {base ? (
          <button
            type="button"
            onClick={() => {
              setBase(null);
              void compare(null);
            }}
          >
            {t('snapshot.compareLocal')}
          </button>
        ) : null}
      </p>
      {diff ? (
        <>
          <Banner preview={diff.incoming} />
          {diff.incoming.inStep && diff.outgoing.inStep ? <p role="status">{t('snapshot.noDifferences')}</p> : null}
          {diff.incoming.inStep ? null : (
            <section aria-label={t('snapshot.incoming', { theirs: opened.fileName })}>
              <h2 className="plan-heading">{t('snapshot.incoming', { theirs: opened.fileName })}</h2>
              <PlanView preview={diff.incoming} choose={null} />
            </section>
          )}
          {diff.outgoing.inStep ? null : (
            <section aria-label={t('snapshot.outgoing', { theirs: opened.fileName, mine: mineName })}>
              <h2 className="plan-heading">{t('snapshot.outgoing', { theirs: opened.fileName, mine: mineName })}</h2>
              <PlanView preview={diff.outgoing} choose={null} />
            </section>
          )}
        </>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
