// The search box of a screen; "/" focuses it from anywhere on the screen.
import type { ReactElement } from 'react';
import { Icon } from './Icon';

interface SearchInputProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
}

/** A labelled search field marked as the screen's target for the "/" shortcut. */
export function SearchInput({
  value,
  onChange,
  label,
  placeholder,
}: SearchInputProps): ReactElement {
  return (
    <div className="search">
      <Icon name="search" />
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder ?? `${label} (press /)`}
        value={value}
        data-shortcut="search"
        spellCheck={false}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value !== '') {
            event.stopPropagation();
            onChange('');
          }
        }}
      />
    </div>
  );
}
