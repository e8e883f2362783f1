import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';
import type { EventLog } from './support';
import { buildToEnd, fixture, recordEvents, removeBuiltImages, uniqueTag } from './support';

describe('building a challenge folder on the real engine', () => {
  let backend: TestBackend;
  let events: EventLog;

  beforeAll(async () => {
    backend = await startTestBackend({ start: 44000, end: 44049 });
    events = recordEvents(backend);
  });

  afterAll(async () => {
    events.stop();
    await backend.dispose();
    await removeBuiltImages();
  });

  it('builds the folder with its build args and .dockerignore, then runs it and it answers its probe', async () => {
    const tag = uniqueTag('web-hello');

    const { end, progress } = await buildToEnd(backend, events, {
      contextDir: fixture('web-hello'),
      tag,
      buildArgs: { GREETING: 'hi from a build arg' },
    });

    expect(end).toMatchObject({ status: 'succeeded', tag, error: null, failedStep: null });
    expect(end.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const lines = progress.flatMap((event) => event.lines);
    expect(lines).toContain('Step 1/7 : FROM berth-test/web:1.0');
    expect(progress.filter((event) => event.status === 'running').length).toBeGreaterThan(3);
    const image = await bareDocker().getImage(tag).inspect();
    expect(image.Id).toBe(end.imageId);

    const challenge = await backend.call('challenges.create', {
      name: 'Built hello',
      image: tag,
      ports: [{ port: 8080, protocol: 'http' }],
      limits: { memory: '64m', cpus: 0.2, pids: 32 },
    });
    await backend.call('teams.add', { name: 'Builders' });
    const launched = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Builders',
    });
    const id = launched.instance?.id ?? '';
    let probe = await backend.call('instances.probe', { id });
    for (let attempt = 0; attempt < 40 && !probe.every((p) => p.ok); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      probe = await backend.call('instances.probe', { id });
    }
    expect(probe).toEqual([expect.objectContaining({ ok: true, detail: 'HTTP 200' })]);

    const run = await backend.call('testRuns.start', { image: tag });
    const greeting = await backend.call('testRuns.exec', {
      id: run.id,
      command: ['cat', '/www/greeting.txt'],
    });
    const context = await backend.call('testRuns.exec', {
      id: run.id,
      command: ['ls', '-a', '/ctx'],
    });
    await backend.call('testRuns.remove', { id: run.id });
    expect(greeting.stdout).toBe('hi from a build arg\n');
    expect(context.stdout.split('\n')).toEqual(
      expect.arrayContaining(['Dockerfile', 'index.html', '.dockerignore']),
    );
    expect(context.stdout).not.toContain('secret.txt');
    expect(context.stdout).not.toContain('notes');
  });

  it('names the failing step when a RUN instruction fails', async () => {
    const tag = uniqueTag('broken-run');

    const { end } = await buildToEnd(backend, events, {
      contextDir: fixture('web-broken-run'),
      tag,
    });

    expect(end.status).toBe('failed');
    expect(end.failedStep).toEqual({ index: 3, total: 4, instruction: 'RUN /bin/false' });
    expect(end.failure).toContain('returned a non-zero code: 1');
    expect(end.error).toEqual({
      kind: 'engine',
      message: `The build of ${tag} failed at step 3/4 (RUN /bin/false); the build log says why.`,
    });
    await expect(bareDocker().getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('names the failing step when COPY finds no such file in the folder', async () => {
    const { end } = await buildToEnd(backend, events, {
      contextDir: fixture('web-broken-copy'),
      tag: uniqueTag('broken-copy'),
    });

    expect(end.status).toBe('failed');
    expect(end.failedStep).toEqual({
      index: 3,
      total: 4,
      instruction: 'COPY missing-file /www/',
    });
    expect(end.failure).toContain('missing-file');
  });

  it('cancels a running build and leaves no image and no build container behind', async () => {
    const tag = uniqueTag('slow');
    const { buildId } = await backend.call('images.build', {
      contextDir: fixture('web-slow'),
      tag,
    });
    await events.next(
      'build.progress',
      (e) => e.buildId === buildId && e.lines.includes('started'),
    );

    expect(await backend.call('images.cancelBuild', { buildId })).toEqual({ cancelled: true });
    const end = await events.next(
      'build.progress',
      (e) => e.buildId === buildId && e.status !== 'running',
    );

    expect(end.status).toBe('cancelled');
    expect(end.error?.kind).toBe('cancelled');
    await expect(bareDocker().getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const jobs = await backend.call('images.jobs', {});
    expect(jobs.builds.find((b) => b.buildId === buildId)?.log).toContain('started');
    const buildContainers = async (): Promise<string[]> =>
      (
        await bareDocker().listContainers({
          all: true,
          filters: { label: ['berth.test.suite=authoring'] },
        })
      )
        .filter((container) => container.Command.includes('sleep 60'))
        .map((container) => container.Id);
    let left = await buildContainers();
    for (let attempt = 0; attempt < 100 && left.length > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await buildContainers();
    }
    expect(left).toEqual([]);
  });

  it('refuses a folder without a Dockerfile before anything reaches the engine', async () => {
    await expect(
      backend.call('images.build', { contextDir: fixture('web-hello/notes'), tag: 'x:1' }),
    ).rejects.toMatchObject({
      info: { kind: 'not-found', field: 'dockerfile', message: 'The folder has no Dockerfile' },
    });
    await expect(
      backend.call('images.build', { contextDir: 'relative/path', tag: 'x:1' }),
    ).rejects.toMatchObject({ info: { kind: 'invalid-input', field: 'contextDir' } });
  });
});
