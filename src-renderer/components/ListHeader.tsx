import { useEffect, useState } from 'react';
import { t } from '../i18n';
import { SearchBox } from './SearchBox';

export type ListHeaderProps = Readonly<{
  headingId: string;
  title: string;
  searchLabel: string;
  placeholder: string;
  query: string;
  onQuery: (query: string) => void;
  showInvalid: boolean;
  onShowInvalid: (show: boolean) => void;
  count: string;
}>;

/** A list's heading, its searchbox, the "Show invalid" switch and the true count. */
export function ListHeader(props: ListHeaderProps) {
  const [text, setText] = useState(props.query);
  useEffect(() => setText(props.query), [props.query]);
  return (
    <header className="pane-header">
      <div className="pane-title-row">
        <h2 id={props.headingId}>{props.title}</h2>
        <output className="count" aria-live="polite" aria-label={`${props.title} count`}>
          {props.count}
        </output>
      </div>
      <div className="pane-tools">
        <SearchBox
          label={props.searchLabel}
          placeholder={props.placeholder}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            props.onQuery(event.target.value);
          }}
        />
        <label className="toggle">
          <input
            type="checkbox"
            checked={props.showInvalid}
            onChange={(event) => props.onShowInvalid(event.target.checked)}
          />
          {t('list.showInvalid')}
        </label>
      </div>
    </header>
  );
}
