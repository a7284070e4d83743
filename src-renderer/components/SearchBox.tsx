import type { ChangeEvent } from 'react';

export type SearchBoxProps = Readonly<{
  label: string;
  placeholder: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}>;

/**
 * A searchbox that typing lays out alone. Its inner box has a fixed height and size and layout
 * containment, so Chromium can lay it out as a subtree of its own (a flex item cannot be one,
 * hence the outer box): the three layouts the editor forces on every key then cover the box,
 * not the whole window.
 */
export function SearchBox({ label, placeholder, value, onChange }: SearchBoxProps) {
  return (
    <div className="search-field">
      <div className="search-box">
        <input
          type="search"
          className="search"
          aria-label={label}
          placeholder={placeholder}
          value={value}
          onChange={onChange}
        />
      </div>
    </div>
  );
}
