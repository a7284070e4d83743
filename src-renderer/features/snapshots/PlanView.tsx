import type { ReactNode } from 'react';
import type {
  Collision,
  CollisionChoice,
  Conflict,
  ConflictChoice,
  ImportPreview,
  RecordChange,
  Resolutions,
} from '../../../src-shared/snapshot/plan';
import { formatCount, t } from '../../i18n';

type Choose = Readonly<{
  resolutions: Resolutions;
  onConflict: (id: string, choice: ConflictChoice) => void;
  onCollision: (id: string, choice: CollisionChoice) => void;
}>;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** One section: a heading with its true count, the (capped) list, and how many more there are. */
function Section<T>({
  title,
  total,
  items,
  render,
}: Readonly<{ title: string; total: number; items: readonly T[]; render: (item: T) => ReactNode }>) {
  if (total === 0) return null;
  const id = `plan-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="plan-section" aria-labelledby={id}>
      <h3 id={id}>{t('snapshot.section', { title, count: total })}</h3>
      <ul className="plan-list">{items.map(render)}</ul>
      {total > items.length ? <p className="plan-more">{t('snapshot.more', { count: total - items.length })}</p> : null}
    </section>
  );
}

function ChangeItem({ change }: Readonly<{ change: RecordChange }>) {
  return (
    <li key={`${change.table}:${change.key}`}>
      <strong>{change.label}</strong>
      {change.kind === 'changed' ? (
        <ul className="plan-fields">
          {change.fields.map((field) => (
            <li key={field.field}>
              {t('snapshot.fieldChange', {
                field: field.field,
                mine: show(field.mine),
                theirs: show(field.theirs),
                by: field.by,
                at: when(field.at),
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ConflictItem({ conflict, choose }: Readonly<{ conflict: Conflict; choose: Choose | null }>) {
  const chosen = choose?.resolutions.conflicts?.[conflict.id] ?? conflict.defaultChoice;
  const name = `${conflict.label} · ${conflict.field}`;
  return (
    <li key={conflict.id}>
      <strong>{name}</strong>
      <div className="plan-fields">
        {t(conflict.reason === 'future' ? 'snapshot.conflictFuture' : 'snapshot.conflict', {
          mine: show(conflict.mine),
          theirs: show(conflict.theirs),
          by: conflict.theirsBy,
          at: when(conflict.theirsAt),
        })}
      </div>
      {choose ? (
        <div role="radiogroup" aria-label={name} className="plan-choice">
          {(['theirs', 'mine'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name={conflict.id}
                checked={chosen === choice}
                onChange={() => choose.onConflict(conflict.id, choice)}
              />
              {t(choice === 'theirs' ? 'snapshot.takeTheirs' : 'snapshot.keepMine')}
            </label>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function CollisionItem({ collision, choose }: Readonly<{ collision: Collision; choose: Choose | null }>) {
  const chosen = choose?.resolutions.collisions?.[collision.id] ?? 'keep-both';
  return (
    <li key={collision.id}>
      <strong>{collision.label}</strong>
      <div className="plan-fields">{t('snapshot.collision', { key: collision.naturalKey })}</div>
      {choose ? (
        <div role="radiogroup" aria-label={collision.label} className="plan-choice">
          {(['link', 'keep-both'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name={collision.id}
                checked={chosen === choice}
                onChange={() => choose.onCollision(collision.id, choice)}
              />
              {t(choice === 'link' ? 'snapshot.link' : 'snapshot.keepBoth')}
            </label>
          ))}
        </div>
      ) : null}
    </li>
  );
}

/** The diff of a snapshot against this copy (or another snapshot): access changes first. */
export function PlanView({ preview, choose }: Readonly<{ preview: ImportPreview; choose: Choose | null }>) {
  const { counts } = preview;
  return (
    <div className="plan">
      <Section
        title={t('snapshot.access')}
        total={counts.accessChanges}
        items={preview.accessChanges}
        render={(change) => (
          <li key={change.customerId}>
            <strong>{change.label}</strong>{' '}
            {change.gained.length > 0 ? (
              <span className="gain">{t('snapshot.gains', { list: change.gained.join(', ') })}</span>
            ) : null}{' '}
            {change.lost.length > 0 ? (
              <span className="loss">{t('snapshot.loses', { list: change.lost.join(', ') })}</span>
            ) : null}
          </li>
        )}
      />
      <Section
        title={t('snapshot.conflicts')}
        total={counts.conflicts}
        items={preview.conflicts}
        render={(conflict) => <ConflictItem key={conflict.id} conflict={conflict} choose={choose} />}
      />
      <Section
        title={t('snapshot.collisions')}
        total={counts.collisions}
        items={preview.collisions}
        render={(collision) => <CollisionItem key={collision.id} collision={collision} choose={choose} />}
      />
      <Section
        title={t('snapshot.added')}
        total={counts.added}
        items={preview.added}
        render={(change) => <ChangeItem key={`${change.table}:${change.key}`} change={change} />}
      />
      <Section
        title={t('snapshot.changed')}
        total={counts.changed}
        items={preview.changed}
        render={(change) => <ChangeItem key={`${change.table}:${change.key}`} change={change} />}
      />
      <Section
        title={t('snapshot.removed')}
        total={counts.removed}
        items={preview.removed}
        render={(change) => <ChangeItem key={`${change.table}:${change.key}`} change={change} />}
      />
      <Section
        title={t('snapshot.renamed')}
        total={preview.renamed.length}
        items={preview.renamed}
        render={(text) => <li key={text}>{text}</li>}
      />
      <Section
        title={t('snapshot.loops')}
        total={preview.cyclesBroken.length}
        items={preview.cyclesBroken}
        render={(text) => <li key={text}>{text}</li>}
      />
    </div>
  );
}

export function Banner({ preview }: Readonly<{ preview: ImportPreview }>) {
  const { banner } = preview;
  const records = formatCount(banner.counts.customers);
  return (
    <p className="snapshot-banner" role="note">
      {t('snapshot.banner', {
        file: banner.fileName,
        exporter: banner.exporter,
        device: banner.deviceName,
        at: when(banner.exportedAt),
        version: banner.appVersion,
        customers: records,
      })}
    </p>
  );
}
