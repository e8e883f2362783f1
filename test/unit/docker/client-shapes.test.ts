import { describe, expect, it } from 'vitest';
import { createBody, filesArchive, specDetails } from '../../../electron/docker/container-create';
import {
  containerDetailsOf,
  containerSummaryOf,
  statsOf,
} from '../../../electron/docker/container-queries';
import type { ContainerSpec } from '../../../electron/docker/engine-types';
import { eventOf } from '../../../electron/docker/events';
import { engineImageName, imageDetailsOf, imageSummaryOf } from '../../../electron/docker/images';

const spec: ContainerSpec = {
  name: 'berth-web-t1',
  image: 'ctf/web:1.0',
  env: { FLAG: 'flag{do-not-leak}', MODE: 'ctf' },
  labels: { 'berth.instance': 'i1' },
  command: null,
  ports: [
    { containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 31000 },
    { containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 31001 },
  ],
  memoryBytes: 256 * 1024 * 1024,
  nanoCpus: 500_000_000,
  pidsLimit: 128,
  readOnlyRootfs: true,
  capDrop: ['ALL'],
  capAdd: ['NET_BIND_SERVICE'],
  files: [{ path: '/flag.txt', content: 'flag{file-secret}' }],
};

describe('createBody', () => {
  it('carries every limit and hardening setting of the spec', () => {
    const body = createBody(spec);

    expect(body).toMatchObject({
      Image: 'ctf/web:1.0',
      Env: ['FLAG=flag{do-not-leak}', 'MODE=ctf'],
      Labels: { 'berth.instance': 'i1' },
      Tty: false,
      ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
      HostConfig: {
        PortBindings: {
          '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '31000' }],
          '53/udp': [{ HostIp: '127.0.0.1', HostPort: '31001' }],
        },
        Memory: 268435456,
        MemorySwap: 268435456,
        NanoCpus: 500000000,
        PidsLimit: 128,
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        CapAdd: ['NET_BIND_SERVICE'],
        SecurityOpt: ['no-new-privileges:true'],
        PublishAllPorts: false,
      },
    });
    expect(body).not.toHaveProperty('Cmd');
  });

  it('sets the command only when the spec has one', () => {
    expect(createBody({ ...spec, command: ['/bin/sh', '-c', 'x'] }).Cmd).toEqual([
      '/bin/sh',
      '-c',
      'x',
    ]);
  });
});

describe('specDetails', () => {
  it('records environment names and file paths but never their values', () => {
    const details = JSON.stringify(specDetails(spec));

    expect(details).toContain('FLAG');
    expect(details).toContain('/flag.txt');
    expect(details).not.toContain('do-not-leak');
    expect(details).not.toContain('file-secret');
  });
});

describe('filesArchive', () => {
  it('packs each file at its path relative to / with its mode', async () => {
    const archive = await filesArchive([
      { path: '/srv/app/flag.txt', content: 'flag{x}', mode: 0o400 },
      { path: '/run.sh', content: Buffer.from('#!/bin/sh\n') },
    ]);
    const header = (offset: number): { name: string; mode: string; size: number } => ({
      name: archive
        .subarray(offset, offset + 100)
        .toString()
        .replace(/\0.*$/s, ''),
      mode: archive
        .subarray(offset + 100, offset + 108)
        .toString()
        .replace(/[\0 ]+$/, ''),
      size: parseInt(archive.subarray(offset + 124, offset + 136).toString(), 8),
    });

    expect(header(0)).toEqual({ name: 'srv/app/flag.txt', mode: '000400', size: 7 });
    expect(header(1024)).toEqual({ name: 'run.sh', mode: '000644', size: 10 });
  });

  it('refuses a relative path or one that climbs out', async () => {
    await expect(filesArchive([{ path: 'flag.txt', content: 'x' }])).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(filesArchive([{ path: '/a/../../etc/x', content: 'x' }])).rejects.toMatchObject({
      kind: 'invalid-input',
    });
  });
});

describe('engineImageName', () => {
  it.each([
    ['berth-test/web', 'berth-test/web:latest'],
    ['docker.io/library/nginx', 'nginx:latest'],
    ['localhost:5000/ctf/web:1.0', 'localhost:5000/ctf/web:1.0'],
    ['sha256:' + 'a'.repeat(64), 'sha256:' + 'a'.repeat(64)],
    ['705dd6bcba91', '705dd6bcba91'],
  ])('asks the engine for %s as %s', (ref, name) => {
    expect(engineImageName(ref)).toBe(name);
  });

  it('refuses a reference that is not one', () => {
    expect(() => engineImageName('Bad Name')).toThrow(
      expect.objectContaining({ kind: 'invalid-input' }) as Error,
    );
  });
});

describe('imageSummaryOf', () => {
  it.each([
    ['RepoTags null', null, []],
    ['RepoTags empty', [], []],
    ['only <none>:<none>', ['<none>:<none>'], []],
    ['real tags', ['a:1', 'b:2'], ['a:1', 'b:2']],
  ])('reads an image with %s', (_case, repoTags, tags) => {
    const image = imageSummaryOf({
      Id: 'sha256:1',
      RepoTags: repoTags,
      RepoDigests: ['<none>@<none>'],
      Size: 10,
      Created: 1700000000,
      Labels: null,
    });

    expect(image).toEqual({
      id: 'sha256:1',
      tags,
      digests: [],
      sizeBytes: 10,
      createdAt: 1700000000000,
      labels: {},
    });
  });

  it('keeps the digest of a digest-only image', () => {
    const image = imageSummaryOf({ Id: 'x', RepoTags: null, RepoDigests: ['ctf/web@sha256:ab'] });

    expect(image.tags).toEqual([]);
    expect(image.digests).toEqual(['ctf/web@sha256:ab']);
  });
});

describe('imageDetailsOf', () => {
  it('reads an image without exposed ports as an empty list', () => {
    const image = imageDetailsOf({
      Id: 'sha256:2',
      RepoTags: ['berth-test/noports:1.0'],
      Created: '2026-01-02T03:04:05.5Z',
      Config: { Env: ['PATH=/bin', 'SECRET=x'], Cmd: ['/bin/sleep', '3600'], Labels: null },
    });

    expect(image).toMatchObject({
      exposedPorts: [],
      cmd: ['/bin/sleep', '3600'],
      envKeys: ['PATH', 'SECRET'],
      labels: {},
      createdAt: Date.parse('2026-01-02T03:04:05.5Z'),
    });
  });

  it('survives an answer without Config', () => {
    expect(imageDetailsOf({ Id: 'x' })).toMatchObject({ exposedPorts: [], cmd: null, envKeys: [] });
  });
});

describe('containerDetailsOf', () => {
  it('reads published ports from inspect and leaves exposed but unpublished ones out', () => {
    const details = containerDetailsOf({
      Id: 'c1',
      Name: '/berth-multi',
      Image: 'sha256:9',
      Config: { Image: 'berth-test/multi:1.0', Tty: true, Labels: { a: 'b' } },
      State: {
        Status: 'running',
        Running: true,
        ExitCode: 0,
        StartedAt: '2026-01-01T00:00:00Z',
        FinishedAt: '0001-01-01T00:00:00Z',
      },
      NetworkSettings: {
        Ports: {
          '8080/tcp': [
            { HostIp: '0.0.0.0', HostPort: '31000' },
            { HostIp: '::', HostPort: '31000' },
          ],
          '9000/tcp': null,
        },
      },
    });

    expect(details).toMatchObject({
      name: 'berth-multi',
      image: 'berth-test/multi:1.0',
      running: true,
      tty: true,
      finishedAt: null,
      ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 31000 }],
    });
  });

  it('has no exit code for a container that never ran', () => {
    expect(containerDetailsOf({ State: { Status: 'created', ExitCode: 0 } }).exitCode).toBeNull();
  });
});

describe('containerSummaryOf', () => {
  it.each([
    ['Ports null', null, []],
    ['an entry without PublicPort', [{ PrivatePort: 9000, Type: 'tcp' }], []],
    [
      'one port reported for 0.0.0.0 and ::',
      [
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: 31000, Type: 'tcp' },
        { IP: '::', PrivatePort: 8080, PublicPort: 31000, Type: 'tcp' },
      ],
      [{ containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 31000 }],
    ],
  ])('reads a list entry with %s', (_case, ports, expected) => {
    const summary = containerSummaryOf({
      Id: 'c1',
      Names: ['/berth-x'],
      Image: 'i',
      Labels: null,
      State: 'running',
      Status: 'Up 2 minutes',
      Ports: ports,
    });

    expect(summary).toEqual({
      id: 'c1',
      name: 'berth-x',
      image: 'i',
      labels: {},
      state: 'running',
      status: 'Up 2 minutes',
      ports: expected,
    });
  });
});

describe('statsOf', () => {
  it('computes CPU as the Docker CLI does and memory without the inactive page cache', () => {
    const stats = statsOf({
      cpu_stats: { cpu_usage: { total_usage: 300 }, system_cpu_usage: 2000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000 },
      memory_stats: { usage: 5000, limit: 10000, stats: { inactive_file: 1000 } },
    });

    expect(stats).toEqual({ cpuPercent: 40, memoryBytes: 4000, memoryLimitBytes: 10000 });
  });

  it('reads an empty sample as zeros', () => {
    expect(statsOf({})).toEqual({ cpuPercent: 0, memoryBytes: 0, memoryLimitBytes: 0 });
  });
});

describe('eventOf', () => {
  it('reads an engine event line', () => {
    const event = eventOf(
      '{"Type":"container","Action":"die","Actor":{"ID":"c1","Attributes":{"berth.instance":"i1","exitCode":"137"}},"time":1700000000,"timeNano":1700000000123456000}',
    );

    expect(event).toEqual({
      type: 'container',
      action: 'die',
      id: 'c1',
      attributes: { 'berth.instance': 'i1', exitCode: '137' },
      timeNano: 1700000000123456000,
    });
  });

  it('skips lines that are not events', () => {
    expect(eventOf('')).toBeNull();
    expect(eventOf('not json')).toBeNull();
    expect(eventOf('{"foo":1}')).toBeNull();
  });
});
