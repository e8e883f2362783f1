import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/rpc';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

describe('instance usage on the real engine', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ start: 42500, end: 42509 });
  });

  afterAll(async () => {
    await backend.dispose();
  });

  it('shows memory and CPU of running instances in the list and as events', async () => {
    const challenge = await backend.call('challenges.create', {
      name: 'Measured',
      image: 'berth-test/web:1.0',
    });
    await backend.call('teams.add', { name: 'Meters' });
    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Meters',
    });
    const events: ApiEvent[] = [];
    const unsubscribe = backend.api.subscribe((event) => events.push(event));

    await backend.runtime.usage.sampleOnce();
    unsubscribe();

    const [listed] = await backend.call('instances.list', {});
    expect(listed?.id).toBe(instance?.id);
    expect(listed?.usage?.memoryBytes).toBeGreaterThan(0);
    expect(listed?.usage?.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(events.some((e) => e.type === 'instance.changed')).toBe(true);
  });
});
