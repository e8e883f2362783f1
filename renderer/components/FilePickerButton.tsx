// A button that opens the file picker; the input itself stays hidden but labelled.
import type { ReactElement } from 'react';
import { useRef } from 'react';
import { Icon } from './Icon';

interface FilePickerButtonProps {
  label: string;
  /** The accessible name of the hidden file input, which tests fill. */
  inputLabel: string;
  accept: string;
  onFile: (file: File) => void;
  disabled?: boolean;
}

/** Opens the system file picker and hands over the chosen file. */
export function FilePickerButton({
  label,
  inputLabel,
  accept,
  onFile,
  disabled = false,
}: FilePickerButtonProps): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          input.current?.click();
        }}
      >
        <Icon name="upload" />
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        aria-label={inputLabel}
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
