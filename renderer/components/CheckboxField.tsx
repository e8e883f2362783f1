// A yes/no option with its label beside the box.
import type { ReactElement } from 'react';
import { useId } from 'react';

interface CheckboxFieldProps {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}

/** A labelled checkbox. */
export function CheckboxField({
  name,
  label,
  checked,
  onChange,
  hint,
}: CheckboxFieldProps): ReactElement {
  const id = useId();
  return (
    <div className="field checkbox" data-field={name}>
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
