// The challenge's environment variables, one name and value a row.
import type { ReactElement } from 'react';
import { describedBy } from '../components/Field';
import type { FieldErrors } from '../lib/field-errors';
import type { EnvRow } from './challenge-form';

interface EnvRowsProps {
  rows: EnvRow[];
  errors: FieldErrors;
  onChange: (rows: EnvRow[]) => void;
}

/** Editable environment rows. */
export function EnvRows({ rows, errors, onChange }: EnvRowsProps): ReactElement {
  function update(index: number, row: EnvRow): void {
    onChange(rows.map((current, i) => (i === index ? row : current)));
  }

  return (
    <fieldset className="rows" data-field="env">
      <legend>Environment</legend>
      {rows.map((row, index) => {
        const id = `env-${index}`;
        const error = errors[`env.${index}.key`];
        return (
          <div
            key={index}
            className={`row-field env ${error ? 'invalid' : ''}`}
            data-field={`env.${index}.key`}
          >
            <input
              id={id}
              aria-label={`Name of variable ${index + 1}`}
              className="mono"
              value={row.key}
              placeholder="NAME"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, error)}
              onChange={(event) => {
                update(index, { ...row, key: event.target.value });
              }}
            />
            <input
              aria-label={`Value of variable ${index + 1}`}
              className="mono"
              value={row.value}
              placeholder="value"
              spellCheck={false}
              onChange={(event) => {
                update(index, { ...row, value: event.target.value });
              }}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove variable ${index + 1}`}
              onClick={() => {
                onChange(rows.filter((_, i) => i !== index));
              }}
            >
              ×
            </button>
            {error ? (
              <p className="field-error" id={`${id}-error`} data-testid="field-error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => {
          onChange([...rows, { key: '', value: '' }]);
        }}
      >
        Add variable
      </button>
    </fieldset>
  );
}
