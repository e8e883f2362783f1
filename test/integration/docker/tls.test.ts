import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import type { Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostConnection } from '../../../shared/host';
import { testSocketPath } from '../../engine/engine';
import { testClient } from './support';

// This file's host ports: 41400-41499.
const tlsPort = 41400;

let dir = '';
let server: Server | null = null;
const sockets: Socket[] = [];

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function pem(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** A CA, and a certificate it signs for `name` with the given extensions. */
function makeCa(ca: string): void {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${ca}.key`,
    '-out',
    `${ca}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=${ca}`,
  );
}

function makeCert(ca: string, name: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-tls-'));
  makeCa('ca');
  makeCa('other-ca');
  makeCert('ca', 'server', 'subjectAltName=DNS:lab-tls\nextendedKeyUsage=serverAuth\n');
  makeCert('ca', 'client', 'extendedKeyUsage=clientAuth\n');
  makeCert('other-ca', 'stranger', 'extendedKeyUsage=clientAuth\n');
  openssl(
    'pkey',
    '-in',
    'client.key',
    '-aes256',
    '-passout',
    'pass:right-passphrase',
    '-out',
    'client-locked.key',
  );
  mkdirSync(join(dir, 'certs'));
  copyFileSync(join(dir, 'ca.pem'), join(dir, 'certs', 'ca.pem'));
  copyFileSync(join(dir, 'client.pem'), join(dir, 'certs', 'cert.pem'));
  copyFileSync(join(dir, 'client.key'), join(dir, 'certs', 'key.pem'));

  // A TLS front for the test engine that demands a client certificate from its CA.
  const tlsServer = createServer(
    {
      key: pem('server.key'),
      cert: pem('server.pem'),
      ca: pem('ca.pem'),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (client) => {
      const engine = createConnection(testSocketPath());
      sockets.push(client, engine);
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    },
  );
  tlsServer.on('tlsClientError', () => undefined);
  server = tlsServer;
  await new Promise<void>((resolve) => tlsServer.listen(tlsPort, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function tls(overrides: Partial<Extract<HostConnection, { kind: 'tls' }>>): HostConnection {
  return {
    kind: 'tls',
    host: '127.0.0.1',
    port: tlsPort,
    ca: pem('ca.pem'),
    cert: pem('client.pem'),
    key: pem('client.key'),
    certPath: '',
    passphrase: '',
    servername: 'lab-tls',
    ...overrides,
  };
}

describe('TLS connections', () => {
  it('reaches the engine with the right CA, client certificate and server name', async () => {
    const { client } = testClient({ connection: tls({}) });

    expect((await client.info()).apiVersion).toBe('1.41');
  });

  it('reads the CA, certificate and key from a cert folder', async () => {
    const { client } = testClient({
      connection: tls({ ca: '', cert: '', key: '', certPath: join(dir, 'certs') }),
    });

    await client.ping();
  });

  it('opens a passphrase-protected key with its passphrase', async () => {
    const { client } = testClient({
      connection: tls({ key: pem('client-locked.key'), passphrase: 'right-passphrase' }),
    });

    await client.ping();
  });

  it('says the passphrase is wrong', async () => {
    const { client, records } = testClient({
      connection: tls({ key: pem('client-locked.key'), passphrase: 'wrong-passphrase' }),
    });

    await expect(client.ping()).rejects.toMatchObject({
      kind: 'tls',
      message: 'The passphrase of the client key for lab-test is wrong or missing.',
    });
    expect(JSON.stringify(records)).not.toContain('wrong-passphrase');
  });

  it('says the server certificate does not name the address used', async () => {
    const { client } = testClient({ connection: tls({ servername: '' }) });

    await expect(client.ping()).rejects.toMatchObject({
      kind: 'tls',
      message: expect.stringContaining('does not name the address Berth used') as string,
    });
  });

  it('says the server certificate is not from the CA given', async () => {
    const { client } = testClient({ connection: tls({ ca: pem('other-ca.pem') }) });

    await expect(client.ping()).rejects.toMatchObject({
      kind: 'tls',
      message: expect.stringContaining('not signed by the CA Berth was given') as string,
    });
  });

  it('says the engine refused a client certificate from a CA it does not trust', async () => {
    const { client } = testClient({
      connection: tls({ cert: pem('stranger.pem'), key: pem('stranger.key') }),
    });

    await expect(client.ping()).rejects.toMatchObject({
      kind: 'tls',
      message: expect.stringContaining("Berth's client certificate") as string,
    });
  });

  it('says the engine refused a connection without a client certificate', async () => {
    const { client } = testClient({ connection: tls({ cert: '', key: '' }) });

    await expect(client.ping()).rejects.toMatchObject({
      kind: 'tls',
      message: expect.stringContaining("Berth's client certificate") as string,
    });
  });

  it('says TLS is expected when plain TCP is spoken to the TLS port', async () => {
    const { client } = testClient({
      connection: { kind: 'tcp', host: '127.0.0.1', port: tlsPort },
    });

    await expect(client.ping()).rejects.toMatchObject({
      kind: expect.stringMatching(/tls|unreachable/) as string,
    });
  });
});
