// A multi-line text input inside a Field.
import type { ReactElement } from 'react';
import { useId } from 'react';
import { Field, describedBy } from './Field';

interface TextAreaFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  rows?: number;
  placeholder?: string;
}

/** A labelled text area that shows its own validation message. */
export function TextAreaField({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  rows = 3,
  placeholder,
}: TextAreaFieldProps): ReactElement {
  const id = useId();
  return (
    <Field name={name} label={label} inputId={id} error={error} hint={hint} wide>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        placeholder={placeholder}
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
