// Swarm services on a manager: inspect, list, scale, restart, remove, and the ports they hold.
import type { BerthError } from '../../shared/errors';
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { numberOf, recordOf, stringOf, stringRecordOf } from './engine-json';
import { engineRequest } from './engine-request';
import { serviceOf, swarmPorts, taskOf } from './service-tasks';
import type { ServiceRunResult, ServiceSummary } from './service-types';
import { removeSecret } from './secrets';
import { serviceTasks, untilStopped, waitForTask } from './service-wait';

/** A service as Berth needs it for a change: its id, version and full spec. */
export interface ServiceRecord {
  id: string;
  name: string;
  version: number;
  labels: Record<string, string>;
  replicas: number;
  spec: Record<string, unknown>;
  /** The secrets its containers mount. */
  secrets: { id: string; name: string }[];
}

/** One service by name or id. */
export function inspectService(
  session: EngineSession,
  name: string,
  signal?: AbortSignal,
): Promise<ServiceRecord> {
  return runCall(
    session,
    {
      action: 'service.inspect',
      target: name,
      signal,
      read: true,
      done: () => `Inspected service ${name}`,
    },
    (abortSignal) => inspectRequest(session, name, abortSignal),
  );
}

/** Services carrying every given label (`true` matches any value), with their tasks. */
export function listServices(
  session: EngineSession,
  labels: Record<string, string | true>,
  signal?: AbortSignal,
): Promise<ServiceSummary[]> {
  const filters = Object.entries(labels).map(([key, value]) =>
    value === true ? key : `${key}=${value}`,
  );
  return runCall(
    session,
    {
      action: 'service.list',
      target: '*',
      signal,
      read: true,
      details: { labels: filters },
      done: (services) => `Listed ${services.length} services`,
    },
    async (abortSignal) => {
      const services = await engineRequest(session.docker(), {
        path: '/services',
        method: 'GET',
        query: filters.length === 0 ? {} : { filters: { label: filters } },
        signal: abortSignal,
      });
      if (!Array.isArray(services) || services.length === 0) return [];
      const tasks = await engineRequest(session.docker(), {
        path: '/tasks',
        method: 'GET',
        query: { filters: { 'desired-state': ['running'] } },
        signal: abortSignal,
      });
      const parsed = Array.isArray(tasks) ? tasks.map(taskOf) : [];
      return services.map((service) => serviceOf(service, parsed));
    },
  );
}

/** Host ports the swarm's services publish (on any node). */
export function servicePublishedPorts(
  session: EngineSession,
  signal?: AbortSignal,
): Promise<Set<number>> {
  return runCall(
    session,
    {
      action: 'service.list',
      target: 'published ports',
      signal,
      read: true,
      done: (ports) => `${ports.size} ports published by services`,
    },
    async (abortSignal) => {
      const services = await engineRequest(session.docker(), {
        path: '/services',
        method: 'GET',
        signal: abortSignal,
      });
      const ports = new Set<number>();
      for (const entry of Array.isArray(services) ? services : []) {
        const service = recordOf(entry);
        const declared = recordOf(recordOf(service.Spec).EndpointSpec).Ports;
        for (const port of [
          ...swarmPorts(recordOf(service.Endpoint).Ports),
          ...swarmPorts(declared),
        ]) {
          ports.add(port.hostPort);
        }
      }
      return ports;
    },
  );
}

/** Scales a service to no replicas, resolves once its task stopped; gone counts as stopped. */
export function stopService(
  session: EngineSession,
  name: string,
  signal?: AbortSignal,
): Promise<void> {
  return runCall<undefined>(
    session,
    {
      action: 'service.stop',
      target: name,
      signal,
      done: () => `Stopped service ${name}`,
      tolerate: (error) => gone(error, name),
    },
    async (abortSignal) => {
      const service = await inspectRequest(session, name, abortSignal);
      if (service.replicas !== 0) await update(session, service, { replicas: 0 }, abortSignal);
      await untilStopped(session, service.id, abortSignal);
      return undefined;
    },
  );
}

/** Scales a service to its one replica and resolves once its task runs. */
export async function startService(
  session: EngineSession,
  name: string,
  signal?: AbortSignal,
): Promise<ServiceRunResult> {
  const { service, earlier } = await runCall(
    session,
    {
      action: 'service.start',
      target: name,
      signal,
      done: () => `Started service ${name}`,
    },
    async (abortSignal) => {
      const found = await inspectRequest(session, name, abortSignal);
      const tasks = await serviceTasks(session, found.id, abortSignal);
      if (found.replicas !== 1) await update(session, found, { replicas: 1 }, abortSignal);
      const old = tasks.filter((task) => task.desiredState !== 'running').map((task) => task.id);
      return { service: found, earlier: new Set(old) };
    },
  );
  return running(session, service, earlier, signal);
}

/** Replaces a service's task with a fresh one and resolves once that runs. */
export async function restartService(
  session: EngineSession,
  name: string,
  signal?: AbortSignal,
): Promise<ServiceRunResult> {
  const { service, earlier } = await runCall(
    session,
    {
      action: 'service.restart',
      target: name,
      signal,
      done: () => `Restarted service ${name}`,
    },
    async (abortSignal) => {
      const found = await inspectRequest(session, name, abortSignal);
      const tasks = await serviceTasks(session, found.id, abortSignal);
      await update(session, found, { replicas: 1, forceUpdate: true }, abortSignal);
      return { service: found, earlier: new Set(tasks.map((task) => task.id)) };
    },
  );
  return running(session, service, earlier, signal);
}

/** Removes a service and the secrets Berth made for it; one already gone counts as removed. */
export async function removeService(
  session: EngineSession,
  name: string,
  options: { signal?: AbortSignal; reason?: string } = {},
): Promise<void> {
  const secrets = await runCall<{ id: string; name: string }[]>(
    session,
    {
      action: 'service.remove',
      target: name,
      signal: options.signal,
      details: options.reason === undefined ? {} : { reason: options.reason },
      done: () => `Removed service ${name}`,
      tolerate: (error) => {
        const already = gone(error, name);
        return already === null ? null : { ...already, value: [] };
      },
    },
    async (abortSignal) => {
      const service = await inspectRequest(session, name, abortSignal);
      await engineRequest(session.docker(), {
        path: `/services/${encodeURIComponent(service.id)}`,
        method: 'DELETE',
        signal: abortSignal,
        ok: [200, 204],
      });
      return service.secrets.filter((secret) => secret.name.startsWith(`${name.slice(0, 58)}-f`));
    },
  );
  for (const secret of secrets) await removeSecret(session, secret.id, options.signal);
}

async function running(
  session: EngineSession,
  service: ServiceRecord,
  earlier: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<ServiceRunResult> {
  const task = await waitForTask(session, service, earlier, signal);
  return { id: service.id, name: service.name, containerId: task.containerId, ports: task.ports };
}

async function inspectRequest(
  session: EngineSession,
  name: string,
  signal: AbortSignal,
): Promise<ServiceRecord> {
  const service = recordOf(
    await engineRequest(session.docker(), {
      path: `/services/${encodeURIComponent(name)}`,
      method: 'GET',
      signal,
    }),
  );
  const spec = recordOf(service.Spec);
  const containerSpec = recordOf(recordOf(spec.TaskTemplate).ContainerSpec);
  const mounted = Array.isArray(containerSpec.Secrets) ? containerSpec.Secrets : [];
  return {
    id: stringOf(service.ID),
    name: stringOf(spec.Name),
    version: numberOf(recordOf(service.Version).Index),
    labels: stringRecordOf(spec.Labels),
    replicas: numberOf(recordOf(recordOf(spec.Mode).Replicated).Replicas),
    spec,
    secrets: mounted.map((entry) => ({
      id: stringOf(recordOf(entry).SecretID),
      name: stringOf(recordOf(entry).SecretName),
    })),
  };
}

// The engine wants the whole spec back, with the version it was read at.
async function update(
  session: EngineSession,
  service: ServiceRecord,
  change: { replicas: number; forceUpdate?: boolean },
  signal: AbortSignal,
): Promise<void> {
  const template = recordOf(service.spec.TaskTemplate);
  const spec = {
    ...service.spec,
    Mode: { Replicated: { Replicas: change.replicas } },
    TaskTemplate: change.forceUpdate
      ? { ...template, ForceUpdate: numberOf(template.ForceUpdate) + 1 }
      : template,
  };
  await engineRequest(session.docker(), {
    path: `/services/${encodeURIComponent(service.id)}/update`,
    method: 'POST',
    query: { version: service.version },
    body: spec,
    signal,
  });
}

function gone(
  error: BerthError,
  name: string,
): { value: undefined; message: string; details: Record<string, unknown> } | null {
  if (error.kind !== 'not-found') return null;
  return {
    value: undefined,
    message: `Service ${name} was already gone`,
    details: { already: 'gone' },
  };
}
