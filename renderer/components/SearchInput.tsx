// The search box of a screen; "/" focuses it from anywhere on the screen.
import type { ReactElement } from 'react';
import { Icon } from './Icon';

interface SearchInputProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
  /** Enter (and Shift+Enter) in the box, e.g. to step through matches. */
  onEnter?: (backwards: boolean) => void;
}

/** A labelled search field marked as the screen's target for the "/" shortcut. */
export function SearchInput({
  value,
  onChange,
  label,
  placeholder,
  onEnter,
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
          if (event.key === 'Enter' && onEnter) {
            event.preventDefault();
            onEnter(event.shiftKey);
          }
          if (event.key === 'Escape' && value !== '') {
            event.stopPropagation();
            onChange('');
          }
        }}
      />
    </div>
  );
}
