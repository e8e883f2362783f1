// The roster as a table, with any extra CSV columns it carried.
import type { ReactElement } from 'react';
import type { Team } from '../../shared/team';
import { formatDateTime } from '../lib/format';

interface TeamTableProps {
  teams: readonly Team[];
  onRename: (team: Team) => void;
  onRemove: (team: Team) => void;
}

const shownExtras = 3;

/** One row per team. */
export function TeamTable({ teams, onRename, onRemove }: TeamTableProps): ReactElement {
  const extraKeys = [...new Set(teams.flatMap((team) => Object.keys(team.extra)))].slice(
    0,
    shownExtras,
  );

  return (
    <div className="table-wrap">
      <table className="table" data-testid="team-table">
        <thead>
          <tr>
            <th scope="col">Team</th>
            {extraKeys.map((key) => (
              <th key={key} scope="col">
                {key}
              </th>
            ))}
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id} data-testid="team-row">
              <td>
                <strong>{team.name}</strong>
              </td>
              {extraKeys.map((key) => (
                <td key={key}>{team.extra[key] ?? ''}</td>
              ))}
              <td>{formatDateTime(team.createdAt)}</td>
              <td className="row-actions">
                <button
                  type="button"
                  aria-label={`Rename ${team.name}`}
                  onClick={() => {
                    onRename(team);
                  }}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className="danger-text"
                  aria-label={`Remove ${team.name}`}
                  onClick={() => {
                    onRemove(team);
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
