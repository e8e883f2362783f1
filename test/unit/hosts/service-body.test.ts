import { describe, expect, it } from 'vitest';
import {
  createSecretBody,
  createServiceBody,
  secretName,
  serviceDetails,
} from '../../../electron/docker/service-body';
import type { ServiceSpec } from '../../../electron/docker/service-types';

const spec: ServiceSpec = {
  name: 'berth-web-team-1-abcd1234',
  image: 'ctf/web:1.0',
  env: { FLAG: 'flag{do-not-leak}', MODE: 'ctf' },
  labels: { 'berth.managed': 'true', 'berth.instance': 'i1' },
  command: ['/bin/serve', '--port', '8080'],
  ports: [{ containerPort: 8080, protocol: 'tcp', hostPort: 31000 }],
  publishMode: 'host',
  memoryBytes: 64 * 1024 * 1024,
  nanoCpus: 250_000_000,
  pidsLimit: 32,
  readOnlyRootfs: true,
  capDrop: ['ALL'],
  capAdd: ['NET_BIND_SERVICE'],
  noNewPrivileges: true,
  secretFiles: [{ path: '/home/ctf/flag.txt', content: 'flag{file-secret}\n' }],
};

describe('the service create request', () => {
  it('runs one replica with the same labels on the service and its containers', () => {
    const body = createServiceBody(spec, '1.41', []);

    expect(body).toMatchObject({
      Name: 'berth-web-team-1-abcd1234',
      Labels: spec.labels,
      Mode: { Replicated: { Replicas: 1 } },
      TaskTemplate: { ContainerSpec: { Labels: spec.labels, Image: 'ctf/web:1.0' } },
    });
  });

  it('carries memory, CPU and process limits, a read-only root and dropped capabilities', () => {
    const body = createServiceBody(spec, '1.41', []);

    expect(body).toMatchObject({
      TaskTemplate: {
        Resources: { Limits: { MemoryBytes: 67108864, NanoCPUs: 250000000, Pids: 32 } },
        ContainerSpec: {
          ReadOnly: true,
          CapabilityDrop: ['ALL'],
          CapabilityAdd: ['NET_BIND_SERVICE'],
          Env: ['FLAG=flag{do-not-leak}', 'MODE=ctf'],
          Args: ['/bin/serve', '--port', '8080'],
        },
      },
    });
  });

  it('publishes each port in the mode the host chose', () => {
    expect(createServiceBody(spec, '1.41', []).EndpointSpec).toEqual({
      Ports: [{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: 31000, PublishMode: 'host' }],
    });
    expect(createServiceBody({ ...spec, publishMode: 'ingress' }, '1.41', []).EndpointSpec).toEqual(
      {
        Ports: [
          { Protocol: 'tcp', TargetPort: 8080, PublishedPort: 31000, PublishMode: 'ingress' },
        ],
      },
    );
  });

  it('keeps the image command when the challenge sets none', () => {
    const body = createServiceBody({ ...spec, command: null }, '1.41', []);

    expect(body).toMatchObject({ TaskTemplate: { ContainerSpec: {} } });
    expect(JSON.stringify(body)).not.toContain('"Args"');
  });

  it('denies new privileges only where the engine API knows the setting (1.44 on)', () => {
    const old = createServiceBody(spec, '1.43', []);
    const current = createServiceBody(spec, '1.44', []);

    expect(JSON.stringify(old)).not.toContain('NoNewPrivileges');
    expect(current).toMatchObject({
      TaskTemplate: { ContainerSpec: { Privileges: { NoNewPrivileges: true } } },
    });
    expect(serviceDetails(spec, '1.43').noNewPrivileges).toBe(false);
    expect(serviceDetails(spec, '1.47').noNewPrivileges).toBe(true);
  });

  it('mounts a flag file as a read-only secret at its path', () => {
    const [file] = spec.secretFiles ?? [];
    if (!file) throw new Error('the spec has a file');
    const body = createServiceBody(spec, '1.41', [{ id: 's1', name: 'berth-x-f0', file }]);

    expect(body).toMatchObject({
      TaskTemplate: {
        ContainerSpec: {
          Secrets: [
            {
              File: { Name: '/home/ctf/flag.txt', UID: '0', GID: '0', Mode: 0o444 },
              SecretID: 's1',
              SecretName: 'berth-x-f0',
            },
          ],
        },
      },
    });
  });

  it('records neither environment values nor file contents', () => {
    const text = JSON.stringify(serviceDetails(spec, '1.41'));

    expect(text).not.toContain('do-not-leak');
    expect(text).not.toContain('file-secret');
    expect(text).toContain('FLAG');
    expect(text).toContain('/home/ctf/flag.txt');
  });
});

describe('secrets for flag files', () => {
  it('carry the file base64-encoded with the instance labels', () => {
    expect(
      createSecretBody('s', { 'berth.instance': 'i1' }, { path: '/f', content: 'ab' }),
    ).toEqual({ Name: 's', Labels: { 'berth.instance': 'i1' }, Data: 'YWI=' });
  });

  it('are named after their service within 64 characters', () => {
    const long = `berth-${'x'.repeat(57)}`;

    expect(secretName('berth-a-b-1', 0)).toBe('berth-a-b-1-f0');
    expect(secretName(long, 3).length).toBeLessThanOrEqual(64);
  });
});
