import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodResult } from '../../shared/api';
import type { LaunchOutcome } from '../../shared/views';
import { startBackend } from '../../electron/app/start-backend';
import type { StartedBackend } from '../../electron/app/start-backend';
import { plainTextSecretBox } from '../../electron/store/key-file-secret-box';
import { engineProblems } from './consistency';
import { faultDocker, startFaultEngine, stopFaultEngineNow } from './fault-engine';
import { faultCount, seededRandom, suiteSeed } from './fault-seed';

const seed = suiteSeed('engine restart');
const random = seededRandom(seed);
// This file's host ports: 46100-46149.
const band = { start: 46100, end: 46149 };
const teamCount = 16;

// The engine stops once a seeded number of launches have made their container: the rest are in
// flight, before or after their own create.
const stopAfter = 2 + Math.floor(random() * 6);
let created = 0;

let backend: StartedBackend;
let dataDir: string;
let hostId: string;

async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
  const response = await backend.api.invoke(method, input);
  if (!response.ok) throw new Error(`${method}: ${response.error.kind} ${response.error.message}`);
  return response.result as MethodResult<M>;
}

async function answers(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  return response.text();
}

beforeAll(async () => {
  const engine = await startFaultEngine();
  dataDir = mkdtempSync(join(tmpdir(), 'berth-engine-restart-'));
  backend = await startBackend({
    dataDir,
    secretBox: plainTextSecretBox,
    background: false,
    env: { DOCKER_HOST: engine },
    hooks: {
      afterContainerCreated: () => {
        created += 1;
        if (created === stopAfter) stopFaultEngineNow();
      },
    },
  });
  const [local] = backend.store.hosts.list();
  if (!local) throw new Error('The backend added no local host');
  hostId = local.id;
  backend.store.hosts.update(local.id, { ...local, portRange: band });
});

afterAll(async () => {
  await startFaultEngine();
  const docker = faultDocker();
  const left = await docker.listContainers({ all: true, filters: { label: ['berth.managed'] } });
  await Promise.all(
    left.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
  faultCount.report('engine restart');
});

describe('the engine stops in the middle of a burst of launches and starts again', () => {
  it('leaves every team with a running instance or a clear failure, nothing untracked, no stray port', async () => {
    const challenge = await call('challenges.create', {
      name: 'Burst',
      image: 'berth-test/web:1.0',
    });
    for (let i = 1; i <= teamCount; i += 1) await call('teams.add', { name: `Team ${i}` });

    faultCount.add();
    const burst = await call('instances.launchAll', { challengeId: challenge.id });
    await startFaultEngine();
    const reports = await call('instances.reconcile', {});

    const outcomes = burst.outcomes;
    const failed = outcomes.filter((o: LaunchOutcome) => o.error !== null);
    expect(outcomes).toHaveLength(teamCount);
    expect(failed.length).toBeGreaterThan(0);
    for (const outcome of failed) {
      expect(outcome.error?.kind).not.toBe('internal');
      expect(outcome.error?.message).not.toBe('');
    }
    expect(reports[0]?.errors).toEqual([]);
    expect(await engineProblems(backend.store, faultDocker(), hostId)).toEqual([]);

    const live = await call('instances.list', {});
    for (const team of await call('teams.list', {})) {
      const instance = live.find((i) => i.teamId === team.id);
      const outcome = outcomes.find((o) => o.teamId === team.id);
      if (instance) {
        expect(instance.status).toBe('running');
        const [port] = instance.ports;
        expect(await answers(port?.hostPort ?? 0)).toContain('berth test challenge');
      } else {
        expect(outcome?.error, `${team.name} has neither an instance nor a failure`).not.toBe(null);
      }
    }
    const verified = await call('audit.verify', {});
    expect(verified.ok).toBe(true);

    // Launching again gives the teams that failed an instance, on ports nobody else holds.
    const again = await call('instances.launchAll', { challengeId: challenge.id });
    expect(again.outcomes.filter((o) => o.error !== null)).toEqual([]);
    const all = await call('instances.list', {});
    expect(all.filter((i) => i.status === 'running')).toHaveLength(teamCount);
    expect(new Set(all.map((i) => i.ports[0]?.hostPort)).size).toBe(teamCount);
    expect(await engineProblems(backend.store, faultDocker(), hostId)).toEqual([]);
  });
});
