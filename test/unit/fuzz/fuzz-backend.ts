// A real backend on a temp data folder whose engine cannot be reached, holding a few challenges,
// teams and live instances, so fuzzed calls reach the store and the runtime and fail at the engine.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from '../../../electron/app/start-backend';
import type { StartedBackend } from '../../../electron/app/start-backend';
import { plainTextSecretBox } from '../../../electron/store/key-file-secret-box';
import { challengeInputSchema } from '../../../shared/challenge';
import type { Instance } from '../../../shared/instance';

export interface FuzzBackend {
  backend: StartedBackend;
  file: string;
  /** Ids and names that exist, for generated inputs to hit real rows. */
  known: string[];
  dispose(): Promise<void>;
}

function liveInstance(
  base: Pick<Instance, 'id' | 'challengeId' | 'teamId' | 'hostId' | 'status'>,
  now: number,
): Instance {
  return {
    ...base,
    containerId: base.status === 'starting' ? null : `fuzz-container-${base.id}`,
    containerName: `berth-fuzz-${base.id.slice(0, 8)}`,
    workload: 'container',
    ports: [{ containerPort: 8080, protocol: 'tcp', hostPort: 0, hostIp: '127.0.0.1' }],
    flagHash: '',
    createdAt: now,
    startedAt: now,
    expiresAt: now + 600_000,
    extensions: 0,
    endedAt: null,
    error: null,
  };
}

/** Starts the backend and fills it; every engine call fails as unreachable, at once. */
export async function startFuzzBackend(): Promise<FuzzBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-fuzz-'));
  const backend = await startBackend({
    dataDir,
    secretBox: plainTextSecretBox,
    background: false,
    env: { DOCKER_HOST: `unix://${join(dataDir, 'no-engine.sock')}` },
  });
  const { store } = backend;
  const [host] = store.hosts.list();
  if (!host) throw new Error('The backend added no local host');

  const web = store.challenges.create(
    challengeInputSchema.parse({
      name: 'Fuzz web',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      env: { GREETING: 'hello' },
    }),
  );
  const filed = store.challenges.create(
    challengeInputSchema.parse({
      name: 'Fuzz file flag',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080 }],
      flag: { delivery: 'file', filePath: '/srv/flag.txt' },
    }),
  );
  const teams = ['Alpha', 'Bravo 🚩', '$(touch /tmp/berth-fuzz-pwned)'].map((name) =>
    store.teams.add({ name, extra: {} }),
  );

  const instances: Instance[] = [];
  const now = Date.now();
  const plan: [string, string, Instance['status']][] = [
    [web.id, teams[0]?.id ?? '', 'running'],
    [web.id, teams[1]?.id ?? '', 'stopped'],
    [filed.id, teams[0]?.id ?? '', 'unknown'],
  ];
  for (const [challengeId, teamId, status] of plan) {
    const draft = liveInstance(
      { id: randomUUID(), challengeId, teamId, hostId: host.id, status },
      now,
    );
    const { instance } = store.instances.insertWithPorts(draft, {
      hostId: host.id,
      count: 1,
      range: host.portRange,
      exclude: new Set(),
      random: () => 0.5,
    });
    instances.push(store.instances.update(instance.id, { status }));
  }

  const known = [
    host.id,
    'auto',
    web.id,
    filed.id,
    ...teams.flatMap((team) => [team.id, team.name]),
    ...instances.map((instance) => instance.id),
  ];
  return {
    backend,
    file: join(dataDir, 'berth.db'),
    known,
    async dispose() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
