import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

describe('the event readiness check on the real engine', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    // Three ports for five teams: too small on purpose.
    backend = await startTestBackend({ start: 44300, end: 44302 });
    await backend.call('teams.import', { csv: 'Ada\nBea\nCy\nDee\nEve', hasHeader: false });
    await backend.call('challenges.create', {
      name: 'Web ready',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      limits: { memory: '64m', cpus: 0.2, pids: 32 },
    });
    await backend.call('challenges.create', {
      name: 'Never built',
      image: 'berth-authoring/never-built:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      limits: { memory: '64m', cpus: 0.2, pids: 32 },
    });
    await backend.call('challenges.create', {
      name: 'Wrong ports',
      image: 'berth-test/multi:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      limits: { memory: '64m', cpus: 0.2, pids: 32 },
    });
  });

  afterAll(async () => {
    await backend.dispose();
  });

  it('fails a missing image and a too-small port range with reasons, and passes a trial that answers', async () => {
    const report = await backend.call('readiness.check', { trial: true });

    expect(report.ok).toBe(false);
    expect(report.teams).toBe(5);
    const cell = (name: string) => {
      const found = report.rows.find((row) => row.challengeName === name)?.cells[0];
      if (!found) throw new Error(`no cell for ${name}`);
      return found;
    };
    expect(cell('Never built').checks.image).toEqual({
      status: 'fail',
      reason:
        'berth-authoring/never-built:1.0 is not on Local engine; build, load or copy it there',
    });
    expect(cell('Never built').checks.trial.status).toBe('skipped');
    expect(cell('Web ready').checks).toMatchObject({
      image: { status: 'pass' },
      ports: { status: 'pass', reason: 'Exposes 8080/tcp as the challenge publishes' },
      portRange: {
        status: 'fail',
        reason: 'Needs 5 ports (5 teams × 1) but the range 44300–44302 has 3 free',
      },
      memory: { status: 'pass' },
      trial: { status: 'pass', reason: 'Started and answered: 8080/http HTTP 200' },
    });
    expect(cell('Web ready').checks.image.reason).toMatch(/^Present as sha256:[0-9a-f]{12}$/);
    expect(cell('Wrong ports').checks.ports).toEqual({
      status: 'fail',
      reason: 'The image also exposes 9000/tcp, which the challenge does not publish',
    });
    expect(report.hosts[0]?.ports).toEqual({
      status: 'fail',
      reason: 'Needs 15 ports (5 teams × 3) but the range 44300–44302 has 3 free',
    });
    const trials = await bareDocker().listContainers({
      all: true,
      filters: { label: ['berth.trial'] },
    });
    expect(trials.filter((c) => c.Labels['berth.testrun.owner'] !== undefined)).toEqual([]);
  });

  it('exports the report as Markdown and CSV with every reason', async () => {
    const report = await backend.call('readiness.check', { trial: false });

    const markdown = await backend.call('readiness.export', {
      reportId: report.id,
      format: 'markdown',
    });
    const csv = await backend.call('readiness.export', { reportId: report.id, format: 'csv' });

    expect(markdown.fileName).toMatch(/^berth-readiness-.*\.md$/);
    expect(markdown.text).toContain('| Challenge | Local engine |');
    expect(markdown.text).toContain('| Never built | **FAIL** |');
    expect(markdown.text).toContain(
      '| Web ready | Local engine | Port range | **FAIL** | Needs 5 ports (5 teams × 1) but the range 44300–44302 has 3 free |',
    );
    expect(csv.fileName).toMatch(/\.csv$/);
    expect(csv.text.split('\r\n')[0]).toBe('challenge,image,host,check,result,reason');
    expect(csv.text).toContain(
      'Never built,berth-authoring/never-built:1.0,Local engine,image,fail,"berth-authoring/never-built:1.0 is not on Local engine; build, load or copy it there"',
    );
    expect(csv.text).toContain('Web ready,berth-test/web:1.0,Local engine,trial,skipped,');
  });
});
