// Removes instances whose time is up. An unreachable engine is retried on the next round; nothing is lost.
import { toBerthError } from '../../shared/errors';
import { componentLogger } from '../logger';
import type { RuntimeContext } from './context';
import { removeInstance } from './instance-actions';

const log = componentLogger('reaper');

export interface ReapResult {
  removed: string[];
  retryLater: string[];
}

/**
 * How many expired instances are removed at once. Engines serialise little of a remove, so a few
 * at a time end a large event's instances several times sooner than one after another.
 */
export const reapConcurrency = 8;

/** Removes every expired live instance once; those whose engine fails stay for the next round. */
export async function reapExpired(context: RuntimeContext): Promise<ReapResult> {
  const expired = context.store.instances.listExpired(context.clock.now());
  const result: ReapResult = { removed: [], retryLater: [] };
  const due = expired.filter((instance) => {
    if (instance.status !== 'unknown' && context.engines.isHealthy(instance.hostId)) return true;
    result.retryLater.push(instance.id);
    return false;
  });

  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < due.length; index = next++) {
      const instance = due[index];
      if (!instance) continue;
      try {
        await removeInstance(context, instance.id, 'reaper', 'instance.expire');
        result.removed.push(instance.id);
      } catch (error) {
        log.warn(
          { instanceId: instance.id, kind: toBerthError(error).kind },
          'expired instance not removed yet',
        );
        result.retryLater.push(instance.id);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(reapConcurrency, due.length) }, worker));
  return result;
}

export interface Reaper {
  stop(): Promise<void>;
}

/** Runs `reapExpired` every `intervalMs()` milliseconds until stopped; rounds never overlap. */
export function startReaper(context: RuntimeContext, intervalMs: () => number): Reaper {
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = reapExpired(context)
        .catch((error: unknown) => {
          log.error({ kind: toBerthError(error).kind }, 'reaper round failed');
        })
        .finally(schedule);
    }, intervalMs());
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
