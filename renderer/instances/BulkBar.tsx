// Actions on every selected instance, with progress and cancel while they run.
import type { ReactElement } from 'react';
import { plural } from '../lib/format';
import type { BulkRun, InstanceAction } from './instances-store';

interface BulkBarProps {
  count: number;
  bulk: BulkRun | null;
  onAction: (action: InstanceAction) => void;
  onClear: () => void;
}

const verbs: Record<InstanceAction, string> = {
  extend: 'Extending',
  restart: 'Restarting',
  stop: 'Stopping',
  start: 'Starting',
  remove: 'Removing',
};

/** Shown while something is selected or a bulk action runs. */
export function BulkBar({ count, bulk, onAction, onClear }: BulkBarProps): ReactElement | null {
  if (bulk) {
    return (
      <div className="bulk-bar" role="status" data-testid="bulk-bar">
        <span>
          {verbs[bulk.action]} {bulk.done} of {bulk.total}…
        </span>
        <progress max={bulk.total} value={bulk.done} aria-label="Bulk action progress" />
        <button type="button" onClick={bulk.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (count === 0) return null;

  return (
    <div className="bulk-bar" role="region" aria-label="Selection" data-testid="bulk-bar">
      <strong>{plural(count, 'instance')} selected</strong>
      <button
        type="button"
        onClick={() => {
          onAction('extend');
        }}
      >
        Extend
      </button>
      <button
        type="button"
        onClick={() => {
          onAction('restart');
        }}
      >
        Restart
      </button>
      <button
        type="button"
        onClick={() => {
          onAction('stop');
        }}
      >
        Stop
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => {
          onAction('remove');
        }}
      >
        Remove
      </button>
      <button type="button" className="link-button" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
