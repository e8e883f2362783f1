// Shared pieces of the remote-host tests: host inputs for the extra engines, HTTP checks on
// 127.0.0.1, and cleanup of what a backend left on those engines.
import { request } from 'node:http';
import { join } from 'node:path';
import type { HostInput } from '../../../shared/host';
import type { TestEngine } from '../../engine/remote-engines';
import { certText, certsDir, engineDocker, socketOf } from '../../engine/remote-engines';
import type { TestBackend } from '../../support/backend';

type TlsConnection = Extract<HostInput['connection'], { kind: 'tls' }>;

/** A TLS host on the engine, with PEM text for the CA, the client certificate and its key. */
export function tlsHostInput(
  engine: TestEngine,
  band: { start: number; end: number },
  overrides: Omit<Partial<HostInput>, 'connection'> & { connection?: Partial<TlsConnection> } = {},
): HostInput {
  const { connection, ...rest } = overrides;
  return {
    name: engine.name,
    publicAddress: '127.0.0.1',
    bindAddress: '127.0.0.1',
    portRange: band,
    ...rest,
    connection: {
      kind: 'tls',
      host: '127.0.0.1',
      port: engine.port ?? 0,
      ca: certText('ca.pem'),
      cert: certText('client-cert.pem'),
      key: certText('client-key.pem'),
      ...connection,
    },
  };
}

/** The DOCKER_CERT_PATH-style folder make-certs.sh writes (ca.pem, cert.pem, key.pem). */
export const clientCertFolder = join(certsDir, 'client');

/** The swarm engine as a Swarm host on its unix socket. */
export function swarmHostInput(
  engine: TestEngine,
  band: { start: number; end: number },
  overrides: Partial<HostInput> = {},
): HostInput {
  return {
    name: engine.name,
    connection: { kind: 'socket', socketPath: socketOf(engine) },
    publicAddress: '127.0.0.1',
    portRange: band,
    swarm: true,
    ...overrides,
  };
}

/** GET / on 127.0.0.1:port. */
export function httpGet(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

/** GET / until the port answers, up to about five seconds. */
export async function untilAnswers(port: number): Promise<{ status: number; body: string }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await httpGet(port);
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Removes the services, containers and secrets of the backend's instances from the engine. */
export async function removeBackendObjects(
  backend: TestBackend,
  engine: TestEngine,
): Promise<void> {
  const docker = engineDocker(engine);
  const ours = new Set(backend.store.instances.list().map((instance) => instance.id));
  const mine = (labels: Record<string, string> | undefined): boolean =>
    ours.has(labels?.['berth.instance'] ?? '');

  // An engine that is no swarm manager refuses the service and secret calls: it has none.
  const services = await docker
    .listServices({ filters: { label: ['berth.instance'] } })
    .catch(() => []);
  for (const service of services.filter((s) => mine(s.Spec?.Labels))) {
    await docker
      .getService(service.ID)
      .remove()
      .catch(() => undefined);
  }
  const containers = await docker.listContainers({
    all: true,
    filters: { label: ['berth.instance'] },
  });
  for (const container of containers.filter((c) => mine(c.Labels))) {
    await docker
      .getContainer(container.Id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  }
  const secrets = await docker
    .listSecrets({ filters: { label: ['berth.instance'] } })
    .catch(() => []);
  for (const secret of secrets.filter((s) => mine(s.Spec?.Labels))) {
    await docker
      .getSecret(secret.ID)
      .remove()
      .catch(() => undefined);
  }
}
