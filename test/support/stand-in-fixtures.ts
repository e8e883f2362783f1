// Canned API data for UI tests and benches: typed by the shared contract, so they follow it.
import type { MethodName, MethodResult } from '../../shared/api';
import type { AuditEntry } from '../../shared/audit';
import type { Challenge } from '../../shared/challenge';
import type { ErrorInfo } from '../../shared/errors';
import type { InstanceStatus } from '../../shared/instance';
import { defaultSettings } from '../../shared/settings';
import type { Team } from '../../shared/team';
import type { ApiResponse } from '../../shared/rpc';
import type { AppInfo, HostView, ImageView, InstanceView } from '../../shared/views';

/** A successful answer. */
export function ok<T>(result: T): ApiResponse<T> {
  return { ok: true, result };
}

/** A failed answer carrying a safe message. */
export function failure(error: ErrorInfo): ApiResponse {
  return { ok: false, error };
}

/** A healthy local host; overrides replace whole fields. */
export function hostView(overrides: Partial<HostView> = {}): HostView {
  const id = overrides.id ?? 'host-1';
  return {
    id,
    name: 'lab-1',
    createdAt: Date.UTC(2025, 0, 1),
    connection: { kind: 'local' },
    publicAddress: '127.0.0.1',
    bindAddress: '127.0.0.1',
    portRange: { start: 30000, end: 39999 },
    capacity: 500,
    drained: false,
    enabled: true,
    swarm: false,
    swarmPublishMode: 'host',
    liveInstances: 3,
    status: {
      hostId: id,
      health: 'up',
      checkedAt: Date.UTC(2025, 0, 1, 12),
      version: '27.5.1',
      apiVersion: '1.47',
      containersRunning: 3,
      cpus: 8,
      memoryBytes: 16 * 1024 ** 3,
      error: null,
    },
    ...overrides,
  };
}

/** The baby-web challenge (http on 8080, dynamic env flag). */
export function challenge(overrides: Partial<Challenge> = {}): Challenge {
  return {
    id: 'ch-web',
    name: 'baby-web',
    category: 'web',
    description: 'A first web challenge.',
    value: 100,
    image: 'berth-test/web:1.0',
    ports: [{ port: 8080, protocol: 'http' }],
    env: {},
    command: null,
    flag: {
      mode: 'dynamic',
      template: 'flag{{hmac:16}}',
      value: '',
      delivery: 'env',
      envName: 'FLAG',
      filePath: '/flag.txt',
    },
    limits: { memory: '256m', cpus: 0.5, pids: 128 },
    readOnlyRootfs: false,
    lifetimeSeconds: 1800,
    extensionSeconds: 900,
    maxExtensions: 2,
    connectionInfo: '',
    extra: {},
    createdAt: Date.UTC(2025, 0, 1),
    updatedAt: Date.UTC(2025, 0, 1),
    ...overrides,
  };
}

/** The nth team of the roster, with a country column. */
export function team(index: number): Team {
  return {
    id: `team-${index}`,
    name: `team-${String(index).padStart(4, '0')}`,
    extra: { country: ['FR', 'DE', 'JP', 'US'][index % 4] ?? 'FR' },
    createdAt: Date.UTC(2025, 0, 1),
  };
}

const challengeNames = ['baby-web', 'echo-pwn', 'crypto-101', 'rev-me'];
const hostNames = ['lab-1', 'lab-2'];

/** The nth stand-in instance: spread over challenges and hosts, expiring at staggered times. */
export function instanceView(
  index: number,
  now: number,
  overrides: Partial<InstanceView> = {},
): InstanceView {
  const challengeIndex = index % challengeNames.length;
  const hostIndex = index % hostNames.length;
  const port = 30000 + index;
  const http = challengeIndex === 0;
  return {
    id: `inst-${index}`,
    challengeId: `ch-${challengeIndex}`,
    teamId: `team-${index}`,
    hostId: `host-${hostIndex + 1}`,
    containerId: `c${String(index).padStart(11, '0')}`,
    containerName: `berth-${challengeNames[challengeIndex] ?? 'x'}-team-${index}`,
    workload: 'container',
    status: 'running',
    ports: [
      { containerPort: 8080, protocol: http ? 'http' : 'tcp', hostPort: port, hostIp: '127.0.0.1' },
    ],
    flagHash: 'f'.repeat(64),
    createdAt: now - 60_000 * (index % 30),
    startedAt: now - 60_000 * (index % 30),
    expiresAt: now + 60_000 * (5 + (index % 55)),
    extensions: index % 3,
    endedAt: null,
    error: null,
    teamName: `team-${String(index).padStart(4, '0')}`,
    challengeName: challengeNames[challengeIndex] ?? 'x',
    hostName: hostNames[hostIndex] ?? 'lab-1',
    connection: [
      {
        containerPort: 8080,
        protocol: http ? 'http' : 'tcp',
        hostPort: port,
        text: http ? `http://127.0.0.1:${port}/` : `nc 127.0.0.1 ${port}`,
        url: http ? `http://127.0.0.1:${port}/` : null,
      },
    ],
    maxExtensions: 2,
    usage: { cpuPercent: (index * 7) % 100, memoryBytes: (8 + (index % 64)) * 1024 ** 2 },
    ...overrides,
  };
}

/** `count` stand-in instances. */
export function instances(count: number, now: number): InstanceView[] {
  return Array.from({ length: count }, (_, index) => instanceView(index, now));
}

/** The berth-test/web:1.0 image. */
export function image(overrides: Partial<ImageView> = {}): ImageView {
  return {
    hostId: 'host-1',
    id: 'sha256:3f1e6c2d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d',
    tags: ['berth-test/web:1.0'],
    digests: [],
    sizeBytes: 4_400_000,
    createdAt: Date.UTC(2025, 0, 1),
    exposedPorts: [{ port: 8080, protocol: 'tcp' }],
    ...overrides,
  };
}

/** The audit entry with this id; every seventh failed. */
export function auditEntry(id: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  const actions = ['instances.launch', 'instances.extend', 'instances.stop', 'hosts.add'];
  return {
    id,
    time: Date.UTC(2025, 0, 1, 12, 0, id),
    actor: 'operator',
    action: actions[id % actions.length] ?? 'instances.launch',
    hostId: 'host-1',
    target: `team-${String(id).padStart(4, '0')} / baby-web`,
    outcome: id % 7 === 0 ? 'failed' : 'ok',
    message: id % 7 === 0 ? 'Port 30007 is already in use on lab-1' : '',
    engineMessage: '',
    details: {},
    prevHash: (id - 1).toString(16).padStart(64, '0'),
    hash: id.toString(16).padStart(64, '0'),
    ...overrides,
  };
}

/** A desktop Berth whose secrets the system keychain protects. */
export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    mode: 'desktop',
    dataDir: '/home/ops/.config/Berth',
    secretStorage: 'safe-storage',
    ...overrides,
  };
}

type Responses = Partial<Record<MethodName, ApiResponse>>;

function answer<M extends MethodName>(_method: M, result: MethodResult<M>): ApiResponse {
  return ok(result);
}

/** Answers for every list and read method, so each screen has something to show. */
export function standardResponses(now: number, instanceCount = 6): Responses {
  const list = instances(instanceCount, now);
  return {
    'app.info': answer('app.info', appInfo()),
    'hosts.list': answer('hosts.list', [
      hostView(),
      hostView({
        id: 'host-2',
        name: 'lab-2',
        connection: {
          kind: 'tls',
          host: '10.0.0.5',
          port: 2376,
          ca: '',
          cert: '',
          certPath: '',
          servername: '',
          hasKey: true,
          hasPassphrase: false,
        },
        publicAddress: '10.0.0.5',
        portRange: { start: 31000, end: 31999 },
        liveInstances: 2,
      }),
    ]),
    'images.list': answer('images.list', [
      image(),
      image({
        id: 'sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
        tags: ['berth-test/multi:1.0'],
        exposedPorts: [
          { port: 8080, protocol: 'tcp' },
          { port: 9000, protocol: 'tcp' },
        ],
      }),
      image({
        id: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        tags: [],
        exposedPorts: [],
      }),
    ]),
    'challenges.list': answer('challenges.list', [
      challenge({ id: 'ch-0' }),
      challenge({
        id: 'ch-1',
        name: 'echo-pwn',
        category: 'pwn',
        image: 'berth-test/multi:1.0',
        ports: [
          { port: 8080, protocol: 'http' },
          { port: 9000, protocol: 'tcp' },
        ],
        flag: {
          mode: 'static',
          template: 'flag{{hmac:16}}',
          value: 'flag{static}',
          delivery: 'file',
          envName: 'FLAG',
          filePath: '/flag.txt',
        },
      }),
    ]),
    'teams.list': answer(
      'teams.list',
      Array.from({ length: 12 }, (_, i) => team(i)),
    ),
    'instances.list': answer('instances.list', list),
    'audit.query': answer('audit.query', {
      entries: Array.from({ length: 50 }, (_, i) => auditEntry(240 - i)),
      total: 240,
      totalIsExact: true,
      hasMore: true,
    }),
    'audit.verify': answer('audit.verify', { ok: true, checked: 240, firstBroken: null }),
    'settings.get': answer('settings.get', defaultSettings),
  };
}

/** An instance of `status`, for state-specific tests. */
export function withStatus(view: InstanceView, status: InstanceStatus): InstanceView {
  return { ...view, status };
}
