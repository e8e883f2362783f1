// The host form's values as typed, and their conversion to a HostInput the API accepts.
import type { HostInput } from '../../shared/host';
import { hostInputSchema } from '../../shared/host';
import type { HostView } from '../../shared/views';
import type { FieldErrors } from '../lib/field-errors';
import { numberField, validate } from '../lib/field-errors';

/** The ways Berth reaches an engine, in the order the form offers them. */
export const connectionKinds = ['local', 'socket', 'tcp', 'tls', 'ssh'] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

export interface HostFormValues {
  name: string;
  kind: ConnectionKind;
  socketPath: string;
  host: string;
  port: string;
  ca: string;
  cert: string;
  key: string;
  certPath: string;
  passphrase: string;
  servername: string;
  username: string;
  privateKey: string;
  publicAddress: string;
  bindAddress: string;
  portStart: string;
  portEnd: string;
  capacity: string;
  swarm: boolean;
}

/** The form for a new host: the local engine, ports 30000-39999. */
export function emptyHostForm(): HostFormValues {
  return {
    name: '',
    kind: 'local',
    socketPath: '/var/run/docker.sock',
    host: '',
    port: '',
    ca: '',
    cert: '',
    key: '',
    certPath: '',
    passphrase: '',
    servername: '',
    username: '',
    privateKey: '',
    publicAddress: '127.0.0.1',
    bindAddress: '127.0.0.1',
    portStart: '30000',
    portEnd: '39999',
    capacity: '500',
    swarm: false,
  };
}

/** The form filled from a saved host; secret fields stay blank, meaning "keep the saved one". */
export function hostFormFrom(host: HostView): HostFormValues {
  const values = emptyHostForm();
  const connection = host.connection;
  values.name = host.name;
  values.kind = connection.kind;
  if (connection.kind === 'socket') values.socketPath = connection.socketPath;
  if (connection.kind === 'tcp' || connection.kind === 'tls' || connection.kind === 'ssh') {
    values.host = connection.host;
    values.port = String(connection.port);
  }
  if (connection.kind === 'tls') {
    values.ca = connection.ca;
    values.cert = connection.cert;
    values.certPath = connection.certPath;
    values.servername = connection.servername;
  }
  if (connection.kind === 'ssh') values.username = connection.username;
  values.publicAddress = host.publicAddress;
  values.bindAddress = host.bindAddress;
  values.portStart = String(host.portRange.start);
  values.portEnd = String(host.portRange.end);
  values.capacity = String(host.capacity);
  values.swarm = host.swarm;
  return values;
}

function connectionOf(values: HostFormValues): Record<string, unknown> {
  const port = numberField(values.port);
  switch (values.kind) {
    case 'local':
      return { kind: 'local' };
    case 'socket':
      return { kind: 'socket', socketPath: values.socketPath.trim() };
    case 'tcp':
      return { kind: 'tcp', host: values.host.trim(), port };
    case 'tls':
      return {
        kind: 'tls',
        host: values.host.trim(),
        port,
        ca: values.ca,
        cert: values.cert,
        key: values.key,
        certPath: values.certPath.trim(),
        passphrase: values.passphrase,
        servername: values.servername.trim(),
      };
    case 'ssh':
      return {
        kind: 'ssh',
        host: values.host.trim(),
        port,
        username: values.username.trim(),
        privateKey: values.privateKey,
        passphrase: values.passphrase,
      };
  }
}

const numberFields: [keyof HostFormValues, string][] = [
  ['port', 'connection.port'],
  ['portStart', 'portRange.start'],
  ['portEnd', 'portRange.end'],
  ['capacity', 'capacity'],
];

/** The HostInput the form describes, or the message for each field that is wrong. */
export function hostInputFrom(
  values: HostFormValues,
  drained = false,
): { ok: true; input: HostInput } | { ok: false; errors: FieldErrors } {
  const candidate = {
    name: values.name,
    connection: connectionOf(values),
    publicAddress: values.publicAddress,
    bindAddress: values.bindAddress,
    portRange: { start: numberField(values.portStart), end: numberField(values.portEnd) },
    capacity: numberField(values.capacity),
    drained,
    swarm: values.swarm,
  };
  const result = validate(hostInputSchema, candidate);

  const errors: FieldErrors = result.ok ? {} : { ...result.errors };
  for (const [key, path] of numberFields) {
    const text = values[key];
    if (typeof text === 'string' && Number.isNaN(numberField(text)))
      errors[path] = 'Write a number';
  }
  if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: result.value };
}
