import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../../shared/challenge';
import type { Host } from '../../../shared/host';
import { outageEngine, startEngine, stopEngine } from '../../engine/remote-engines';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';
import { removeBackendObjects, tlsHostInput, untilAnswers } from './support';

// This file's host ports: 43300-43499 (43300-43399 on the shared engine, the rest on lab-outage).
const localBand = { start: 43300, end: 43399 };
const outageBand = { start: 43400, end: 43499 };

let backend: TestBackend;
let local: Host;
let outage: Host;
let web: Challenge;

beforeAll(async () => {
  backend = await startTestBackend(localBand);
  const [saved] = backend.store.hosts.list();
  if (!saved) throw new Error('no local host');
  local = backend.store.hosts.update(saved.id, { ...saved, name: 'lab-local', capacity: 20 });
  const added = await backend.call(
    'hosts.add',
    tlsHostInput(outageEngine, outageBand, { capacity: 10 }),
  );
  outage = backend.store.hosts.get(added.id) ?? local;
  web = await backend.call('challenges.create', {
    name: 'Spread',
    image: 'berth-test/web:1.0',
    ports: [{ port: 8080, protocol: 'http' }],
    limits: { memory: '48m', cpus: 0.1, pids: 16 },
  });
  const teams = Array.from({ length: 30 }, (_, i) => `Spread ${String(i + 1).padStart(2, '0')}`);
  await backend.call('teams.import', { csv: teams.join('\n'), hasHeader: false });
  // Both engines report their size, so the rule can compare free memory.
  await backend.runtime.health.check(local);
  await backend.runtime.health.check(outage);
});

afterAll(async () => {
  await startEngine(outageEngine);
  await removeBackendObjects(backend, outageEngine);
  await backend.dispose();
});

async function launchAuto(team: string, challengeId = web.id): Promise<string> {
  const { instance } = await backend.call('instances.launch', {
    challengeId,
    team,
    hostId: 'auto',
  });
  return instance?.hostId ?? 'none';
}

function liveOn(host: Host): number {
  return backend.store.instances.countLive({ hostId: host.id });
}

describe('placement over two engines', () => {
  it('spreads 20 launches on auto by free slots, then free memory', async () => {
    const placed: string[] = [];
    for (let i = 1; i <= 20; i += 1) {
      placed.push(await launchAuto(`Spread ${String(i).padStart(2, '0')}`));
    }

    // 20 and 10 slots: the local host until both have 10 free, then the one with more free memory.
    const L = local.id;
    const O = outage.id;
    expect(placed).toEqual([
      ...Array.from({ length: 10 }, () => L),
      ...[O, L, O, L, O, L, O, L, O, L],
    ]);
    expect([liveOn(local), liveOn(outage)]).toEqual([15, 5]);
  });

  it('skips a host without the image and says why in the launch record', async () => {
    const noports = await backend.call('challenges.create', {
      name: 'Only local',
      image: 'berth-test/noports:1.0',
    });

    expect(await launchAuto('Spread 21', noports.id)).toBe(local.id);

    const page = await backend.call('audit.query', { action: 'instance.launch', limit: 1 });
    expect(page.entries[0]?.details).toMatchObject({
      skipped: ['lab-outage does not have berth-test/noports:1.0'],
    });
  });

  it('sends every launch to the other engine while one is drained', async () => {
    await backend.call('hosts.setDrained', { id: local.id, drained: true });

    const placed = [];
    for (const team of ['Spread 22', 'Spread 23', 'Spread 24', 'Spread 25']) {
      placed.push(await launchAuto(team));
    }

    expect(placed).toEqual([outage.id, outage.id, outage.id, outage.id]);
    await backend.call('hosts.setDrained', { id: local.id, drained: false });
  });

  it('keeps every record while an engine is down, and reconciles when it returns', async () => {
    const onOutage = backend.store.instances.listLive(outage.id);
    expect(onOutage).toHaveLength(9);

    await stopEngine(outageEngine);
    const down = await backend.runtime.health.check(outage);

    expect(down.health).toBe('down');
    const whileDown = await backend.call('instances.list', {});
    expect(whileDown.filter((i) => i.hostId === outage.id).map((i) => i.status)).toEqual(
      Array.from({ length: 9 }, () => 'unknown'),
    );
    expect(await launchAuto('Spread 26')).toBe(local.id);

    await startEngine(outageEngine);
    const up = await backend.runtime.health.check(outage);

    expect(up.health).toBe('up');
    const back = backend.store.instances.listLive(outage.id);
    expect(back.map((i) => i.id).sort()).toEqual(onOutage.map((i) => i.id).sort());
    expect(back.map((i) => i.status)).toEqual(Array.from({ length: 9 }, () => 'running'));
    expect((await untilAnswers(back[0]?.ports[0]?.hostPort ?? 0)).status).toBe(200);
  });

  it('removes every instance from both engines', async () => {
    const live = await backend.call('instances.list', {});
    await Promise.all(
      live.map((instance) => backend.call('instances.remove', { id: instance.id })),
    );

    expect([liveOn(local), liveOn(outage)]).toEqual([0, 0]);
  });
});
