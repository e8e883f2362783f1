// Shared pieces of the authoring tests: events captured from a backend, builds and transfers
// awaited to their end, the second engine, and cleanup of the images these tests make.
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import type { ApiEvents, EventName } from '../../../shared/api';
import type { BuildProgress, TransferProgress } from '../../../shared/authoring';
import type { ApiEvent } from '../../../shared/rpc';
import { bareDocker } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';

/** The label the fixture Dockerfiles put on what they build (intermediate images too). */
export const suiteLabel = 'berth.test.suite=authoring';

/** A fixture challenge folder's absolute path. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/challenges/${name}`, import.meta.url));
}

export interface EventLog {
  /** Every event of the type so far, in order. */
  of<E extends EventName>(type: E): ApiEvents[E][];
  /** Resolves with the first event of the type (already seen or still to come) that matches. */
  next<E extends EventName>(
    type: E,
    match: (payload: ApiEvents[E]) => boolean,
  ): Promise<ApiEvents[E]>;
  stop(): void;
}

/** Records every event the backend pushes from now on. */
export function recordEvents(backend: TestBackend): EventLog {
  const seen: ApiEvent[] = [];
  const waiters = new Set<() => void>();
  const stop = backend.api.subscribe((event) => {
    seen.push(event);
    for (const wake of [...waiters]) wake();
  });
  const of = <E extends EventName>(type: E): ApiEvents[E][] =>
    seen.filter((event) => event.type === type).map((event) => event.payload as ApiEvents[E]);
  return {
    of,
    next: (type, match) =>
      new Promise((resolve) => {
        const look = (): boolean => {
          const found = of(type).find(match);
          if (found === undefined) return false;
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = (): void => {
          look();
        };
        if (!look()) waiters.add(wake);
      }),
    stop,
  };
}

/** Starts a build and resolves with its last event and every event it sent. */
export async function buildToEnd(
  backend: TestBackend,
  events: EventLog,
  input: Parameters<TestBackend['call']>[1] & { contextDir: string; tag: string },
): Promise<{ end: BuildProgress; progress: BuildProgress[] }> {
  const { buildId } = await backend.call('images.build', input);
  const end = await events.next(
    'build.progress',
    (e) => e.buildId === buildId && e.status !== 'running',
  );
  return { end, progress: events.of('build.progress').filter((e) => e.buildId === buildId) };
}

/** Resolves with a transfer's last event and every event it sent. */
export async function transferToEnd(
  events: EventLog,
  transferId: string,
): Promise<{ end: TransferProgress; progress: TransferProgress[] }> {
  const end = await events.next(
    'transfer.progress',
    (e) => e.transferId === transferId && e.status !== 'running',
  );
  return {
    end,
    progress: events.of('transfer.progress').filter((e) => e.transferId === transferId),
  };
}

/** The second engine's socket path (test/engine/start-authoring.sh). */
export function secondSocketPath(): string {
  const host = process.env.BERTH_AUTHORING_DOCKER_HOST;
  if (!host?.startsWith('unix://')) {
    throw new Error('No second engine: run test/engine/start-authoring.sh');
  }
  return host.slice('unix://'.length);
}

/** A bare client on the second engine, for checking what Berth did there. */
export function secondDocker(): Docker {
  return new Docker({ socketPath: secondSocketPath() });
}

/** Removes every image on the second engine: only these tests put images there. */
export async function emptySecondEngine(): Promise<void> {
  const docker = secondDocker();
  for (const container of await docker.listContainers({ all: true })) {
    await docker.getContainer(container.Id).remove({ force: true });
  }
  for (const image of await docker.listImages({ all: true })) {
    await docker
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
}

/** Removes the images the fixture Dockerfiles built on the main test engine. */
export async function removeBuiltImages(): Promise<void> {
  const docker = bareDocker();
  const images = await docker.listImages({ all: true, filters: { label: [suiteLabel] } });
  for (const image of images) {
    await docker
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
}

/** Names a test tag so parallel runs never share it. */
export function uniqueTag(name: string): string {
  return `berth-authoring/${name}:it-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
}
