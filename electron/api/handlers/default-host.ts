// The host a call means when it names none.
import { BerthError } from '../../../shared/errors';
import type { ApiServices } from './services';

/** The first enabled host (the local engine on a fresh install). */
export function defaultHostId(services: ApiServices): string {
  const host = services.store.hosts.list().find((h) => h.enabled);
  if (!host)
    throw new BerthError('not-found', 'No host is configured; add one on the Hosts screen', {
      field: 'hostId',
    });
  return host.id;
}
