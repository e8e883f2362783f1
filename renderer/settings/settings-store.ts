// The Settings screen's state: the panel-wide settings and what Berth says about itself.
import { create } from 'zustand';
import type { Settings } from '../../shared/settings';
import type { AppInfo } from '../../shared/views';
import { api } from '../api/client';
import { notifySuccess } from '../app/notices-store';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';

interface SettingsState {
  settings: Loadable<Settings>;
  info: Loadable<AppInfo>;
  refresh: () => Promise<void>;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

/** The Settings screen: settings and app info, loaded together. */
export const useSettings = create<SettingsState>()((set) => ({
  settings: idle(),
  info: idle(),

  async refresh() {
    set((state) => ({ settings: loading(state.settings), info: loading(state.info) }));
    const [settings, info] = await Promise.allSettled([
      api.call('settings.get'),
      api.call('app.info'),
    ]);
    set((state) => ({
      settings:
        settings.status === 'fulfilled'
          ? ready(settings.value)
          : failed(state.settings, settings.reason),
      info: info.status === 'fulfilled' ? ready(info.value) : failed(state.info, info.reason),
    }));
  },

  async save(patch) {
    const settings = await api.call('settings.update', patch);
    set({ settings: ready(settings) });
    notifySuccess('Settings saved');
    return settings;
  },
}));
