// An instance on a Swarm manager is a service with one replica: launching, the operator's verbs,
// and what reconciliation sees, in the same shapes as for containers.
import type { Challenge } from '../../shared/challenge';
import { toBerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { Instance } from '../../shared/instance';
import type { RuntimeContext } from './context';
import type { PublishedPortInfo } from './engine-port';
import { labelKeys, readInstanceLabels } from './labels';
import { serviceEngineFor } from './swarm-port';
import { serviceHostIp, serviceSpec } from './swarm-spec';

/** A labelled container or service on a host, as reconciliation compares it with the database. */
export interface Workload {
  kind: 'container' | 'service';
  /** The container (for a service: its running task's container), or '' when none runs. */
  id: string;
  name: string;
  labels: Record<string, string>;
  state: string;
  ports: PublishedPortInfo[];
}

/** The label the swarm puts on its tasks' containers: those belong to their service. */
export const swarmTaskLabel = 'com.docker.swarm.task.id';

/** Runs the instance's service; resolves with its task's container and the ports read back. */
export async function runServiceInstance(
  context: RuntimeContext,
  host: Host,
  challenge: Challenge,
  instance: Parameters<typeof serviceSpec>[2],
  flag: string,
): Promise<{ id: string | null; ports: PublishedPortInfo[] }> {
  const result = await serviceEngineFor(context, host.id).runService(
    serviceSpec(challenge, host, instance, flag),
  );
  return { id: result.containerId, ports: withHostIp(host, result.ports) };
}

/** Host ports taken on a swarm host: by its containers and by every service's published ports. */
export async function swarmUsedPorts(context: RuntimeContext, host: Host): Promise<Set<number>> {
  const [containers, services] = await Promise.all([
    context.engines.engineFor(host.id).usedHostPorts(),
    serviceEngineFor(context, host.id).publishedPorts(),
  ]);
  return new Set([...containers, ...services]);
}

/** Scales the instance's service to no replicas. */
export function stopServiceInstance(context: RuntimeContext, instance: Instance): Promise<void> {
  return serviceEngineFor(context, instance.hostId).stopService(instance.containerName);
}

/** Scales the instance's service to one replica; resolves with its task's container. */
export async function startServiceInstance(
  context: RuntimeContext,
  instance: Instance,
): Promise<string | null> {
  const result = await serviceEngineFor(context, instance.hostId).startService(
    instance.containerName,
  );
  return result.containerId ?? instance.containerId;
}

/** Replaces the instance's task; resolves with the new task's container. */
export async function restartServiceInstance(
  context: RuntimeContext,
  instance: Instance,
): Promise<string | null> {
  const result = await serviceEngineFor(context, instance.hostId).restartService(
    instance.containerName,
  );
  return result.containerId ?? instance.containerId;
}

/** Removes the instance's service and its flag secret. */
export function removeServiceInstance(context: RuntimeContext, instance: Instance): Promise<void> {
  return serviceEngineFor(context, instance.hostId).removeService(instance.containerName);
}

/** A host's Berth services in the shape reconciliation compares. */
export async function listServiceWorkloads(
  context: RuntimeContext,
  host: Host,
): Promise<Workload[]> {
  const services = await serviceEngineFor(context, host.id).listServices({
    [labelKeys.managed]: 'true',
  });
  return services.map((service) => ({
    kind: 'service',
    id: service.task?.containerId ?? '',
    name: service.name,
    labels: service.labels,
    state: service.task?.state === 'running' ? 'running' : 'exited',
    ports: withHostIp(host, service.ports),
  }));
}

/** Removes a workload reconciliation found, by its kind. */
export function removeWorkload(
  context: RuntimeContext,
  hostId: string,
  workload: Workload,
): Promise<void> {
  return workload.kind === 'service'
    ? serviceEngineFor(context, hostId).removeService(workload.name)
    : context.engines.engineFor(hostId).removeContainer(workload.id, { force: true });
}

/**
 * Removes flag secrets whose service is gone (a launch cut off between the two); returns how many.
 * Failures are audited and left for the next round.
 */
export async function removeOrphanSecrets(
  context: RuntimeContext,
  hostId: string,
  services: Workload[],
  actor: string,
): Promise<number> {
  const engine = serviceEngineFor(context, hostId);
  const owners = new Set(services.map((service) => readInstanceLabels(service.labels)?.instanceId));
  let removed = 0;
  for (const secret of await engine.listSecrets({ [labelKeys.managed]: 'true' })) {
    const labels = readInstanceLabels(secret.labels);
    if (labels === null || labels.hostId !== hostId) continue;
    const { instanceId } = labels;
    if (owners.has(instanceId)) continue;
    if (context.locks.busy(instanceId)) continue;
    try {
      await engine.removeSecret(secret.id);
      removed += 1;
      context.audit({
        actor,
        action: 'reconcile.remove',
        hostId,
        target: secret.name,
        outcome: 'ok',
        message: `Removed secret ${secret.name}: its service is gone`,
        details: { instanceId },
      });
    } catch (error) {
      const typed = toBerthError(error);
      context.audit({
        actor,
        action: 'reconcile.remove',
        hostId,
        target: secret.name,
        outcome: 'failed',
        message: typed.message,
        engineMessage: typed.engineMessage,
      });
    }
  }
  return removed;
}

function withHostIp(host: Host, ports: PublishedPortInfo[]): PublishedPortInfo[] {
  const hostIp = serviceHostIp(host);
  return ports.map((port) => ({ ...port, hostIp: port.hostIp === '' ? hostIp : port.hostIp }));
}
