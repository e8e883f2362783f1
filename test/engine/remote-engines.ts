// The extra engines of the remote-host tests: two TLS engines on 127.0.0.1 and a single-node swarm.
// start-tls.sh and start-swarm.sh start them; these helpers reach, stop and clean them.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

export interface TestEngine {
  /** How the tests name it. */
  name: string;
  script: 'start-tls.sh' | 'start-swarm.sh';
  dir: string;
  /** The TLS port on 127.0.0.1; null for the swarm engine (unix socket only). */
  port: number | null;
  /** Settings the start script reads. */
  env: Record<string, string>;
}

/** Where make-certs.sh writes the CA, the engines' and the clients' certificates. */
export const certsDir = process.env.BERTH_TLS_CERTS ?? '/tmp/berth-engine-tls/certs';

/** The TLS engine the connection and flow tests use. */
export const tlsEngine: TestEngine = {
  name: 'lab-tls',
  script: 'start-tls.sh',
  dir: '/tmp/berth-engine-tls',
  port: 43990,
  env: {},
};

/** A second TLS engine, for placement across engines; its test stops and restarts it. */
export const outageEngine: TestEngine = {
  name: 'lab-outage',
  script: 'start-tls.sh',
  dir: '/tmp/berth-engine-tls2',
  port: 43991,
  env: {
    BERTH_TLS_ENGINE_DIR: '/tmp/berth-engine-tls2',
    BERTH_TLS_ENGINE_PORT: '43991',
    BERTH_TLS_ENGINE_BRIDGE: 'berth3',
    BERTH_TLS_ENGINE_CIDR: '172.31.253.1/24',
    BERTH_TLS_ENGINE_POOL: '10.212.0.0/16',
  },
};

/** A single-node swarm manager on a unix socket. */
export const swarmEngine: TestEngine = {
  name: 'lab-swarm',
  script: 'start-swarm.sh',
  dir: '/tmp/berth-engine-swarm',
  port: null,
  env: {},
};

export const remoteEngines = [tlsEngine, outageEngine, swarmEngine];

/** The passphrase client-key-locked.pem is encrypted with. */
export const keyPassphrase = 'berth-test-passphrase';

/** One file of the generated TLS material, as text. */
export function certText(name: string): string {
  return readFileSync(join(certsDir, name), 'utf8');
}

/** The engine's private unix socket. */
export function socketOf(engine: TestEngine): string {
  return join(engine.dir, 'docker.sock');
}

/** A bare dockerode client on the engine's private socket, for checking what Berth did. */
export function engineDocker(engine: TestEngine): Docker {
  return new Docker({ socketPath: socketOf(engine) });
}

/** Starts the engine (or reuses it) and resolves with its address. */
export async function startEngine(engine: TestEngine): Promise<string> {
  const { stdout } = await run('bash', [join(here, engine.script)], {
    env: { ...process.env, ...engine.env },
  });
  return stdout.trim().split('\n').pop() ?? '';
}

/** Stops a TLS engine's dockerd; its containers keep running (live restore). */
export async function stopEngine(engine: TestEngine): Promise<void> {
  await run('bash', [join(here, engine.script), 'stop'], {
    env: { ...process.env, ...engine.env },
  });
}

/**
 * Removes Berth objects (services, containers, secrets) tests left on the extra engines: in CI
 * everything, elsewhere only what is over an hour old, since another run may still use the rest.
 */
export async function removeRemoteLeftovers(): Promise<void> {
  const cutoffSeconds = process.env.CI ? Infinity : Date.now() / 1000 - 3600;
  const old = (created: number | string | undefined): boolean => {
    const seconds = typeof created === 'string' ? Date.parse(created) / 1000 : (created ?? 0);
    return seconds < cutoffSeconds;
  };
  for (const engine of remoteEngines) {
    const docker = engineDocker(engine);
    const alive = await docker.ping().then(
      () => true,
      () => false,
    );
    if (!alive) continue;

    // Engines that are no swarm manager refuse the service and secret calls: they have none.
    const services = await docker
      .listServices({ filters: { label: ['berth.managed'] } })
      .catch(() => []);
    await Promise.all(
      services
        .filter((s) => old(s.CreatedAt))
        .map((s) =>
          docker
            .getService(s.ID)
            .remove()
            .catch(() => undefined),
        ),
    );
    const containers = await docker.listContainers({
      all: true,
      filters: { label: ['berth.managed'] },
    });
    await Promise.all(
      containers
        .filter((c) => old(c.Created) && c.Labels['com.docker.swarm.task.id'] === undefined)
        .map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true, v: true })
            .catch(() => undefined),
        ),
    );
    const secrets = await docker
      .listSecrets({ filters: { label: ['berth.managed'] } })
      .catch(() => []);
    await Promise.all(
      secrets
        .filter((s) => old(s.CreatedAt))
        .map((s) =>
          docker
            .getSecret(s.ID)
            .remove()
            .catch(() => undefined),
        ),
    );
  }
}
