import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker, testSocketPath } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

async function until(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('following the engine event stream', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ start: 42600, end: 42609 }, { background: true });
  });

  afterAll(async () => {
    await backend.dispose();
  });

  it('sees a container of a host added while running stop and vanish, without a reconcile', async () => {
    // Only the added host may be watched, so the events must come through its own stream.
    await backend.call('hosts.remove', { id: backend.hostId });
    const host = await backend.call('hosts.add', {
      name: 'Second view of the test engine',
      connection: { kind: 'socket', socketPath: testSocketPath() },
      portRange: { start: 42610, end: 42619 },
    });
    const challenge = await backend.call('challenges.create', {
      name: 'Watched',
      image: 'berth-test/web:1.0',
    });
    await backend.call('teams.add', { name: 'Watchers' });
    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Watchers',
      hostId: host.id,
    });
    const id = instance?.id ?? '';
    const container = bareDocker().getContainer(instance?.containerId ?? '');

    await container.kill();
    expect(await until(() => backend.store.instances.get(id)?.status === 'stopped')).toBe(true);

    await container.remove({ force: true });
    expect(await until(() => backend.store.instances.get(id)?.status === 'gone')).toBe(true);
    expect(backend.store.ports.listForInstance(id)).toEqual([]);
    const gone = await backend.call('audit.query', { action: 'instance.gone' });
    expect(gone.entries[0]?.actor).toBe('engine');
  });
});
