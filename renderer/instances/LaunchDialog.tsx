// Launching one challenge for one team, on a chosen host or wherever there is room.
import type { ReactElement } from 'react';
import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { toErrorInfo } from '../api/api-error';
import { api } from '../api/client';
import { notifySuccess } from '../app/notices-store';
import { useChallenges } from '../challenges/challenges-store';
import { Dialog } from '../components/Dialog';
import { ErrorState } from '../components/ErrorState';
import { HostPicker } from '../hosts/HostPicker';
import { useTeams } from '../teams/teams-store';
import { useInstances } from './instances-store';

/** The launch form; closes on success and shows the safe message on failure. */
export function LaunchDialog({ onClose }: { onClose: () => void }): ReactElement {
  const challengeFieldId = useId();
  const teamFieldId = useId();
  const challenges = useChallenges((state) => state.challenges.data);
  const teams = useTeams((state) => state.teams.data);
  const [challengeId, setChallengeId] = useState('');
  const [team, setTeam] = useState('');
  const [hostId, setHostId] = useState('');
  const [launching, setLaunching] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    if (useChallenges.getState().challenges.status === 'idle') {
      void useChallenges.getState().refresh();
    }
    if (useTeams.getState().teams.status === 'idle') void useTeams.getState().refresh();
  }, []);

  async function launch(): Promise<void> {
    setLaunching(true);
    setFailure(null);
    try {
      const outcome = await api.call('instances.launch', {
        challengeId,
        team,
        ...(hostId ? { hostId } : {}),
      });
      if (outcome.error || !outcome.instance) {
        setFailure(outcome.error ?? { kind: 'internal', message: 'No instance was started.' });
        return;
      }
      useInstances.getState().applyChanges([outcome.instance]);
      notifySuccess(
        outcome.existing ? 'Already running' : 'Launched',
        `${outcome.instance.challengeName} for ${outcome.teamName}: ${outcome.instance.connection.map((c) => c.text).join(', ')}`,
      );
      onClose();
    } catch (error) {
      setFailure(toErrorInfo(error));
    } finally {
      setLaunching(false);
    }
  }

  return (
    <Dialog
      title="Launch an instance"
      onClose={onClose}
      size="small"
      testId="launch-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={launching || challengeId === '' || team === ''}
            onClick={() => void launch()}
          >
            {launching ? 'Launching…' : 'Launch'}
          </button>
        </>
      }
    >
      <form
        className="form-stack"
        onSubmit={(event) => {
          event.preventDefault();
          void launch();
        }}
      >
        {failure ? <ErrorState title="Not launched" error={failure} compact /> : null}
        <div className="field">
          <label htmlFor={challengeFieldId}>Challenge</label>
          <select
            id={challengeFieldId}
            value={challengeId}
            onChange={(event) => {
              setChallengeId(event.target.value);
            }}
          >
            <option value="">Choose a challenge</option>
            {(challenges ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={teamFieldId}>Team</label>
          <input
            id={teamFieldId}
            list="launch-team-names"
            value={team}
            placeholder="Team name"
            autoComplete="off"
            onChange={(event) => {
              setTeam(event.target.value);
            }}
          />
          <datalist id="launch-team-names">
            {(teams ?? []).map((t) => (
              <option key={t.id} value={t.name} />
            ))}
          </datalist>
        </div>
        <HostPicker value={hostId} onChange={setHostId} emptyLabel="Any host (automatic)" />
      </form>
    </Dialog>
  );
}
