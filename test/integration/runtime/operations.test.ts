import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/rpc';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

describe('operating a running instance on the real engine', () => {
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

  it('probes each port over HTTP or TCP, and a stopped instance fails its probe until started', async () => {
    const challenge = await backend.call('challenges.create', {
      name: 'Two ports',
      image: 'berth-test/multi:1.0',
      ports: [
        { port: 8080, protocol: 'http' },
        { port: 9000, protocol: 'tcp' },
      ],
    });
    await backend.call('teams.add', { name: 'Probers' });
    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Probers',
    });
    const id = instance?.id ?? '';
    expect(instance?.connection.map((c) => c.text)).toEqual([
      `http://127.0.0.1:${instance?.ports[0]?.hostPort}/`,
      `nc 127.0.0.1 ${instance?.ports[1]?.hostPort}`,
    ]);

    let probes = await backend.call('instances.probe', { id });
    for (let attempt = 0; attempt < 30 && !probes.every((p) => p.ok); attempt += 1) {
      await new Promise((r) => setTimeout(r, 100));
      probes = await backend.call('instances.probe', { id });
    }
    expect(probes.map((p) => [p.protocol, p.ok, p.detail])).toEqual([
      ['http', true, 'HTTP 200'],
      ['tcp', true, 'Accepts connections'],
    ]);

    const stopped = await backend.call('instances.stop', { id });
    expect(stopped.status).toBe('stopped');
    const down = await backend.call('instances.probe', { id });
    expect(down.every((p) => !p.ok)).toBe(true);

    const started = await backend.call('instances.start', { id });
    expect(started.status).toBe('running');
    const restarted = await backend.call('instances.restart', { id });
    expect(restarted.status).toBe('running');
    const removed = await backend.call('instances.remove', { id });
    expect(removed.status).toBe('removed');
    expect(backend.store.ports.listForInstance(id)).toEqual([]);
    const byName = await backend.call('audit.query', {
      target: instance?.containerName ?? '',
      limit: 50,
    });
    expect(byName.entries.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining([
        'instance.stop:ok',
        'instance.start:ok',
        'instance.restart:ok',
        'instance.remove:ok',
      ]),
    );
    const byContainer = await backend.call('audit.query', {
      target: instance?.containerId ?? '',
      limit: 50,
    });
    expect(byContainer.entries.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining([
        'container.stop:ok',
        'container.start:ok',
        'container.restart:ok',
        'container.remove:ok',
      ]),
    );
  });
});
