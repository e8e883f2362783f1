// The Teams screen: the roster, CSV import, and launching a challenge for every team.
import type { ReactElement } from 'react';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Team } from '../../shared/team';
import { useChallenges } from '../challenges/challenges-store';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FilePickerButton } from '../components/FilePickerButton';
import { LoadView } from '../components/LoadView';
import { ScreenHeader } from '../components/ScreenHeader';
import { SearchInput } from '../components/SearchInput';
import { plural } from '../lib/format';
import { LaunchAllPanel } from './LaunchAllPanel';
import { LaunchProgressView } from './LaunchProgressView';
import { TeamNameDialog } from './TeamNameDialog';
import { TeamTable } from './TeamTable';
import { useTeams } from './teams-store';

type NameEdit = { mode: 'add' } | { mode: 'rename'; team: Team } | null;

/** Teams whose name contains the search text. */
export function filterTeams(teams: readonly Team[], search: string): Team[] {
  const needle = search.trim().toLowerCase();
  return needle === '' ? [...teams] : teams.filter((t) => t.name.toLowerCase().includes(needle));
}

/** Roster, import, and the launch-for-all panel with its progress. */
export function TeamsScreen(): ReactElement {
  const headerId = useId();
  const { teams, search, launch } = useTeams();
  const { refresh, setSearch, add, rename, remove, importFile, closeLaunch } = useTeams.getState();
  const challenges = useChallenges((state) => state.challenges.data);
  const [hasHeader, setHasHeader] = useState(false);
  const [nameEdit, setNameEdit] = useState<NameEdit>(null);
  const [removing, setRemoving] = useState<Team | null>(null);
  const shown = useMemo(() => filterTeams(teams.data ?? [], search), [teams.data, search]);

  useEffect(() => {
    void useTeams.getState().refresh();
  }, []);

  const launchName = challenges?.find((c) => c.id === launch?.challengeId)?.name ?? 'the challenge';

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader
        title="Teams"
        subtitle={teams.data ? plural(teams.data.length, 'team') : 'The roster'}
      >
        <div className="inline-field">
          <input
            id={headerId}
            type="checkbox"
            checked={hasHeader}
            onChange={(event) => {
              setHasHeader(event.target.checked);
            }}
          />
          <label htmlFor={headerId}>CSV has a header line</label>
        </div>
        <FilePickerButton
          label="Import CSV"
          inputLabel="Roster CSV file"
          accept=".csv,text/csv,text/plain"
          onFile={(file) => void importFile(file, hasHeader)}
        />
        <button
          type="button"
          className="primary"
          onClick={() => {
            setNameEdit({ mode: 'add' });
          }}
        >
          Add team
        </button>
      </ScreenHeader>

      <LaunchAllPanel teamCount={teams.data?.length ?? 0} />
      {launch ? (
        <LaunchProgressView run={launch} challengeName={launchName} onClose={closeLaunch} />
      ) : null}

      <div className="toolbar">
        <SearchInput value={search} onChange={setSearch} label="Search teams" />
      </div>
      <LoadView
        state={teams}
        what="teams"
        isEmpty={(list) => list.length === 0}
        onRetry={() => void refresh()}
        empty={
          <>
            <strong>No teams yet</strong>
            <p>Import a roster CSV (one team a line, the name first) or add teams one by one.</p>
          </>
        }
      >
        {() =>
          shown.length === 0 ? (
            <div className="state empty">No team matches “{search}”.</div>
          ) : (
            <TeamTable
              teams={shown}
              onRename={(team) => {
                setNameEdit({ mode: 'rename', team });
              }}
              onRemove={setRemoving}
            />
          )
        }
      </LoadView>

      {nameEdit ? (
        <TeamNameDialog
          title={nameEdit.mode === 'add' ? 'Add a team' : `Rename ${nameEdit.team.name}`}
          initial={nameEdit.mode === 'add' ? '' : nameEdit.team.name}
          submitLabel={nameEdit.mode === 'add' ? 'Add team' : 'Rename'}
          onSubmit={(name) => (nameEdit.mode === 'add' ? add(name) : rename(nameEdit.team, name))}
          onClose={() => {
            setNameEdit(null);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          message="The team leaves the roster."
          items={[removing.name]}
          confirmLabel="Remove team"
          onCancel={() => {
            setRemoving(null);
          }}
          onConfirm={() => {
            void remove(removing);
            setRemoving(null);
          }}
        />
      ) : null}
    </section>
  );
}
