// Keeps each host's health: a periodic ping; a host that goes down shows its instances as unknown,
// and a host that comes back is reconciled. Nothing is deleted while a host is away.
import { toBerthError } from '../../shared/errors';
import type { Host, HostStatus } from '../../shared/host';
import { liveStatuses } from '../../shared/instance';
import { componentLogger } from '../logger';
import type { RuntimeContext } from './context';
import { instanceView } from './instance-views';

const log = componentLogger('host-health');

// The monitor of each runtime, found from its context, so placement can read the sizes it measured.
const monitors = new WeakMap<RuntimeContext, HostHealth>();

/** The last status the runtime's health monitor measured for a host; null before a check. */
export function lastKnownStatus(context: RuntimeContext, hostId: string): HostStatus | null {
  return monitors.get(context)?.measured(hostId) ?? null;
}

export interface HealthProbe {
  /** Facts about the engine; throws a BerthError when it cannot be reached. */
  check(host: Host): Promise<Omit<HostStatus, 'hostId' | 'health' | 'checkedAt' | 'error'>>;
}

export class HostHealth {
  private readonly statuses = new Map<string, HostStatus>();

  constructor(
    private readonly context: () => RuntimeContext,
    private readonly probe: HealthProbe,
    private readonly onReturn: (hostId: string) => Promise<void>,
  ) {}

  /** The last known status; a host never checked counts as up until its first check. */
  status(hostId: string): HostStatus {
    return (
      this.statuses.get(hostId) ?? {
        hostId,
        health: 'checking',
        checkedAt: 0,
        version: null,
        apiVersion: null,
        containersRunning: null,
        cpus: null,
        memoryBytes: null,
        error: null,
      }
    );
  }

  /** The last check's status, or null before the first. */
  measured(hostId: string): HostStatus | null {
    return this.statuses.get(hostId) ?? null;
  }

  isHealthy(hostId: string): boolean {
    return this.status(hostId).health !== 'down';
  }

  forget(hostId: string): void {
    this.statuses.delete(hostId);
  }

  /** Checks one host now and acts on a change of health. */
  async check(host: Host): Promise<HostStatus> {
    const context = this.context();
    monitors.set(context, this);
    const previous = this.statuses.get(host.id)?.health;
    let status: HostStatus;
    try {
      const facts = await this.probe.check(host);
      status = {
        hostId: host.id,
        health: 'up',
        checkedAt: context.clock.now(),
        error: null,
        ...facts,
      };
    } catch (error) {
      status = {
        ...this.status(host.id),
        health: 'down',
        checkedAt: context.clock.now(),
        error: toBerthError(error).message,
      };
    }
    this.statuses.set(host.id, status);
    context.publish('host.status', status);

    if (status.health === 'down' && previous !== 'down') {
      this.recorded(host, () => {
        this.markUnknown(host);
      });
    }
    if (status.health === 'up' && previous === 'down') {
      this.recorded(host, () => {
        context.audit({
          actor: 'health',
          action: 'host.up',
          hostId: host.id,
          target: host.name,
          outcome: 'ok',
          message: `${host.name} is reachable again`,
        });
      });
      await this.onReturn(host.id).catch((error: unknown) => {
        log.warn(
          { hostId: host.id, kind: toBerthError(error).kind },
          'reconcile after return failed',
        );
      });
    }
    return status;
  }

  // The health is known whatever the database says: a write that fails (a full or locked disk)
  // is logged, and the host's return reconciles what it could not record.
  private recorded(host: Host, write: () => void): void {
    try {
      write();
    } catch (error) {
      log.warn({ hostId: host.id, kind: toBerthError(error).kind }, 'health change not recorded');
    }
  }

  private markUnknown(host: Host): void {
    const context = this.context();
    const { store } = context;
    const changed = store.transaction(() =>
      store.instances
        .listLive(host.id)
        .filter(
          (instance) => liveStatuses.includes(instance.status) && instance.status !== 'unknown',
        )
        .map((instance) => store.instances.update(instance.id, { status: 'unknown' })),
    );
    context.audit({
      actor: 'health',
      action: 'host.down',
      hostId: host.id,
      target: host.name,
      outcome: 'failed',
      message: `${host.name} cannot be reached; ${changed.length} instances marked unknown until it returns`,
    });
    for (const instance of changed)
      context.publish('instance.changed', instanceView(store, instance));
  }
}
