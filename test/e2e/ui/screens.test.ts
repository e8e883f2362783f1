// Teams (launch for all with progress, roster import), Hosts (form, test) and Images (inspect).
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { emitEvent, recordedCalls, releaseHeld, setResponse } from '../../support/stand-in-berth';
import {
  hostView,
  image,
  instanceView,
  ok,
  standardResponses,
} from '../../support/stand-in-fixtures';
import type { LaunchOutcome } from '../../../shared/views';
import { usePanel } from './harness';

const panel = usePanel();

function outcome(index: number, now: number): LaunchOutcome {
  const instance = instanceView(index, now);
  return {
    teamId: instance.teamId,
    teamName: instance.teamName,
    instance,
    error: null,
    existing: false,
  };
}

describe('teams screen', () => {
  it('launches a challenge for every team and shows progress from events', async () => {
    const now = Date.now();
    const { page } = await panel.open({
      responses: standardResponses(now),
      hash: '#/teams',
      hold: ['instances.launchAll'],
    });
    await page.getByTestId('team-row').first().waitFor();
    await page.getByLabel('Challenge', { exact: true }).selectOption({ label: 'baby-web' });
    await page.getByRole('button', { name: 'Launch for 12 teams' }).click();

    const progress = page.getByTestId('launch-progress');
    await progress.waitFor();
    for (const done of [1, 2]) {
      await emitEvent(page, 'launch.progress', {
        batchId: 'batch-1',
        challengeId: 'ch-0',
        done,
        total: 3,
        outcome: outcome(done - 1, now),
      });
    }
    await emitEvent(page, 'launch.progress', {
      batchId: 'batch-1',
      challengeId: 'ch-0',
      done: 3,
      total: 3,
      outcome: {
        teamId: 'team-2',
        teamName: 'team-0002',
        instance: null,
        error: { kind: 'port-in-use', message: 'No free port left on lab-1' },
        existing: false,
      },
    });
    await progress.getByText('3 of 3 teams · 1 failed').waitFor();
    expect(await progress.getByTestId('launch-outcome').count()).toBe(3);
    expect(await progress.innerText()).toContain('No free port left on lab-1');
    await screenshot(page, 'teams-launch-progress');

    await setResponse(
      page,
      'instances.launchAll',
      ok({ batchId: 'batch-1', outcomes: [outcome(0, now), outcome(1, now)] }),
    );
    await releaseHeld(page, 'instances.launchAll');
    await progress.getByRole('heading', { name: 'Launched baby-web' }).waitFor();
    expect(await recordedCalls(page, 'instances.launchAll')).toEqual([
      { method: 'instances.launchAll', input: { challengeId: 'ch-0' } },
    ]);
  });

  it('imports a roster CSV with its header setting', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hash: '#/teams',
    });
    await page.getByTestId('team-row').first().waitFor();
    await setResponse(page, 'teams.import', ok({ added: 2, skipped: [] }));

    await page.getByLabel('CSV has a header line').check();
    await page.getByLabel('Roster CSV file').setInputFiles({
      name: 'teams.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,country\nkappa,FR\nlambda,DE\n'),
    });

    await page.getByText('Imported 2 teams').waitFor();
    expect(await recordedCalls(page, 'teams.import')).toEqual([
      {
        method: 'teams.import',
        input: { csv: 'name,country\nkappa,FR\nlambda,DE\n', hasHeader: true },
      },
    ]);
  });
});

describe('hosts screen', () => {
  it('checks the host form beside each field, then adds the host', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hash: '#/hosts',
    });
    await page.getByTestId('host-card').first().waitFor();
    await page.getByRole('button', { name: 'Add host' }).click();
    const form = page.getByTestId('host-form');

    await form.getByLabel('Connection').selectOption('tls');
    await form.getByLabel('First port').fill('40000');
    await form.getByLabel('Last port').fill('39000');
    await form.getByRole('button', { name: 'Add host' }).click();

    const error = (name: string): Promise<string> =>
      form.locator(`[data-field="${name}"] [data-testid="field-error"]`).innerText();
    expect(await error('name')).toBe('A host needs a name');
    expect(await error('connection.host')).toBe('An address is needed');
    expect(await error('portRange.end')).toBe('The range must start at or below its end');
    await screenshot(page, 'host-form-errors');

    await setResponse(page, 'hosts.add', ok(hostView({ id: 'host-3', name: 'lab-3' })));
    await form.getByLabel('Name', { exact: true }).fill('lab-3');
    await form.getByLabel('Address', { exact: true }).fill('10.0.0.7');
    await form.getByLabel('Last port').fill('40999');
    await form.getByRole('button', { name: 'Add host' }).click();
    await form.waitFor({ state: 'detached' });

    const [call] = await recordedCalls(page, 'hosts.add');
    expect(call?.input).toMatchObject({
      name: 'lab-3',
      connection: { kind: 'tls', host: '10.0.0.7', port: 2376 },
      portRange: { start: 40000, end: 40999 },
    });
    expect(await page.getByTestId('host-card').count()).toBe(3);
  });

  it('shows a connection test result on the host card', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hash: '#/hosts',
    });
    await setResponse(
      page,
      'hosts.test',
      ok({
        ok: false,
        version: null,
        apiVersion: null,
        error: {
          kind: 'tls',
          message: 'The certificate of 10.0.0.5 is not signed by the given CA',
        },
      }),
    );
    await page.getByRole('button', { name: 'Test lab-2' }).click();
    const result = page.getByTestId('host-test-result');
    await result.waitFor();
    expect(await result.innerText()).toBe(
      'The certificate of 10.0.0.5 is not signed by the given CA',
    );
  });
});

describe('images screen', () => {
  it('inspects an image and starts a challenge from it', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hash: '#/images',
    });
    await page.getByTestId('image-table').waitFor();
    await setResponse(page, 'images.inspect', ok(image({ digests: ['sha256:feed'] })));

    await page.getByRole('button', { name: 'Inspect berth-test/web:1.0' }).click();
    const details = page.getByTestId('image-details');
    await details.getByText('sha256:feed').waitFor();
    expect((await recordedCalls(page, 'images.inspect'))[0]?.input).toEqual({
      ref: 'berth-test/web:1.0',
    });
    await details.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'New challenge from berth-test/multi:1.0' }).click();
    const form = page.getByTestId('challenge-form');
    expect(await form.getByLabel('Image', { exact: true }).inputValue()).toBe(
      'berth-test/multi:1.0',
    );
    expect(page.url()).toContain('#/challenges');
  });
});
