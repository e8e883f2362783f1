import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { manualClock, startTestBackend } from '../../support/backend';

describe('instance lifetimes on the real engine', () => {
  const clock = manualClock();
  let backend: TestBackend;
  let challengeId: string;

  beforeAll(async () => {
    // Ports are tried from the start of the range, so the port-in-use test meets its blocked port first.
    backend = await startTestBackend(
      { start: 42200, end: 42209 },
      { clock, random: { next: () => 0, bytes: (n) => randomBytes(n) } },
    );
    const challenge = await backend.call('challenges.create', {
      name: 'Timed',
      image: 'berth-test/web:1.0',
      lifetimeSeconds: 600,
      extensionSeconds: 300,
      maxExtensions: 2,
    });
    challengeId = challenge.id;
    await backend.call('teams.import', { csv: 'Alpha\nBravo\nCharlie\n', hasHeader: false });
  });

  afterAll(async () => {
    await backend.dispose();
  });

  it('returns the live instance on a second launch for the same team', async () => {
    const first = await backend.call('instances.launch', { challengeId, team: 'Alpha' });
    const second = await backend.call('instances.launch', { challengeId, team: 'Alpha' });
    expect(first.existing).toBe(false);
    expect(second.existing).toBe(true);
    expect(second.instance?.id).toBe(first.instance?.id);
    expect(first.instance?.ports.map((p) => p.protocol)).toEqual(['tcp']);
  });

  it('extends by the extension length and stops at the maximum', async () => {
    const { instance } = await backend.call('instances.launch', { challengeId, team: 'Alpha' });
    const before = instance?.expiresAt ?? 0;
    const once = await backend.call('instances.extend', { id: instance?.id ?? '' });
    expect(once.expiresAt).toBe(before + 300_000);
    const twice = await backend.call('instances.extend', { id: instance?.id ?? '' });
    expect(twice.expiresAt).toBe(before + 600_000);
    expect(twice.extensions).toBe(2);
    const third = await backend.api.invoke('instances.extend', { id: instance?.id ?? '' });
    expect(third).toMatchObject({
      ok: false,
      error: { kind: 'limit', message: 'No extensions left (2 of 2 used)' },
    });
    const page = await backend.call('audit.query', { action: 'instance.extend' });
    expect(page.entries.map((e) => e.outcome)).toEqual(['failed', 'ok', 'ok']);
  });

  it('removes an expired instance within two reaper rounds and frees its port', async () => {
    const { instance } = await backend.call('instances.launch', { challengeId, team: 'Bravo' });
    const port = instance?.ports[0]?.hostPort;
    await backend.call('settings.update', { reaperIntervalSeconds: 1 });
    await backend.runtime.startBackground();
    clock.advance(601_000);

    let status = '';
    for (let waited = 0; waited < 2500 && status !== 'removed'; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      status = backend.store.instances.get(instance?.id ?? '')?.status ?? '';
    }
    await backend.runtime.stopBackground();
    expect(status).toBe('removed');
    await expect(
      bareDocker()
        .getContainer(instance?.containerId ?? '')
        .inspect(),
    ).rejects.toMatchObject({ statusCode: 404 });
    expect(backend.store.ports.listForHost(backend.hostId).map((r) => r.port)).not.toContain(port);
    const expired = await backend.call('audit.query', { action: 'instance.expire' });
    expect(expired.entries[0]).toMatchObject({ outcome: 'ok', actor: 'reaper' });
  });

  it('takes another port when the engine says the chosen one is already allocated', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(42300, '127.0.0.1', resolve));
    const local = backend.store.hosts.get(backend.hostId);
    if (!local) throw new Error('no local host');
    backend.store.hosts.update(local.id, { ...local, portRange: { start: 42300, end: 42301 } });
    try {
      const { instance } = await backend.call('instances.launch', { challengeId, team: 'Charlie' });
      expect(instance?.ports[0]?.hostPort).toBe(42301);
      expect(instance?.status).toBe('running');
      const starts = await backend.call('audit.query', {
        action: 'container.start',
        outcome: 'failed',
      });
      expect(starts.entries[0]?.message).toMatch(/42300/);
    } finally {
      blocker.close();
      backend.store.hosts.update(local.id, { ...local });
    }
  });
});
