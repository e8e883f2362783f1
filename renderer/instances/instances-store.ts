// The Instances screen's data: every instance by id, merged with live changes, and row actions.
import { create } from 'zustand';
import type { InstanceStatus } from '../../shared/instance';
import { liveStatuses } from '../../shared/instance';
import type { ProbeResult, InstanceView } from '../../shared/views';
import { toErrorInfo } from '../api/api-error';
import { api } from '../api/client';
import { notifyError, notifySuccess } from '../app/notices-store';
import type { BatchResult } from '../lib/batch';
import { runBatch } from '../lib/batch';
import { createBatcher } from '../lib/batcher';
import { plural } from '../lib/format';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';

export type InstanceAction = 'extend' | 'restart' | 'stop' | 'start' | 'remove';

export type ProbeState =
  | { status: 'probing' }
  | { status: 'done'; results: ProbeResult[] }
  | { status: 'failed'; message: string };

export interface BulkRun {
  action: InstanceAction;
  done: number;
  total: number;
  cancel: () => void;
}

interface InstancesState {
  instances: Loadable<Record<string, InstanceView>>;
  includeEnded: boolean;
  /** Flags the operator revealed, by instance id; held in memory only. */
  flags: Record<string, string>;
  /** The instance whose flag is shown in the flag dialog. */
  shownFlagId: string | null;
  probes: Record<string, ProbeState>;
  /** The action running on an instance, by id. */
  busy: Record<string, InstanceAction>;
  bulk: BulkRun | null;
  refresh: () => Promise<void>;
  setIncludeEnded: (includeEnded: boolean) => void;
  applyChanges: (views: readonly InstanceView[]) => void;
  /** Takes an 'instance.changed' event; changes are merged in batches. */
  receive: (view: InstanceView) => void;
  act: (action: InstanceAction, id: string) => Promise<void>;
  actOnMany: (action: InstanceAction, ids: readonly string[]) => Promise<BatchResult<string>>;
  revealFlag: (id: string) => Promise<void>;
  hideFlag: () => void;
  probe: (id: string) => Promise<void>;
  closeProbe: (id: string) => void;
}

const actionMethods = {
  extend: 'instances.extend',
  restart: 'instances.restart',
  stop: 'instances.stop',
  start: 'instances.start',
  remove: 'instances.remove',
} as const;

const pastTense: Record<InstanceAction, string> = {
  extend: 'Extended',
  restart: 'Restarted',
  stop: 'Stopped',
  start: 'Started',
  remove: 'Removed',
};

const presentTense: Record<InstanceAction, string> = {
  extend: 'extend',
  restart: 'restart',
  stop: 'stop',
  start: 'start',
  remove: 'remove',
};

/** True while an instance holds a container and a port. */
export function isLive(status: InstanceStatus): boolean {
  return liveStatuses.includes(status);
}

function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== id));
}

function label(view: InstanceView | undefined): string {
  return view ? `${view.teamName} / ${view.challengeName}` : 'the instance';
}

/** The Instances screen data: instances by id, merged with events, and the actions on them. */
export const useInstances = create<InstancesState>()((set, get) => {
  const changes = createBatcher<InstanceView>((views) => {
    get().applyChanges(views);
  });
  // Changes seen while a list request is out; the list may predate them, so they go on top of it.
  let sinceListAsked: InstanceView[] | null = null;

  return {
    instances: idle(),
    includeEnded: false,
    flags: {},
    shownFlagId: null,
    probes: {},
    busy: {},
    bulk: null,

    async refresh() {
      const includeEnded = get().includeEnded;
      set((state) => ({ instances: loading(state.instances) }));
      const seen: InstanceView[] = [];
      sinceListAsked = seen;
      try {
        const list = await api.call('instances.list', { includeEnded });
        changes.flush();
        const byId: Record<string, InstanceView> = {};
        for (const view of list) byId[view.id] = view;
        if (get().includeEnded === includeEnded) {
          set({ instances: ready(byId) });
          get().applyChanges(seen);
        }
      } catch (error) {
        set((state) => ({ instances: failed(state.instances, error) }));
      } finally {
        if (sinceListAsked === seen) sinceListAsked = null;
      }
    },

    setIncludeEnded(includeEnded) {
      set({ includeEnded });
      void get().refresh();
    },

    applyChanges(views) {
      const current = get().instances.data;
      if (current === null) return;
      const includeEnded = get().includeEnded;
      const next = new Map(Object.entries(current));
      for (const view of views) {
        if (includeEnded || isLive(view.status)) next.set(view.id, view);
        else next.delete(view.id);
      }
      set((state) => ({ instances: { ...state.instances, data: Object.fromEntries(next) } }));
    },

    receive(view) {
      sinceListAsked?.push(view);
      changes.add(view);
    },

    async act(action, id) {
      const view = get().instances.data?.[id];
      set((state) => ({ busy: { ...state.busy, [id]: action } }));
      try {
        const updated = await api.call(actionMethods[action], { id });
        get().applyChanges([updated]);
      } catch (error) {
        notifyError(`Could not ${presentTense[action]} ${label(view)}`, error);
      } finally {
        set((state) => ({ busy: without(state.busy, id) }));
      }
    },

    async actOnMany(action, ids) {
      const controller = new AbortController();
      set({
        bulk: {
          action,
          done: 0,
          total: ids.length,
          cancel: () => {
            controller.abort();
          },
        },
      });
      const result = await runBatch(
        ids,
        async (id) => {
          const updated = await api.call(actionMethods[action], { id });
          changes.add(updated);
        },
        {
          concurrency: 6,
          signal: controller.signal,
          onProgress: ({ done, total }) => {
            set((state) => ({ bulk: state.bulk ? { ...state.bulk, done, total } : null }));
          },
        },
      );
      changes.flush();
      set({ bulk: null });

      const ok = result.done - result.failures.length;
      if (result.failures.length > 0) {
        notifyError(
          `${pastTense[action]} ${ok} of ${plural(ids.length, 'instance')}; ${result.failures.length} failed`,
          result.failures[0]?.error,
        );
      } else {
        notifySuccess(
          `${pastTense[action]} ${plural(ok, 'instance')}`,
          result.cancelled ? `Cancelled before the other ${ids.length - result.done}.` : '',
        );
      }
      return result;
    },

    async revealFlag(id) {
      if (get().flags[id] !== undefined) {
        set({ shownFlagId: id });
        return;
      }
      try {
        const { flag } = await api.call('instances.revealFlag', { id });
        set((state) => ({ flags: { ...state.flags, [id]: flag }, shownFlagId: id }));
      } catch (error) {
        notifyError(`Could not reveal the flag of ${label(get().instances.data?.[id])}`, error);
      }
    },

    hideFlag() {
      set({ shownFlagId: null });
    },

    async probe(id) {
      set((state) => ({ probes: { ...state.probes, [id]: { status: 'probing' } } }));
      let probe: ProbeState;
      try {
        probe = { status: 'done', results: await api.call('instances.probe', { id }) };
      } catch (error) {
        probe = { status: 'failed', message: toErrorInfo(error).message };
      }
      set((state) => ({ probes: { ...state.probes, [id]: probe } }));
    },

    closeProbe(id) {
      set((state) => ({ probes: without(state.probes, id) }));
    },
  };
});
