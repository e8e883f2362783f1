import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createConnection, createServer as createTcpServer } from 'node:net';
import type { Server as TcpServer, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/audit';
import type { HostInput } from '../../../shared/host';
import type { HostTestResult } from '../../../shared/views';
import { createEngineClient } from '../../../electron/docker/engine-client';
import {
  certText,
  keyPassphrase,
  socketOf,
  swarmEngine,
  tlsEngine,
} from '../../engine/remote-engines';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';
import { clientCertFolder, swarmHostInput, tlsHostInput } from './support';

// This file's host ports: 43000-43019.
const band = { start: 43000, end: 43009 };
const expiredPort = 43010;
const closedPort = 43011;
const oldEnginePort = 43012;
const silentPort = 43013;

let backend: TestBackend;
const servers: (HttpServer | TcpServer | TlsServer)[] = [];
const sockets: Socket[] = [];

function listen(server: HttpServer | TcpServer | TlsServer, port: number): Promise<void> {
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

beforeAll(async () => {
  backend = await startTestBackend(band);

  // The TLS engine behind a certificate whose validity ended in 2020.
  const expired = createTlsServer(
    { key: certText('expired-key.pem'), cert: certText('expired-cert.pem') },
    (client) => {
      const engine = createConnection(socketOf(tlsEngine));
      sockets.push(client, engine);
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    },
  );
  expired.on('tlsClientError', () => undefined);
  await listen(expired, expiredPort);

  // An engine from 2017: it answers, but speaks API 1.30.
  const old = createHttpServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(
      req.url?.endsWith('/_ping')
        ? 'OK'
        : JSON.stringify({ Version: '17.06.0-ce', ApiVersion: '1.30', MinAPIVersion: '1.12' }),
    );
  });
  await listen(old, oldEnginePort);

  // A listener that accepts connections and never says a word.
  const silent = createTcpServer((socket) => sockets.push(socket));
  await listen(silent, silentPort);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        }),
    ),
  );
  await backend.dispose();
});

function testConnection(host: HostInput): Promise<HostTestResult> {
  return backend.call('hosts.test', { host });
}

function tls(connection: Partial<Extract<HostInput['connection'], { kind: 'tls' }>>): HostInput {
  return tlsHostInput(tlsEngine, band, { connection });
}

/** The failure's kind and message, after checking nothing raw came through. */
function failure(result: HostTestResult): { kind: string; message: string } {
  expect(result.ok).toBe(false);
  const error = result.error ?? { kind: 'none', message: '' };
  expect(error.message).not.toMatch(/\n\s+at |Error:|ERR_|EPROTO|ECONN/);
  return { kind: error.kind, message: error.message };
}

describe('Test connection on a TLS engine', () => {
  it('reaches the engine with the CA, client certificate and key pasted as PEM text', async () => {
    const result = await testConnection(tls({}));

    expect(result).toMatchObject({ ok: true, apiVersion: '1.41', error: null });
    expect(result.version).toMatch(/^\d+\.\d+/);
  });

  it('reaches the engine with a cert folder laid out like DOCKER_CERT_PATH', async () => {
    const result = await testConnection(
      tls({ ca: '', cert: '', key: '', certPath: clientCertFolder }),
    );

    expect(result).toMatchObject({ ok: true, error: null });
  });

  it('opens an encrypted client key with its passphrase', async () => {
    const result = await testConnection(
      tls({ key: certText('client-key-locked.pem'), passphrase: keyPassphrase }),
    );

    expect(result.ok).toBe(true);
  });

  it('says the CA does not match when given the wrong CA', async () => {
    const result = await testConnection(tls({ ca: certText('other-ca.pem') }));

    expect(failure(result)).toEqual({
      kind: 'tls',
      message:
        'The certificate of lab-tls is not signed by the CA Berth was given; check the CA certificate.',
    });
  });

  it('says the engine refused the client certificate when it comes from another CA', async () => {
    const result = await testConnection(
      tls({ cert: certText('stranger-cert.pem'), key: certText('stranger-key.pem') }),
    );

    expect(failure(result)).toEqual({
      kind: 'tls',
      message:
        "lab-tls refused Berth's client certificate; check that it trusts the CA that signed it.",
    });
  });

  it('says the engine asks for a client certificate when none is set', async () => {
    const result = await testConnection(tls({ cert: '', key: '' }));

    expect(failure(result)).toEqual({
      kind: 'tls',
      message:
        "lab-tls asks for Berth's client certificate, and none is set; add the client certificate and key, or a cert folder.",
    });
  });

  it('says the server certificate does not carry the name Berth checks', async () => {
    const result = await testConnection(tls({ servername: 'engine.elsewhere.test' }));

    expect(failure(result)).toEqual({
      kind: 'tls',
      message:
        'The certificate of lab-tls does not name the address Berth used; set the server name it was issued for.',
    });
  });

  it('says the server certificate has expired', async () => {
    const result = await testConnection(tls({ port: expiredPort }));

    expect(failure(result)).toEqual({
      kind: 'tls',
      message: 'The certificate of lab-tls has expired or is not valid yet.',
    });
  });

  it('says the passphrase of the client key is wrong', async () => {
    const result = await testConnection(
      tls({ key: certText('client-key-locked.pem'), passphrase: 'not-the-passphrase' }),
    );

    expect(failure(result)).toEqual({
      kind: 'tls',
      message: 'The passphrase of the client key for lab-tls is wrong or missing.',
    });
  });

  it('says the passphrase is missing for an encrypted key given without one', async () => {
    const result = await testConnection(tls({ key: certText('client-key-locked.pem') }));

    expect(failure(result).message).toBe(
      'The passphrase of the client key for lab-tls is wrong or missing.',
    );
  });

  it('says the connection was refused on a port where nothing listens', async () => {
    const result = await testConnection(tls({ port: closedPort }));

    expect(failure(result)).toEqual({
      kind: 'unreachable',
      message: 'lab-tls refused the connection; is Docker running and listening there?',
    });
  });

  it('names a cert folder that does not exist', async () => {
    const result = await testConnection(
      tls({ ca: '', cert: '', key: '', certPath: '/nonexistent/berth-certs' }),
    );

    expect(failure(result)).toEqual({
      kind: 'invalid-input',
      message:
        'The cert folder /nonexistent/berth-certs has no readable ca.pem (the CA certificate).',
    });
  });
});

describe('Test connection on other engines', () => {
  it('names the engine version and the API Berth needs when the engine is too old', async () => {
    const result = await testConnection({
      name: 'lab-2017',
      connection: { kind: 'tcp', host: '127.0.0.1', port: oldEnginePort },
    });

    expect(failure(result)).toEqual({
      kind: 'engine',
      message:
        'lab-2017 runs Docker 17.06.0-ce (API 1.30); Berth needs API 1.41 (Docker 20.10) or newer.',
    });
    expect(result).toMatchObject({ version: '17.06.0-ce', apiVersion: '1.30' });
  });

  it('says the engine did not answer in time when it accepts and stays silent', async () => {
    const records: AuditRecord[] = [];
    const client = createEngineClient({
      hostId: 'silent',
      hostName: 'lab-silent',
      connection: { kind: 'tcp', host: '127.0.0.1', port: silentPort },
      audit: (record) => records.push(record),
      deadlineMs: 1000,
    });

    await expect(client.version()).rejects.toMatchObject({
      kind: 'timeout',
      message: 'lab-silent did not answer in time to report its version.',
    });
    expect(records.map((r) => [r.action, r.outcome])).toEqual([['engine.version', 'failed']]);
  });

  it('confirms a Swarm host that is a manager', async () => {
    const result = await testConnection(swarmHostInput(swarmEngine, band));

    expect(result).toMatchObject({ ok: true, error: null });
  });

  it('says a host marked as Swarm is not a manager', async () => {
    const result = await testConnection({ ...tls({}), swarm: true });

    expect(failure(result)).toEqual({
      kind: 'invalid-input',
      message:
        'lab-tls is not a Swarm manager; turn Swarm off for this host or point it at a manager.',
    });
  });

  it('tests a saved host by its id', async () => {
    const saved = await backend.call('hosts.add', tlsHostInput(tlsEngine, band));

    expect(await backend.call('hosts.test', { id: saved.id })).toMatchObject({ ok: true });
    await backend.call('hosts.remove', { id: saved.id });
  });
});
