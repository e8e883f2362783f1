// The Authoring screen's state: the open tab, builds and transfers as their events tell them,
// the session's test-runs and the last readiness report.
import { create } from 'zustand';
import type {
  BuildProgress,
  BuildView,
  ReadinessReport,
  TestRunView,
  TransferProgress,
  TransferView,
} from '../../shared/authoring';
import type { ProbeResult } from '../../shared/views';
import { api } from '../api/client';
import { notifyError } from '../app/notices-store';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';

export type AuthoringTab = 'build' | 'images' | 'testrun' | 'readiness';

/** Lines of a build log the screen keeps. */
const keptLines = 5000;

interface AuthoringState {
  tab: AuthoringTab;
  builds: Record<string, BuildView>;
  /** The build whose log shows. */
  shownBuild: string | null;
  transfers: Record<string, TransferView>;
  runs: Loadable<TestRunView[]>;
  probes: Record<string, ProbeResult[]>;
  report: Loadable<ReadinessReport>;
  setTab: (tab: AuthoringTab) => void;
  showBuild: (buildId: string) => void;
  /** Catches up with builds and transfers that started before the screen opened. */
  refreshJobs: () => Promise<void>;
  onBuildProgress: (progress: BuildProgress) => void;
  onTransferProgress: (progress: TransferProgress) => void;
  refreshRuns: () => Promise<void>;
  probe: (runId: string) => Promise<void>;
  removeRun: (runId: string) => Promise<void>;
  check: (trial: boolean) => Promise<void>;
}

export const useAuthoring = create<AuthoringState>()((set, get) => ({
  tab: 'build',
  builds: {},
  shownBuild: null,
  transfers: {},
  runs: idle(),
  probes: {},
  report: idle(),

  setTab(tab) {
    set({ tab });
  },

  showBuild(buildId) {
    set({ shownBuild: buildId });
  },

  async refreshJobs() {
    try {
      const jobs = await api.call('images.jobs');
      set((state) => ({
        builds: { ...Object.fromEntries(jobs.builds.map((b) => [b.buildId, b])), ...state.builds },
        transfers: {
          ...Object.fromEntries(jobs.transfers.map((t) => [t.transferId, t])),
          ...state.transfers,
        },
        shownBuild: state.shownBuild ?? jobs.builds[0]?.buildId ?? null,
      }));
    } catch (error) {
      notifyError('Could not read the builds and transfers', error);
    }
  },

  onBuildProgress(progress) {
    set((state) => ({
      builds: {
        ...state.builds,
        [progress.buildId]: merged(state.builds[progress.buildId], progress),
      },
    }));
  },

  onTransferProgress(progress) {
    set((state) => {
      const known = state.transfers[progress.transferId];
      const view: TransferView = {
        ...progress,
        startedAt: known?.startedAt ?? Date.now(),
        endedAt: progress.status === 'running' ? null : Date.now(),
      };
      return { transfers: { ...state.transfers, [progress.transferId]: view } };
    });
  },

  async refreshRuns() {
    set((state) => ({ runs: loading(state.runs) }));
    try {
      set({ runs: ready(await api.call('testRuns.list')) });
    } catch (error) {
      set((state) => ({ runs: failed(state.runs, error) }));
    }
  },

  async probe(runId) {
    try {
      const results = await api.call('testRuns.probe', { id: runId });
      set((state) => ({ probes: { ...state.probes, [runId]: results } }));
    } catch (error) {
      notifyError('Could not probe the test-run', error);
    }
  },

  async removeRun(runId) {
    try {
      await api.call('testRuns.remove', { id: runId });
    } catch (error) {
      notifyError('Could not remove the test-run', error);
    }
    await get().refreshRuns();
  },

  async check(trial) {
    set((state) => ({ report: loading(state.report) }));
    try {
      set({ report: ready(await api.call('readiness.check', { trial })) });
    } catch (error) {
      set((state) => ({ report: failed(state.report, error) }));
    }
  },
}));

/** A build's view after one more event: its lines appended, its state replaced. */
export function merged(known: BuildView | undefined, progress: BuildProgress): BuildView {
  const { lines, ...rest } = progress;
  const log = [...(known?.log ?? []), ...lines];
  return {
    ...rest,
    log: log.length > keptLines ? log.slice(log.length - keptLines) : log,
    startedAt: known?.startedAt ?? Date.now(),
    endedAt: progress.status === 'running' ? null : Date.now(),
  };
}

/** `KEY=value` lines as build arguments; blank lines and # comments are skipped. */
export function parseBuildArgs(text: string): {
  args: Record<string, string>;
  error: string | null;
} {
  const args: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    const name = at === -1 ? line : line.slice(0, at);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      return { args, error: `Line ${index + 1}: write NAME=value` };
    }
    args[name] = at === -1 ? '' : line.slice(at + 1);
  }
  return { args, error: null };
}
