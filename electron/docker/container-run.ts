// Launches a container in one step and leaves nothing behind when a step fails.
import { isBerthError } from '../../shared/errors';
import { componentLogger } from '../logger';
import type { EngineSession } from './engine-call';
import { inspectContainer } from './container-queries';
import { createContainer, putFiles, removeContainer, startContainer } from './containers';
import type { ContainerSpec, RunResult } from './engine-types';

const log = componentLogger('docker');

/** Create, put files, start, read the ports back; on any failure the half-made container is removed. */
export async function runContainer(
  session: EngineSession,
  spec: ContainerSpec,
  signal?: AbortSignal,
): Promise<RunResult> {
  let id: string;
  try {
    id = await createContainer(session, spec, signal);
  } catch (error) {
    // A create whose answer was lost may still have made the container.
    if (isBerthError(error, 'timeout') || isBerthError(error, 'cancelled')) {
      await removeIfMadeBy(session, spec);
    }
    throw error;
  }

  // The steps name the container as the operator knows it; the engine matches exact names first.
  try {
    if (spec.files !== undefined && spec.files.length > 0) {
      await putFiles(session, spec.name, spec.files, signal);
    }
    await startContainer(session, spec.name, signal);
    const details = await inspectContainer(session, id, signal);
    return { id, name: spec.name, ports: details.ports };
  } catch (error) {
    await cleanUp(session, id);
    throw error;
  }
}

// Cleanup runs without the caller's signal: a cancelled launch must still remove what it made.
async function cleanUp(session: EngineSession, id: string): Promise<void> {
  await removeContainer(session, id, { force: true, reason: 'a launch step failed' }).catch(
    (error: unknown) => {
      log.error({ hostId: session.hostId, container: id, error: String(error) }, 'cleanup failed');
    },
  );
}

// Only a container carrying every label of the spec is ours to remove; a namesake is left alone.
async function removeIfMadeBy(session: EngineSession, spec: ContainerSpec): Promise<void> {
  const found = await inspectContainer(session, spec.name).catch(() => null);
  if (found === null) return;
  const ours = Object.entries(spec.labels).every(([key, value]) => found.labels[key] === value);
  if (ours && Object.keys(spec.labels).length > 0) await cleanUp(session, found.id);
}
