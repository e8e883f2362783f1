// The runtime: Berth's rules over the store and the engines, with its background work.
import type { ApiEvents, EventName } from '../../shared/api';
import { BerthError } from '../../shared/errors';
import { liveStatuses } from '../../shared/instance';
import type { Host } from '../../shared/host';
import type {
  InstanceView,
  LaunchAllResult,
  LaunchOutcome,
  ProbeResult,
  ReconcileReport,
} from '../../shared/views';
import type { Store } from '../store/database';
import type { Clock, RandomSource } from './clock';
import { systemClock, systemRandom } from './clock';
import type { RuntimeContext } from './context';
import { requireHost } from './context';
import type { InstanceEngine } from './engine-port';
import type { EventSource } from './engine-watch';
import { watchHost } from './engine-watch';
import { markAudited } from './audited';
import { deriveFlag, hashFlag } from './flags';
import type { HealthProbe } from './host-health';
import { HostHealth } from './host-health';
import { HostEngines } from './host-engines';
import {
  extendInstance,
  removeInstance,
  requireInstance,
  restartInstance,
  startInstance,
  stopInstance,
} from './instance-actions';
import { KeyedLock } from './keyed-lock';
import { launchForAllTeams } from './launch-all';
import type { LaunchRequest } from './launch';
import { launchInstance } from './launch';
import { probePorts } from './probe';
import type { ReapResult } from './reaper';
import { reapExpired, startReaper } from './reaper';
import { reconcileHost } from './reconcile';
import type { UsageSource } from './usage-sampler';
import { UsageSampler } from './usage-sampler';

export type RuntimeEngine = InstanceEngine & EventSource & UsageSource;

export interface RuntimeOptions<E extends RuntimeEngine> {
  store: Store;
  createEngine(host: Host): E;
  healthProbe(engine: E, host: Host): ReturnType<HealthProbe['check']>;
  publish<N extends EventName>(type: N, payload: ApiEvents[N]): void;
  clock?: Clock;
  random?: RandomSource;
  hooks?: RuntimeContext['hooks'];
}

export type Runtime<E extends RuntimeEngine = RuntimeEngine> = ReturnType<typeof createRuntime<E>>;

/** Builds the runtime; background work (reaper, health checks) starts with `startBackground`. */
export function createRuntime<E extends RuntimeEngine>(options: RuntimeOptions<E>) {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const health: HostHealth = new HostHealth(
    () => context,
    { check: (host: Host) => options.healthProbe(engines.engineFor(host.id), host) },
    async (hostId) => {
      await reconcileHost(context, hostId, 'health');
    },
  );
  const engines: HostEngines<E> = new HostEngines<E>(
    store,
    (host) => options.createEngine(host),
    (id: string): boolean => health.isHealthy(id),
  );
  const context: RuntimeContext = {
    store,
    engines,
    clock,
    random: options.random ?? systemRandom,
    locks: new KeyedLock(),
    publish: (type, payload) => {
      options.publish(type, payload);
    },
    audit: (record) => {
      store.audit.append({ engineMessage: '', details: {}, ...record });
    },
    hooks: options.hooks,
  };

  const usage = new UsageSampler(context, (hostId) => engines.engineFor(hostId));
  const stoppers: (() => Promise<void>)[] = [];
  const watchers = new Map<string, { controller: AbortController; done: Promise<void> }>();

  let backgroundRunning = false;

  /** Follows a host's event stream (again, after its connection changed); only while background work runs. */
  function watch(hostId: string): void {
    unwatch(hostId);
    if (!backgroundRunning) return;
    const controller = new AbortController();
    const done = watchHost(
      context,
      hostId,
      { events: (o) => engines.engineFor(hostId).events(o) },
      () => reconcileHost(context, hostId, 'engine-events'),
      controller.signal,
    );
    watchers.set(hostId, { controller, done });
  }

  function unwatch(hostId: string): void {
    watchers.get(hostId)?.controller.abort();
    watchers.delete(hostId);
  }

  async function reconcile(hostId: string | undefined, actor: string): Promise<ReconcileReport[]> {
    const hosts = hostId
      ? [requireHost(context, hostId)]
      : store.hosts.list().filter((h) => h.enabled);
    const reports: ReconcileReport[] = [];
    for (const host of hosts) {
      const report = await reconcileHost(context, host.id, actor);
      reports.push(report);
    }
    return reports;
  }

  function startHealthLoop(): () => Promise<void> {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let round: Promise<unknown> = Promise.resolve();
    const tick = (): void => {
      if (stopped) return;
      round = Promise.all(
        store.hosts
          .list()
          .filter((h) => h.enabled)
          .map((h) => health.check(h)),
      ).finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, store.settings.get().healthIntervalSeconds * 1000);
        timer.unref();
      });
    };
    tick();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round.catch(() => undefined);
    };
  }

  return {
    context,
    engines,
    health,
    usage,
    launch: (request: LaunchRequest): Promise<LaunchOutcome> => launchInstance(context, request),
    launchAll: (request: {
      challengeId: string;
      hostId?: string | undefined;
      actor: string;
    }): Promise<LaunchAllResult> => launchForAllTeams(context, request),
    extend: (id: string, actor: string): Promise<InstanceView> =>
      extendInstance(context, id, actor),
    stop: (id: string, actor: string): Promise<InstanceView> => stopInstance(context, id, actor),
    start: (id: string, actor: string): Promise<InstanceView> => startInstance(context, id, actor),
    restart: (id: string, actor: string): Promise<InstanceView> =>
      restartInstance(context, id, actor),
    remove: (id: string, actor: string): Promise<InstanceView> =>
      removeInstance(context, id, actor),
    reapExpired: (): Promise<ReapResult> => reapExpired(context),
    reconcile,

    /** Probes every port of a live instance from this machine. */
    async probe(id: string): Promise<ProbeResult[]> {
      const instance = requireInstance(context, id);
      if (!liveStatuses.includes(instance.status)) {
        throw new BerthError(
          'already-in-state',
          `${instance.containerName} is ${instance.status}; it has no ports to probe`,
        );
      }
      return probePorts(requireHost(context, instance.hostId), instance.ports);
    },

    /** The instance's flag, recomputed from the secret; the reveal itself is audited. */
    revealFlag(id: string, actor: string): { flag: string } {
      const instance = requireInstance(context, id);
      const challenge = store.challenges.get(instance.challengeId);
      if (!challenge)
        throw new BerthError('not-found', 'The challenge of this instance was deleted');
      const flag = deriveFlag(
        store.secrets.flagSecret(),
        challenge.flag,
        challenge.id,
        instance.teamId,
      );
      if (instance.flagHash !== '' && hashFlag(flag) !== instance.flagHash) {
        const error = new BerthError(
          'conflict',
          `The flag settings of ${challenge.name} changed after ${instance.containerName} started: its container holds the old flag, which Berth no longer derives. Remove and launch it again to give the team the current flag.`,
        );
        context.audit({
          actor,
          action: 'instance.reveal-flag',
          hostId: instance.hostId,
          target: instance.containerName,
          outcome: 'failed',
          message: error.message,
        });
        throw markAudited(error);
      }
      context.audit({
        actor,
        action: 'instance.reveal-flag',
        hostId: instance.hostId,
        target: instance.containerName,
        outcome: 'ok',
        message: `Flag of ${instance.containerName} revealed`,
      });
      return { flag };
    },

    /** Starts the reaper and the health checks; reconciles every host once first. */
    async startBackground(): Promise<void> {
      for (const host of store.hosts.list().filter((h) => h.enabled)) {
        const status = await health.check(host);
        if (status.health === 'up')
          await reconcileHost(context, host.id, 'startup').catch(() => undefined);
      }
      const reaper = startReaper(context, () => store.settings.get().reaperIntervalSeconds * 1000);
      stoppers.push(() => reaper.stop());
      stoppers.push(startHealthLoop());
      stoppers.push(usage.start(() => 15_000));
      backgroundRunning = true;
      for (const host of store.hosts.list().filter((h) => h.enabled)) watch(host.id);
      stoppers.push(async () => {
        const running = [...watchers.values()];
        for (const id of [...watchers.keys()]) unwatch(id);
        await Promise.all(running.map((w) => w.done));
      });
    },
    watch,
    unwatch,

    /** Stops background work; running instances keep running. */
    async stopBackground(): Promise<void> {
      backgroundRunning = false;
      await Promise.all(stoppers.splice(0).map((stop) => stop()));
    },
  };
}
