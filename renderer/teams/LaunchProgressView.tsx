// Progress of a launch for all teams: a bar, the counts, and each team's outcome.
import type { ReactElement } from 'react';
import { StatusBadge } from '../components/StatusBadge';
import type { LaunchRun } from './teams-store';

interface LaunchProgressViewProps {
  run: LaunchRun;
  challengeName: string;
  onClose: () => void;
}

/** Shows how far the batch is, which teams got an instance and why others did not. */
export function LaunchProgressView({
  run,
  challengeName,
  onClose,
}: LaunchProgressViewProps): ReactElement {
  const failures = run.outcomes.filter((o) => o.error !== null);
  const reused = run.outcomes.filter((o) => o.existing).length;
  const percent = run.total > 0 ? Math.round((run.done / run.total) * 100) : 0;

  return (
    <section
      className="panel launch-progress"
      aria-label="Launch progress"
      data-testid="launch-progress"
    >
      <header className="panel-row">
        <h2>
          {run.running ? 'Launching' : 'Launched'} {challengeName}
        </h2>
        <span className="muted" data-testid="launch-count">
          {run.done} of {run.total || '…'} teams
          {failures.length > 0 ? ` · ${failures.length} failed` : ''}
          {reused > 0 ? ` · ${reused} already running` : ''}
        </span>
        {run.running ? null : (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      <progress
        max={run.total || 1}
        value={run.done}
        aria-label={`Launched ${run.done} of ${run.total} teams`}
      >
        {percent}%
      </progress>
      {run.outcomes.length > 0 ? (
        <ul className="outcomes">
          {run.outcomes.map((outcome) => (
            <li key={outcome.teamId} data-testid="launch-outcome">
              <span className="outcome-team">{outcome.teamName}</span>
              {outcome.error ? (
                <>
                  <StatusBadge status="failed" />
                  <span className="outcome-error">{outcome.error.message}</span>
                </>
              ) : (
                <>
                  <StatusBadge status={outcome.instance?.status ?? 'running'} />
                  <span className="muted">
                    {outcome.existing ? 'already running' : ''}{' '}
                    {outcome.instance?.connection.map((c) => c.text).join('  ')}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
