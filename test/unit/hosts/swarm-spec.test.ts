import { describe, expect, it } from 'vitest';
import { challengeInputSchema } from '../../../shared/challenge';
import type { Challenge } from '../../../shared/challenge';
import { hostInputSchema } from '../../../shared/host';
import type { Host } from '../../../shared/host';
import { containerSpec } from '../../../electron/runtime/container-spec';
import { serviceHostIp, serviceName, serviceSpec } from '../../../electron/runtime/swarm-spec';

function challenge(overrides: Record<string, unknown> = {}): Challenge {
  return {
    ...challengeInputSchema.parse({
      name: 'Web',
      image: 'ctf/web:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      env: { MODE: 'ctf' },
      limits: { memory: '64m', cpus: 0.5, pids: 32 },
      ...overrides,
    }),
    id: 'c1',
    createdAt: 0,
    updatedAt: 0,
  };
}

function host(overrides: Record<string, unknown> = {}): Host {
  return {
    ...hostInputSchema.parse({
      name: 'swarm',
      connection: { kind: 'local' },
      swarm: true,
      bindAddress: '10.0.0.5',
      ...overrides,
    }),
    id: 'h1',
    createdAt: 0,
  };
}

const instance = {
  id: 'abcd1234-0000-0000-0000-000000000000',
  challengeId: 'c1',
  teamId: 't1',
  hostId: 'h1',
  containerName: 'berth-web-team-abcd1234',
  expiresAt: Date.parse('2030-01-01T00:00:00Z'),
  ports: [{ containerPort: 8080, protocol: 'http' as const, hostPort: 31000, hostIp: '10.0.0.5' }],
};

describe('the service of an instance', () => {
  it('carries the labels, limits and hardening its container would have', () => {
    const asService = serviceSpec(challenge(), host(), instance, 'flag{x}');
    const asContainer = containerSpec(challenge(), host(), instance, 'flag{x}');

    expect(asService).toMatchObject({
      name: asContainer.name,
      image: asContainer.image,
      env: asContainer.env,
      labels: asContainer.labels,
      command: asContainer.command,
      memoryBytes: asContainer.memoryBytes,
      nanoCpus: asContainer.nanoCpus,
      pidsLimit: asContainer.pidsLimit,
      readOnlyRootfs: asContainer.readOnlyRootfs,
      capDrop: asContainer.capDrop,
      capAdd: asContainer.capAdd,
      noNewPrivileges: true,
      ports: [{ containerPort: 8080, protocol: 'tcp', hostPort: 31000 }],
      publishMode: 'host',
      secretFiles: [],
    });
  });

  it('delivers a file flag as a secret file instead of writing into the container', () => {
    const spec = serviceSpec(
      challenge({ flag: { delivery: 'file', filePath: '/srv/flag' } }),
      host(),
      instance,
      'flag{x}',
    );

    expect(spec.secretFiles).toEqual([{ path: '/srv/flag', content: 'flag{x}\n', mode: 0o444 }]);
    expect(JSON.stringify(spec.env)).not.toContain('flag{x}');
  });

  it('publishes in the mode the host is set to, answering on every address in ingress mode', () => {
    expect(
      serviceSpec(challenge(), host({ swarmPublishMode: 'ingress' }), instance, 'f'),
    ).toMatchObject({ publishMode: 'ingress' });
    expect(serviceHostIp(host({ swarmPublishMode: 'ingress' }))).toBe('0.0.0.0');
    expect(serviceHostIp(host())).toBe('10.0.0.5');
  });
});

describe('service names', () => {
  it('stay within the 63 characters of a DNS label, whatever the names', () => {
    const name = serviceName('A'.repeat(80), 'Ünïcødé team with a very long name', instance.id);

    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^berth-[a-z0-9-]+-abcd1234$/);
  });

  it('read like container names', () => {
    expect(serviceName('Web 1', 'Team Rocket', instance.id)).toBe(
      'berth-web-1-team-rocket-abcd1234',
    );
  });
});
