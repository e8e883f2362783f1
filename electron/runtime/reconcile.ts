// Makes the database (intent) and the engine's labelled containers (what exists) agree again.
import { BerthError, toBerthError } from '../../shared/errors';
import type { Instance, InstancePort } from '../../shared/instance';
import type { ReconcileReport } from '../../shared/views';
import type { RuntimeContext } from './context';
import { requireHost } from './context';
import { deriveFlag, hashFlag } from './flags';
import { instanceView } from './instance-views';
import { labelKeys, readInstanceLabels } from './labels';
import type { Workload } from './swarm-workload';
import {
  listServiceWorkloads,
  removeOrphanSecrets,
  removeWorkload,
  swarmTaskLabel,
} from './swarm-workload';

type Listed = Workload;

function publishedFrom(container: Listed, previous: InstancePort[]): InstancePort[] {
  return container.ports
    .filter((p) => p.hostPort > 0)
    .map((p) => ({
      containerPort: p.containerPort,
      protocol: previous.find((q) => q.containerPort === p.containerPort)?.protocol ?? 'tcp',
      hostPort: p.hostPort,
      hostIp: p.hostIp,
    }));
}

/**
 * Compares one host's labelled containers (and, on a Swarm manager, services) with the database:
 * vanished ones are marked gone, ones the database does not know (or launches cut off by a crash)
 * are adopted or removed as the settings say, and reservations without a live instance are
 * released. Every change is audited.
 */
export async function reconcileHost(
  context: RuntimeContext,
  hostId: string,
  actor: string,
): Promise<ReconcileReport> {
  const { store } = context;
  const report: ReconcileReport = {
    hostId,
    adopted: 0,
    removedUnknown: 0,
    markedGone: 0,
    portsReleased: 0,
    errors: [],
  };
  const host = requireHost(context, hostId);
  const engine = context.engines.engineFor(hostId);
  const policy = store.settings.get().reconcilePolicy;

  // A swarm task's container belongs to its service, which stands for the instance.
  const containers = (
    await engine.listContainers({ labels: { [labelKeys.managed]: 'true' }, all: true })
  )
    .filter((container) => container.labels[swarmTaskLabel] === undefined)
    .map((container) => ({ ...container, kind: 'container' as const }));
  const services = host.swarm ? await listServiceWorkloads(context, host) : [];
  const byInstance = new Map<string, Listed>();
  for (const container of [...containers, ...services]) {
    const labels = readInstanceLabels(container.labels);
    // A container the engine is already removing (say, for a process that died asking) is gone.
    if (labels?.hostId === hostId && container.state !== 'removing') {
      byInstance.set(labels.instanceId, container);
    }
  }

  const audit = (
    instance: Pick<Instance, 'containerName'>,
    action: string,
    message: string,
    details = {},
  ): void => {
    context.audit({
      actor,
      action,
      hostId,
      target: instance.containerName,
      outcome: 'ok',
      message,
      details,
    });
  };

  const removeContainer = async (container: Listed, instanceName: string): Promise<boolean> => {
    try {
      await removeWorkload(context, hostId, container);
      return true;
    } catch (error) {
      const typed = toBerthError(error);
      report.errors.push(typed.toInfo());
      context.audit({
        actor,
        action: 'reconcile.remove',
        hostId,
        target: instanceName,
        outcome: 'failed',
        message: typed.message,
        engineMessage: typed.engineMessage,
      });
      return false;
    }
  };

  for (const instance of store.instances.listLive(hostId)) {
    if (context.locks.busy(instance.id)) continue;
    const container = byInstance.get(instance.id);
    byInstance.delete(instance.id);

    if (!container) {
      store.transaction(() => {
        report.portsReleased += store.ports.listForInstance(instance.id).length;
        store.ports.releaseInstance(instance.id);
        store.instances.update(instance.id, { status: 'gone', endedAt: context.clock.now() });
      });
      report.markedGone += 1;
      audit(
        instance,
        'reconcile.gone',
        `${instance.containerName} vanished from the engine; marked gone`,
        { instanceId: instance.id },
      );
      context.publish(
        'instance.changed',
        instanceView(store, store.instances.get(instance.id) ?? instance),
      );
      continue;
    }

    const running = container.state === 'running';
    const containerId = container.id === '' ? instance.containerId : container.id;
    if (instance.status === 'starting' && policy === 'remove') {
      if (await removeContainer(container, instance.containerName)) {
        store.transaction(() => {
          report.portsReleased += store.ports.listForInstance(instance.id).length;
          store.ports.releaseInstance(instance.id);
          store.instances.update(instance.id, {
            status: 'failed',
            endedAt: context.clock.now(),
            error: new BerthError(
              'cancelled',
              'The launch was cut off before it finished; its container was removed',
            ).toInfo(),
          });
        });
        report.removedUnknown += 1;
        audit(
          instance,
          'reconcile.remove',
          `Removed ${instance.containerName}: its launch never finished`,
          { instanceId: instance.id },
        );
      }
    } else if (
      instance.status === 'starting' ||
      instance.status === 'unknown' ||
      running !== (instance.status === 'running') ||
      containerId !== instance.containerId
    ) {
      const adopted = instance.status === 'starting';
      store.instances.update(instance.id, {
        status: running ? 'running' : 'stopped',
        containerId,
        ports: adopted ? publishedFrom(container, instance.ports) : instance.ports,
        startedAt: instance.startedAt ?? context.clock.now(),
      });
      if (adopted) report.adopted += 1;
      audit(
        instance,
        adopted ? 'reconcile.adopt' : 'reconcile.status',
        `${instance.containerName} is ${running ? 'running' : 'stopped'} on the engine`,
        { instanceId: instance.id },
      );
    } else {
      continue;
    }
    context.publish(
      'instance.changed',
      instanceView(store, store.instances.get(instance.id) ?? instance),
    );
  }

  for (const [instanceId, container] of byInstance) {
    const known = store.instances.get(instanceId);
    const labels = readInstanceLabels(container.labels);
    const canAdopt =
      policy === 'adopt' &&
      labels !== null &&
      !known &&
      store.challenges.get(labels.challengeId) !== null &&
      store.teams.get(labels.teamId) !== null &&
      store.instances.findLive(labels.challengeId, labels.teamId) === null;

    if (canAdopt) {
      adoptUnknown(context, container, labels, report, actor);
    } else if (await removeContainer(container, container.name)) {
      report.removedUnknown += 1;
      audit(
        { containerName: container.name },
        'reconcile.remove',
        `Removed ${container.name}: Berth has no live record of it`,
        { instanceId },
      );
    }
  }

  if (host.swarm) await removeOrphanSecrets(context, hostId, services, actor);
  report.portsReleased += store.ports.releaseOrphans();
  return report;
}

function adoptUnknown(
  context: RuntimeContext,
  container: Listed,
  labels: NonNullable<ReturnType<typeof readInstanceLabels>>,
  report: ReconcileReport,
  actor: string,
): void {
  const { store } = context;
  const challenge = store.challenges.get(labels.challengeId);
  const ports = publishedFrom(
    container,
    (challenge?.ports ?? []).map((p) => ({
      containerPort: p.port,
      protocol: p.protocol,
      hostPort: 0,
      hostIp: '',
    })),
  );
  const now = context.clock.now();
  const instance: Instance = {
    id: labels.instanceId,
    challengeId: labels.challengeId,
    teamId: labels.teamId,
    hostId: labels.hostId,
    containerId: container.id === '' ? null : container.id,
    containerName: container.name,
    workload: container.kind,
    status: container.state === 'running' ? 'running' : 'stopped',
    ports,
    flagHash: challenge
      ? hashFlag(
          deriveFlag(store.secrets.flagSecret(), challenge.flag, labels.challengeId, labels.teamId),
        )
      : '',
    createdAt: now,
    startedAt: now,
    expiresAt:
      labels.expiresAt > 0 ? labels.expiresAt : now + (challenge?.lifetimeSeconds ?? 1800) * 1000,
    extensions: 0,
    endedAt: null,
    error: null,
  };
  store.transaction(() => {
    store.instances.insert(instance);
    for (const port of ports) store.ports.claim(labels.hostId, port.hostPort, instance.id);
  });
  report.adopted += 1;
  context.audit({
    actor,
    action: 'reconcile.adopt',
    hostId: labels.hostId,
    target: container.name,
    outcome: 'ok',
    message: `Adopted ${container.name}, which the database did not know`,
    details: { instanceId: instance.id },
  });
  context.publish('instance.changed', instanceView(store, instance));
}
