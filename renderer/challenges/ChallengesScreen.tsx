// The Challenges screen: the list, the form, import from challenge.yml and export.
import type { ReactElement } from 'react';
import { useEffect, useMemo, useState } from 'react';
import type { Challenge } from '../../shared/challenge';
import { useNavigation } from '../app/navigation-store';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FileDropZone } from '../components/FileDropZone';
import { FilePickerButton } from '../components/FilePickerButton';
import { LoadView } from '../components/LoadView';
import { ScreenHeader } from '../components/ScreenHeader';
import { SearchInput } from '../components/SearchInput';
import { useImages } from '../images/images-store';
import { plural } from '../lib/format';
import { useTeams } from '../teams/teams-store';
import { ChallengeFormDialog } from './ChallengeFormDialog';
import { ChallengeTable } from './ChallengeTable';
import { useChallenges } from './challenges-store';

/** Challenges whose name, category or image contains the search text. */
export function filterChallenges(list: readonly Challenge[], search: string): Challenge[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return [...list];
  return list.filter((c) =>
    [c.name, c.category, c.image].some((text) => text.toLowerCase().includes(needle)),
  );
}

/** Challenges with create, edit, import (picker or drop), export and remove. */
export function ChallengesScreen(): ReactElement {
  const { challenges, search, editing, importing } = useChallenges();
  const { refresh, setSearch, startCreate, startEdit, remove, importFile, exportOne } =
    useChallenges.getState();
  const chooseLaunch = useTeams((state) => state.chooseLaunchChallenge);
  const go = useNavigation((state) => state.go);
  const [removing, setRemoving] = useState<Challenge | null>(null);
  const shown = useMemo(
    () => filterChallenges(challenges.data ?? [], search),
    [challenges.data, search],
  );

  useEffect(() => {
    void useChallenges.getState().refresh();
    if (useImages.getState().images.status === 'idle') void useImages.getState().refresh();
  }, []);

  const onFile = (file: File): void => {
    void importFile(file);
  };

  return (
    <FileDropZone prompt="Drop a challenge.yml to import it" onFile={onFile}>
      <section className="screen" aria-labelledby="screen-title">
        <ScreenHeader
          title="Challenges"
          subtitle={
            challenges.data
              ? `${plural(challenges.data.length, 'challenge')} · drop a challenge.yml anywhere here to import it`
              : 'Challenge definitions'
          }
        >
          <FilePickerButton
            label={importing ? 'Importing…' : 'Import challenge.yml'}
            inputLabel="challenge.yml file"
            accept=".yml,.yaml,application/yaml,text/yaml"
            onFile={onFile}
            disabled={importing}
          />
          <button
            type="button"
            className="primary"
            onClick={() => {
              startCreate();
            }}
          >
            New challenge
          </button>
        </ScreenHeader>
        <div className="toolbar">
          <SearchInput value={search} onChange={setSearch} label="Search challenges" />
        </div>

        <LoadView
          state={challenges}
          what="challenges"
          isEmpty={(list) => list.length === 0}
          onRetry={() => void refresh()}
          empty={
            <>
              <strong>No challenges yet</strong>
              <p>Create one from an image, or import a ctfcli challenge.yml.</p>
            </>
          }
        >
          {() =>
            shown.length === 0 ? (
              <div className="state empty">No challenge matches “{search}”.</div>
            ) : (
              <ChallengeTable
                challenges={shown}
                onEdit={startEdit}
                onExport={(challenge) => void exportOne(challenge)}
                onLaunchAll={(challenge) => {
                  chooseLaunch(challenge.id);
                  go('teams');
                }}
                onRemove={setRemoving}
              />
            )
          }
        </LoadView>

        {editing ? <ChallengeFormDialog key={editing.mode} editing={editing} /> : null}
        {removing ? (
          <ConfirmDialog
            title={`Remove ${removing.name}?`}
            message="The challenge definition is deleted."
            items={[`${removing.name} (${removing.image})`]}
            confirmLabel="Remove challenge"
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
    </FileDropZone>
  );
}
