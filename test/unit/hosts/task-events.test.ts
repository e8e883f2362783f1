import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuntimeContext } from '../../../electron/runtime/context';
import type { WatchedEvent } from '../../../electron/runtime/engine-watch';
import { applyEngineEvent } from '../../../electron/runtime/engine-watch';
import type { InstanceEngine } from '../../../electron/runtime/engine-port';
import { KeyedLock } from '../../../electron/runtime/keyed-lock';
import type { Instance } from '../../../shared/instance';
import type { TempStore } from '../store/temp-store';
import { instance, seeded, tempStore } from '../store/temp-store';

let temp: TempStore;
let context: RuntimeContext;
let ids: { challengeId: string; teamIds: [string, string] };

beforeEach(() => {
  temp = tempStore();
  ids = seeded(temp.store);
  const { store } = temp;
  context = {
    store,
    engines: { engineFor: () => ({}) as InstanceEngine, isHealthy: () => true },
    clock: { now: () => temp.clock.now },
    random: { next: () => 0.5, bytes: (n) => Buffer.alloc(n) },
    locks: new KeyedLock(),
    publish: () => undefined,
    audit: (entry) => {
      store.audit.append({ engineMessage: '', details: {}, ...entry });
    },
  };
});

afterEach(() => {
  temp.dispose();
});

function live(workload: Instance['workload'], status: Instance['status']): Instance {
  const made = instance({
    id: `i-${workload}`,
    challengeId: ids.challengeId,
    teamId: ids.teamIds[0],
    workload,
    status,
    containerId: 'task-1',
  });
  temp.store.instances.insert(made);
  return made;
}

function event(action: string, id: string, instanceId: string): WatchedEvent {
  return {
    type: 'container',
    action,
    id,
    attributes: { 'berth.instance': instanceId },
    timeNano: 1,
  };
}

const statusOf = (id: string): Partial<Instance> | undefined => {
  const found = temp.store.instances.get(id);
  return found ? { status: found.status, containerId: found.containerId } : undefined;
};

describe('engine events of a service instance', () => {
  it('shows the instance running in its new task when the swarm starts one', () => {
    const made = live('service', 'stopped');

    applyEngineEvent(context, event('start', 'task-2', made.id));

    expect(statusOf(made.id)).toEqual({ status: 'running', containerId: 'task-2' });
  });

  it('stops the instance only when its current task dies', () => {
    const made = live('service', 'running');

    applyEngineEvent(context, event('die', 'task-0', made.id));
    expect(statusOf(made.id)).toEqual({ status: 'running', containerId: 'task-1' });

    applyEngineEvent(context, event('die', 'task-1', made.id));
    expect(statusOf(made.id)).toEqual({ status: 'stopped', containerId: 'task-1' });
  });

  it('keeps the instance when a task container is removed: its service decides', () => {
    const made = live('service', 'running');

    applyEngineEvent(context, event('destroy', 'task-1', made.id));

    expect(statusOf(made.id)).toEqual({ status: 'running', containerId: 'task-1' });
  });

  it('still marks a plain container gone when it is removed behind Berth', () => {
    const made = live('container', 'running');

    applyEngineEvent(context, event('destroy', 'task-1', made.id));

    expect(statusOf(made.id)?.status).toBe('gone');
  });
});
