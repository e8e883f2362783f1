// Builds the engine connection from a host's settings, explicitly, so the environment never overrides it.
import { readFileSync, statSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import Modem from 'docker-modem';
import { BerthError } from '../../shared/errors';
import type { HostConnection } from '../../shared/host';

/** Every key docker-modem reads, always present, so none falls back to a DOCKER_* variable. */
export interface ModemOptions {
  socketPath: string | undefined;
  host: string | undefined;
  port: number | undefined;
  protocol: 'http' | 'https' | 'ssh';
  pathPrefix: string | undefined;
  ca: string | undefined;
  cert: string | undefined;
  key: string | undefined;
  /** Carries what docker-modem cannot: the key passphrase and the TLS server name. */
  agent: HttpsAgent | undefined;
  username: string | undefined;
  password: undefined;
  sshOptions: SshOptions | undefined;
  timeout: undefined;
  connectionTimeout: undefined;
  version: undefined;
  headers: Record<string, string>;
}

export interface SshOptions {
  privateKey?: string;
  passphrase?: string;
  agent?: string;
}

/** How a connection reads its surroundings; tests pass their own. */
export interface ConnectionEnvironment {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  readFile: (path: string) => string;
  homeDir: string;
}

/** The most a certificate, key or CA file may hold; real ones are a few KiB. */
export const maxPemFileBytes = 1024 * 1024;

/** The real process surroundings, with `env` replaced when given. */
export function processEnvironment(env: NodeJS.ProcessEnv = process.env): ConnectionEnvironment {
  return {
    env,
    platform: process.platform,
    readFile: readPemFile,
    homeDir: homedir(),
  };
}

// A device such as /dev/zero, a FIFO or a huge file would block the main process or exhaust its
// memory: only a small regular file is read.
function readPemFile(path: string): string {
  const stats = statSync(path);
  if (!stats.isFile()) throw new Error(`${path} is not a regular file`);
  if (stats.size > maxPemFileBytes) {
    throw new Error(`${path} holds ${stats.size} bytes, more than a certificate or key`);
  }
  return readFileSync(path, 'utf8');
}

/** The complete docker-modem options for a host; throws BerthError 'invalid-input' for unusable settings. */
export function modemOptionsFor(
  connection: HostConnection,
  surroundings: ConnectionEnvironment,
): ModemOptions {
  switch (connection.kind) {
    case 'local':
      return localOptions(surroundings);
    case 'socket':
      return { ...blankOptions(), socketPath: connection.socketPath };
    case 'tcp':
      return { ...blankOptions(), host: connection.host, port: connection.port, protocol: 'http' };
    case 'tls':
      return tlsOptions(connection, surroundings);
    case 'ssh':
      return {
        ...blankOptions(),
        protocol: 'ssh',
        host: connection.host,
        port: connection.port,
        username: connection.username,
        sshOptions: sshOptions(connection, surroundings),
      };
  }
}

/** A dockerode client on exactly the given options, built while no DOCKER_* variable can reach docker-modem. */
export function dockerFor(options: ModemOptions): Docker {
  const modem = withoutDockerEnvironment(() => new Modem(options as Modem.ConstructorOptions));
  return new Docker({ modem } as Docker.DockerOptions);
}

/** A short, secret-free description of where a connection goes, for logs and audit details. */
export function describeConnection(options: ModemOptions): string {
  if (options.socketPath !== undefined) return `unix://${options.socketPath}`;
  const scheme =
    options.protocol === 'https' ? 'tcp+tls' : options.protocol === 'ssh' ? 'ssh' : 'tcp';
  return `${scheme}://${options.host ?? ''}:${options.port ?? ''}`;
}

function blankOptions(): ModemOptions {
  return {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: 'http',
    pathPrefix: '/',
    ca: undefined,
    cert: undefined,
    key: undefined,
    agent: undefined,
    username: undefined,
    password: undefined,
    sshOptions: undefined,
    timeout: undefined,
    connectionTimeout: undefined,
    version: undefined,
    headers: {},
  };
}

// `local` is the one kind where the environment speaks: Docker's own DOCKER_HOST conventions.
function localOptions(surroundings: ConnectionEnvironment): ModemOptions {
  const { env, platform } = surroundings;
  const dockerHost = env.DOCKER_HOST?.trim() ?? '';
  const defaultSocket = platform === 'win32' ? '//./pipe/docker_engine' : '/var/run/docker.sock';

  if (dockerHost === '') return { ...blankOptions(), socketPath: defaultSocket };
  if (dockerHost.startsWith('unix://')) {
    return { ...blankOptions(), socketPath: dockerHost.slice(7) || defaultSocket };
  }
  if (dockerHost.startsWith('npipe://')) {
    return { ...blankOptions(), socketPath: dockerHost.slice(8) || '//./pipe/docker_engine' };
  }

  const url = parseDockerHost(dockerHost);
  if (url.protocol === 'ssh:') {
    return {
      ...blankOptions(),
      protocol: 'ssh',
      host: url.hostname,
      port: url.port === '' ? 22 : Number(url.port),
      username: decodeURIComponent(url.username) || undefined,
      sshOptions: env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : {},
    };
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidDockerHost();
  }

  const useTls = (env.DOCKER_TLS_VERIFY ?? '') !== '' || url.protocol === 'https:';
  const port = url.port === '' ? (useTls ? 2376 : 2375) : Number(url.port);
  const plain: ModemOptions = { ...blankOptions(), host: url.hostname, port };
  if (!useTls) return plain;

  const certPath = env.DOCKER_CERT_PATH || join(surroundings.homeDir, '.docker');
  const material = tlsMaterial({ ca: '', cert: '', key: '', certPath }, surroundings);
  return withTls(plain, material, { passphrase: '', servername: '' });
}

function parseDockerHost(text: string): URL {
  try {
    return new URL(text.includes('//') ? text : `tcp://${text}`);
  } catch {
    throw invalidDockerHost();
  }
}

function invalidDockerHost(): BerthError {
  return new BerthError(
    'invalid-input',
    'DOCKER_HOST is not an address Berth understands; use unix://, npipe://, tcp:// or ssh://.',
    { field: 'connection' },
  );
}

function tlsOptions(
  connection: Extract<HostConnection, { kind: 'tls' }>,
  surroundings: ConnectionEnvironment,
): ModemOptions {
  const plain: ModemOptions = { ...blankOptions(), host: connection.host, port: connection.port };
  return withTls(plain, tlsMaterial(connection, surroundings, true), connection);
}

interface TlsMaterial {
  ca: string | undefined;
  cert: string | undefined;
  key: string | undefined;
}

function withTls(
  plain: ModemOptions,
  material: TlsMaterial,
  extra: { passphrase: string; servername: string },
): ModemOptions {
  const agent = new HttpsAgent({
    ...(material.ca === undefined ? {} : { ca: material.ca }),
    ...(material.cert === undefined ? {} : { cert: material.cert }),
    ...(material.key === undefined ? {} : { key: material.key }),
    ...(extra.passphrase === '' ? {} : { passphrase: extra.passphrase }),
    ...(extra.servername === '' ? {} : { servername: extra.servername }),
  });
  return { ...plain, protocol: 'https', ...material, agent };
}

// Each of ca/cert/key may be PEM text or a file path; what is left empty comes from the cert folder.
// A folder the operator named must hold all three: one missing would otherwise surface later as a
// misleading TLS diagnosis (an unknown CA, a refused client). Docker's default folder may lack them.
function tlsMaterial(
  given: { ca: string; cert: string; key: string; certPath: string },
  surroundings: ConnectionEnvironment,
  folderComplete = false,
): TlsMaterial {
  const pick = (field: 'ca' | 'cert' | 'key', label: string): string | undefined => {
    const value = given[field];
    if (value.trim() !== '') return pemOrFile(value, field, label, surroundings, true);
    if (given.certPath === '') return undefined;
    const path = join(given.certPath, `${field}.pem`);
    if (!folderComplete) return pemOrFile(path, field, label, surroundings, false);
    try {
      return surroundings.readFile(path);
    } catch (error) {
      throw new BerthError(
        'invalid-input',
        `The cert folder ${given.certPath} has no readable ${field}.pem (the ${label}).`,
        {
          field: 'connection.certPath',
          engineMessage: error instanceof Error ? error.message : String(error),
        },
      );
    }
  };
  const material = {
    ca: pick('ca', 'CA certificate'),
    cert: pick('cert', 'client certificate'),
    key: pick('key', 'client key'),
  };
  if ((material.cert === undefined) !== (material.key === undefined)) {
    throw new BerthError(
      'invalid-input',
      'A client certificate needs its key, and a key needs its certificate.',
      { field: `connection.${material.cert === undefined ? 'cert' : 'key'}` },
    );
  }
  return material;
}

function pemOrFile(
  value: string,
  field: string,
  label: string,
  surroundings: ConnectionEnvironment,
  required: boolean,
): string | undefined {
  if (value.includes('-----BEGIN')) return value;
  const path = value.trim();
  try {
    return surroundings.readFile(path);
  } catch (error) {
    if (!required && isMissingFile(error)) return undefined;
    throw new BerthError('invalid-input', `The ${label} file ${path} cannot be read.`, {
      field: `connection.${field}`,
      engineMessage: error instanceof Error ? error.message : String(error),
    });
  }
}

function isMissingFile(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

function sshOptions(
  connection: Extract<HostConnection, { kind: 'ssh' }>,
  surroundings: ConnectionEnvironment,
): SshOptions {
  const options: SshOptions = {};
  if (connection.privateKey.trim() !== '') {
    options.privateKey = pemOrFile(
      connection.privateKey,
      'privateKey',
      'private key',
      surroundings,
      true,
    );
  } else if (surroundings.env.SSH_AUTH_SOCK) {
    options.agent = surroundings.env.SSH_AUTH_SOCK;
  }
  if (connection.passphrase !== '') options.passphrase = connection.passphrase;
  return options;
}

// docker-modem reads DOCKER_HOST, DOCKER_CERT_PATH (reading the files) and friends from
// process.env in its constructor and can even throw there; the constructor is synchronous,
// so hiding them for its duration is invisible to the rest of the process.
function withoutDockerEnvironment<T>(build: () => T): T {
  const hidden = Object.entries(process.env).filter(
    ([name]) => name.startsWith('DOCKER_') || name === 'SSH_AUTH_SOCK',
  );
  for (const [name] of hidden) Reflect.deleteProperty(process.env, name);
  try {
    return build();
  } finally {
    for (const [name, value] of hidden) process.env[name] = value;
  }
}
