// Long image operations in flight and lately ended, each cancellable by its id.
import type { JobStatus } from '../../shared/authoring';
import { BerthError } from '../../shared/errors';

/** Ended jobs kept for a screen opened late. */
const keptEnded = 20;

interface Entry<V> {
  view: V;
  controller: AbortController;
  done: Promise<void>;
}

export class JobTable<V extends { status: JobStatus; endedAt: number | null }> {
  private readonly jobs = new Map<string, Entry<V>>();

  constructor(private readonly noun: string) {}

  /** Registers a job and runs it; `run` reports through the view it is given. */
  add(id: string, view: V, run: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const entry: Entry<V> = { view, controller, done: Promise.resolve() };
    this.jobs.set(id, entry);
    entry.done = run(controller.signal).finally(() => {
      this.trim();
    });
  }

  /** A job's view; not-found for an unknown id. */
  get(id: string): V {
    const entry = this.jobs.get(id);
    if (!entry) throw new BerthError('not-found', `No ${this.noun} with id ${id}`, { field: 'id' });
    return entry.view;
  }

  /** Asks a running job to stop; false when it had already ended. */
  cancel(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry) throw new BerthError('not-found', `No ${this.noun} with id ${id}`, { field: 'id' });
    if (entry.view.status !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  /** Every job, newest first. */
  list(): V[] {
    return [...this.jobs.values()].map((entry) => entry.view).reverse();
  }

  /** Cancels every running job and waits for all of them to end. */
  async cancelAll(): Promise<void> {
    const entries = [...this.jobs.values()];
    for (const entry of entries) entry.controller.abort();
    await Promise.all(entries.map((entry) => entry.done.catch(() => undefined)));
  }

  private trim(): void {
    const ended = [...this.jobs.entries()].filter(([, entry]) => entry.view.status !== 'running');
    for (const [id] of ended.slice(0, Math.max(0, ended.length - keptEnded))) this.jobs.delete(id);
  }
}
