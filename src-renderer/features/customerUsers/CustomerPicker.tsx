import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CustomerRow } from '../../../src-shared/domain';
import { call } from '../../api';
import { t } from '../../i18n';

const LIMIT = 20;

export type PickedCustomer = { readonly id: string; readonly label: string };

export type ControlProps = Readonly<{
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  required: boolean | undefined;
}>;

export function customerLabel(customer: Pick<CustomerRow, 'code' | 'name'>): string {
  return `${customer.code} ${customer.name}`;
}

/**
 * A searchable combobox over the windowed customer list: with 100,000 customers a select is no
 * option. Typing asks main for the first matches; arrows and Enter pick one.
 */
export function CustomerCombobox({
  control,
  selected,
  onPick,
  exclude = [],
  clearAfterPick = false,
}: Readonly<{
  control: ControlProps;
  selected: PickedCustomer | null;
  onPick: (customer: PickedCustomer | null) => void;
  exclude?: readonly string[];
  clearAfterPick?: boolean;
}>) {
  const listId = useId();
  const [text, setText] = useState(selected?.label ?? '');
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<readonly CustomerRow[]>([]);
  const [more, setMore] = useState(0);
  const [active, setActive] = useState(0);
  const generation = useRef(0);
  useEffect(() => setText(selected?.label ?? ''), [selected?.label]);

  const search = (query: string) => {
    const current = ++generation.current;
    call('customers:list', { query, limit: LIMIT + exclude.length }).then(
      (page) => {
        if (current !== generation.current) return;
        const shown = page.rows.filter((row) => !exclude.includes(row.id)).slice(0, LIMIT);
        setRows(shown);
        setMore(Math.max(0, page.filtered - exclude.length - shown.length));
        setActive(0);
      },
      () => undefined,
    );
  };

  const pick = (row: CustomerRow) => {
    onPick({ id: row.id, label: customerLabel(row) });
    setText(clearAfterPick ? '' : customerLabel(row));
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        search(text);
        return;
      }
      setActive((index) => Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const row = rows[active];
      if (row) pick(row);
    }
  };

  useEffect(() => {
    if (!open) return;
    // Escape closes the list, not the dialog: the dialog listens on the document in the capture
    // phase, so this listens on the window, before it, and marks the key as handled.
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
    };
    window.addEventListener('keydown', onEscape, true);
    return () => window.removeEventListener('keydown', onEscape, true);
  }, [open]);

  return (
    <div className="combobox">
      <input
        {...control}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && rows[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder={t('picker.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (!clearAfterPick && selected) onPick(null);
          setOpen(true);
          search(event.target.value);
        }}
        onFocus={() => {
          if (!selected) {
            setOpen(true);
            search(text);
          }
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="combobox-popup">
          <ul className="combobox-list" role="listbox" id={listId} aria-label={t('picker.placeholder')}>
            {rows.map((row, index) => (
              <li
                key={row.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(row);
                }}
              >
                {customerLabel(row)}
              </li>
            ))}
          </ul>
          {rows.length === 0 ? <p className="combobox-note">{t('picker.noMatch')}</p> : null}
          {more > 0 ? <p className="combobox-note">{t('picker.more', { count: more })}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

/** "Additional customers": the chosen ones as removable chips, and a combobox to add more. */
export function CustomerMultiPicker({
  control,
  selected,
  exclude,
  onChange,
}: Readonly<{
  control: ControlProps;
  selected: readonly PickedCustomer[];
  exclude: readonly string[];
  onChange: (customers: readonly PickedCustomer[]) => void;
}>) {
  return (
    <div className="multi-picker">
      {selected.length > 0 ? (
        <ul className="chips" aria-label={t('field.additionalCustomerIds')}>
          {selected.map((customer) => (
            <li key={customer.id} className="chip">
              {customer.label}
              <button
                type="button"
                className="icon-button"
                aria-label={t('picker.remove', { name: customer.label })}
                onClick={() => onChange(selected.filter((other) => other.id !== customer.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <CustomerCombobox
        control={control}
        selected={null}
        clearAfterPick
        exclude={[...exclude, ...selected.map((customer) => customer.id)]}
        onPick={(customer) => customer && onChange([...selected, customer])}
      />
    </div>
  );
}
