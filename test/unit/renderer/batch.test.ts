import { describe, expect, it } from 'vitest';
import { runBatch } from '../../../renderer/lib/batch';

describe('runBatch', () => {
  it('runs every item, never more than the concurrency at once', async () => {
    let running = 0;
    let most = 0;
    const progress: number[] = [];

    const result = await runBatch(
      Array.from({ length: 20 }, (_, i) => i),
      async () => {
        running += 1;
        most = Math.max(most, running);
        await Promise.resolve();
        await Promise.resolve();
        running -= 1;
      },
      {
        concurrency: 3,
        onProgress: ({ done }) => {
          progress.push(done);
        },
      },
    );

    expect(result).toEqual({ done: 20, failures: [], cancelled: false });
    expect(most).toBe(3);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('collects failures with their item and carries on', async () => {
    const result = await runBatch(
      ['a', 'b', 'c'],
      (item) => (item === 'b' ? Promise.reject(new Error('no')) : Promise.resolve()),
      { concurrency: 2 },
    );

    expect(result.done).toBe(3);
    expect(result.failures.map((f) => f.item)).toEqual(['b']);
  });

  it('stops taking new items once cancelled', async () => {
    const controller = new AbortController();
    const started: number[] = [];

    const result = await runBatch(
      [1, 2, 3, 4, 5, 6],
      async (item) => {
        started.push(item);
        if (item === 2) controller.abort();
        await Promise.resolve();
      },
      { concurrency: 1, signal: controller.signal },
    );

    expect(started).toEqual([1, 2]);
    expect(result).toMatchObject({ done: 2, cancelled: true });
  });
});
