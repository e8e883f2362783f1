// The Hosts screen's state: engines, their live status, and test results.
import type { HostInput, HostStatus } from '../../shared/host';
import type { HostTestResult, HostView } from '../../shared/views';
import { create } from 'zustand';
import { api } from '../api/client';
import { toErrorInfo } from '../api/api-error';
import { notifyError, notifySuccess } from '../app/notices-store';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';

export type HostTestState = { status: 'testing' } | ({ status: 'done' } & HostTestResult);

interface HostsState {
  hosts: Loadable<HostView[]>;
  tests: Record<string, HostTestState>;
  refresh: () => Promise<void>;
  add: (input: HostInput) => Promise<HostView>;
  update: (id: string, input: HostInput) => Promise<HostView>;
  remove: (id: string) => Promise<void>;
  test: (id: string) => Promise<void>;
  setDrained: (id: string, drained: boolean) => Promise<void>;
  applyStatus: (status: HostStatus) => void;
}

function replaceHost(list: HostView[] | null, host: HostView): HostView[] {
  const current = list ?? [];
  return current.some((h) => h.id === host.id)
    ? current.map((h) => (h.id === host.id ? host : h))
    : [...current, host];
}

/** The Hosts screen: hosts with live status, and connection tests by host id. */
export const useHosts = create<HostsState>()((set, get) => ({
  hosts: idle(),
  tests: {},

  async refresh() {
    set((state) => ({ hosts: loading(state.hosts) }));
    try {
      set({ hosts: ready(await api.call('hosts.list')) });
    } catch (error) {
      set((state) => ({ hosts: failed(state.hosts, error) }));
    }
  },

  async add(input) {
    const host = await api.call('hosts.add', input);
    set((state) => ({ hosts: ready(replaceHost(state.hosts.data, host)) }));
    notifySuccess('Host added', host.name);
    return host;
  },

  async update(id, input) {
    const host = await api.call('hosts.update', { id, host: input });
    set((state) => ({ hosts: ready(replaceHost(state.hosts.data, host)) }));
    notifySuccess('Host saved', host.name);
    return host;
  },

  async remove(id) {
    const name = get().hosts.data?.find((h) => h.id === id)?.name ?? 'the host';
    try {
      await api.call('hosts.remove', { id });
      set((state) => ({ hosts: ready((state.hosts.data ?? []).filter((h) => h.id !== id)) }));
      notifySuccess('Host removed', name);
    } catch (error) {
      notifyError(`Could not remove ${name}`, error);
    }
  },

  async test(id) {
    set((state) => ({ tests: { ...state.tests, [id]: { status: 'testing' } } }));
    let result: HostTestResult;
    try {
      result = await api.call('hosts.test', { id });
    } catch (error) {
      result = { ok: false, version: null, apiVersion: null, error: toErrorInfo(error) };
    }
    set((state) => ({ tests: { ...state.tests, [id]: { status: 'done', ...result } } }));
  },

  async setDrained(id, drained) {
    try {
      const host = await api.call('hosts.setDrained', { id, drained });
      set((state) => ({ hosts: ready(replaceHost(state.hosts.data, host)) }));
    } catch (error) {
      notifyError(drained ? 'Could not drain the host' : 'Could not undrain the host', error);
    }
  },

  applyStatus(status) {
    const list = get().hosts.data;
    if (!list?.some((h) => h.id === status.hostId)) return;
    set((state) => ({
      hosts: {
        ...state.hosts,
        data: (state.hosts.data ?? []).map((h) => (h.id === status.hostId ? { ...h, status } : h)),
      },
    }));
  },
}));
