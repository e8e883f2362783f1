// The Swarm half of an engine client: services with one replica, bound to one engine session.
import type { EngineSession } from './engine-call';
import { runService } from './service-run';
import type { SecretSummary } from './secrets';
import { listSecrets, removeSecret } from './secrets';
import {
  listServices,
  removeService,
  restartService,
  servicePublishedPorts,
  startService,
  stopService,
} from './services';
import type { ServiceRunResult, ServiceSpec, ServiceSummary } from './service-types';

export interface ServiceClient {
  /** Creates the service and its file secrets, resolves once its task runs; undoes a failure. */
  runService(spec: ServiceSpec, options?: { signal?: AbortSignal }): Promise<ServiceRunResult>;
  /** Services carrying every given label, each with the task that stands for it. */
  listServices(
    labels: Record<string, string | true>,
    options?: { signal?: AbortSignal },
  ): Promise<ServiceSummary[]>;
  /** Scales to no replicas; stopped or gone counts as stopped. */
  stopService(name: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** Scales to one replica and resolves once its task runs. */
  startService(name: string, options?: { signal?: AbortSignal }): Promise<ServiceRunResult>;
  /** Replaces the task with a fresh one and resolves once it runs. */
  restartService(name: string, options?: { signal?: AbortSignal }): Promise<ServiceRunResult>;
  /** Removes the service and the secrets made for it; gone counts as removed. */
  removeService(name: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** Host ports the swarm's services publish. */
  publishedPorts(options?: { signal?: AbortSignal }): Promise<Set<number>>;
  /** Secrets carrying every given label. */
  listSecrets(
    labels: Record<string, string | true>,
    options?: { signal?: AbortSignal },
  ): Promise<SecretSummary[]>;
  /** Removes a secret; gone counts as removed. */
  removeSecret(id: string, options?: { signal?: AbortSignal }): Promise<void>;
}

/** The service operations of one engine; `apiVersion` is read after negotiation, for each body. */
export function serviceClient(session: EngineSession, apiVersion: () => string): ServiceClient {
  return {
    runService: (spec, options = {}) => runService(session, spec, apiVersion, options.signal),
    listServices: (labels, options = {}) => listServices(session, labels, options.signal),
    stopService: (name, options = {}) => stopService(session, name, options.signal),
    startService: (name, options = {}) => startService(session, name, options.signal),
    restartService: (name, options = {}) => restartService(session, name, options.signal),
    removeService: (name, options = {}) => removeService(session, name, options),
    publishedPorts: (options = {}) => servicePublishedPorts(session, options.signal),
    listSecrets: (labels, options = {}) => listSecrets(session, labels, options.signal),
    removeSecret: (id, options = {}) => removeSecret(session, id, options.signal),
  };
}
