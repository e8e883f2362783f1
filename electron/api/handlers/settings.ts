// settings.* and app.info.
import type { ApiHandlers } from '../create-api';
import type { ApiServices } from './services';

export function settingsHandlers(
  services: ApiServices,
): Pick<ApiHandlers, 'settings.get' | 'settings.update' | 'app.info'> {
  const { store } = services;
  return {
    'settings.get': () => store.settings.get(),
    'settings.update': (patch, { actor }) => {
      const settings = store.settings.update(patch);
      store.audit.append({
        actor,
        action: 'settings.update',
        hostId: null,
        target: 'settings',
        outcome: 'ok',
        message: `Changed ${Object.keys(patch).join(', ') || 'nothing'}`,
        engineMessage: '',
        details: { changed: Object.keys(patch) },
      });
      return settings;
    },
    'app.info': () => ({
      version: services.app.version,
      mode: services.app.mode,
      dataDir: services.app.dataDir,
      secretStorage: services.app.secretStorage,
    }),
  };
}
