// The challenge's container ports, one row each, with their protocol.
import type { ReactElement } from 'react';
import type { PortProtocol } from '../../shared/challenge';
import { describedBy } from '../components/Field';
import type { FieldErrors } from '../lib/field-errors';
import type { PortRow } from './challenge-form';

interface PortRowsProps {
  rows: PortRow[];
  errors: FieldErrors;
  onChange: (rows: PortRow[]) => void;
}

/** Editable port rows; no rows means "the ports the image exposes". */
export function PortRows({ rows, errors, onChange }: PortRowsProps): ReactElement {
  function update(index: number, row: PortRow): void {
    onChange(rows.map((current, i) => (i === index ? row : current)));
  }

  return (
    <fieldset className="rows" data-field="ports">
      <legend>Ports</legend>
      {rows.length === 0 ? (
        <p className="field-hint">None listed: instances publish the ports the image exposes.</p>
      ) : null}
      {rows.map((row, index) => {
        const id = `port-${index}`;
        const error = errors[`ports.${index}.port`] ?? errors[`ports.${index}`];
        return (
          <div
            key={index}
            className={`row-field ${error ? 'invalid' : ''}`}
            data-field={`ports.${index}.port`}
          >
            <input
              id={id}
              aria-label={`Port ${index + 1}`}
              inputMode="numeric"
              value={row.port}
              placeholder="8080"
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, error)}
              onChange={(event) => {
                update(index, { ...row, port: event.target.value });
              }}
            />
            <select
              aria-label={`Protocol of port ${index + 1}`}
              value={row.protocol}
              onChange={(event) => {
                update(index, { ...row, protocol: event.target.value as PortProtocol });
              }}
            >
              <option value="tcp">TCP (nc)</option>
              <option value="http">HTTP (link)</option>
            </select>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove port ${index + 1}`}
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
      {errors.ports ? (
        <p className="field-error" data-testid="field-error">
          {errors.ports}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => {
          onChange([...rows, { port: '', protocol: 'tcp' }]);
        }}
      >
        Add port
      </button>
    </fieldset>
  );
}
