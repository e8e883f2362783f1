import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import { hostConnectionSchema } from '../../../shared/host';
import type { HostConnection } from '../../../shared/host';
import {
  describeConnection,
  dockerFor,
  modemOptionsFor,
} from '../../../electron/docker/connection';
import type { ConnectionEnvironment } from '../../../electron/docker/connection';

const caPem = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
const certPem = '-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n';
const keyPem = '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n';

function surroundings(
  env: NodeJS.ProcessEnv = {},
  files: Record<string, string> = {},
  platform: NodeJS.Platform = 'linux',
): ConnectionEnvironment {
  return {
    env,
    platform,
    homeDir: '/home/op',
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      }
      return content;
    },
  };
}

function connection(input: unknown): HostConnection {
  return hostConnectionSchema.parse(input);
}

describe('modemOptionsFor', () => {
  it('uses the platform socket for a local host when DOCKER_HOST is not set', () => {
    expect(modemOptionsFor({ kind: 'local' }, surroundings()).socketPath).toBe(
      '/var/run/docker.sock',
    );
    expect(modemOptionsFor({ kind: 'local' }, surroundings({}, {}, 'win32')).socketPath).toBe(
      '//./pipe/docker_engine',
    );
  });

  it('honours a unix DOCKER_HOST for a local host', () => {
    const options = modemOptionsFor(
      { kind: 'local' },
      surroundings({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }),
    );

    expect(options.socketPath).toBe('/run/user/1000/docker.sock');
    expect(options.host).toBeUndefined();
  });

  it('honours a tcp DOCKER_HOST with TLS from DOCKER_CERT_PATH for a local host', () => {
    const options = modemOptionsFor(
      { kind: 'local' },
      surroundings(
        { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
        { '/certs/ca.pem': caPem, '/certs/cert.pem': certPem, '/certs/key.pem': keyPem },
      ),
    );

    expect(options).toMatchObject({
      host: '10.0.0.5',
      port: 2376,
      protocol: 'https',
      ca: caPem,
      cert: certPem,
      key: keyPem,
      socketPath: undefined,
    });
    expect(options.agent).toBeDefined();
  });

  it('speaks plain HTTP to a tcp DOCKER_HOST without DOCKER_TLS_VERIFY', () => {
    const options = modemOptionsFor(
      { kind: 'local' },
      surroundings({ DOCKER_HOST: 'tcp://lab:2375' }),
    );

    expect(options).toMatchObject({ host: 'lab', port: 2375, protocol: 'http', ca: undefined });
  });

  it('refuses a DOCKER_HOST it cannot read with invalid-input', () => {
    expect(() =>
      modemOptionsFor({ kind: 'local' }, surroundings({ DOCKER_HOST: 'fd://' })),
    ).toThrow(expect.objectContaining({ kind: 'invalid-input' }) as Error);
  });

  it('ignores DOCKER_* variables for every configured kind', () => {
    const hostile = surroundings({
      DOCKER_HOST: 'tcp://203.0.113.9:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/nowhere',
    });

    expect(modemOptionsFor({ kind: 'socket', socketPath: '/tmp/x.sock' }, hostile)).toMatchObject({
      socketPath: '/tmp/x.sock',
      host: undefined,
      protocol: 'http',
      ca: undefined,
    });
    expect(modemOptionsFor(connection({ kind: 'tcp', host: 'lab-2' }), hostile)).toMatchObject({
      socketPath: undefined,
      host: 'lab-2',
      port: 2375,
      protocol: 'http',
      cert: undefined,
    });
  });

  it('passes every key docker-modem reads, so none can come from the environment', () => {
    const options = modemOptionsFor({ kind: 'socket', socketPath: '/tmp/x.sock' }, surroundings());

    expect(Object.keys(options).sort()).toEqual(
      [
        'agent',
        'ca',
        'cert',
        'connectionTimeout',
        'headers',
        'host',
        'key',
        'password',
        'pathPrefix',
        'port',
        'protocol',
        'socketPath',
        'sshOptions',
        'timeout',
        'username',
        'version',
      ].sort(),
    );
  });

  it('takes TLS material as PEM text', () => {
    const options = modemOptionsFor(
      connection({ kind: 'tls', host: 'lab-2', ca: caPem, cert: certPem, key: keyPem }),
      surroundings(),
    );

    expect(options).toMatchObject({
      protocol: 'https',
      port: 2376,
      ca: caPem,
      cert: certPem,
      key: keyPem,
    });
  });

  it('takes TLS material as file paths', () => {
    const options = modemOptionsFor(
      connection({
        kind: 'tls',
        host: 'lab-2',
        ca: '/p/ca.crt',
        cert: '/p/c.crt',
        key: '/p/k.key',
      }),
      surroundings({}, { '/p/ca.crt': caPem, '/p/c.crt': certPem, '/p/k.key': keyPem }),
    );

    expect(options).toMatchObject({ ca: caPem, cert: certPem, key: keyPem });
  });

  it('reads missing TLS material from the cert folder', () => {
    const options = modemOptionsFor(
      connection({ kind: 'tls', host: 'lab-2', ca: caPem, certPath: '/certs' }),
      surroundings({}, { '/certs/cert.pem': certPem, '/certs/key.pem': keyPem }),
    );

    expect(options).toMatchObject({ ca: caPem, cert: certPem, key: keyPem });
  });

  it('names the file that cannot be read', () => {
    const build = (): unknown =>
      modemOptionsFor(
        connection({ kind: 'tls', host: 'lab-2', ca: '/missing/ca.pem' }),
        surroundings(),
      );

    expect(build).toThrow(BerthError);
    expect(build).toThrow(/The CA certificate file \/missing\/ca\.pem cannot be read/);
  });

  it('refuses a client certificate without its key', () => {
    expect(() =>
      modemOptionsFor(connection({ kind: 'tls', host: 'lab-2', cert: certPem }), surroundings()),
    ).toThrow(/needs its key/);
  });

  it('gives the key passphrase and server name to the TLS agent', () => {
    const options = modemOptionsFor(
      connection({
        kind: 'tls',
        host: '10.0.0.2',
        ca: caPem,
        cert: certPem,
        key: keyPem,
        passphrase: 'hunter2',
        servername: 'lab-2.internal',
      }),
      surroundings(),
    );

    expect(options.agent?.options).toMatchObject({
      passphrase: 'hunter2',
      servername: 'lab-2.internal',
      ca: caPem,
    });
  });

  it('builds an ssh connection with its key', () => {
    const options = modemOptionsFor(
      connection({
        kind: 'ssh',
        host: 'lab-3',
        username: 'ops',
        privateKey: keyPem,
        passphrase: 'pw',
      }),
      surroundings({ SSH_AUTH_SOCK: '/agent' }),
    );

    expect(options).toMatchObject({
      protocol: 'ssh',
      host: 'lab-3',
      port: 22,
      username: 'ops',
      sshOptions: { privateKey: keyPem, passphrase: 'pw' },
    });
  });
});

describe('dockerFor', () => {
  it('builds a client on the given socket even with a hostile DOCKER_HOST and DOCKER_CERT_PATH', () => {
    const saved = { ...process.env };
    process.env.DOCKER_HOST = 'tcp://203.0.113.9:2376';
    process.env.DOCKER_CERT_PATH = '/nowhere/at/all';
    process.env.DOCKER_TLS_VERIFY = '1';
    const docker = (() => {
      const built = dockerFor(
        modemOptionsFor({ kind: 'socket', socketPath: '/tmp/x.sock' }, surroundings()),
      );
      process.env = saved;
      return built;
    })();
    const modem = docker.modem as { socketPath?: string; host?: string; protocol?: string };

    expect(modem.socketPath).toBe('/tmp/x.sock');
    expect(modem.host).toBeUndefined();
    expect(modem.protocol).toBe('http');
  });

  it('leaves the environment as it found it', () => {
    process.env.DOCKER_HOST = 'tcp://203.0.113.9:2375';
    dockerFor(modemOptionsFor({ kind: 'socket', socketPath: '/tmp/x.sock' }, surroundings()));
    const after = process.env.DOCKER_HOST;
    delete process.env.DOCKER_HOST;

    expect(after).toBe('tcp://203.0.113.9:2375');
  });
});

describe('describeConnection', () => {
  it('says where a connection goes without any secret', () => {
    const tls = modemOptionsFor(
      connection({
        kind: 'tls',
        host: 'lab-2',
        ca: caPem,
        cert: certPem,
        key: keyPem,
        passphrase: 'x',
      }),
      surroundings(),
    );

    expect(describeConnection(tls)).toBe('tcp+tls://lab-2:2376');
    expect(
      describeConnection(
        modemOptionsFor({ kind: 'socket', socketPath: '/s.sock' }, surroundings()),
      ),
    ).toBe('unix:///s.sock');
  });
});
