// Samples CPU and memory of running instances in rounds, a few at a time, for the instances table.
import type { RuntimeContext } from './context';
import { instanceView } from './instance-views';

export interface Usage {
  cpuPercent: number;
  memoryBytes: number;
}

export interface UsageSource {
  stats(containerId: string): Promise<{ cpuPercent: number; memoryBytes: number }>;
}

const concurrency = 4;

export class UsageSampler {
  private readonly latest = new Map<string, Usage>();

  constructor(
    private readonly context: RuntimeContext,
    private readonly sourceFor: (hostId: string) => UsageSource,
  ) {}

  /** The last sample of an instance, if any. */
  usageOf(instanceId: string): Usage | null {
    return this.latest.get(instanceId) ?? null;
  }

  /** Samples every running instance once and tells clients of each new figure. */
  async sampleOnce(): Promise<void> {
    const { store } = this.context;
    const running = store.instances
      .list({ status: ['running'] })
      .filter((i) => i.containerId !== null);
    const live = new Set(running.map((i) => i.id));
    for (const id of this.latest.keys()) if (!live.has(id)) this.latest.delete(id);

    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < running.length; index = next++) {
        const instance = running[index];
        if (!instance?.containerId || !this.context.engines.isHealthy(instance.hostId)) continue;
        try {
          const stats = await this.sourceFor(instance.hostId).stats(instance.containerId);
          const usage = { cpuPercent: stats.cpuPercent, memoryBytes: stats.memoryBytes };
          this.latest.set(instance.id, usage);
          const current = store.instances.get(instance.id);
          if (current?.status === 'running') {
            this.context.publish('instance.changed', { ...instanceView(store, current), usage });
          }
        } catch {
          this.latest.delete(instance.id);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Samples in rounds `intervalMs()` apart until stopped. */
  start(intervalMs: () => number): () => Promise<void> {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let round: Promise<void> = Promise.resolve();
    const schedule = (): void => {
      if (stopped) return;
      timer = setTimeout(() => {
        round = this.sampleOnce().finally(schedule);
      }, intervalMs());
      timer.unref();
    };
    schedule();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round.catch(() => undefined);
    };
  }
}
