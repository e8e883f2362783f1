import { afterEach, describe, expect, it } from 'vitest';
import type { TempStore } from './temp-store';
import { challengeSpec, hostSpec, instance, seeded, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

function fresh(): TempStore {
  temp = tempStore();
  return temp;
}

describe('challenges', () => {
  it('keeps every part of a challenge, nested parts included', () => {
    const { store, clock } = fresh();
    const spec = challengeSpec({
      name: 'Heap Spray',
      ports: [{ port: 9000, protocol: 'tcp' }],
      env: { MODE: 'hard' },
      command: ['sh', '-c', 'nc -ll -p 9000'],
      flag: { mode: 'static', value: 'flag{static}' },
      limits: { memory: '512m', cpus: 1, pids: 64 },
      readOnlyRootfs: true,
      extra: { author: 'ada', tags: ['pwn'] },
    });
    const created = store.challenges.create(spec);

    expect(created).toEqual({ ...spec, id: 'id-0001', createdAt: clock.now, updatedAt: clock.now });
    expect(store.challenges.get(created.id)).toEqual(created);
    expect(store.challenges.getByName('heap spray')).toEqual(created);
  });

  it('refuses a name already used in any letter case, naming the field', () => {
    const { store } = fresh();
    store.challenges.create(challengeSpec({ name: 'Écho' }));

    expect(() => store.challenges.create(challengeSpec({ name: 'éCHO' }))).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        field: 'name',
        message: 'A challenge named éCHO already exists',
      }),
    );
  });

  it('updates a definition, keeping its id and creation time', () => {
    const { store, clock } = fresh();
    const created = store.challenges.create(challengeSpec());
    clock.now += 5000;
    const updated = store.challenges.update(created.id, challengeSpec({ lifetimeSeconds: 600 }));

    expect(updated).toMatchObject({
      id: created.id,
      createdAt: created.createdAt,
      updatedAt: clock.now,
      lifetimeSeconds: 600,
    });
    expect(() => store.challenges.update('nope', challengeSpec())).toThrow(
      expect.objectContaining({ kind: 'not-found', field: 'id' }),
    );
  });

  it('refuses a definition the schema refuses, naming the field', () => {
    const { store } = fresh();
    expect(() => store.challenges.create({ ...challengeSpec(), lifetimeSeconds: 5 })).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'lifetimeSeconds' }),
    );
  });

  it('lists challenges by name', () => {
    const { store } = fresh();
    for (const name of ['web', 'Crypto', 'pwn']) store.challenges.create(challengeSpec({ name }));
    expect(store.challenges.list().map((c) => c.name)).toEqual(['Crypto', 'pwn', 'web']);
  });

  it('refuses to remove a challenge while an instance is live, and then removes it with its history', () => {
    const { store } = fresh();
    const { challengeId, teamIds } = seeded(store);
    store.instances.insert(instance({ id: 'i1', challengeId, teamId: teamIds[0] }));

    expect(() => {
      store.challenges.remove(challengeId);
    }).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        message: 'Challenge Web still has 1 live instance; remove it first',
      }),
    );
    store.instances.update('i1', { status: 'removed' });
    store.challenges.remove(challengeId);

    expect(store.challenges.get(challengeId)).toBeNull();
    expect(store.instances.get('i1')).toBeNull();
  });
});

describe('teams', () => {
  it('adds teams with any unicode name and keeps extra columns', () => {
    const { store } = fresh();
    const team = store.teams.add({ name: '  战队 🚀 ', extra: { country: 'CN' } });

    expect(team).toMatchObject({ name: '战队 🚀', extra: { country: 'CN' } });
    expect(store.teams.getByName('战队 🚀')).toEqual(team);
  });

  it('refuses a name already used in any letter case', () => {
    const { store } = fresh();
    store.teams.add({ name: 'Rocket' });
    expect(() => store.teams.add({ name: 'ROCKET' })).toThrow(
      expect.objectContaining({ kind: 'conflict', field: 'name' }),
    );
  });

  it('renames a team unless the new name is taken or invalid', () => {
    const { store } = fresh();
    const rocket = store.teams.add({ name: 'Rocket' });
    store.teams.add({ name: 'Ducks' });

    expect(store.teams.rename(rocket.id, 'Rockets').name).toBe('Rockets');
    expect(store.teams.getByName('rockets')?.id).toBe(rocket.id);
    expect(() => store.teams.rename(rocket.id, 'ducks')).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => store.teams.rename(rocket.id, '')).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'name' }),
    );
  });

  it('imports many teams at once, skipping bad and duplicate names with a reason', () => {
    const { store } = fresh();
    store.teams.add({ name: 'Rocket' });
    const result = store.teams.addMany([
      { name: 'Ducks', extra: { email: 'd@x' } },
      { name: 'rocket' },
      { name: '' },
      { name: 'DUCKS' },
      { name: 'Owls' },
    ]);

    expect(result.added.map((t) => t.name)).toEqual(['Ducks', 'Owls']);
    expect(result.skipped).toEqual([
      { name: 'rocket', reason: 'A team with this name already exists' },
      { name: '', reason: 'A team needs a name' },
      { name: 'DUCKS', reason: 'A team with this name already exists' },
    ]);
    expect(store.teams.list().map((t) => t.name)).toEqual(['Rocket', 'Ducks', 'Owls']);
  });

  it('refuses to remove a team while it has a live instance', () => {
    const { store } = fresh();
    const { challengeId, teamIds } = seeded(store);
    store.instances.insert(instance({ id: 'i1', challengeId, teamId: teamIds[0] }));

    expect(() => {
      store.teams.remove(teamIds[0]);
    }).toThrow(expect.objectContaining({ kind: 'conflict' }));
    store.teams.remove(teamIds[1]);
    expect(store.teams.list().map((t) => t.id)).toEqual([teamIds[0]]);
  });
});

describe('hosts', () => {
  const tls = {
    kind: 'tls',
    host: 'lab.example',
    ca: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----',
    key: '-----BEGIN PRIVATE KEY-----\nTOP-SECRET-KEY-MATERIAL\n-----END PRIVATE KEY-----',
    passphrase: 'hunter2-passphrase',
  };

  it('keeps a host under the id the caller chose, or a new one', () => {
    const { store } = fresh();
    expect(store.hosts.add(hostSpec(), { id: 'local' }).id).toBe('local');
    expect(store.hosts.add(hostSpec({ name: 'Lab' })).id).toBe('id-0001');
    expect(() => store.hosts.add(hostSpec({ name: 'Other' }), { id: 'local' })).toThrow(
      expect.objectContaining({ kind: 'conflict', field: 'id' }),
    );
    expect(() => store.hosts.add(hostSpec({ name: 'LAB' }))).toThrow(
      expect.objectContaining({ kind: 'conflict', field: 'name' }),
    );
    expect(store.hosts.list().map((h) => h.name)).toEqual(['Local engine', 'Lab']);
  });

  it('opens sealed connection secrets on the way out', () => {
    const { store } = fresh();
    const host = store.hosts.add(hostSpec({ name: 'Lab', connection: tls }));

    expect(store.hosts.get(host.id)?.connection).toEqual(host.connection);
    expect(host.connection).toMatchObject({ key: tls.key, passphrase: tls.passphrase });
  });

  it('keeps stored secrets on an update that leaves them empty, when asked to', () => {
    const { store } = fresh();
    const host = store.hosts.add(hostSpec({ name: 'Lab', connection: tls }));
    const blank = hostSpec({ name: 'Lab 2', connection: { ...tls, key: '', passphrase: '' } });

    expect(store.hosts.update(host.id, blank, { keepSecrets: true }).connection).toMatchObject({
      key: tls.key,
      passphrase: tls.passphrase,
    });
    expect(store.hosts.update(host.id, blank).connection).toMatchObject({
      key: '',
      passphrase: '',
    });
    expect(store.hosts.get(host.id)?.name).toBe('Lab 2');
  });

  it('refuses to remove a host with live instances', () => {
    const { store } = fresh();
    const { challengeId, teamIds } = seeded(store);
    store.instances.insert(instance({ id: 'i1', challengeId, teamId: teamIds[0] }));

    expect(() => {
      store.hosts.remove('local');
    }).toThrow(expect.objectContaining({ kind: 'conflict' }));
    store.instances.update('i1', { status: 'gone' });
    store.hosts.remove('local');
    expect(store.hosts.get('local')).toBeNull();
  });
});

describe('settings', () => {
  it('gives the defaults until something is changed', () => {
    const { store } = fresh();
    expect(store.settings.get()).toEqual({
      reaperIntervalSeconds: 5,
      reconcilePolicy: 'remove',
      maxInstancesPerTeam: null,
      defaultLimits: { memory: '256m', cpus: 0.5, pids: 128 },
      healthIntervalSeconds: 10,
    });
  });

  it('keeps a change across reopening', () => {
    const { store, reopen } = fresh();
    store.settings.update({ reconcilePolicy: 'adopt', maxInstancesPerTeam: 3 });
    store.close();

    expect(reopen().settings.get()).toMatchObject({
      reconcilePolicy: 'adopt',
      maxInstancesPerTeam: 3,
    });
  });

  it('refuses an invalid value or an unknown setting, naming it, and changes nothing', () => {
    const { store } = fresh();
    expect(() =>
      store.settings.update({ reaperIntervalSeconds: 0, reconcilePolicy: 'adopt' }),
    ).toThrow(expect.objectContaining({ kind: 'invalid-input', field: 'reaperIntervalSeconds' }));
    expect(() =>
      store.settings.update({ defaultLimits: { memory: 'lots', cpus: 1, pids: 64 } }),
    ).toThrow(expect.objectContaining({ kind: 'invalid-input', field: 'defaultLimits.memory' }));
    expect(() => store.settings.update({ colour: 'blue' } as never)).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'colour' }),
    );
    expect(store.settings.get().reconcilePolicy).toBe('remove');
  });
});
