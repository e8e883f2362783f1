// Services and their tasks read out of the engine's JSON, and what a service's tasks say about it.
import { numberOf, recordOf, stringOf, stringRecordOf, timeOf } from './engine-json';
import type { PublishedPort } from './published-ports';
import type { ServiceSummary, ServiceTask } from './service-types';

/** A task list entry in Berth's words. */
export function taskOf(entry: unknown): ServiceTask {
  const task = recordOf(entry);
  const status = recordOf(task.Status);
  return {
    id: stringOf(task.ID),
    serviceId: stringOf(task.ServiceID),
    nodeId: stringOf(task.NodeID),
    state: stringOf(status.State),
    desiredState: stringOf(task.DesiredState),
    error: stringOf(status.Err),
    containerId: stringOf(recordOf(status.ContainerStatus).ContainerID) || null,
    ports: swarmPorts(recordOf(status.PortStatus).Ports),
    updatedAt: timeOf(task.UpdatedAt) ?? 0,
  };
}

/** A service list entry in Berth's words, with the task that stands for it. */
export function serviceOf(entry: unknown, tasks: ServiceTask[]): ServiceSummary {
  const service = recordOf(entry);
  const spec = recordOf(service.Spec);
  const id = stringOf(service.ID);
  return {
    id,
    name: stringOf(spec.Name),
    labels: stringRecordOf(spec.Labels),
    replicas: numberOf(recordOf(recordOf(spec.Mode).Replicated).Replicas),
    task: currentTask(tasks.filter((task) => task.serviceId === id)),
    ports: swarmPorts(recordOf(service.Endpoint).Ports),
  };
}

/** The task a service's state is read from: a running one, else the newest that should run. */
export function currentTask(tasks: ServiceTask[]): ServiceTask | null {
  const wanted = tasks.filter((task) => task.desiredState === 'running');
  const running = wanted.find((task) => task.state === 'running');
  if (running) return running;
  return [...wanted].sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
}

export type TaskOutcome =
  | { kind: 'running'; task: ServiceTask }
  | { kind: 'failed'; error: string }
  | { kind: 'port-in-use'; error: string }
  | { kind: 'unschedulable'; error: string }
  | { kind: 'waiting' };

const endedStates = new Set(['failed', 'rejected', 'complete', 'orphaned']);

/**
 * What a service's tasks (those not in `earlier`) say: running, failed, blocked, or not yet
 * decided. A port held by one of the `earlier` tasks while it stops is not a conflict: it frees.
 */
export function taskOutcome(tasks: ServiceTask[], earlier: ReadonlySet<string>): TaskOutcome {
  const fresh = tasks.filter((task) => !earlier.has(task.id));
  const running = fresh.find((task) => task.state === 'running' && task.desiredState === 'running');
  if (running) return { kind: 'running', task: running };

  const ended = fresh.find((task) => endedStates.has(task.state));
  if (ended) return { kind: 'failed', error: ended.error || `task ${ended.state}` };

  // A task of the same service still shutting down holds its ports until it is gone.
  const previousHolds = tasks.some(
    (task) => earlier.has(task.id) && !endedStates.has(task.state) && task.state !== 'shutdown',
  );
  for (const task of fresh) {
    const reason = task.error.toLowerCase();
    if (task.state !== 'pending' || reason === '') continue;
    if (reason.includes('port') && reason.includes('in use')) {
      if (previousHolds) continue;
      return { kind: 'port-in-use', error: task.error };
    }
    if (reason.includes('no suitable node')) return { kind: 'unschedulable', error: task.error };
  }
  return { kind: 'waiting' };
}

/** Ports from a swarm `Ports` list; the host address is not part of it and reads as empty. */
export function swarmPorts(ports: unknown): PublishedPort[] {
  if (!Array.isArray(ports)) return [];
  const found: PublishedPort[] = [];
  for (const entry of ports) {
    const port = recordOf(entry);
    const containerPort = numberOf(port.TargetPort);
    const hostPort = numberOf(port.PublishedPort);
    const protocol = stringOf(port.Protocol, 'tcp');
    if (containerPort < 1 || hostPort < 1) continue;
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') continue;
    found.push({ containerPort, protocol, hostIp: '', hostPort });
  }
  return found.sort((a, b) => a.containerPort - b.containerPort || a.hostPort - b.hostPort);
}
