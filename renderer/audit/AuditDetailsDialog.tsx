// Everything one audit entry holds, including the engine's own text and the chain hashes.
import type { ReactElement } from 'react';
import type { AuditEntry } from '../../shared/audit';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '../lib/format';

/** The entry's fields, details as JSON. */
export function AuditDetailsDialog({
  entry,
  onClose,
}: {
  entry: AuditEntry;
  onClose: () => void;
}): ReactElement {
  return (
    <Dialog title={`Audit entry #${entry.id}`} onClose={onClose} testId="audit-details">
      <dl className="facts wide">
        <dt>Time</dt>
        <dd>{formatDateTime(entry.time)}</dd>
        <dt>Actor</dt>
        <dd>{entry.actor}</dd>
        <dt>Action</dt>
        <dd className="mono">{entry.action}</dd>
        <dt>Target</dt>
        <dd className="break">{entry.target}</dd>
        <dt>Outcome</dt>
        <dd>{entry.outcome}</dd>
        <dt>Message</dt>
        <dd>{entry.message || '—'}</dd>
        <dt>Engine said</dt>
        <dd className="mono break">{entry.engineMessage || '—'}</dd>
        <dt>Details</dt>
        <dd>
          <pre className="code">{JSON.stringify(entry.details, null, 2)}</pre>
        </dd>
        <dt>Hash</dt>
        <dd className="mono break">{entry.hash}</dd>
        <dt>Previous hash</dt>
        <dd className="mono break">{entry.prevHash}</dd>
      </dl>
    </Dialog>
  );
}
