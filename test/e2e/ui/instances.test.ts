// The Instances screen: rows, filtering, sorting, countdown, live updates, flags, keys, 5,000 rows.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { emitEvent, recordedCalls, setResponse } from '../../support/stand-in-berth';
import {
  instanceView,
  instances,
  ok,
  standardResponses,
  withStatus,
} from '../../support/stand-in-fixtures';
import { usePanel } from './harness';

const panel = usePanel();

async function teamsShown(page: Page): Promise<string[]> {
  return page.locator('[data-testid="instance-row"] .cell.team').allInnerTexts();
}

async function openInstances(count = 6, now = Date.now()): Promise<Page> {
  const { page } = await panel.open({ responses: standardResponses(now, count) });
  await page.getByTestId('instance-row').first().waitFor();
  return page;
}

describe('instances screen', () => {
  it('shows a row per instance with team, challenge, host and connection info', async () => {
    const page = await openInstances();

    expect(await page.getByTestId('instance-row').count()).toBe(6);
    const first = page.locator('[data-testid="instance-row"][data-id="inst-0"]');
    const text = await first.innerText();
    expect(text).toContain('team-0000');
    expect(text).toContain('baby-web');
    expect(text).toContain('lab-1');
    expect(text).toContain('http://127.0.0.1:30000/');
    expect(text).toContain('running');
    const open = page.getByRole('link', {
      name: 'Open team-0000 / baby-web (8080) in the browser',
    });
    expect(await open.getAttribute('href')).toBe('http://127.0.0.1:30000/');
    expect(await page.getByTestId('instance-count').innerText()).toBe('6 instances');
  });

  it('narrows the rows to the search text and the status filter', async () => {
    const now = Date.now();
    const list = instances(6, now);
    list[2] = withStatus(list[2] ?? instanceView(2, now), 'stopped');
    const { page } = await panel.open({
      responses: { ...standardResponses(now), 'instances.list': ok(list) },
    });
    await page.getByTestId('instance-row').first().waitFor();

    await page.getByLabel('Search instances').fill('echo-pwn');
    expect(await teamsShown(page)).toEqual(['team-0001', 'team-0005']);
    expect(await page.getByTestId('instance-count').innerText()).toBe('2 of 6 instances');

    await page.getByLabel('Search instances').fill('30003');
    expect(await teamsShown(page)).toEqual(['team-0003']);

    await page.getByLabel('Search instances').fill('');
    await page.getByLabel('Status', { exact: true }).selectOption('stopped');
    expect(await teamsShown(page)).toEqual(['team-0002']);

    await page.getByLabel('Status', { exact: true }).selectOption('any');
    await page.getByLabel('Host', { exact: true }).selectOption({ label: 'lab-2' });
    expect(await teamsShown(page)).toEqual(['team-0001', 'team-0003', 'team-0005']);
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const page = await openInstances();
    expect(await teamsShown(page)).toEqual([
      'team-0000',
      'team-0001',
      'team-0002',
      'team-0003',
      'team-0004',
      'team-0005',
    ]);

    await page.getByRole('button', { name: 'Sort by Team' }).click();
    expect((await teamsShown(page))[0]).toBe('team-0005');
    expect(
      await page.getByRole('columnheader', { name: 'Sort by Team' }).getAttribute('aria-sort'),
    ).toBe('descending');

    await page.getByRole('button', { name: 'Sort by Challenge' }).click();
    expect(await teamsShown(page)).toEqual([
      'team-0000',
      'team-0004',
      'team-0002',
      'team-0001',
      'team-0005',
      'team-0003',
    ]);
  });

  it('counts the time left down every second from the expiry time', async () => {
    const now = Date.UTC(2025, 5, 1, 12, 0, 0);
    const view = instanceView(0, now, { expiresAt: now + 5 * 60_000 });
    const { page } = await panel.open({
      responses: { ...standardResponses(now), 'instances.list': ok([view]) },
      clockAt: now,
    });
    const timeLeft = page.getByTestId('time-left');
    await timeLeft.waitFor();
    expect(await timeLeft.innerText()).toBe('5:00');

    await page.clock.runFor(1000);
    expect(await timeLeft.innerText()).toBe('4:59');

    await page.clock.runFor(60_000);
    expect(await timeLeft.innerText()).toBe('3:59');

    await page.clock.runFor(4 * 60_000);
    expect(await timeLeft.innerText()).toBe('expired');
  });

  it('merges instance.changed events into the table by id', async () => {
    const now = Date.now();
    const page = await openInstances(6, now);

    await emitEvent(page, 'instance.changed', withStatus(instanceView(4, now), 'unknown'));
    await emitEvent(page, 'instance.changed', instanceView(6, now, { teamName: 'team-new' }));

    await page.locator('[data-id="inst-4"] [data-status="unknown"]').waitFor();
    await page.locator('[data-id="inst-6"]').getByText('team-new').waitFor();
    expect(await page.getByTestId('instance-row').count()).toBe(7);

    await emitEvent(page, 'instance.changed', withStatus(instanceView(4, now), 'removed'));
    await page.locator('[data-id="inst-4"]').waitFor({ state: 'detached' });
  });

  it('reveals a flag on request, whole and with a copy button, and asks only once', async () => {
    const page = await openInstances();
    await setResponse(page, 'instances.revealFlag', ok({ flag: 'flag{0123456789abcdef}' }));

    await page.getByRole('button', { name: 'Reveal flag of team-0001 / echo-pwn' }).click();

    const dialog = page.getByTestId('flag-dialog');
    expect(await dialog.getByTestId('flag').innerText()).toBe('flag{0123456789abcdef}');
    await dialog.getByRole('button', { name: 'Copy flag of team-0001 / echo-pwn' }).waitFor();
    await screenshot(page, 'instances-flag-revealed');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Reveal flag of team-0001 / echo-pwn' }).click();
    await dialog.waitFor();
    expect(await recordedCalls(page, 'instances.revealFlag')).toEqual([
      { method: 'instances.revealFlag', input: { id: 'inst-1' } },
    ]);
  });

  it('acts on the row under the keyboard cursor', async () => {
    const page = await openInstances();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await page.locator('.grid-row.active').getAttribute('data-id')).toBe('inst-1');

    await page.keyboard.press('s');
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.getByTestId('confirm-items').innerText()).toBe(
      'team-0001 / echo-pwn on lab-2',
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.keyboard.press('x');
    expect(await page.getByLabel('Select team-0001 / echo-pwn').isChecked()).toBe(true);
  });

  it('renders 5,000 instances with only the visible rows in the page', async () => {
    const page = await openInstances(5000);

    expect(await page.getByTestId('instance-count').innerText()).toBe('5,000 instances');
    const rows = await page.getByTestId('instance-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(80);
    await screenshot(page, 'instances-5000');

    await page.getByTestId('instance-table').evaluate((table) => {
      table.scrollTop = table.scrollHeight;
    });
    await page.locator('[data-id="inst-4999"]').waitFor();
    expect(await page.getByTestId('instance-row').count()).toBeLessThan(80);

    await page.getByLabel('Search instances').fill('team-4321');
    expect(await teamsShown(page)).toEqual(['team-4321']);
  });
});
