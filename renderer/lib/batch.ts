// Running one call per item (bulk actions) a few at a time, with progress and cancellation.

export interface BatchProgress {
  done: number;
  total: number;
}

export interface BatchFailure<T> {
  item: T;
  error: unknown;
}

export interface BatchResult<T> {
  done: number;
  failures: BatchFailure<T>[];
  /** True when the signal stopped the batch before every item ran. */
  cancelled: boolean;
}

export interface BatchOptions {
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

/** Runs `work` on every item, at most `concurrency` at once; never rejects, failures are returned. */
export async function runBatch<T>(
  items: readonly T[],
  work: (item: T) => Promise<unknown>,
  options: BatchOptions,
): Promise<BatchResult<T>> {
  const failures: BatchFailure<T>[] = [];
  let next = 0;
  let done = 0;

  async function worker(): Promise<void> {
    while (next < items.length && !options.signal?.aborted) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failures.push({ item, error });
      }
      done += 1;
      options.onProgress?.({ done, total: items.length });
    }
  }

  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return { done, failures, cancelled: done < items.length };
}
