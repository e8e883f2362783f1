// One engine client per host, made on first use and dropped when the host changes.
import { BerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { Store } from '../store/database';
import type { EngineRegistry } from './context';
import type { InstanceEngine } from './engine-port';

export class HostEngines<E extends InstanceEngine> implements EngineRegistry {
  private readonly clients = new Map<string, E>();

  constructor(
    private readonly store: Store,
    private readonly create: (host: Host) => E,
    private readonly healthy: (hostId: string) => boolean,
  ) {}

  /** The client for a saved host; not-found for an unknown one. */
  engineFor(hostId: string): E {
    const cached = this.clients.get(hostId);
    if (cached) return cached;
    const host = this.store.hosts.get(hostId);
    if (!host) throw new BerthError('not-found', `No host with id ${hostId}`, { field: 'hostId' });
    const client = this.create(host);
    this.clients.set(hostId, client);
    return client;
  }

  isHealthy(hostId: string): boolean {
    return this.healthy(hostId);
  }

  /** Drops the client of a host whose connection changed or that was removed. */
  forget(hostId: string): void {
    this.clients.delete(hostId);
  }
}
