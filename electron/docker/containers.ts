// One container's life on an engine: create, put files, start, stop, restart, remove.
import type { BerthError } from '../../shared/errors';
import { createBody, filesArchive, specDetails } from './container-create';
import type { EngineSession, Tolerated } from './engine-call';
import { runCall } from './engine-call';
import { engineRequest, idOf } from './engine-request';
import type { ContainerFile, ContainerSpec } from './engine-types';
import { engineImageName } from './images';

const stopGraceMs = 15_000;

/** Creates (does not start) a container; returns its id. Environment values go in the body only. */
export function createContainer(
  session: EngineSession,
  spec: ContainerSpec,
  signal?: AbortSignal,
): Promise<string> {
  return runCall(
    session,
    {
      action: 'container.create',
      target: spec.name,
      signal,
      details: specDetails(spec),
      done: () => `Created container ${spec.name}`,
      resultDetails: (id) => ({ id }),
    },
    async (abortSignal) => {
      const body = createBody({ ...spec, image: engineImageName(spec.image) });
      const answer = await engineRequest(session.docker(), {
        path: '/containers/create',
        method: 'POST',
        query: { name: spec.name },
        body,
        signal: abortSignal,
        ok: [200, 201],
        expect: 'object',
      });
      return idOf(answer, '/containers/create');
    },
  );
}

/** Writes files into a container (before it starts, so the program finds them at once). */
export function putFiles(
  session: EngineSession,
  id: string,
  files: ContainerFile[],
  signal?: AbortSignal,
): Promise<void> {
  return runCall(
    session,
    {
      action: 'container.put-file',
      target: id,
      signal,
      details: { paths: files.map((file) => file.path), sizes: files.map(byteSize) },
      done: () => `Put ${files.length} file(s) into container ${id}`,
    },
    async (abortSignal) => {
      const archive = await filesArchive(files);
      await engineRequest(session.docker(), {
        path: `/containers/${encodeURIComponent(id)}/archive`,
        method: 'PUT',
        query: { path: '/', noOverwriteDirNonDir: true },
        file: archive,
        signal: abortSignal,
      });
    },
  );
}

/** Starts a container; one already running counts as started. */
export function startContainer(
  session: EngineSession,
  id: string,
  signal?: AbortSignal,
): Promise<void> {
  return lifecycleCall(session, 'start', id, {}, signal, (error) =>
    error.kind === 'already-in-state'
      ? tolerated(`Container ${id} was already running`, { already: 'running' })
      : null,
  );
}

/** Stops a container; one already stopped or gone counts as stopped. */
export function stopContainer(
  session: EngineSession,
  id: string,
  options: { timeoutSeconds?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const query = options.timeoutSeconds === undefined ? {} : { t: options.timeoutSeconds };
  return lifecycleCall(
    session,
    'stop',
    id,
    query,
    options.signal,
    (error) => {
      if (error.kind === 'already-in-state') {
        return tolerated(`Container ${id} was already stopped`, { already: 'stopped' });
      }
      if (error.kind === 'not-found') {
        return tolerated(`Container ${id} was already gone`, { already: 'gone' });
      }
      return null;
    },
    session.deadlineMs + (options.timeoutSeconds ?? 10) * 1000 + stopGraceMs,
  );
}

/** Restarts a container. */
export function restartContainer(
  session: EngineSession,
  id: string,
  options: { timeoutSeconds?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const query = options.timeoutSeconds === undefined ? {} : { t: options.timeoutSeconds };
  return lifecycleCall(
    session,
    'restart',
    id,
    query,
    options.signal,
    () => null,
    session.deadlineMs + (options.timeoutSeconds ?? 10) * 1000 + stopGraceMs,
  );
}

/** Removes a container (and its anonymous volumes); one gone or already being removed counts as removed. */
export function removeContainer(
  session: EngineSession,
  id: string,
  options: { force?: boolean; signal?: AbortSignal; reason?: string } = {},
): Promise<void> {
  const force = options.force ?? false;
  return runCall(
    session,
    {
      action: 'container.remove',
      target: id,
      signal: options.signal,
      details: { force, ...(options.reason === undefined ? {} : { reason: options.reason }) },
      done: () => `Removed container ${id}`,
      tolerate: (error) => {
        if (error.kind === 'not-found') {
          return tolerated(`Container ${id} was already gone`, { already: 'gone' });
        }
        if (error.kind === 'already-in-state') {
          return tolerated(`Container ${id} was already being removed`, {
            already: 'being removed',
          });
        }
        return null;
      },
    },
    async (abortSignal) => {
      await engineRequest(session.docker(), {
        path: `/containers/${encodeURIComponent(id)}`,
        method: 'DELETE',
        query: { force, v: true },
        signal: abortSignal,
        ok: [200, 204],
      });
    },
  );
}

function lifecycleCall(
  session: EngineSession,
  verb: 'start' | 'stop' | 'restart',
  id: string,
  query: Record<string, unknown>,
  signal: AbortSignal | undefined,
  tolerate: (error: BerthError) => Tolerated<undefined> | null,
  deadlineMs?: number,
): Promise<void> {
  const past = { start: 'Started', stop: 'Stopped', restart: 'Restarted' }[verb];
  return runCall<undefined>(
    session,
    {
      action: `container.${verb}`,
      target: id,
      signal,
      details: query,
      done: () => `${past} container ${id}`,
      tolerate,
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
    },
    async (abortSignal) => {
      await engineRequest(session.docker(), {
        path: `/containers/${encodeURIComponent(id)}/${verb}`,
        method: 'POST',
        query,
        signal: abortSignal,
        ok: [200, 204],
      });
      return undefined;
    },
  );
}

function tolerated(message: string, details: Record<string, unknown>): Tolerated<undefined> {
  return { value: undefined, message, details };
}

function byteSize(file: ContainerFile): number {
  return typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.length;
}
