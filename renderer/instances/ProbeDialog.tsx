// Whether each published port of an instance answers.
import type { ReactElement } from 'react';
import { Dialog } from '../components/Dialog';
import { StatusBadge } from '../components/StatusBadge';
import { useInstances } from './instances-store';

/** The probe of one instance: pending, per-port results, or why it could not run. */
export function ProbeDialog({
  id,
  owner,
  onClose,
}: {
  id: string;
  owner: string;
  onClose: () => void;
}): ReactElement {
  const probe = useInstances((state) => state.probes[id]);

  return (
    <Dialog title={`Probe of ${owner}`} onClose={onClose} size="small" testId="probe-dialog">
      {!probe || probe.status === 'probing' ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Probing the ports…
        </p>
      ) : probe.status === 'failed' ? (
        <p role="alert" className="card-error">
          {probe.message}
        </p>
      ) : probe.results.length === 0 ? (
        <p>The instance publishes no ports.</p>
      ) : (
        <ul className="probe-results">
          {probe.results.map((result) => (
            <li key={`${result.containerPort}/${result.protocol}`}>
              <StatusBadge status={result.ok ? 'ok' : 'failed'} />
              <span className="mono">
                {result.hostPort} → {result.containerPort}/{result.protocol}
              </span>
              <span className="muted">{result.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
