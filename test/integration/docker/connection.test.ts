import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestApiVersion } from '../../../electron/docker/api-version';
import { testSocketPath } from '../../engine/engine';
import { removeSuiteContainers, suiteContainers, testClient, testSpec } from './support';

const suite = 'connection';
// This file's host ports: 41300-41399.
const port = { proxy: 41300, silent: 41301 };

let dir = '';
let servers: Server[] = [];
let sockets: Socket[] = [];
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-conn-'));
});

afterEach(async () => {
  process.env = { ...savedEnv };
  for (const socket of sockets) socket.destroy();
  sockets = [];
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
  rmSync(dir, { recursive: true, force: true });
  await removeSuiteContainers(suite);
});

function listen(server: Server, address: string | number): Promise<void> {
  servers.push(server);
  server.on('connection', (socket) => sockets.push(socket));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    if (typeof address === 'number') server.listen(address, '127.0.0.1', resolve);
    else server.listen(address, resolve);
  });
}

/** A TCP forwarder to the test engine that keeps every byte the client sent. */
async function recordingProxy(): Promise<{ sent: () => string }> {
  const chunks: Buffer[] = [];
  const server = createServer((client) => {
    const engine = createConnection(testSocketPath());
    sockets.push(engine);
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.pipe(engine).pipe(client);
    client.on('error', () => engine.destroy());
    engine.on('error', () => client.destroy());
  });
  await listen(server, port.proxy);
  return { sent: () => Buffer.concat(chunks).toString('latin1') };
}

/** A fake engine answering /version with the given API version and recording request paths. */
async function fakeEngine(apiVersion: string): Promise<{ socketPath: string; paths: string[] }> {
  const socketPath = join(dir, 'fake.sock');
  const paths: string[] = [];
  const server = createServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      const path = /^[A-Z]+ (\S+) HTTP/.exec(chunk.toString('latin1'))?.[1] ?? '';
      paths.push(path);
      const body = path.endsWith('/version')
        ? JSON.stringify({ Version: '19.03.15', ApiVersion: apiVersion, MinAPIVersion: '1.12' })
        : '[]';
      socket.end(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
  });
  await listen(server, socketPath);
  return { socketPath, paths };
}

describe('the configured connection wins over the environment', () => {
  it('reaches the configured socket with DOCKER_HOST and DOCKER_CERT_PATH set to bogus values', async () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = '/nonexistent/berth-certs';
    const { client, records } = testClient();

    await client.ping();
    const version = await client.version();

    expect(version.apiVersion).toMatch(/^1\.\d+$/);
    expect(records.filter((r) => r.outcome === 'failed')).toEqual([]);
  });

  it('lets a local host follow DOCKER_HOST from its injected environment only', async () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    const { client } = testClient({
      connection: { kind: 'local' },
      env: { DOCKER_HOST: `unix://${testSocketPath()}` },
    });

    expect((await client.info()).serverVersion).not.toBe('');
  });

  it('speaks plain TCP to a configured address', async () => {
    await recordingProxy();
    const { client } = testClient({
      connection: { kind: 'tcp', host: '127.0.0.1', port: port.proxy },
    });

    expect((await client.info()).apiVersion).toBe('1.41');
  });
});

describe('API version negotiation', () => {
  it('speaks the engine API version when Berth knows a newer one', async () => {
    const { client } = testClient();

    await client.listContainers();

    expect(client.apiVersion).toBe((await client.version()).apiVersion);
  });

  it("speaks Berth's newest version to an engine newer than Berth knows", async () => {
    const fake = await fakeEngine('1.99');
    const { client } = testClient({ connection: { kind: 'socket', socketPath: fake.socketPath } });

    await client.listContainers();

    expect(fake.paths).toEqual(['/version', `/v${newestApiVersion}/containers/json?all=false`]);
  });

  it('refuses an engine older than API 1.41 with a message naming both versions, recorded', async () => {
    const fake = await fakeEngine('1.40');
    const { client, records } = testClient({
      connection: { kind: 'socket', socketPath: fake.socketPath },
    });

    await expect(client.listContainers()).rejects.toMatchObject({
      kind: 'engine',
      message:
        'lab-test runs Docker 19.03.15 (API 1.40); Berth needs API 1.41 (Docker 20.10) or newer.',
    });
    expect((await client.version()).apiVersion).toBe('1.40');
    expect(records).toEqual([
      expect.objectContaining({ action: 'container.list', outcome: 'failed' }),
    ]);
  });
});

describe('deadlines and cancellation', () => {
  async function silentEngine(): Promise<{ socketPath: string; connected: Promise<Socket> }> {
    const socketPath = join(dir, 'silent.sock');
    let connected: (socket: Socket) => void = () => undefined;
    const connection = new Promise<Socket>((resolve) => {
      connected = resolve;
    });
    await listen(
      createServer((socket) => {
        connected(socket);
      }),
      socketPath,
    );
    return { socketPath, connected: connection };
  }

  it('ends a call to an engine that never answers as a timeout, recorded', async () => {
    const silent = await silentEngine();
    const { client, records } = testClient({
      connection: { kind: 'socket', socketPath: silent.socketPath },
      deadlineMs: 300,
    });

    await expect(client.ping()).rejects.toMatchObject({
      kind: 'timeout',
      message: 'lab-test did not answer in time to answer a ping.',
    });
    expect(records).toEqual([
      expect.objectContaining({
        action: 'engine.ping',
        outcome: 'failed',
        message: expect.stringContaining('in time') as string,
      }),
    ]);
  });

  it('ends a call the caller aborts as cancelled and closes the engine connection', async () => {
    const silent = await silentEngine();
    const { client } = testClient({
      connection: { kind: 'socket', socketPath: silent.socketPath },
      deadlineMs: 60_000,
    });
    const controller = new AbortController();
    const closed = silent.connected.then(
      (socket) =>
        new Promise<void>((resolve) =>
          socket.on('close', () => {
            resolve();
          }),
        ),
    );
    void silent.connected.then(() => {
      controller.abort();
    });

    await expect(client.version({ signal: controller.signal })).rejects.toMatchObject({
      kind: 'cancelled',
    });
    await closed;
  });

  it('reports a socket nobody listens on as unreachable', async () => {
    const { client } = testClient({
      connection: { kind: 'socket', socketPath: join(dir, 'nobody.sock') },
    });

    await expect(client.ping()).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('fails every call of a host whose TLS files are missing, recorded, without throwing at creation', async () => {
    const { client, records } = testClient({
      connection: {
        kind: 'tls',
        host: '127.0.0.1',
        port: 2376,
        ca: '/nonexistent/ca.pem',
        cert: '',
        key: '',
        certPath: '',
        passphrase: '',
        servername: '',
      },
    });

    await expect(client.ping()).rejects.toMatchObject({
      kind: 'invalid-input',
      message: 'The CA certificate file /nonexistent/ca.pem cannot be read.',
    });
    expect(records).toEqual([
      expect.objectContaining({ action: 'engine.ping', outcome: 'failed' }),
    ]);
  });
});

describe('secrets stay out of request URLs', () => {
  it('sends environment values and files in request bodies only', async () => {
    const proxy = await recordingProxy();
    const flag = 'flag{berth-url-leak-canary-7f3a}';
    const { client, records } = testClient({
      connection: { kind: 'tcp', host: '127.0.0.1', port: port.proxy },
    });

    const run = await client.runContainer(
      testSpec(suite, 'canary', {
        image: 'berth-test/noports:1.0',
        env: { FLAG: flag, OTHER: `x-${flag}` },
        files: [{ path: '/flag.txt', content: flag }],
      }),
    );
    await client.exec(run.id, ['/bin/true']);
    await client.removeContainer(run.id, { force: true });

    const sent = proxy.sent();
    const requestLines = sent
      .split('\r\n')
      .filter((line) => /^[A-Z]+ \/\S* HTTP\/1\.1$/.test(line));
    expect(
      requestLines.some((line) => line.startsWith('POST /v1.41/containers/create?name=')),
    ).toBe(true);
    expect(requestLines.filter((line) => line.includes('flag'))).toEqual([]);
    expect(requestLines.filter((line) => line.includes('berth-url-leak'))).toEqual([]);
    expect(sent).toContain(flag);
    expect(JSON.stringify(records)).not.toContain('berth-url-leak');
    expect(await suiteContainers(suite)).toEqual([]);
  });
});
