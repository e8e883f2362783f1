import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../../shared/challenge';
import type { HostView, InstanceView } from '../../../shared/views';
import { certText, engineDocker, keyPassphrase, tlsEngine } from '../../engine/remote-engines';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';
import { clientCertFolder, removeBackendObjects, tlsHostInput, untilAnswers } from './support';

// This file's host ports: 43100-43199.
const pemBand = { start: 43100, end: 43149 };
const folderBand = { start: 43150, end: 43199 };

let backend: TestBackend;
let docker: Docker;
let web: Challenge;

beforeAll(async () => {
  backend = await startTestBackend({ start: 43090, end: 43099 });
  docker = engineDocker(tlsEngine);
  web = await backend.call('challenges.create', {
    name: 'Remote web',
    image: 'berth-test/web:1.0',
    ports: [{ port: 8080, protocol: 'http' }],
    limits: { memory: '48m', cpus: 0.25, pids: 24 },
    extensionSeconds: 600,
    maxExtensions: 1,
  });
});

afterAll(async () => {
  await removeBackendObjects(backend, tlsEngine);
  await backend.dispose();
});

async function launchOn(host: HostView, team: string): Promise<InstanceView> {
  await backend.call('teams.add', { name: team });
  const { instance } = await backend.call('instances.launch', {
    challengeId: web.id,
    team,
    hostId: host.id,
  });
  if (!instance) throw new Error('no instance');
  return instance;
}

async function containerOn(id: string): Promise<{ labels: Record<string, string> } | null> {
  const found = await docker.listContainers({ all: true, filters: { id: [id] } });
  return found[0] ? { labels: found[0].Labels } : null;
}

describe('a remote engine over mutual TLS', () => {
  it('launches, extends and removes an instance on a host added with pasted PEM text', async () => {
    const host = await backend.call(
      'hosts.add',
      tlsHostInput(tlsEngine, pemBand, {
        connection: { key: certText('client-key-locked.pem'), passphrase: keyPassphrase },
      }),
    );
    const instance = await launchOn(host, 'Remote Alpha');

    expect(instance).toMatchObject({ status: 'running', hostId: host.id, workload: 'container' });
    const port = instance.ports[0]?.hostPort ?? 0;
    expect(port).toBeGreaterThanOrEqual(pemBand.start);
    expect(port).toBeLessThanOrEqual(pemBand.end);
    expect((await untilAnswers(port)).body).toContain('berth test challenge');
    expect((await containerOn(instance.containerId ?? ''))?.labels).toMatchObject({
      'berth.instance': instance.id,
      'berth.host': host.id,
    });

    const extended = await backend.call('instances.extend', { id: instance.id });
    expect(extended).toMatchObject({ extensions: 1, expiresAt: instance.expiresAt + 600_000 });
    await expect(backend.call('instances.extend', { id: instance.id })).rejects.toMatchObject({
      info: { kind: 'limit' },
    });

    const removed = await backend.call('instances.remove', { id: instance.id });
    expect(removed.status).toBe('removed');
    expect(await containerOn(instance.containerId ?? '')).toBeNull();
  });

  it('launches on a host whose certificates come from a cert folder', async () => {
    const host = await backend.call(
      'hosts.add',
      tlsHostInput(tlsEngine, folderBand, {
        name: 'lab-tls-folder',
        connection: { ca: '', cert: '', key: '', certPath: clientCertFolder },
      }),
    );
    expect(host.connection).toMatchObject({ certPath: clientCertFolder, hasKey: true });

    const instance = await launchOn(host, 'Remote Bravo');
    expect((await untilAnswers(instance.ports[0]?.hostPort ?? 0)).status).toBe(200);

    await backend.call('instances.remove', { id: instance.id });
    expect(await containerOn(instance.containerId ?? '')).toBeNull();
  });

  it('never gives the key or its passphrase back, in any host answer', async () => {
    const key = certText('client-key-locked.pem');
    const added = await backend.call(
      'hosts.add',
      tlsHostInput(
        tlsEngine,
        { start: 43080, end: 43089 },
        {
          name: 'lab-secret',
          connection: { key, passphrase: keyPassphrase },
        },
      ),
    );
    const updated = await backend.call('hosts.update', {
      id: added.id,
      host: tlsHostInput(
        tlsEngine,
        { start: 43080, end: 43089 },
        {
          name: 'lab-secret',
          connection: { key: '', passphrase: '' },
        },
      ),
    });
    const drained = await backend.call('hosts.setDrained', { id: added.id, drained: true });
    const listed = await backend.call('hosts.list', {});

    const keyBody = key.split('\n')[2] ?? 'never';
    for (const answer of [added, updated, drained, listed]) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(keyPassphrase);
    }
    expect(updated.connection).toMatchObject({ hasKey: true, hasPassphrase: true });
    await backend.call('hosts.remove', { id: added.id });
  });

  it('edits a host: new name and public address in connection info, secrets kept', async () => {
    const host = await backend.call(
      'hosts.add',
      tlsHostInput(
        tlsEngine,
        { start: 43070, end: 43079 },
        {
          name: 'lab-edit',
          connection: { key: certText('client-key-locked.pem'), passphrase: keyPassphrase },
        },
      ),
    );
    const edited = await backend.call('hosts.update', {
      id: host.id,
      host: tlsHostInput(
        tlsEngine,
        { start: 43070, end: 43079 },
        {
          name: 'lab-edit-2',
          publicAddress: 'ctf.example.test',
          capacity: 3,
          connection: { key: '', passphrase: '' },
        },
      ),
    });
    expect(edited).toMatchObject({ name: 'lab-edit-2', publicAddress: 'ctf.example.test' });
    expect(await backend.call('hosts.test', { id: host.id })).toMatchObject({ ok: true });

    const instance = await launchOn(edited, 'Remote Charlie');
    const port = instance.ports[0]?.hostPort ?? 0;
    expect(instance.connection[0]?.text).toBe(`http://ctf.example.test:${port}/`);
    expect(instance.hostName).toBe('lab-edit-2');

    await expect(backend.call('hosts.remove', { id: host.id })).rejects.toMatchObject({
      info: { kind: 'conflict' },
    });
    await backend.call('instances.remove', { id: instance.id });
    expect(await backend.call('hosts.remove', { id: host.id })).toEqual({ removed: true });
    expect((await backend.call('hosts.list', {})).map((h) => h.id)).not.toContain(host.id);
  });

  it('refuses a launch on a drained host and takes it again once undrained', async () => {
    const host = await backend.call(
      'hosts.add',
      tlsHostInput(tlsEngine, { start: 43060, end: 43069 }, { name: 'lab-drain' }),
    );
    await backend.call('hosts.setDrained', { id: host.id, drained: true });
    await backend.call('teams.add', { name: 'Remote Delta' });

    await expect(
      backend.call('instances.launch', {
        challengeId: web.id,
        team: 'Remote Delta',
        hostId: host.id,
      }),
    ).rejects.toMatchObject({
      info: {
        kind: 'limit',
        message: 'Cannot launch on lab-drain: lab-drain is drained: it takes no new instances',
      },
    });

    await backend.call('hosts.setDrained', { id: host.id, drained: false });
    const { instance } = await backend.call('instances.launch', {
      challengeId: web.id,
      team: 'Remote Delta',
      hostId: host.id,
    });
    expect(instance?.status).toBe('running');
    await backend.call('instances.remove', { id: instance?.id ?? '' });
    await backend.call('hosts.remove', { id: host.id });
  });
});
