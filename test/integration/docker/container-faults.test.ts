import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { recordsOf, removeSuiteContainers, suiteContainers, testClient, testSpec } from './support';

const suite = 'faults';
// This file's host ports: 41100-41199.
const port = { multi: 41100, heldByProgram: 41101, heldByContainer: 41102, readOnly: 41103 };

let servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
  await removeSuiteContainers(suite);
});

function holdPort(hostPort: number): Promise<void> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(hostPort, '127.0.0.1', resolve);
  });
}

describe('engine errors without an id, classified from the real answer', () => {
  it('reports a second container with the same name as a conflict and leaves the first alone', async () => {
    const { client, records } = testClient();
    const spec = testSpec(suite, 'twice', { image: 'berth-test/noports:1.0' });
    const first = await client.runContainer(spec);

    await expect(client.runContainer(spec)).rejects.toMatchObject({
      kind: 'conflict',
      message: `Container name ${spec.name} is already in use on lab-test.`,
    });
    expect(recordsOf(records, 'container.create').at(-1)).toMatchObject({
      outcome: 'failed',
      target: spec.name,
      engineMessage: expect.stringContaining('is already in use') as string,
    });
    expect(await suiteContainers(suite)).toEqual([first.id]);
  });

  it('reports a missing image as not-found naming the image, with nothing created', async () => {
    const { client, records } = testClient();

    await expect(
      client.runContainer(testSpec(suite, 'noimage', { image: 'berth-test/absent:9.9' })),
    ).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Image berth-test/absent:9.9 was not found on lab-test.',
    });
    expect(records.map((r) => `${r.action} ${r.outcome}`)).toEqual(['container.create failed']);
    expect(await suiteContainers(suite)).toEqual([]);
  });
});

describe('ports read back after start', () => {
  it('shows only the published port of an image exposing two', async () => {
    const { client } = testClient();

    const run = await client.runContainer(
      testSpec(suite, 'multi', {
        image: 'berth-test/multi:1.0',
        ports: [
          { containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: port.multi },
        ],
      }),
    );
    const listed = await client.listContainers({ labels: { 'berth.test.suite': suite } });
    const response = await fetch(`http://127.0.0.1:${port.multi}/`);

    const expected = [
      { containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: port.multi },
    ];
    expect(run.ports).toEqual(expected);
    expect((await client.inspectContainer(run.id)).ports).toEqual(expected);
    expect(listed.map((c) => c.ports)).toEqual([expected]);
    expect(await client.usedHostPorts()).toContain(port.multi);
    expect(await response.text()).toContain('berth test challenge');
  });
});

describe('a failure in the middle of a launch', () => {
  it('removes the container when its host port is held by another program', async () => {
    const { client, records } = testClient();
    await holdPort(port.heldByProgram);

    await expect(
      client.runContainer(
        testSpec(suite, 'held', {
          ports: [
            {
              containerPort: 8080,
              protocol: 'tcp',
              hostIp: '127.0.0.1',
              hostPort: port.heldByProgram,
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      kind: 'port-in-use',
      message: `Port ${port.heldByProgram} is already in use on lab-test.`,
    });
    expect(records.map((r) => `${r.action} ${r.outcome}`)).toEqual([
      'container.create ok',
      'container.start failed',
      'container.remove ok',
    ]);
    expect(await suiteContainers(suite)).toEqual([]);
  });

  it('removes the container when another container publishes its host port', async () => {
    const { client } = testClient();
    const binding = {
      containerPort: 8080,
      protocol: 'tcp' as const,
      hostIp: '127.0.0.1',
      hostPort: port.heldByContainer,
    };
    const holder = await client.runContainer(testSpec(suite, 'holder', { ports: [binding] }));

    await expect(
      client.runContainer(testSpec(suite, 'second', { ports: [binding] })),
    ).rejects.toMatchObject({
      kind: 'port-in-use',
      message: `Port ${port.heldByContainer} is already in use on lab-test.`,
    });
    expect(await suiteContainers(suite)).toEqual([holder.id]);
  });

  it('removes the container when its files cannot be put into a read-only root filesystem', async () => {
    const { client, records } = testClient();
    const spec = testSpec(suite, 'readonly', {
      readOnlyRootfs: true,
      ports: [
        { containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: port.readOnly },
      ],
      files: [{ path: '/flag.txt', content: 'flag{never-written}' }],
    });

    await expect(client.runContainer(spec)).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(records.map((r) => `${r.action} ${r.outcome}`)).toEqual([
      'container.create ok',
      'container.put-file failed',
      'container.remove ok',
    ]);
    expect(JSON.stringify(records)).not.toContain('never-written');
    expect(await suiteContainers(suite)).toEqual([]);
  });

  it('removes the container when a file path cannot be written', async () => {
    const { client } = testClient();

    await expect(
      client.runContainer(
        testSpec(suite, 'badpath', { files: [{ path: '/bin/busybox/flag.txt', content: 'x' }] }),
      ),
    ).rejects.toMatchObject({ kind: 'engine' });
    expect(await suiteContainers(suite)).toEqual([]);
  });
});

describe('stop and remove are idempotent', () => {
  it('counts stopping a stopped container and removing a gone one as success, recorded', async () => {
    const { client, records } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'idem', { image: 'berth-test/noports:1.0' }),
    );

    await client.stopContainer(run.id, { timeoutSeconds: 0 });
    await client.stopContainer(run.id, { timeoutSeconds: 0 });
    await client.removeContainer(run.id);
    await client.removeContainer(run.id);
    await client.stopContainer(run.id);

    expect(records.slice(-5).map((r) => [r.action, r.outcome, r.details.already ?? null])).toEqual([
      ['container.stop', 'ok', null],
      ['container.stop', 'ok', 'stopped'],
      ['container.remove', 'ok', null],
      ['container.remove', 'ok', 'gone'],
      ['container.stop', 'ok', 'gone'],
    ]);
    expect(await suiteContainers(suite)).toEqual([]);
  });

  it('still fails a restart of a container that is gone', async () => {
    const { client } = testClient();

    await expect(client.restartContainer('berth-it-faults-never-made')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Container berth-it-faults-never-made was not found on lab-test.',
    });
  });
});
