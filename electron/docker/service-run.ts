// Launches a one-replica service in one step and leaves nothing behind when a step fails.
import { isBerthError } from '../../shared/errors';
import { componentLogger } from '../logger';
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { recordOf, stringOf } from './engine-json';
import { engineRequest } from './engine-request';
import { engineImageName } from './images';
import type { CreatedSecret } from './service-body';
import { createSecretBody, createServiceBody, secretName, serviceDetails } from './service-body';
import { removeSecret } from './secrets';
import { inspectService, removeService } from './services';
import type { ServiceRunResult, ServiceSpec } from './service-types';
import { waitForTask } from './service-wait';

const log = componentLogger('docker');

/** Secrets for the files, the service, then its running task; a failure removes what was made. */
export async function runService(
  session: EngineSession,
  spec: ServiceSpec,
  apiVersion: () => string,
  signal?: AbortSignal,
): Promise<ServiceRunResult> {
  const secrets: CreatedSecret[] = [];
  let id: string;
  try {
    for (const [index, file] of (spec.secretFiles ?? []).entries()) {
      const name = secretName(spec.name, index);
      const secretId = await createSecret(session, name, spec.labels, file, signal);
      secrets.push({ id: secretId, name, file });
    }
    id = await createService(session, spec, apiVersion, secrets, signal);
  } catch (error) {
    // A create whose answer was lost may still have made the service.
    if (isBerthError(error, 'timeout') || isBerthError(error, 'cancelled')) {
      await removeIfMadeBy(session, spec);
    }
    await Promise.all(secrets.map((secret) => dropSecret(session, secret.id)));
    throw error;
  }

  try {
    const task = await waitForTask(session, { id, name: spec.name }, new Set(), signal);
    return { id, name: spec.name, containerId: task.containerId, ports: task.ports };
  } catch (error) {
    await cleanUp(session, spec.name);
    throw error;
  }
}

function createSecret(
  session: EngineSession,
  name: string,
  labels: Record<string, string>,
  file: CreatedSecret['file'],
  signal?: AbortSignal,
): Promise<string> {
  return runCall(
    session,
    {
      action: 'secret.create',
      target: name,
      signal,
      details: { path: file.path, sizeBytes: Buffer.byteLength(file.content) },
      done: () => `Created secret ${name} for ${file.path}`,
      resultDetails: (secretId) => ({ id: secretId }),
    },
    async (abortSignal) => {
      const answer = await engineRequest(session.docker(), {
        path: '/secrets/create',
        method: 'POST',
        body: createSecretBody(name, labels, file),
        signal: abortSignal,
        ok: [200, 201],
      });
      return stringOf(recordOf(answer).ID);
    },
  );
}

function createService(
  session: EngineSession,
  spec: ServiceSpec,
  apiVersion: () => string,
  secrets: CreatedSecret[],
  signal?: AbortSignal,
): Promise<string> {
  return runCall(
    session,
    {
      action: 'service.create',
      target: spec.name,
      signal,
      details: serviceDetails(spec, apiVersion()),
      done: () => `Created service ${spec.name}`,
      resultDetails: (id) => ({ id }),
    },
    async (abortSignal) => {
      const body = createServiceBody(
        { ...spec, image: engineImageName(spec.image) },
        apiVersion(),
        secrets,
      );
      const answer = await engineRequest(session.docker(), {
        path: '/services/create',
        method: 'POST',
        body,
        signal: abortSignal,
        ok: [200, 201],
      });
      return stringOf(recordOf(answer).ID);
    },
  );
}

function dropSecret(session: EngineSession, id: string): Promise<void> {
  return removeSecret(session, id).catch((error: unknown) => {
    log.error({ hostId: session.hostId, secret: id, error: String(error) }, 'cleanup failed');
  });
}

// Cleanup runs without the caller's signal: a cancelled launch must still remove what it made.
async function cleanUp(session: EngineSession, name: string): Promise<void> {
  await removeService(session, name, { reason: 'a launch step failed' }).catch((error: unknown) => {
    log.error({ hostId: session.hostId, service: name, error: String(error) }, 'cleanup failed');
  });
}

// Only a service carrying every label of the spec is ours to remove; a namesake is left alone.
async function removeIfMadeBy(session: EngineSession, spec: ServiceSpec): Promise<void> {
  const found = await inspectService(session, spec.name).catch(() => null);
  if (found === null) return;
  const ours = Object.entries(spec.labels).every(([key, value]) => found.labels[key] === value);
  if (ours && Object.keys(spec.labels).length > 0) await cleanUp(session, spec.name);
}
