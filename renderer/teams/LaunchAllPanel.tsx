// Choosing a challenge (and optionally a host) and launching it for every team.
import type { ReactElement } from 'react';
import { useEffect, useId } from 'react';
import { useChallenges } from '../challenges/challenges-store';
import { HostPicker } from '../hosts/HostPicker';
import { useTeams } from './teams-store';

/** The launch controls above the roster. */
export function LaunchAllPanel({ teamCount }: { teamCount: number }): ReactElement {
  const id = useId();
  const challenges = useChallenges((state) => state.challenges);
  const challengeId = useTeams((state) => state.launchChallengeId);
  const hostId = useTeams((state) => state.launchHostId);
  const running = useTeams((state) => state.launch?.running ?? false);
  const { chooseLaunchChallenge, chooseLaunchHost, launchAll } = useTeams.getState();

  useEffect(() => {
    if (useChallenges.getState().challenges.status === 'idle') {
      void useChallenges.getState().refresh();
    }
  }, []);

  const list = challenges.data ?? [];
  return (
    <section className="panel launch-panel" aria-label="Launch for all teams">
      <h2>Launch a challenge for all teams</h2>
      <div className="panel-row">
        <div className="inline-field">
          <label htmlFor={id}>Challenge</label>
          <select
            id={id}
            value={challengeId}
            onChange={(event) => {
              chooseLaunchChallenge(event.target.value);
            }}
          >
            <option value="">
              {challenges.status === 'loading' && list.length === 0
                ? 'Loading challenges…'
                : 'Choose a challenge'}
            </option>
            {list.map((challenge) => (
              <option key={challenge.id} value={challenge.id}>
                {challenge.name}
              </option>
            ))}
          </select>
        </div>
        <HostPicker value={hostId} onChange={chooseLaunchHost} emptyLabel="Any host (automatic)" />
        <button
          type="button"
          className="primary"
          disabled={challengeId === '' || teamCount === 0 || running}
          onClick={() => void launchAll()}
        >
          {running ? 'Launching…' : `Launch for ${teamCount} teams`}
        </button>
      </div>
      <p className="field-hint">
        Teams that already run this challenge keep their instance; the others get a new one.
      </p>
    </section>
  );
}
