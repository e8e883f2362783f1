import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReserveOptions } from '../../../electron/store/port-reservations';
import type { TempStore } from './temp-store';
import { instance, seeded, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

function options(overrides: Partial<ReserveOptions> = {}): ReserveOptions {
  return {
    hostId: 'local',
    instanceId: null,
    count: 1,
    range: { start: 30000, end: 30009 },
    exclude: new Set(),
    random: () => 0,
    ...overrides,
  };
}

function setUp(): TempStore & { challengeId: string; teamIds: [string, string] } {
  temp = tempStore();
  return { ...temp, ...seeded(temp.store) };
}

describe('reserving host ports', () => {
  it('picks distinct ports of the range from the random starting point onwards', () => {
    const { store } = setUp();
    expect(store.ports.reserve(options({ count: 3, random: () => 0.5 }))).toEqual([
      30005, 30006, 30007,
    ]);
    expect(store.ports.reserve(options({ count: 3, random: () => 0.5 }))).toEqual([
      30008, 30009, 30000,
    ]);
    expect(store.ports.countForHost('local')).toBe(6);
  });

  it('passes over reserved and excluded ports', () => {
    const { store } = setUp();
    store.ports.reserve(options({ count: 2 }));
    const picked = store.ports.reserve(options({ count: 3, exclude: new Set([30002, 30004]) }));

    expect(picked).toEqual([30003, 30005, 30006]);
  });

  it('refuses with a limit error naming the range and host when no port is free', () => {
    const { store } = setUp();
    store.ports.reserve(options({ count: 3, range: { start: 30000, end: 30002 } }));

    expect(() => store.ports.reserve(options({ range: { start: 30000, end: 30002 } }))).toThrow(
      expect.objectContaining({
        kind: 'limit',
        message:
          'No free port left in 30000-30002 on Local engine; widen its port range or remove instances',
      }),
    );
  });

  it('reserves nothing when fewer ports are free than asked for', () => {
    const { store } = setUp();
    store.ports.reserve(options({ count: 2, range: { start: 30000, end: 30002 } }));

    expect(() =>
      store.ports.reserve(options({ count: 2, range: { start: 30000, end: 30002 } })),
    ).toThrow(
      expect.objectContaining({
        kind: 'limit',
        message: expect.stringMatching(/^Only 1 free port left/) as unknown,
      }),
    );
    expect(store.ports.countForHost('local')).toBe(2);
  });

  it('refuses a bad range or an unknown host', () => {
    const { store } = setUp();
    expect(() => store.ports.reserve(options({ range: { start: 30010, end: 30000 } }))).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'range.end' }),
    );
    expect(() => store.ports.reserve(options({ hostId: 'lab-9' }))).toThrow(
      expect.objectContaining({ kind: 'not-found', field: 'hostId' }),
    );
  });

  it('skips a port the engine reported as taken, but never takes one from a live instance', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insert(instance({ id: 'i1', challengeId, teamId: teamIds[0] }));
    store.ports.reserve(options({ instanceId: 'i1' }));

    expect(store.ports.markTaken('local', 30001, 'Bind for 0.0.0.0:30001 failed')).toBe(true);
    expect(store.ports.markTaken('local', 30000, 'Bind for 0.0.0.0:30000 failed')).toBe(false);
    expect(store.ports.reserve(options())).toEqual([30002]);
    expect(store.ports.listForHost('local').map((r) => [r.port, r.kind, r.instanceId])).toEqual([
      [30000, 'instance', 'i1'],
      [30001, 'engine-taken', null],
      [30002, 'instance', null],
    ]);
    expect(store.ports.releaseTaken('local')).toBe(1);
  });

  it('releases the ports of an instance, or one port', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insert(instance({ id: 'i1', challengeId, teamId: teamIds[0] }));
    store.ports.reserve(options({ instanceId: 'i1', count: 2 }));
    store.ports.reserve(options());

    expect(store.ports.listForInstance('i1').map((r) => r.port)).toEqual([30000, 30001]);
    expect(store.ports.releaseInstance('i1')).toBe(2);
    expect(store.ports.releasePort('local', 30002)).toBe(true);
    expect(store.ports.releasePort('local', 30002)).toBe(false);
    expect(store.ports.countForHost('local')).toBe(0);
  });

  it('frees orphaned reservations but keeps those of live instances and engine-taken marks', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insert(instance({ id: 'live', challengeId, teamId: teamIds[0] }));
    store.instances.insert(
      instance({ id: 'ended', challengeId, teamId: teamIds[1], status: 'removed' }),
    );
    store.ports.reserve(options({ instanceId: 'live' }));
    store.ports.reserve(options({ instanceId: 'ended' }));
    store.ports.reserve(options({ instanceId: null }));
    store.ports.markTaken('local', 30009, 'in use');

    expect(store.ports.releaseOrphans()).toBe(2);
    expect(store.ports.listForHost('local').map((r) => r.port)).toEqual([30000, 30009]);
  });

  it('lets an adopted instance claim its port, unless another live instance holds it', () => {
    const { store, challengeId, teamIds } = setUp();
    store.instances.insert(instance({ id: 'a', challengeId, teamId: teamIds[0] }));
    store.instances.insert(instance({ id: 'b', challengeId, teamId: teamIds[1] }));
    store.ports.markTaken('local', 30005, 'in use');

    store.ports.claim('local', 30005, 'a');
    expect(store.ports.listForInstance('a').map((r) => r.port)).toEqual([30005]);
    expect(() => {
      store.ports.claim('local', 30005, 'b');
    }).toThrow(expect.objectContaining({ kind: 'conflict', field: 'port' }));
    expect(() => {
      store.ports.claim('local', 0, 'b');
    }).toThrow(expect.objectContaining({ kind: 'invalid-input', field: 'port' }));
  });

  it('never gives the same port to two connections reserving in turn', () => {
    const { store, reopen } = setUp();
    const other = reopen();
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      // The same random start on both sides: only the shared constraint keeps them apart.
      mine.push(...store.ports.reserve(options({ count: 1 })));
      theirs.push(...other.ports.reserve(options({ count: 1 })));
    }

    expect(new Set([...mine, ...theirs]).size).toBe(10);
    expect(() => other.ports.reserve(options())).toThrow(
      expect.objectContaining({ kind: 'limit' }),
    );
  });

  it('never gives the same port to two processes reserving at the same time', async () => {
    const { store, file } = setUp();
    store.close();
    const worker = fileURLToPath(new URL('./fixtures/reserve-ports.ts', import.meta.url));
    const rounds = 150;
    const children = [0, 1].map(() =>
      fork(worker, [file, String(rounds)], { execArgv: ['--import', 'tsx'] }),
    );
    const ready = children.map((child) => new Promise((resolve) => child.once('message', resolve)));
    await Promise.all(ready);
    const results = children.map(
      (child) =>
        new Promise<number[]>((resolve, reject) => {
          child.once('message', (ports) => {
            resolve(ports as number[]);
          });
          child.once('exit', (code) => {
            if (code !== 0) reject(new Error(`reserver exited with ${code}`));
          });
        }),
    );
    for (const child of children) child.send('go');
    const [first = [], second = []] = await Promise.all(results);

    expect(first).toHaveLength(rounds * 3);
    expect(second).toHaveLength(rounds * 3);
    expect(new Set([...first, ...second]).size).toBe(rounds * 6);
  }, 60_000);
});
