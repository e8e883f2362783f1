// One page of audit entries.
import type { ReactElement } from 'react';
import type { AuditEntry } from '../../shared/audit';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime } from '../lib/format';

interface AuditTableProps {
  entries: readonly AuditEntry[];
  hostName: (hostId: string | null) => string;
  onDetails: (entry: AuditEntry) => void;
}

/** Time, actor, action, target, host, outcome and the safe message. */
export function AuditTable({ entries, hostName, onDetails }: AuditTableProps): ReactElement {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Host</th>
            <th scope="col">Outcome</th>
            <th scope="col">Message</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row">
              <td className="num muted">{entry.id}</td>
              <td className="nowrap">{formatDateTime(entry.time)}</td>
              <td>{entry.actor}</td>
              <td className="mono">{entry.action}</td>
              <td className="clip" title={entry.target}>
                {entry.target}
              </td>
              <td>{hostName(entry.hostId)}</td>
              <td>
                <StatusBadge status={entry.outcome} />
              </td>
              <td className="clip" title={entry.message}>
                {entry.message}
              </td>
              <td>
                <button
                  type="button"
                  className="small"
                  aria-label={`Details of entry ${entry.id}`}
                  onClick={() => {
                    onDetails(entry);
                  }}
                >
                  Details
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
