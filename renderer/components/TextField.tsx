// A one-line text input inside a Field.
import type { ReactElement } from 'react';
import { useId } from 'react';
import { Field, describedBy } from './Field';

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  placeholder?: string;
  type?: 'text' | 'password' | 'number' | 'datetime-local';
  inputMode?: 'text' | 'numeric' | 'decimal';
  wide?: boolean;
  list?: string;
  /** Takes the focus when its dialog opens. */
  autoFocus?: boolean;
}

/** A labelled text input that shows its own validation message. */
export function TextField({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  type = 'text',
  inputMode,
  wide,
  list,
  autoFocus,
}: TextFieldProps): ReactElement {
  const id = useId();
  return (
    <Field name={name} label={label} inputId={id} error={error} hint={hint} wide={wide}>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        value={value}
        placeholder={placeholder}
        list={list}
        data-autofocus={autoFocus ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </Field>
  );
}
