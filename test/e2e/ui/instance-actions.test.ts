// Acting on instances: confirmations that list what goes, extend, launch and probe.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { recordedCalls, setResponse } from '../../support/stand-in-berth';
import { instanceView, ok, standardResponses, withStatus } from '../../support/stand-in-fixtures';
import { usePanel } from './harness';

const panel = usePanel();

async function openInstances(count = 6, now = Date.now()): Promise<Page> {
  const { page } = await panel.open({ responses: standardResponses(now, count) });
  await page.getByTestId('instance-row').first().waitFor();
  return page;
}

describe('instance actions', () => {
  it('asks before removing the selection and lists every instance that goes', async () => {
    const page = await openInstances();
    await page.getByLabel('Select team-0001 / echo-pwn').check();
    await page.getByLabel('Select team-0003 / rev-me').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Remove' }).click();

    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('confirm-items').locator('li').allInnerTexts()).toEqual([
      'team-0001 / echo-pwn on lab-2',
      'team-0003 / rev-me on lab-2',
    ]);
    expect(await dialog.getByRole('heading').innerText()).toBe('Remove 2 instances?');
    await screenshot(page, 'instances-confirm-remove');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await recordedCalls(page, 'instances.remove')).toEqual([]);

    await setResponse(
      page,
      'instances.remove',
      ok(withStatus(instanceView(1, Date.now()), 'removed')),
    );
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Remove' }).click();
    await dialog.getByRole('button', { name: 'Remove 2 instances' }).click();
    await expect
      .poll(async () => (await recordedCalls(page, 'instances.remove')).map((c) => c.input))
      .toEqual(expect.arrayContaining([{ id: 'inst-1' }, { id: 'inst-3' }]));
  });

  it('asks before stopping one instance from its row', async () => {
    const page = await openInstances();
    await page.getByRole('button', { name: 'Stop team-0002 / crypto-101' }).click();

    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.getByTestId('confirm-items').innerText()).toBe(
      'team-0002 / crypto-101 on lab-1',
    );
    await setResponse(
      page,
      'instances.stop',
      ok(withStatus(instanceView(2, Date.now()), 'stopped')),
    );
    await dialog.getByRole('button', { name: 'Stop 1 instance' }).click();

    const row = page.locator('[data-testid="instance-row"][data-id="inst-2"]');
    await row.locator('[data-status="stopped"]').waitFor();
    expect(await recordedCalls(page, 'instances.stop')).toEqual([
      { method: 'instances.stop', input: { id: 'inst-2' } },
    ]);
  });

  it('extends an instance straight away and shows the new expiry', async () => {
    const now = Date.now();
    const page = await openInstances(6, now);
    const extended = instanceView(0, now, { expiresAt: now + 90 * 60_000, extensions: 1 });
    await setResponse(page, 'instances.extend', ok(extended));

    await page.getByRole('button', { name: 'Extend team-0000 / baby-web' }).click();

    const row = page.locator('[data-testid="instance-row"][data-id="inst-0"]');
    await row.getByText('+1/2').waitFor();
    expect(await row.getByTestId('time-left').innerText()).toMatch(/^1:(30|29):\d\d$/);
    expect(await recordedCalls(page, 'instances.extend')).toEqual([
      { method: 'instances.extend', input: { id: 'inst-0' } },
    ]);
  });

  it('launches one challenge for one team from the launch dialog', async () => {
    const now = Date.now();
    const page = await openInstances(6, now);
    const launched = instanceView(6, now, { teamName: 'kappa', challengeName: 'echo-pwn' });
    await setResponse(
      page,
      'instances.launch',
      ok({ teamId: 'team-6', teamName: 'kappa', instance: launched, error: null, existing: false }),
    );

    await page.keyboard.press('n');
    const dialog = page.getByTestId('launch-dialog');
    await dialog.getByLabel('Challenge').selectOption({ label: 'echo-pwn' });
    await dialog.getByLabel('Team').fill('kappa');
    await dialog.getByRole('button', { name: 'Launch', exact: true }).click();

    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-id="inst-6"]').getByText('kappa').waitFor();
    expect(await recordedCalls(page, 'instances.launch')).toEqual([
      { method: 'instances.launch', input: { challengeId: 'ch-1', team: 'kappa' } },
    ]);
  });

  it('shows the probe of each published port', async () => {
    const page = await openInstances();
    await setResponse(
      page,
      'instances.probe',
      ok([
        {
          containerPort: 8080,
          hostPort: 30001,
          protocol: 'tcp',
          ok: false,
          detail: 'connection refused',
        },
      ]),
    );

    await page.getByRole('button', { name: 'Probe team-0001 / echo-pwn' }).click();

    const dialog = page.getByTestId('probe-dialog');
    await dialog.getByText('connection refused').waitFor();
    expect(await dialog.innerText()).toContain('30001 → 8080/tcp');
  });
});
