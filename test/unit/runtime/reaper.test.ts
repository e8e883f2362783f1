import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import type { RuntimeContext } from '../../../electron/runtime/context';
import type { InstanceEngine } from '../../../electron/runtime/engine-port';
import { KeyedLock } from '../../../electron/runtime/keyed-lock';
import { reapConcurrency, reapExpired } from '../../../electron/runtime/reaper';
import type { TempStore } from '../store/temp-store';
import { challengeSpec, hostSpec, instance, tempStore } from '../store/temp-store';

const unused = (): Promise<never> => Promise.reject(new Error('not used by the reaper'));

/** An engine whose removes wait for the test, so how many run at once can be counted. */
function removalEngine(failing: Set<string>) {
  const waiting: (() => void)[] = [];
  const removed: string[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  const engine: InstanceEngine = {
    inspectImage: unused,
    runContainer: unused,
    inspectContainer: unused,
    listContainers: unused,
    startContainer: unused,
    stopContainer: unused,
    restartContainer: unused,
    usedHostPorts: unused,
    async removeContainer(id) {
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight -= 1;
      if (failing.has(id)) throw new BerthError('unreachable', 'The engine went away');
      removed.push(id);
    },
  };
  return {
    engine,
    removed,
    mostAtOnce: () => mostAtOnce,
    /** Lets every waiting remove finish, round after round, until `done` settles. */
    async drain<T>(done: Promise<T>): Promise<T> {
      const settled = { yet: false };
      void done.finally(() => {
        settled.yet = true;
      });
      while (!settled.yet) {
        await new Promise((resolve) => setImmediate(resolve));
        for (const resume of waiting.splice(0)) resume();
      }
      return done;
    },
  };
}

describe('reaping expired instances', () => {
  let temp: TempStore;

  afterEach(() => {
    temp.dispose();
  });

  function contextWith(engine: InstanceEngine): RuntimeContext {
    const { store } = temp;
    return {
      store,
      engines: { engineFor: () => engine, isHealthy: () => true },
      clock: { now: () => temp.clock.now },
      random: { next: () => 0.5, bytes: (n) => Buffer.alloc(n) },
      locks: new KeyedLock(),
      publish: () => undefined,
      audit: (record) => {
        store.audit.append({ engineMessage: '', details: {}, ...record });
      },
    };
  }

  /** `count` running instances, one per team, all expired by now. */
  function expiredInstances(count: number): string[] {
    const { store } = temp;
    store.hosts.add(hostSpec(), { id: 'local' });
    const challenge = store.challenges.create(challengeSpec());
    return Array.from({ length: count }, (_, i) => {
      const team = store.teams.add({ name: `Team ${i}` });
      const id = `inst-${i}`;
      store.instances.insert(
        instance({
          id,
          challengeId: challenge.id,
          teamId: team.id,
          containerId: `container-${i}`,
          expiresAt: temp.clock.now - 1000,
        }),
      );
      return id;
    });
  }

  it('removes a large event’s expired instances several at a time, never more than the limit', async () => {
    temp = tempStore();
    const ids = expiredInstances(30);
    const fake = removalEngine(new Set());

    const result = await fake.drain(reapExpired(contextWith(fake.engine)));

    expect([...result.removed].sort()).toEqual([...ids].sort());
    expect(result.retryLater).toEqual([]);
    expect(fake.removed).toHaveLength(30);
    expect(fake.mostAtOnce()).toBeGreaterThan(1);
    expect(fake.mostAtOnce()).toBe(reapConcurrency);
    expect(ids.map((id) => temp.store.instances.get(id)?.status)).toEqual(ids.map(() => 'removed'));
    expect(temp.store.audit.query({ action: 'instance.expire' }).total).toBe(30);
  });

  it('keeps an instance whose engine remove fails for the next round while the others go', async () => {
    temp = tempStore();
    const ids = expiredInstances(12);
    const fake = removalEngine(new Set(['container-3', 'container-9']));

    const result = await fake.drain(reapExpired(contextWith(fake.engine)));

    expect([...result.retryLater].sort()).toEqual(['inst-3', 'inst-9']);
    expect(result.removed).toHaveLength(10);
    expect(temp.store.instances.get('inst-3')?.status).toBe('running');
    expect(
      temp.store.instances
        .listExpired(temp.clock.now)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['inst-3', 'inst-9']);
    expect(ids.filter((id) => temp.store.instances.get(id)?.status === 'removed')).toHaveLength(10);
  });
});
