import { useCallback, useEffect, useState } from 'react';
import type { AuditEvent } from '../../../src-shared/domain';
import { describeChange, formatWhen } from '../../../src-shared/domain/auditText';
import { isUndoable } from '../../../src-shared/domain/undoPlan';
import type { InputOf } from '../../../src-shared/ipc/contract';
import { call, errorMessage } from '../../api';
import { t } from '../../i18n';
import { EventChanges } from './EventChanges';
import { undoAndAnnounce } from './undoToast';

export type HistoryPanelProps = Readonly<{
  /** Whose history: 'customer' (with its assignments), 'service' (with assignments and defaults), 'customerUser', 'assignment', 'defaultService'. */
  entity: InputOf<'audit:history'>['entity'];
  /** The record's id; an assignment's is `${customerId}/${serviceId}`. */
  entityId: string;
  /** Called after a change was undone from here, e.g. to reload or close the dialog showing stale values. */
  onUndone?: () => void;
  /** Start unfolded (default: folded, loaded when opened). */
  open?: boolean;
}>;

type Group = { readonly batchId: string; readonly events: readonly AuditEvent[] };

function byBatch(events: readonly AuditEvent[]): Group[] {
  const groups: { batchId: string; events: AuditEvent[] }[] = [];
  for (const event of events) {
    const last = groups[groups.length - 1];
    if (last && last.batchId === event.batchId) last.events.push(event);
    else groups.push({ batchId: event.batchId, events: [event] });
  }
  return groups;
}

/**
 * The "History" section of an edit dialog: who changed what and when, field by field, newest
 * first, one group per Save with its own "Undo". Self-contained: give it the record and it loads.
 */
export function HistoryPanel({ entity, entityId, onUndone, open = false }: HistoryPanelProps) {
  const [expanded, setExpanded] = useState(open);
  const [events, setEvents] = useState<readonly AuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call('audit:history', { entity, entityId }).then(setEvents, (failure: unknown) => setError(errorMessage(failure)));
  }, [entity, entityId]);
  useEffect(() => {
    if (!expanded) return undefined;
    load();
    // An undo from the notice, or a Save elsewhere, adds to this history while it is open.
    return window.api.on('data:changed', load);
  }, [expanded, load]);
  const undo = async (batchId: string) => {
    if (await undoAndAnnounce(batchId)) {
      load();
      onUndone?.();
    }
  };
  return (
    <details className="history" open={expanded} onToggle={(event) => setExpanded(event.currentTarget.open)}>
      <summary>{t('history.title')}</summary>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {!events ? (
        expanded && !error ? (
          <p className="muted">{t('list.loading')}</p>
        ) : null
      ) : events.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="history-list" aria-label={t('history.list')}>
          {byBatch(events).map((group) => {
            const first = group.events[0];
            if (!first) return null;
            const when = formatWhen(first.at);
            return (
              <li key={group.batchId} className="history-batch">
                <div className="history-head">
                  <span className="muted">{t('history.by', { actor: first.actor, device: first.device, when })}</span>
                  {isUndoable(group.events) ? (
                    <button
                      type="button"
                      className="small"
                      aria-label={t('history.undoLabel', { when, actor: first.actor })}
                      onClick={() => void undo(group.batchId)}
                    >
                      {t('history.undo')}
                    </button>
                  ) : null}
                </div>
                {group.events.map((event) => (
                  <div key={event.id} className="history-event">
                    <span>{describeChange(event)}</span>
                    <EventChanges event={event} />
                  </div>
                ))}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
