// Browser mode for a test: a real backend on a temp data directory, served over HTTP with a known token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartOptions, StartedBackend } from '../../electron/app/start-backend';
import { startBackend } from '../../electron/app/start-backend';
import { componentLogger } from '../../electron/logger';
import { labelKeys } from '../../electron/runtime/labels';
import type { RunningServer } from '../../electron/server/start-server';
import { startServer } from '../../electron/server/start-server';
import { plainTextSecretBox } from '../../electron/store/key-file-secret-box';
import { rendererDir } from '../e2e/build-renderer';
import { bareDocker, engineHostFromEnv } from '../engine/engine';

export interface ServedBackend {
  /** The server's base address, http://127.0.0.1:<port>. */
  url: string;
  port: number;
  token: string;
  /** The ready-to-open link `npm run serve` prints: `<url>/?token=<token>`. */
  signInUrl: string;
  backend: StartedBackend;
  dataDir: string;
  /** Stops the server and the backend, removes every container Berth made here and the data dir. */
  dispose(): Promise<void>;
}

export interface ServeOptions extends Partial<Omit<StartOptions, 'dataDir' | 'secretBox' | 'env'>> {
  /** The access token; a fixed test token by default. */
  token?: string;
}

const testToken = 'flow-test-token-4f1c2a9e7b3d5068';

// The hosts this backend knows or launched on; their ids label every container it made.
function ownedHostIds(backend: StartedBackend): Set<string> {
  const ids = new Set(backend.store.hosts.list().map((host) => host.id));
  for (const instance of backend.store.instances.list()) ids.add(instance.hostId);
  return ids;
}

async function removeContainersOf(hostIds: ReadonlySet<string>): Promise<void> {
  const docker = bareDocker();
  const listed = await Promise.all(
    [...hostIds].map((id) =>
      docker.listContainers({ all: true, filters: { label: [`${labelKeys.host}=${id}`] } }),
    ),
  );
  await Promise.all(
    listed.flat().map((container) =>
      docker
        .getContainer(container.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
}

/**
 * Starts the backend (its local host is the test engine, background work on, as `npm run serve`
 * does) and browser mode on 127.0.0.1 with a free port, serving the built renderer.
 */
export async function serveTestBackend(options: ServeOptions = {}): Promise<ServedBackend> {
  const engine = engineHostFromEnv();
  if (!engine) throw new Error('No test engine: BERTH_TEST_DOCKER_HOST is not set');
  const { token = testToken, ...startOptions } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-serve-'));

  const backend = await startBackend({
    mode: 'browser',
    ...startOptions,
    dataDir,
    secretBox: plainTextSecretBox,
    env: { DOCKER_HOST: engine },
  });
  let server: RunningServer;
  try {
    server = await startServer({
      api: backend.api,
      host: '127.0.0.1',
      port: 0,
      token,
      staticDir: rendererDir,
      log: componentLogger('serve-test'),
    });
  } catch (error) {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: server.url,
    port: server.port,
    token,
    signInUrl: `${server.url}/?token=${encodeURIComponent(token)}`,
    backend,
    dataDir,
    async dispose() {
      try {
        await server.close();
      } finally {
        // Read before the store closes; the containers go even when closing fails.
        const hostIds = ownedHostIds(backend);
        await backend.close().finally(() => removeContainersOf(hostIds));
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
