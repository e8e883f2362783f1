// The Authoring screen in Chromium against a stand-in bridge: live build log with the failing step,
// test-run ports and probes, a terminal that loads on demand, and the readiness table.
import { describe, expect, it } from 'vitest';
import type { BuildProgress, ReadinessReport, TestRunView } from '../../../shared/authoring';
import { screenshot } from '../../support/browser';
import { emitEvent, recordedCalls } from '../../support/stand-in-berth';
import { hostView, ok } from '../../support/stand-in-fixtures';
import { usePanel } from '../ui/harness';

const panel = usePanel();

const base = {
  'hosts.list': ok([hostView({ id: 'h1', name: 'lab-1' })]),
  'images.jobs': ok({ builds: [], transfers: [] }),
  'testRuns.list': ok([]),
};

function progress(overrides: Partial<BuildProgress>): BuildProgress {
  return {
    buildId: 'b1',
    hostId: 'h1',
    tag: 'ctf/web:1.0',
    status: 'running',
    lines: [],
    step: null,
    imageId: null,
    failedStep: null,
    failure: null,
    error: null,
    ...overrides,
  };
}

describe('the Authoring screen', () => {
  it('starts a build, shows its log live and marks the step that failed', async () => {
    const { page, pageErrors } = await panel.open({
      responses: { ...base, 'images.build': ok({ buildId: 'b1' }) },
      hash: '#/authoring',
    });
    await page.getByRole('heading', { level: 1, name: 'Authoring' }).waitFor();

    await page.getByLabel('Challenge folder').fill('/srv/challenges/web');
    await page.getByLabel('Tag', { exact: true }).fill('ctf/web:1.0');
    await page.getByLabel('Build arguments').fill('GREETING=hi');
    await page.getByTestId('build-start').click();
    await emitEvent(
      page,
      'build.progress',
      progress({
        lines: ['Step 1/2 : FROM web', 'Step 2/2 : RUN make'],
        step: { index: 2, total: 2, instruction: 'RUN make' },
      }),
    );
    await page.getByText('Step 2 of 2').waitFor();
    await emitEvent(
      page,
      'build.progress',
      progress({
        status: 'failed',
        lines: ['make: no rule'],
        failedStep: { index: 2, total: 2, instruction: 'RUN make' },
        failure: 'The command returned a non-zero code: 2',
        error: {
          kind: 'engine',
          message: 'The build of ctf/web:1.0 failed at step 2/2 (RUN make)',
        },
      }),
    );
    await page.getByRole('alert').waitFor();

    expect(await page.locator('.failed-step').innerText()).toBe('Step 2/2 : RUN make\n');
    expect(await page.getByRole('alert').innerText()).toContain('failed at step 2/2 (RUN make)');
    const [call] = await recordedCalls(page, 'images.build');
    expect(call?.input).toMatchObject({
      contextDir: '/srv/challenges/web',
      tag: 'ctf/web:1.0',
      buildArgs: { GREETING: 'hi' },
    });
    await screenshot(page, 'authoring-build-failed');
    expect(pageErrors).toEqual([]);
  });

  it('lists a test-run with its ports, probes them and opens a terminal on demand', async () => {
    const run: TestRunView = {
      id: 'r1',
      hostId: 'h1',
      hostName: 'lab-1',
      image: 'berth-test/multi:1.0',
      imageId: 'sha256:abc',
      containerId: 'c1',
      containerName: 'berth-testrun-multi-r1',
      ports: [
        { containerPort: 8080, protocol: 'http', hostIp: '127.0.0.1', hostPort: 32768 },
        { containerPort: 9000, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 32769 },
      ],
      startedAt: Date.now(),
      state: 'running',
    };
    const { page } = await panel.open({
      responses: {
        ...base,
        'testRuns.list': ok([run]),
        'testRuns.probe': ok([
          { containerPort: 8080, hostPort: 32768, protocol: 'http', ok: true, detail: 'HTTP 200' },
          {
            containerPort: 9000,
            hostPort: 32769,
            protocol: 'tcp',
            ok: false,
            detail: 'Connection refused',
          },
        ]),
      },
      hash: '#/authoring',
    });

    await page.getByTestId('authoring-tab-testrun').click();
    await page.getByTestId('testrun').waitFor();
    await page.getByRole('button', { name: 'Probe ports' }).click();
    await page.getByText('Connection refused').waitFor();
    await page.getByRole('button', { name: 'Shell' }).click();
    await page.getByTestId('terminal').waitFor();

    expect(await page.getByTestId('testrun').innerText()).toContain('127.0.0.1:32768');
    expect(await page.locator('.xterm').count()).toBe(1);
    expect(await recordedCalls(page, 'terminal.open')).toEqual([
      { method: 'terminal.open', input: expect.objectContaining({ runId: 'r1' }) as unknown },
    ]);
  });

  it('shows the readiness table with a reason for every failed check', async () => {
    const report: ReadinessReport = {
      id: 'rep1',
      checkedAt: Date.now(),
      teams: 40,
      ok: false,
      hosts: [
        {
          hostId: 'h1',
          hostName: 'lab-1',
          reachable: true,
          memoryBytes: 8 * 1024 ** 3,
          portRange: { start: 30000, end: 30009 },
          ports: {
            status: 'fail',
            reason: 'Needs 40 ports (40 teams × 1) but the range 30000–30009 has 10 free',
          },
          memory: { status: 'pass', reason: 'Needs 2.5g (40 teams × 64m); lab-1 has 8g' },
        },
      ],
      rows: [
        {
          challengeId: 'c1',
          challengeName: 'Never built',
          image: 'ctf/never:1.0',
          cells: [
            {
              hostId: 'h1',
              ok: false,
              checks: {
                image: {
                  status: 'fail',
                  reason: 'ctf/never:1.0 is not on lab-1; build, load or copy it there',
                },
                ports: { status: 'skipped', reason: 'No image to read the exposed ports from' },
                portRange: {
                  status: 'fail',
                  reason: 'Needs 40 ports (40 teams × 1) but the range 30000–30009 has 10 free',
                },
                memory: { status: 'pass', reason: 'Needs 2.5g (40 teams × 64m); lab-1 has 8g' },
                trial: {
                  status: 'skipped',
                  reason: 'Not run: the image is not right on this host',
                },
              },
            },
          ],
        },
      ],
    };
    const { page } = await panel.open({
      responses: { ...base, 'readiness.check': ok(report) },
      hash: '#/authoring',
    });

    await page.getByTestId('authoring-tab-readiness').click();
    await page.getByTestId('readiness-run').click();
    await page.getByTestId('readiness-cell').waitFor();

    const cell = await page.getByTestId('readiness-cell').innerText();
    expect(cell).toContain('FAIL');
    expect(cell).toContain('ctf/never:1.0 is not on lab-1; build, load or copy it there');
    expect(cell).toContain('the range 30000–30009 has 10 free');
    expect(await page.getByRole('status').first().innerText()).toContain('Not ready for 40 teams');
    await screenshot(page, 'authoring-readiness');
  });
});
