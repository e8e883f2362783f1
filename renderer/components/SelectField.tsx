// A choice from a short list inside a Field.
import type { ReactElement } from 'react';
import { useId } from 'react';
import { Field, describedBy } from './Field';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A labelled select that shows its own validation message. */
export function SelectField({
  name,
  label,
  value,
  options,
  onChange,
  error,
  hint,
}: SelectFieldProps): ReactElement {
  const id = useId();
  return (
    <Field name={name} label={label} inputId={id} error={error} hint={hint}>
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
