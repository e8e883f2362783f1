// Follows each engine's event stream so instance state changes show at once, without polling.
// When a stream ends it reconnects with `since` and reconciles, so nothing in the gap is missed.
import { toBerthError } from '../../shared/errors';
import type { Instance, InstanceStatus } from '../../shared/instance';
import { liveStatuses } from '../../shared/instance';
import { componentLogger } from '../logger';
import type { RuntimeContext } from './context';
import { instanceView } from './instance-views';
import { labelKeys } from './labels';

const log = componentLogger('engine-watch');

export interface WatchedEvent {
  type: string;
  action: string;
  id: string;
  attributes: Record<string, string>;
  timeNano: number;
}

export interface EventSource {
  events(options: { sinceSeconds?: number; signal?: AbortSignal }): AsyncIterable<WatchedEvent>;
}

const statusAfter: Record<string, InstanceStatus | 'gone'> = {
  start: 'running',
  unpause: 'running',
  die: 'stopped',
  stop: 'stopped',
  kill: 'stopped',
  destroy: 'gone',
};

/** Applies one engine event to the instance it names; events of containers Berth is changing itself are left to that change. */
export function applyEngineEvent(context: RuntimeContext, event: WatchedEvent): void {
  const instanceId = event.attributes[labelKeys.instance];
  const next = statusAfter[event.action];
  if (event.type !== 'container' || !instanceId || !next || context.locks.busy(instanceId)) return;

  const { store } = context;
  const instance = store.instances.get(instanceId);
  if (!instance || !liveStatuses.includes(instance.status) || instance.status === 'starting')
    return;
  if (instance.workload === 'service') {
    applyTaskEvent(context, instance, event, next);
    return;
  }
  if (instance.status === next) return;

  const updated =
    next === 'gone'
      ? store.transaction(() => {
          store.ports.releaseInstance(instanceId);
          return store.instances.update(instanceId, {
            status: 'gone',
            endedAt: context.clock.now(),
          });
        })
      : store.instances.update(instanceId, { status: next });
  if (next === 'gone') {
    context.audit({
      actor: 'engine',
      action: 'instance.gone',
      hostId: instance.hostId,
      target: instance.containerName,
      outcome: 'ok',
      message: `${instance.containerName} was removed outside Berth; marked gone`,
    });
  }
  context.publish('instance.changed', instanceView(store, updated));
}

// A service's tasks come and go: a new task's start is the instance running (in that container);
// only the current task's end stops it, and a removed container says nothing about the service.
function applyTaskEvent(
  context: RuntimeContext,
  instance: Instance,
  event: WatchedEvent,
  next: InstanceStatus | 'gone',
): void {
  const current = event.id === instance.containerId;
  const change: Partial<Instance> | null =
    next === 'running' && (!current || instance.status !== 'running')
      ? { status: 'running', containerId: event.id }
      : next === 'stopped' && current && instance.status === 'running'
        ? { status: 'stopped' }
        : null;
  if (change === null) return;
  const updated = context.store.instances.update(instance.id, change);
  context.publish('instance.changed', instanceView(context.store, updated));
}

/**
 * Watches one host until `signal` aborts: each time the stream ends, waits a little, reconnects
 * from the last event seen and calls `afterGap` (a reconcile) so missed changes are caught up.
 */
export async function watchHost(
  context: RuntimeContext,
  hostId: string,
  source: EventSource,
  afterGap: () => Promise<unknown>,
  signal: AbortSignal,
): Promise<void> {
  // A function, so each check reads the signal afresh (an abort can come at any await).
  const stopped = (): boolean => signal.aborted;
  let since = Math.floor(context.clock.now() / 1000);
  let delayMs = 1000;
  while (!stopped()) {
    try {
      for await (const event of source.events({ sinceSeconds: since, signal })) {
        since = Math.max(since, Math.floor(event.timeNano / 1e9));
        delayMs = 1000;
        applyEngineEvent(context, event);
      }
    } catch (error) {
      const typed = toBerthError(error);
      if (typed.kind !== 'cancelled') log.debug({ hostId, kind: typed.kind }, 'event stream ended');
    }
    if (stopped()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    delayMs = Math.min(delayMs * 2, 30_000);
    if (!stopped() && context.engines.isHealthy(hostId)) {
      await afterGap().catch((error: unknown) => {
        log.debug({ hostId, kind: toBerthError(error).kind }, 'reconcile after the gap failed');
      });
    }
  }
}
