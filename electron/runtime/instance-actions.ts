// What an operator does to a live instance: extend, stop, start, restart, remove.
import { BerthError, toBerthError } from '../../shared/errors';
import type { Instance, InstanceStatus } from '../../shared/instance';
import { liveStatuses } from '../../shared/instance';
import type { InstanceView } from '../../shared/views';
import { markAudited } from './audited';
import type { RuntimeContext } from './context';
import { instanceView } from './instance-views';
import {
  removeServiceInstance,
  restartServiceInstance,
  startServiceInstance,
  stopServiceInstance,
} from './swarm-workload';

/** The instance with this id, or not-found. */
export function requireInstance(context: RuntimeContext, id: string): Instance {
  const instance = context.store.instances.get(id);
  if (!instance) throw new BerthError('not-found', `No instance with id ${id}`, { field: 'id' });
  return instance;
}

function requireLive(
  context: RuntimeContext,
  id: string,
  allowed: readonly InstanceStatus[] = liveStatuses,
): Instance {
  const instance = requireInstance(context, id);
  if (!allowed.includes(instance.status)) {
    throw new BerthError('already-in-state', `${instance.containerName} is ${instance.status}`);
  }
  return instance;
}

function changed(context: RuntimeContext, instance: Instance): InstanceView {
  const view = instanceView(context.store, instance);
  context.publish('instance.changed', view);
  return view;
}

async function engineStep(
  context: RuntimeContext,
  instance: Instance,
  action: string,
  actor: string,
  step: () => Promise<void>,
  describe: string,
): Promise<void> {
  try {
    await step();
    context.audit({
      actor,
      action,
      hostId: instance.hostId,
      target: instance.containerName,
      outcome: 'ok',
      message: describe,
    });
  } catch (error) {
    const typed = toBerthError(error);
    context.audit({
      actor,
      action,
      hostId: instance.hostId,
      target: instance.containerName,
      outcome: 'failed',
      message: `${describe} failed: ${typed.message}`,
      engineMessage: typed.engineMessage,
    });
    throw markAudited(typed);
  }
}

/** Adds the challenge's extension length to the expiry, up to its maximum number of extensions. */
export async function extendInstance(
  context: RuntimeContext,
  id: string,
  actor: string,
): Promise<InstanceView> {
  return context.locks.run(id, () => {
    const instance = requireLive(context, id);
    const challenge = context.store.challenges.get(instance.challengeId);
    const max = challenge?.maxExtensions ?? 0;
    if (instance.extensions >= max) {
      context.audit({
        actor,
        action: 'instance.extend',
        hostId: instance.hostId,
        target: instance.containerName,
        outcome: 'failed',
        message: `No extensions left for ${instance.containerName} (${instance.extensions} of ${max} used)`,
      });
      throw markAudited(
        new BerthError('limit', `No extensions left (${instance.extensions} of ${max} used)`),
      );
    }
    const extension = (challenge?.extensionSeconds ?? 0) * 1000;
    const updated = context.store.instances.update(id, {
      expiresAt: instance.expiresAt + extension,
      extensions: instance.extensions + 1,
    });
    context.audit({
      actor,
      action: 'instance.extend',
      hostId: instance.hostId,
      target: instance.containerName,
      outcome: 'ok',
      message: `Extended ${instance.containerName} to ${new Date(updated.expiresAt).toISOString()}`,
      details: { instanceId: id, extensions: updated.extensions },
    });
    return Promise.resolve(changed(context, updated));
  });
}

function containerOf(instance: Instance): string {
  if (!instance.containerId)
    throw new BerthError('conflict', `${instance.containerName} has no container yet`);
  return instance.containerId;
}

type PowerAction = 'stop' | 'start' | 'restart';

const verbs: Record<PowerAction, string> = { stop: 'Stop', start: 'Start', restart: 'Restart' };

/** Seconds a challenge server gets to exit before it is killed. */
const stopGraceSeconds = 5;

/** Stops, starts or restarts an instance's container or service; returns the current container id. */
async function powerStep(
  context: RuntimeContext,
  instance: Instance,
  action: PowerAction,
): Promise<string | null> {
  if (instance.workload === 'service') {
    if (action === 'stop') {
      await stopServiceInstance(context, instance);
      return instance.containerId;
    }
    return action === 'start'
      ? startServiceInstance(context, instance)
      : restartServiceInstance(context, instance);
  }
  const engine = context.engines.engineFor(instance.hostId);
  const container = containerOf(instance);
  if (action === 'stop')
    await engine.stopContainer(container, { timeoutSeconds: stopGraceSeconds });
  else if (action === 'start') await engine.startContainer(container);
  else await engine.restartContainer(container, { timeoutSeconds: stopGraceSeconds });
  return instance.containerId;
}

async function changePower(
  context: RuntimeContext,
  id: string,
  actor: string,
  action: PowerAction,
): Promise<InstanceView> {
  return context.locks.run(id, async () => {
    const instance = requireLive(context, id, ['running', 'stopped']);
    let containerId = instance.containerId;
    await engineStep(
      context,
      instance,
      `instance.${action}`,
      actor,
      async () => {
        containerId = await powerStep(context, instance, action);
      },
      `${verbs[action]} ${instance.containerName}`,
    );
    const status = action === 'stop' ? 'stopped' : 'running';
    return changed(context, context.store.instances.update(id, { status, containerId }));
  });
}

/** Stops the container; the instance keeps its ports and expiry. */
export function stopInstance(
  context: RuntimeContext,
  id: string,
  actor: string,
): Promise<InstanceView> {
  return changePower(context, id, actor, 'stop');
}

/** Starts a stopped instance again on the same ports. */
export function startInstance(
  context: RuntimeContext,
  id: string,
  actor: string,
): Promise<InstanceView> {
  return changePower(context, id, actor, 'start');
}

/** Restarts the container. */
export function restartInstance(
  context: RuntimeContext,
  id: string,
  actor: string,
): Promise<InstanceView> {
  return changePower(context, id, actor, 'restart');
}

/** Removes the container and releases its ports; `reason` says who ended it ('removed' by hand or by expiry). */
export async function removeInstance(
  context: RuntimeContext,
  id: string,
  actor: string,
  action: 'instance.remove' | 'instance.expire' = 'instance.remove',
): Promise<InstanceView> {
  return context.locks.run(id, async () => {
    const instance = requireInstance(context, id);
    if (!liveStatuses.includes(instance.status)) return instanceView(context.store, instance);
    const engine = context.engines.engineFor(instance.hostId);
    const describe =
      action === 'instance.expire'
        ? `Expired ${instance.containerName} removed`
        : `Remove ${instance.containerName}`;
    if (instance.workload === 'service') {
      await engineStep(
        context,
        instance,
        action,
        actor,
        () => removeServiceInstance(context, instance),
        describe,
      );
    } else if (instance.containerId) {
      const containerId = instance.containerId;
      await engineStep(
        context,
        instance,
        action,
        actor,
        () => engine.removeContainer(containerId, { force: true }),
        describe,
      );
    } else {
      context.audit({
        actor,
        action,
        hostId: instance.hostId,
        target: instance.containerName,
        outcome: 'ok',
        message: describe,
      });
    }
    const removed = context.store.transaction(() => {
      context.store.ports.releaseInstance(id);
      return context.store.instances.update(id, {
        status: 'removed',
        endedAt: context.clock.now(),
      });
    });
    return changed(context, removed);
  });
}
