// One engine: its health and figures, and what the operator can do with it.
import type { ReactElement } from 'react';
import type { HostView } from '../../shared/views';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatDateTime } from '../lib/format';
import { connectionSummary } from './connection-summary';
import { HostTestLine } from './HostTestLine';
import { useHosts } from './hosts-store';

interface HostCardProps {
  host: HostView;
  onEdit: () => void;
  onRemove: () => void;
}

/** A host with status, version, running containers, CPU, memory and its actions. */
export function HostCard({ host, onEdit, onRemove }: HostCardProps): ReactElement {
  const test = useHosts((state) => state.tests[host.id]);
  const runTest = useHosts((state) => state.test);
  const setDrained = useHosts((state) => state.setDrained);
  const status = host.status;

  return (
    <article className="card host-card" data-testid="host-card" aria-label={host.name}>
      <header className="card-header">
        <div>
          <h2>{host.name}</h2>
          <p className="muted mono">{connectionSummary(host.connection)}</p>
        </div>
        <div className="badges">
          {host.drained ? <StatusBadge status="drained" /> : null}
          <StatusBadge status={status.health} />
        </div>
      </header>

      <dl className="facts">
        <dt>Docker</dt>
        <dd>{status.version ? `${status.version} (API ${status.apiVersion ?? '?'})` : '—'}</dd>
        <dt>Running containers</dt>
        <dd>{status.containersRunning ?? '—'}</dd>
        <dt>CPUs</dt>
        <dd>{status.cpus ?? '—'}</dd>
        <dt>Memory</dt>
        <dd>{status.memoryBytes === null ? '—' : formatBytes(status.memoryBytes)}</dd>
        <dt>Berth instances</dt>
        <dd>
          {host.liveInstances} of {host.capacity}
        </dd>
        <dt>Ports</dt>
        <dd className="mono">
          {host.portRange.start}–{host.portRange.end}
        </dd>
        <dt>Public address</dt>
        <dd className="mono">{host.publicAddress}</dd>
        <dt>Checked</dt>
        <dd>{status.checkedAt > 0 ? formatDateTime(status.checkedAt) : '—'}</dd>
      </dl>
      {status.error ? <p className="card-error">{status.error}</p> : null}

      <footer className="card-actions">
        <button
          type="button"
          aria-label={`Test ${host.name}`}
          onClick={() => void runTest(host.id)}
        >
          Test
        </button>
        <button type="button" aria-label={`Edit ${host.name}`} onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          aria-label={`${host.drained ? 'Undrain' : 'Drain'} ${host.name}`}
          title="A drained host takes no new instances"
          onClick={() => void setDrained(host.id, !host.drained)}
        >
          {host.drained ? 'Undrain' : 'Drain'}
        </button>
        <button
          type="button"
          className="danger-text"
          aria-label={`Remove ${host.name}`}
          onClick={onRemove}
        >
          Remove
        </button>
        {test ? <HostTestLine test={test} /> : null}
      </footer>
    </article>
  );
}
