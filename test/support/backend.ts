// Test helpers: a real backend on a temp data directory, talking to the private test engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodResult } from '../../shared/api';
import { startBackend } from '../../electron/app/start-backend';
import type { StartOptions, StartedBackend } from '../../electron/app/start-backend';
import { plainTextSecretBox } from '../../electron/store/key-file-secret-box';
import { bareDocker, engineHostFromEnv } from '../engine/engine';

export interface TestBackend extends StartedBackend {
  dataDir: string;
  /** The id of the host a fresh backend adds for the local engine (here: the test engine). */
  hostId: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  dispose(): Promise<void>;
}

/** A clock tests move by hand. */
export function manualClock(start = Date.now()): { now(): number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** Starts a backend whose local host is the test engine and whose port range is the given band. */
export async function startTestBackend(
  band: { start: number; end: number },
  options: Partial<StartOptions> & { dataDir?: string } = {},
): Promise<TestBackend> {
  const engine = engineHostFromEnv();
  if (!engine) throw new Error('No test engine: BERTH_TEST_DOCKER_HOST is not set');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'berth-test-'));
  const backend = await startBackend({
    secretBox: plainTextSecretBox,
    background: false,
    ...options,
    dataDir,
    env: { DOCKER_HOST: engine },
  });
  const [local] = backend.store.hosts.list();
  if (!local) throw new Error('The backend added no local host');
  backend.store.hosts.update(local.id, { ...local, portRange: band });

  return {
    ...backend,
    dataDir,
    hostId: local.id,
    async call(method, input) {
      const response = await backend.api.invoke(method, input);
      if (!response.ok) {
        throw Object.assign(new Error(`${method}: ${response.error.message}`), {
          info: response.error,
        });
      }
      return response.result as never;
    },
    async dispose() {
      const docker = bareDocker();
      await Promise.all(
        backend.store.instances
          .list()
          .filter((i) => i.containerId !== null)
          .map((i) =>
            docker
              .getContainer(i.containerId ?? '')
              .remove({ force: true })
              .catch(() => undefined),
          ),
      );
      await backend.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
