// hosts.*: engines Berth can reach, without their secrets on the way out.
import { BerthError, toBerthError } from '../../../shared/errors';
import type { Host } from '../../../shared/host';
import type { HostConnectionView, HostTestResult, HostView } from '../../../shared/views';
import type { EngineVersion } from '../../docker/engine-types';
import type { ApiHandlers } from '../create-api';
import type { ApiServices } from './services';

function connectionView(host: Host): HostConnectionView {
  const { connection } = host;
  if (connection.kind === 'tls') {
    const { key, passphrase, ...rest } = connection;
    return {
      ...rest,
      hasKey: key !== '' || rest.certPath !== '',
      hasPassphrase: passphrase !== '',
    };
  }
  if (connection.kind === 'ssh') {
    const { privateKey, passphrase, ...rest } = connection;
    return { ...rest, hasKey: privateKey !== '' };
  }
  return connection;
}

/** A host as the renderer sees it. */
export function hostView(services: ApiServices, host: Host): HostView {
  return {
    ...host,
    connection: connectionView(host),
    status: services.runtime.health.status(host.id),
    liveInstances: services.store.instances.countLive({ hostId: host.id }),
  };
}

// Each step can fail in its own way: reaching the engine at all (network, TLS), the engine's
// API being too old (negotiated by the first versioned call), a Swarm host that is no manager.
async function testHost(services: ApiServices, host: Host): Promise<HostTestResult> {
  const client = services.probeClient(host);
  let version: EngineVersion | null = null;
  try {
    version = await client.version();
    const info = await client.info();
    if (host.swarm && !info.swarm.isManager) {
      throw new BerthError(
        'invalid-input',
        `${host.name} is not a Swarm manager; turn Swarm off for this host or point it at a manager.`,
        { field: 'swarm' },
      );
    }
    return { ok: true, version: version.version, apiVersion: info.apiVersion, error: null };
  } catch (error) {
    return {
      ok: false,
      version: version?.version ?? null,
      apiVersion: version?.apiVersion ?? null,
      error: toBerthError(error).toInfo(),
    };
  }
}

function requireSaved(services: ApiServices, id: string): Host {
  const host = services.store.hosts.get(id);
  if (!host) throw new BerthError('not-found', `No host with id ${id}`, { field: 'id' });
  return host;
}

function audited(
  services: ApiServices,
  actor: string,
  action: string,
  host: Host,
  message: string,
): void {
  services.store.audit.append({
    actor,
    action,
    hostId: host.id,
    target: host.name,
    outcome: 'ok',
    message,
    engineMessage: '',
    details: {},
  });
}

function refreshed(services: ApiServices, host: Host): HostView {
  services.runtime.engines.forget(host.id);
  services.runtime.health.forget(host.id);
  if (host.enabled) services.runtime.watch(host.id);
  else services.runtime.unwatch(host.id);
  void services.runtime.health.check(host).catch(() => undefined);
  return hostView(services, host);
}

export function hostHandlers(
  services: ApiServices,
): Pick<
  ApiHandlers,
  'hosts.list' | 'hosts.add' | 'hosts.update' | 'hosts.remove' | 'hosts.test' | 'hosts.setDrained'
> {
  const { store } = services;
  return {
    'hosts.list': () => store.hosts.list().map((host) => hostView(services, host)),
    'hosts.add': (input, { actor }) => {
      const host = store.hosts.add(input);
      audited(services, actor, 'host.add', host, `Added host ${host.name}`);
      return refreshed(services, host);
    },
    'hosts.update': ({ id, host: spec }, { actor }) => {
      requireSaved(services, id);
      const host = store.hosts.update(id, spec, { keepSecrets: true });
      audited(services, actor, 'host.update', host, `Updated host ${host.name}`);
      return refreshed(services, host);
    },
    'hosts.remove': ({ id }, { actor }) => {
      const host = requireSaved(services, id);
      store.hosts.remove(id);
      services.runtime.unwatch(id);
      services.runtime.engines.forget(id);
      services.runtime.health.forget(id);
      audited(services, actor, 'host.remove', host, `Removed host ${host.name}`);
      return { removed: true };
    },
    'hosts.test': async (input) => {
      if ('id' in input) return testHost(services, requireSaved(services, input.id));
      return testHost(services, { ...input.host, id: `test-${Date.now()}`, createdAt: Date.now() });
    },
    'hosts.setDrained': ({ id, drained }, { actor }) => {
      const host = requireSaved(services, id);
      const updated = store.hosts.update(id, { ...host, drained });
      audited(
        services,
        actor,
        drained ? 'host.drain' : 'host.undrain',
        updated,
        `${drained ? 'Drained' : 'Undrained'} ${host.name}`,
      );
      return hostView(services, updated);
    },
  };
}
