// A labelled form field with its hint and its validation message right beside it.
import type { ReactElement, ReactNode } from 'react';

interface FieldProps {
  /** The field's path ("limits.memory"); tests and server errors find the field by it. */
  name: string;
  label: string;
  inputId: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
  wide?: boolean;
}

/** The id of a field's message, for aria-describedby. */
export function describedBy(inputId: string, error?: string, hint?: string): string | undefined {
  const ids = [error ? `${inputId}-error` : '', hint ? `${inputId}-hint` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Label, control, hint and error, laid out together. */
export function Field({
  name,
  label,
  inputId,
  error,
  hint,
  children,
  wide = false,
}: FieldProps): ReactElement {
  return (
    <div className={`field ${wide ? 'wide' : ''} ${error ? 'invalid' : ''}`} data-field={name}>
      <label htmlFor={inputId}>{label}</label>
      {children}
      {hint && !error ? (
        <p className="field-hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${inputId}-error`} data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
