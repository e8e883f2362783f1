// Challenges as a table with their row actions.
import type { ReactElement } from 'react';
import type { Challenge } from '../../shared/challenge';
import { formatDuration } from '../lib/format';

interface ChallengeTableProps {
  challenges: readonly Challenge[];
  onEdit: (challenge: Challenge) => void;
  onExport: (challenge: Challenge) => void;
  onLaunchAll: (challenge: Challenge) => void;
  onRemove: (challenge: Challenge) => void;
}

function portsText(challenge: Challenge): string {
  return challenge.ports.length === 0
    ? 'from image'
    : challenge.ports.map((p) => `${p.port}/${p.protocol}`).join(', ');
}

/** One row per challenge: name, category, image, ports, lifetime and flag. */
export function ChallengeTable({
  challenges,
  onEdit,
  onExport,
  onLaunchAll,
  onRemove,
}: ChallengeTableProps): ReactElement {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="challenge-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Category</th>
            <th scope="col">Image</th>
            <th scope="col">Ports</th>
            <th scope="col">Lifetime</th>
            <th scope="col">Flag</th>
            <th scope="col" className="num">
              Points
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {challenges.map((challenge) => (
            <tr key={challenge.id} data-testid="challenge-row">
              <td className="nowrap">
                <strong>{challenge.name}</strong>
              </td>
              <td>{challenge.category || <span className="muted">—</span>}</td>
              <td className="mono nowrap">{challenge.image}</td>
              <td className="mono">{portsText(challenge)}</td>
              <td className="nowrap">
                {formatDuration(challenge.lifetimeSeconds)}
                <span className="muted">
                  {' '}
                  + {challenge.maxExtensions} × {formatDuration(challenge.extensionSeconds)}
                </span>
              </td>
              <td className="nowrap">
                {challenge.flag.mode === 'dynamic' ? 'per team' : 'static'}
                <span className="muted">
                  {' '}
                  ·{' '}
                  {challenge.flag.delivery === 'env'
                    ? challenge.flag.envName
                    : challenge.flag.filePath}
                </span>
              </td>
              <td className="num">{challenge.value}</td>
              <td className="row-actions">
                <button
                  type="button"
                  aria-label={`Launch ${challenge.name} for all teams`}
                  onClick={() => {
                    onLaunchAll(challenge);
                  }}
                >
                  Launch all
                </button>
                <button
                  type="button"
                  aria-label={`Edit ${challenge.name}`}
                  onClick={() => {
                    onEdit(challenge);
                  }}
                >
                  Edit
                </button>
                <button
                  type="button"
                  aria-label={`Export ${challenge.name}`}
                  onClick={() => {
                    onExport(challenge);
                  }}
                >
                  Export
                </button>
                <button
                  type="button"
                  className="danger-text"
                  aria-label={`Remove ${challenge.name}`}
                  onClick={() => {
                    onRemove(challenge);
                  }}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
