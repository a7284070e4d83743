import { useEffect, useRef } from 'react';
import { t } from '../../i18n';
import { SearchBox } from '../../components/SearchBox';

export type ChecklistHeaderProps = Readonly<{
  query: string;
  onQuery: (query: string) => void;
  showInvalid: boolean;
  onShowInvalid: (show: boolean) => void;
  /** The header checkbox's state over the currently filtered rows. */
  selectAll: 'all' | 'none' | 'some';
  onSelectAll: (checked: boolean) => void;
  selectAllDisabled?: boolean;
  selected: number;
  total: number;
}>;

/** Searchbox "Filter", "Show invalid", the tri-state "Select all" and "12 selected of 2,000". */
export function ChecklistHeader(props: ChecklistHeaderProps) {
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = props.selectAll === 'some';
  }, [props.selectAll]);
  return (
    <div className="checklist-header">
      <SearchBox
        label={t('allocation.filter')}
        placeholder={t('allocation.filter')}
        value={props.query}
        onChange={(event) => props.onQuery(event.target.value)}
      />
      <label className="toggle">
        <input
          type="checkbox"
          checked={props.showInvalid}
          onChange={(event) => props.onShowInvalid(event.target.checked)}
        />
        {t('list.showInvalid')}
      </label>
      <label className="toggle select-all">
        <input
          ref={selectAllRef}
          type="checkbox"
          aria-checked={props.selectAll === 'some' ? 'mixed' : props.selectAll === 'all'}
          checked={props.selectAll === 'all'}
          disabled={props.selectAllDisabled}
          onChange={() => props.onSelectAll(props.selectAll !== 'all')}
        />
        {t('allocation.selectAll')}
      </label>
      <output className="count" aria-live="polite">
        {t('allocation.selectedOf', { selected: props.selected, total: props.total })}
      </output>
    </div>
  );
}
