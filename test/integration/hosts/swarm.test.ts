import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../../shared/challenge';
import type { InstanceView } from '../../../shared/views';
import { engineDocker, swarmEngine } from '../../engine/remote-engines';
import type { TestBackend } from '../../support/backend';
import { manualClock, startTestBackend } from '../../support/backend';
import { httpGet, removeBackendObjects, swarmHostInput, untilAnswers } from './support';

// This file's host ports: 43600-43699 (the swarm publishes them on 127.0.0.1 only).
const band = { start: 43600, end: 43699 };

let backend: TestBackend;
let docker: Docker;
let hostId = '';
const clock = manualClock();

beforeAll(async () => {
  backend = await startTestBackend({ start: 43590, end: 43599 }, { clock });
  docker = engineDocker(swarmEngine);
  hostId = (await backend.call('hosts.add', swarmHostInput(swarmEngine, band))).id;
});

afterAll(async () => {
  await removeBackendObjects(backend, swarmEngine);
  await backend.dispose();
});

async function challenge(name: string, extra: Record<string, unknown> = {}): Promise<Challenge> {
  return backend.call('challenges.create', {
    name,
    image: 'berth-test/web:1.0',
    ports: [{ port: 8080, protocol: 'http' }],
    limits: { memory: '48m', cpus: 0.25, pids: 24 },
    lifetimeSeconds: 600,
    extensionSeconds: 300,
    ...extra,
  });
}

async function launch(challengeId: string, team: string): Promise<InstanceView> {
  await backend.call('teams.add', { name: team });
  const { instance } = await backend.call('instances.launch', { challengeId, team, hostId });
  if (!instance) throw new Error('no instance');
  return instance;
}

/** Runs a command in the task's container and returns what it printed. */
async function inTask(containerId: string, cmd: string[]): Promise<string> {
  const exec = await docker
    .getContainer(containerId)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  let text = '';
  for (let offset = 0; offset + 8 <= raw.length;) {
    const size = raw.readUInt32BE(offset + 4);
    text += raw.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return text;
}

/** Resolves once nothing answers on the port any more (a removed task stops within seconds). */
async function untilRefused(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answered = await httpGet(port).then(
      () => true,
      () => false,
    );
    if (!answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} still answers`);
}

/** The parts of a service's spec these tests check. */
interface ServiceSpecView {
  Mode: unknown;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: { Labels: Record<string, string> };
    Resources: { Limits: unknown };
  };
  EndpointSpec: { Ports: unknown[] };
}

async function serviceSpec(name: string): Promise<ServiceSpecView> {
  const service = (await docker.getService(name).inspect()) as { Spec: ServiceSpecView };
  return service.Spec;
}

async function serviceGone(name: string): Promise<boolean> {
  const found = await docker.listServices({ filters: { name: [name] } });
  return !found.some((service) => service.Spec?.Name === name);
}

describe('instances on a single-node swarm', () => {
  it('launches an instance as a one-replica service that answers on its port', async () => {
    const web = await challenge('Swarm web');
    const instance = await launch(web.id, 'Swarm A');

    expect(instance).toMatchObject({ workload: 'service', status: 'running', hostId });
    expect(instance.containerName.length).toBeLessThanOrEqual(63);
    const port = instance.ports[0]?.hostPort ?? 0;
    expect(port).toBeGreaterThanOrEqual(band.start);
    expect(port).toBeLessThanOrEqual(band.end);
    expect((await untilAnswers(port)).body).toContain('berth test challenge');
    expect(instance.connection[0]?.text).toBe(`http://127.0.0.1:${port}/`);

    const spec = await serviceSpec(instance.containerName);
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(spec.Labels).toMatchObject({
      'berth.managed': 'true',
      'berth.instance': instance.id,
      'berth.challenge': web.id,
      'berth.host': hostId,
    });
    expect(spec.TaskTemplate.ContainerSpec.Labels).toEqual(spec.Labels);
    expect(spec.TaskTemplate.Resources.Limits).toEqual({
      MemoryBytes: 48 * 1024 * 1024,
      NanoCPUs: 250_000_000,
      Pids: 24,
    });
    expect(spec.EndpointSpec.Ports).toEqual([
      expect.objectContaining({ TargetPort: 8080, PublishedPort: port, PublishMode: 'host' }),
    ]);

    const container = await docker.getContainer(instance.containerId ?? '').inspect();
    expect(container.HostConfig.Memory).toBe(48 * 1024 * 1024);
    expect(container.HostConfig.CapDrop).toContain('ALL');
    const published = Object.values(container.NetworkSettings.Ports).flat();
    expect(published.map((binding) => binding.HostIp)).toEqual(['127.0.0.1']);
    const { flag } = await backend.call('instances.revealFlag', { id: instance.id });
    expect(
      (await inTask(instance.containerId ?? '', ['/bin/sh', '-c', 'echo "$FLAG"'])).trim(),
    ).toBe(flag);
  });

  it('delivers a file flag as a secret at its path, removed with the instance', async () => {
    const filed = await challenge('Swarm file', {
      flag: { delivery: 'file', filePath: '/home/ctf/flag.txt' },
    });
    const instance = await launch(filed.id, 'Swarm B');
    const { flag } = await backend.call('instances.revealFlag', { id: instance.id });

    const containerId = instance.containerId ?? '';
    expect((await inTask(containerId, ['cat', '/home/ctf/flag.txt'])).trim()).toBe(flag);
    expect(await inTask(containerId, ['/bin/env'])).not.toContain(flag);
    const secrets = await docker.listSecrets({
      filters: { label: [`berth.instance=${instance.id}`] },
    });
    expect(secrets).toHaveLength(1);

    await backend.call('instances.remove', { id: instance.id });

    expect(await serviceGone(instance.containerName)).toBe(true);
    expect(
      await docker.listSecrets({ filters: { label: [`berth.instance=${instance.id}`] } }),
    ).toEqual([]);
  });

  it('stops a service to no replicas and starts it again on the same port', async () => {
    const web = await challenge('Swarm stop');
    const instance = await launch(web.id, 'Swarm C');
    const port = instance.ports[0]?.hostPort ?? 0;

    const stopped = await backend.call('instances.stop', { id: instance.id });
    expect(stopped.status).toBe('stopped');
    expect((await serviceSpec(instance.containerName)).Mode).toEqual({
      Replicated: { Replicas: 0 },
    });

    const started = await backend.call('instances.start', { id: instance.id });
    expect(started.status).toBe('running');
    expect(started.containerId).not.toBe(instance.containerId);
    expect((await untilAnswers(port)).status).toBe(200);
  });

  it('extends a service instance and removes it when its time is up', async () => {
    const web = await challenge('Swarm expiry');
    const instance = await launch(web.id, 'Swarm D');

    const extended = await backend.call('instances.extend', { id: instance.id });
    expect(extended.expiresAt).toBe(instance.expiresAt + 300_000);

    clock.advance(901_000);
    const reaped = await backend.runtime.reapExpired();

    expect(reaped.removed).toContain(instance.id);
    expect(backend.store.instances.get(instance.id)?.status).toBe('removed');
    expect(await serviceGone(instance.containerName)).toBe(true);
    await untilRefused(instance.ports[0]?.hostPort ?? 0);
  });

  it('removes a flag secret whose service never came (a launch cut off midway)', async () => {
    const name = `berth-cut-off-${Date.now()}-f0`;
    await docker.createSecret({
      Name: name,
      Data: Buffer.from('flag{orphan}').toString('base64'),
      Labels: {
        'berth.managed': 'true',
        'berth.instance': `cut-off-${Date.now()}`,
        'berth.challenge': 'c',
        'berth.team': 't',
        'berth.host': hostId,
        'berth.test': 'true',
      },
    });

    await backend.call('instances.reconcile', { hostId });

    expect(await docker.listSecrets({ filters: { name: [name] } })).toEqual([]);
  });

  it('marks an instance gone when its service is removed behind Berth', async () => {
    const web = await challenge('Swarm vanish');
    const instance = await launch(web.id, 'Swarm E');

    await docker.getService(instance.containerName).remove();
    const [report] = await backend.call('instances.reconcile', { hostId });

    expect(report).toMatchObject({ markedGone: 1 });
    expect(backend.store.instances.get(instance.id)?.status).toBe('gone');
  });
});
