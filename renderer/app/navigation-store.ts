// Which screen shows, kept in the address hash so reloads and the back button keep the place.
import { create } from 'zustand';
import type { ScreenId } from './screens';
import { isScreenId } from './screens';

export interface Route {
  screen: ScreenId;
  /** The instance the Logs screen follows, when one is chosen. */
  instanceId: string | null;
}

interface NavigationState extends Route {
  go: (screen: ScreenId, instanceId?: string | null) => void;
  /** Follows the address after the operator used back/forward or edited it. */
  syncFromHash: (hash: string) => void;
}

/** Reads a route out of "#/logs/<id>"; unknown screens open Instances. */
export function parseHash(hash: string): Route {
  const [screen = '', instanceId = ''] = hash.replace(/^#\/?/, '').split('/');
  return {
    screen: isScreenId(screen) ? screen : 'instances',
    instanceId: instanceId === '' ? null : decodeURIComponent(instanceId),
  };
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  return route.instanceId === null
    ? `#/${route.screen}`
    : `#/${route.screen}/${encodeURIComponent(route.instanceId)}`;
}

/** The open screen and its instance, mirrored in the address hash. */
export const useNavigation = create<NavigationState>()((set) => ({
  ...parseHash(typeof location === 'undefined' ? '' : location.hash),

  go(screen, instanceId = null) {
    const route = { screen, instanceId };
    set(route);
    const hash = routeHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
  },

  syncFromHash(hash) {
    set(parseHash(hash));
  },
}));
