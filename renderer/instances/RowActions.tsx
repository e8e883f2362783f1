// The actions on one instance: extend, restart, stop or start, remove, logs, probe.
import type { ReactElement } from 'react';
import type { InstanceView } from '../../shared/views';
import { IconButton } from '../components/IconButton';
import type { InstanceAction } from './instances-store';
import { isLive } from './instances-store';

interface RowActionsProps {
  view: InstanceView;
  owner: string;
  busy: InstanceAction | undefined;
  onAction: (action: InstanceAction | 'logs' | 'probe', id: string) => void;
}

/** Icon buttons named "<Action> <team> / <challenge>". */
export function RowActions({ view, owner, busy, onAction }: RowActionsProps): ReactElement {
  const live = isLive(view.status);
  const stopped = view.status === 'stopped';
  const canExtend = live && view.extensions < view.maxExtensions;
  const disabled = busy !== undefined;

  return (
    <div className="row-actions">
      <IconButton
        icon="extend"
        label={`Extend ${owner}`}
        disabled={disabled || !canExtend}
        onClick={() => {
          onAction('extend', view.id);
        }}
      />
      <IconButton
        icon="restart"
        label={`Restart ${owner}`}
        disabled={disabled || !live}
        onClick={() => {
          onAction('restart', view.id);
        }}
      />
      {stopped ? (
        <IconButton
          icon="play"
          label={`Start ${owner}`}
          disabled={disabled}
          onClick={() => {
            onAction('start', view.id);
          }}
        />
      ) : (
        <IconButton
          icon="stop"
          label={`Stop ${owner}`}
          disabled={disabled || !live}
          onClick={() => {
            onAction('stop', view.id);
          }}
        />
      )}
      <IconButton
        icon="trash"
        label={`Remove ${owner}`}
        tone="danger"
        disabled={disabled || !live}
        onClick={() => {
          onAction('remove', view.id);
        }}
      />
      <IconButton
        icon="logs"
        label={`Logs of ${owner}`}
        disabled={view.containerId === null}
        onClick={() => {
          onAction('logs', view.id);
        }}
      />
      <IconButton
        icon="probe"
        label={`Probe ${owner}`}
        disabled={!live}
        onClick={() => {
          onAction('probe', view.id);
        }}
      />
    </div>
  );
}
