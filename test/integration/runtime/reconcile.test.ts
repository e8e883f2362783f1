import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bareDocker } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

const crashFixture = fileURLToPath(new URL('./fixtures/crash-after-create.ts', import.meta.url));

/** Runs a launch in another process and kills it with SIGKILL once its container exists. */
function runCrashingLaunch(
  dataDir: string,
  challengeId: string,
  team: string,
): Promise<{ signal: string | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', crashFixture, dataDir, challengeId, team],
      {
        env: process.env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('created')) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      resolve({ signal, stdout });
    });
  });
}

async function crashedSetup(policy: 'adopt' | 'remove', band: { start: number; end: number }) {
  const first = await startTestBackend(band);
  const challenge = await first.call('challenges.create', {
    name: `Crashy ${policy}`,
    image: 'berth-test/web:1.0',
  });
  await first.call('teams.add', { name: 'Crash Test' });
  await first.call('settings.update', { reconcilePolicy: policy });
  const dataDir = first.dataDir;
  await first.close();

  const crash = await runCrashingLaunch(dataDir, challenge.id, 'Crash Test');
  expect(crash.stdout).toContain('created');
  expect(crash.stdout).not.toContain('not killed');
  expect(crash.signal).toBe('SIGKILL');

  const containers = await bareDocker().listContainers({
    all: true,
    filters: { label: [`berth.challenge=${challenge.id}`] },
  });
  expect(containers).toHaveLength(1);
  const again = await startTestBackend(band, { dataDir });
  return { backend: again, challenge, containerId: containers[0]?.Id ?? '' };
}

describe('reconciliation against the real engine', () => {
  const open: TestBackend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.dispose()));
  });

  it('removes a container whose launch was cut off by a crash, and frees its port (policy remove)', async () => {
    const { backend, challenge, containerId } = await crashedSetup('remove', {
      start: 42400,
      end: 42409,
    });
    open.push(backend);
    expect(backend.store.instances.list()[0]?.status).toBe('starting');

    const [report] = await backend.call('instances.reconcile', {});
    expect(report).toMatchObject({ removedUnknown: 1, adopted: 0 });
    await expect(bareDocker().getContainer(containerId).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(
      backend.store.ports.listForHost(backend.hostId).filter((r) => r.instanceId !== null),
    ).toEqual([]);
    const [instance] = backend.store.instances.list({ challengeId: challenge.id });
    expect(instance?.status).toBe('failed');
    const verify = await backend.call('audit.verify', {});
    expect(verify.ok).toBe(true);
  });

  it('adopts a container whose launch was cut off by a crash (policy adopt)', async () => {
    const { backend, containerId } = await crashedSetup('adopt', { start: 42410, end: 42419 });
    open.push(backend);

    const [report] = await backend.call('instances.reconcile', {});
    expect(report).toMatchObject({ adopted: 1, removedUnknown: 0 });
    const [instance] = await backend.call('instances.list', {});
    expect(instance).toMatchObject({ status: 'running', containerId });
    const reserved = backend.store.ports.listForHost(backend.hostId).map((r) => r.port);
    expect(reserved).toEqual(instance?.ports.map((p) => p.hostPort));
  });

  it('marks an instance gone when its container is removed behind Berth’s back', async () => {
    const backend = await startTestBackend({ start: 42420, end: 42429 });
    open.push(backend);
    const challenge = await backend.call('challenges.create', {
      name: 'Vanishing',
      image: 'berth-test/web:1.0',
    });
    await backend.call('teams.add', { name: 'Ghosts' });
    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Ghosts',
    });
    await bareDocker()
      .getContainer(instance?.containerId ?? '')
      .remove({ force: true });

    const [report] = await backend.call('instances.reconcile', {});
    expect(report).toMatchObject({ markedGone: 1 });
    expect(backend.store.instances.get(instance?.id ?? '')?.status).toBe('gone');
    expect(backend.store.ports.listForHost(backend.hostId)).toEqual([]);
    const gone = await backend.call('audit.query', { action: 'reconcile.gone' });
    expect(gone.entries).toHaveLength(1);
  });

  it('removes a labelled container the database does not know (policy remove)', async () => {
    const backend = await startTestBackend({ start: 42430, end: 42439 });
    open.push(backend);
    const stray = await bareDocker().createContainer({
      Image: 'berth-test/noports:1.0',
      Labels: {
        'berth.test': 'true',
        'berth.managed': 'true',
        'berth.instance': '00000000-0000-4000-8000-000000000000',
        'berth.challenge': 'nope',
        'berth.team': 'nope',
        'berth.host': backend.hostId,
        'berth.expires': new Date().toISOString(),
      },
    });
    const [report] = await backend.call('instances.reconcile', {});
    expect(report?.removedUnknown).toBe(1);
    await expect(stray.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
