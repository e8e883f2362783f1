// The Teams screen's state: the roster, CSV import, and a launch for every team with its progress.
import { create } from 'zustand';
import type { Team } from '../../shared/team';
import type { LaunchOutcome, LaunchProgress } from '../../shared/views';
import { ApiError } from '../api/api-error';
import { api } from '../api/client';
import { notifyError, notifySuccess } from '../app/notices-store';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';
import { readTextFile } from '../lib/read-file';

export interface LaunchRun {
  challengeId: string;
  /** Known from the first progress event or the final answer. */
  batchId: string | null;
  total: number;
  done: number;
  outcomes: LaunchOutcome[];
  running: boolean;
}

const maxRosterBytes = 5_000_000;

interface TeamsState {
  teams: Loadable<Team[]>;
  search: string;
  launchChallengeId: string;
  launchHostId: string;
  launch: LaunchRun | null;
  refresh: () => Promise<void>;
  setSearch: (search: string) => void;
  add: (name: string) => Promise<void>;
  rename: (team: Team, name: string) => Promise<void>;
  remove: (team: Team) => Promise<void>;
  importFile: (file: File, hasHeader: boolean) => Promise<void>;
  chooseLaunchChallenge: (challengeId: string) => void;
  chooseLaunchHost: (hostId: string) => void;
  launchAll: () => Promise<void>;
  applyProgress: (progress: LaunchProgress) => void;
  closeLaunch: () => void;
}

function byOutcomeTeam(outcomes: LaunchOutcome[], outcome: LaunchOutcome): LaunchOutcome[] {
  return [...outcomes.filter((o) => o.teamId !== outcome.teamId), outcome];
}

/** The Teams screen: roster, import, and the running launch for all teams. */
export const useTeams = create<TeamsState>()((set, get) => ({
  teams: idle(),
  search: '',
  launchChallengeId: '',
  launchHostId: '',
  launch: null,

  async refresh() {
    set((state) => ({ teams: loading(state.teams) }));
    try {
      set({ teams: ready(await api.call('teams.list')) });
    } catch (error) {
      set((state) => ({ teams: failed(state.teams, error) }));
    }
  },

  setSearch(search) {
    set({ search });
  },

  async add(name) {
    const team = await api.call('teams.add', { name });
    set((state) => ({ teams: ready([...(state.teams.data ?? []), team]) }));
    notifySuccess('Team added', team.name);
  },

  async rename(team, name) {
    const renamed = await api.call('teams.rename', { id: team.id, name });
    set((state) => ({
      teams: ready((state.teams.data ?? []).map((t) => (t.id === team.id ? renamed : t))),
    }));
  },

  async remove(team) {
    try {
      await api.call('teams.remove', { id: team.id });
      set((state) => ({ teams: ready((state.teams.data ?? []).filter((t) => t.id !== team.id)) }));
      notifySuccess('Team removed', team.name);
    } catch (error) {
      notifyError(`Could not remove ${team.name}`, error);
    }
  },

  async importFile(file, hasHeader) {
    try {
      const csv = await readTextFile(file, maxRosterBytes).catch(() => {
        throw new ApiError({
          kind: 'invalid-input',
          message: `${file.name} could not be read, or is larger than 5 MB.`,
        });
      });
      const result = await api.call('teams.import', { csv, hasHeader });
      const skipped = result.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
      notifySuccess(
        `Imported ${result.added} teams`,
        result.skipped.length > 0 ? `Skipped ${result.skipped.length}: ${skipped}` : file.name,
      );
      await get().refresh();
    } catch (error) {
      notifyError(`Could not import ${file.name}`, error);
    }
  },

  chooseLaunchChallenge(challengeId) {
    set({ launchChallengeId: challengeId });
  },

  chooseLaunchHost(hostId) {
    set({ launchHostId: hostId });
  },

  async launchAll() {
    const { launchChallengeId: challengeId, launchHostId: hostId } = get();
    if (challengeId === '') return;
    set({
      launch: {
        challengeId,
        batchId: null,
        total: get().teams.data?.length ?? 0,
        done: 0,
        outcomes: [],
        running: true,
      },
    });
    try {
      const result = await api.call('instances.launchAll', {
        challengeId,
        ...(hostId ? { hostId } : {}),
      });
      set({
        launch: {
          challengeId,
          batchId: result.batchId,
          total: result.outcomes.length,
          done: result.outcomes.length,
          outcomes: result.outcomes,
          running: false,
        },
      });
      const failures = result.outcomes.filter((o) => o.error !== null).length;
      if (failures === 0) notifySuccess('Launched for every team');
    } catch (error) {
      set((state) => ({ launch: state.launch ? { ...state.launch, running: false } : null }));
      notifyError('The launch for all teams failed', error);
    }
  },

  applyProgress(progress) {
    const run = get().launch;
    // Progress of a batch this panel did not start (another window, a script) is not shown here.
    if (!run?.running || run.challengeId !== progress.challengeId) return;
    if (run.batchId !== null && run.batchId !== progress.batchId) return;
    set({
      launch: {
        ...run,
        batchId: progress.batchId,
        total: progress.total,
        done: Math.max(run.done, progress.done),
        outcomes: byOutcomeTeam(run.outcomes, progress.outcome),
      },
    });
  },

  closeLaunch() {
    set({ launch: null });
  },
}));
