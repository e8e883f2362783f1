import { afterEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../../shared/instance';
import type { TempStore } from './temp-store';
import { challengeSpec, hostSpec, instance, seeded, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

function setUp(): TempStore & { challengeId: string; teamIds: [string, string] } {
  temp = tempStore();
  return { ...temp, ...seeded(temp.store) };
}

const reserve = {
  hostId: 'local',
  count: 2,
  range: { start: 31000, end: 31009 },
  exclude: new Set<number>(),
  random: () => 0,
};

describe('recording instances', () => {
  it('gives back what was recorded, ports and error included', () => {
    const { store, challengeId, teamIds } = setUp();
    const recorded: Instance = instance({
      id: 'i1',
      challengeId,
      teamId: teamIds[0],
      status: 'failed',
      ports: [{ containerPort: 8080, protocol: 'http', hostPort: 31000, hostIp: '127.0.0.1' }],
      error: { kind: 'engine', message: 'The engine refused', field: 'image' },
      endedAt: 1_700_000_100_000,
    });
    store.instances.insert(recorded);

    expect(store.instances.get('i1')).toEqual(recorded);
    expect(store.instances.get('nope')).toBeNull();
  });

  it('refuses a second live instance of a challenge for the same team', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insert(instance({ id: 'first', challengeId, teamId: teamIds[0] }));

    expect(() =>
      store.instances.insert(
        instance({ id: 'second', challengeId, teamId: teamIds[0], status: 'starting' }),
      ),
    ).toThrow(expect.objectContaining({ kind: 'conflict', field: 'teamId' }));
    expect(
      store.instances.insert(instance({ id: 'other-team', challengeId, teamId: teamIds[1] })).id,
    ).toBe('other-team');
  });

  it('allows a new live instance once the old one has ended, and no revival of the old one', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insert(instance({ id: 'old', challengeId, teamId: teamIds[0] }));
    store.instances.update('old', { status: 'removed', endedAt: 1 });
    store.instances.insert(instance({ id: 'new', challengeId, teamId: teamIds[0] }));

    expect(() => store.instances.update('old', { status: 'running' })).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(store.instances.findLive(challengeId, teamIds[0])?.id).toBe('new');
  });

  it('refuses an instance of an unknown team, naming the field', () => {
    const { store, challengeId } = setUp();
    expect(() =>
      store.instances.insert(instance({ id: 'x', challengeId, teamId: 'ghost' })),
    ).toThrow(expect.objectContaining({ kind: 'not-found', field: 'teamId' }));
  });

  it('changes only the given fields and keeps the id', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insert(
      instance({ id: 'i1', challengeId, teamId: teamIds[0], status: 'starting' }),
    );
    const updated = store.instances.update('i1', {
      status: 'running',
      containerId: 'abc',
      startedAt: 5,
    });

    expect(updated).toMatchObject({
      id: 'i1',
      status: 'running',
      containerId: 'abc',
      startedAt: 5,
      extensions: 0,
    });
    expect(store.instances.get('i1')).toEqual(updated);
    expect(() => store.instances.update('i1', { id: 'i2' })).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'id' }),
    );
    expect(() => store.instances.update('nope', { status: 'gone' })).toThrow(
      expect.objectContaining({ kind: 'not-found', field: 'id' }),
    );
  });
});

describe('recording an instance together with its ports', () => {
  it('writes the instance as starting and its reserved ports in one go', () => {
    const { store, challengeId, teamIds } = setUp();
    const draft = instance({
      id: 'i1',
      challengeId,
      teamId: teamIds[0],
      status: 'running',
      ports: [
        { containerPort: 8080, protocol: 'http', hostPort: 0, hostIp: '127.0.0.1' },
        { containerPort: 9000, protocol: 'tcp', hostPort: 0, hostIp: '127.0.0.1' },
      ],
    });
    const { instance: recorded, ports } = store.instances.insertWithPorts(draft, reserve);

    expect(ports).toEqual([31000, 31001]);
    expect(recorded.status).toBe('starting');
    expect(recorded.ports.map((p) => p.hostPort)).toEqual([31000, 31001]);
    expect(store.instances.get('i1')).toEqual(recorded);
    expect(store.ports.listForInstance('i1').map((r) => r.port)).toEqual([31000, 31001]);
  });

  it('writes nothing when the ports cannot be had', () => {
    const { store, challengeId, teamIds } = setUp();
    const draft = instance({ id: 'i1', challengeId, teamId: teamIds[0] });

    expect(() => store.instances.insertWithPorts(draft, { ...reserve, count: 11 })).toThrow(
      expect.objectContaining({ kind: 'limit' }),
    );
    expect(store.instances.get('i1')).toBeNull();
    expect(store.ports.countForHost('local')).toBe(0);
  });

  it('writes nothing when the team already has a live instance', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insertWithPorts(
      instance({ id: 'i1', challengeId, teamId: teamIds[0] }),
      reserve,
    );

    expect(() =>
      store.instances.insertWithPorts(
        instance({ id: 'i2', challengeId, teamId: teamIds[0] }),
        reserve,
      ),
    ).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(store.ports.countForHost('local')).toBe(2);
  });
});

describe('finding instances', () => {
  function fleet() {
    const context = setUp();
    const { store, challengeId, teamIds } = context;
    const second = store.challenges.create(challengeSpec({ name: 'Pwn' }));
    store.hosts.add(hostSpec({ name: 'Lab 2' }), { id: 'lab-2' });
    const at = (minutes: number): number => 1_700_000_000_000 + minutes * 60_000;
    store.instances.insert(
      instance({ id: 'a', challengeId, teamId: teamIds[0], expiresAt: at(30) }),
    );
    store.instances.insert(
      instance({
        id: 'b',
        challengeId,
        teamId: teamIds[1],
        expiresAt: at(10),
        hostId: 'lab-2',
        status: 'stopped',
      }),
    );
    store.instances.insert(
      instance({
        id: 'c',
        challengeId: second.id,
        teamId: teamIds[0],
        expiresAt: at(5),
        status: 'failed',
      }),
    );
    store.instances.insert(
      instance({
        id: 'd',
        challengeId: second.id,
        teamId: teamIds[1],
        expiresAt: at(20),
        status: 'unknown',
      }),
    );
    return { ...context, second, at };
  }

  it('lists by status, host, challenge and team', () => {
    const { store, second, teamIds } = fleet();
    const ids = (list: Instance[]): string[] => list.map((i) => i.id);

    expect(ids(store.instances.list())).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(store.instances.list({ status: ['failed', 'unknown'] }))).toEqual(['c', 'd']);
    expect(ids(store.instances.list({ hostId: 'lab-2' }))).toEqual(['b']);
    expect(ids(store.instances.list({ challengeId: second.id, teamId: teamIds[1] }))).toEqual([
      'd',
    ]);
    expect(ids(store.instances.list({ status: [] }))).toEqual([]);
  });

  it('counts and lists live instances only', () => {
    const { store, teamIds } = fleet();
    expect(store.instances.countLive()).toBe(3);
    expect(store.instances.countLive({ teamId: teamIds[0] })).toBe(1);
    expect(store.instances.countLive({ hostId: 'lab-2' })).toBe(1);
    expect(store.instances.listLive('local').map((i) => i.id)).toEqual(['a', 'd']);
  });

  it('lists live instances whose time is up, soonest first', () => {
    const { store, at } = fleet();
    expect(store.instances.listExpired(at(20)).map((i) => i.id)).toEqual(['b', 'd']);
    expect(store.instances.listExpired(at(4))).toEqual([]);
  });

  it('finds the live instance of a challenge for a team', () => {
    const { store, second, teamIds } = fleet();
    expect(store.instances.findLive(second.id, teamIds[1])?.id).toBe('d');
    expect(store.instances.findLive(second.id, teamIds[0])).toBeNull();
  });
});
