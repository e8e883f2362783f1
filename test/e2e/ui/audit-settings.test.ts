// The Audit screen (filters, paging, chain check, export) and Settings (validation, secret storage).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { screenshot } from '../../support/browser';
import { recordedCalls, setResponse } from '../../support/stand-in-berth';
import { appInfo, ok, standardResponses } from '../../support/stand-in-fixtures';
import { usePanel } from './harness';

const panel = usePanel();

describe('audit screen', () => {
  it('filters by action and outcome, pages, and shows a broken chain plainly', async () => {
    const { page } = await panel.open({
      responses: {
        ...standardResponses(Date.now()),
        'audit.verify': ok({
          ok: false,
          checked: 240,
          firstBroken: { id: 17, reason: 'its hash does not match its content' },
        }),
      },
      hash: '#/audit',
    });
    await page.getByTestId('audit-row').first().waitFor();
    expect(await page.getByTestId('chain-status').innerText()).toContain(
      'Chain broken at entry #17: its hash does not match its content',
    );
    expect(await page.getByTestId('audit-range').innerText()).toBe('1–50 of 240');

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByLabel('Action').fill('instances.launch');
    await page.getByLabel('Outcome').selectOption('failed');
    await page.getByRole('button', { name: 'Apply' }).click();

    await expect
      .poll(async () => (await recordedCalls(page, 'audit.query')).map((call) => call.input))
      .toEqual([
        { offset: 0, limit: 50 },
        { offset: 50, limit: 50 },
        { action: 'instances.launch', outcome: 'failed', offset: 0, limit: 50 },
      ]);
    await screenshot(page, 'audit-broken-chain');
  });

  it('exports the filtered log as CSV', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hash: '#/audit',
    });
    await page.getByTestId('audit-row').first().waitFor();
    await setResponse(
      page,
      'audit.export',
      ok({ text: 'id,action\n1,hosts.add\n', fileName: 'berth-audit.csv' }),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);

    expect(download.suggestedFilename()).toBe('berth-audit.csv');
    expect(await readFile(await download.path(), 'utf8')).toBe('id,action\n1,hosts.add\n');
    expect((await recordedCalls(page, 'audit.export'))[0]?.input).toEqual({
      format: 'csv',
      filter: { offset: 0, limit: 1000 },
    });
  });
});

describe('settings screen', () => {
  it('says plainly when secrets are stored in plain text', async () => {
    const { page } = await panel.open({
      responses: {
        ...standardResponses(Date.now()),
        'app.info': ok(
          appInfo({ secretStorage: 'plain-text', mode: 'browser', dataDir: '/srv/berth' }),
        ),
      },
      hash: '#/settings',
    });
    const secrets = page.getByTestId('secret-storage');
    await secrets.waitFor();
    expect(await secrets.getAttribute('role')).toBe('alert');
    expect(await secrets.innerText()).toContain('Not encrypted: secrets are stored in plain text');
    await screenshot(page, 'settings-plain-text');
  });

  it('shows settings errors beside their fields and saves valid ones', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hash: '#/settings',
    });
    const reaper = page.getByLabel('Reaper interval (seconds)');
    await reaper.waitFor();

    await reaper.fill('0');
    await page.getByLabel('Memory').fill('1x');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const error = (name: string): Promise<string> =>
      page.locator(`[data-field="${name}"] [data-testid="field-error"]`).innerText();
    expect(await error('reaperIntervalSeconds')).toBe('Use 1 or more');
    expect(await error('defaultLimits.memory')).toBe('Write memory as a size like 256m or 1g');
    expect(await recordedCalls(page, 'settings.update')).toEqual([]);

    await setResponse(
      page,
      'settings.update',
      ok({
        ...defaultSettings,
        reaperIntervalSeconds: 30,
      }),
    );
    await reaper.fill('30');
    await page.getByLabel('Memory').fill('512m');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    expect((await recordedCalls(page, 'settings.update'))[0]?.input).toMatchObject({
      reaperIntervalSeconds: 30,
      defaultLimits: { memory: '512m', cpus: 0.5, pids: 128 },
    });
  });
});
